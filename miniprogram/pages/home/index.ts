import type { Banner, Category, Home, LiveBrief, ProductSummary } from '../../../typings/contract/index';
import type { LiveCardItem } from '../../components/live-card/index';
import type { ProductCardItem, ProductCardSelect } from '../../components/product-card/index';
import { assetUrl } from '../../services/call';
import { getHome, listProducts } from '../../services/catalog';
import { instanceState } from '../../utils/instance-state';
import { openPath } from '../../utils/nav';
import { errorText } from '../../utils/errors';
import { changes, isEmpty } from '../../utils/set-data';

const PAGE_SIZE = 10;

type HomeState = 'loading' | 'ready' | 'error';
type GridState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

interface CategoryItem {
  _id: string;
  name: string;
  icon: string;
}

const bannerView = (b: Banner) => ({ _id: b._id, title: b.title, path: b.path, image: assetUrl(b.image) });
const liveView = (l: LiveBrief | null): LiveCardItem | null => (l ? { ...l, cover: assetUrl(l.cover) } : null);
const categoryView = (c: Category): CategoryItem => ({ _id: c._id, name: c.name, icon: assetUrl(c.icon) });
const productView = (p: ProductSummary): ProductCardItem => ({
  _id: p._id,
  title: p.title,
  subtitle: p.subtitle,
  image: assetUrl(p.image),
  priceFen: p.priceFen,
  originalPriceFen: p.originalPriceFen,
  sales: p.sales,
  stock: p.stock,
});

/** Request bookkeeping: a newer list request makes older answers stale. */
const local = instanceState(() => ({ listToken: 0, page: 0, total: 0 }));

Component({
  data: {
    state: 'loading' as HomeState,
    errorMessage: '',
    banners: [] as Array<ReturnType<typeof bannerView>>,
    live: null as LiveCardItem | null,
    categories: [] as CategoryItem[],
    activeCategory: '',
    products: [] as ProductCardItem[],
    gridState: 'loading' as GridState,
    gridError: '',
    moreState: 'idle' as MoreState,
  },
  methods: {
    onLoad() {
      void this.reload();
    },

    onPullDownRefresh() {
      void this.reload().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** Home sections and the first page of products, together. */
    async reload(): Promise<void> {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      await Promise.all([this.loadHome(), this.loadFirstPage()]);
    },

    async loadHome(): Promise<void> {
      let home: Home;
      try {
        home = await getHome();
      } catch (e) {
        // a failed refresh keeps what is shown; a failed first load shows the error state
        if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
        return;
      }
      const patch = changes(this.data, {
        state: 'ready' as HomeState,
        banners: home.banners.map(bannerView),
        live: liveView(home.live),
        categories: home.categories.map(categoryView),
      });
      if (!isEmpty(patch)) this.setData(patch);
    },

    async loadFirstPage(): Promise<void> {
      const token = ++local(this).listToken;
      if (this.data.gridState !== 'loading') this.setData({ gridState: 'loading', gridError: '' });
      try {
        const result = await listProducts(this.query(1));
        if (token !== local(this).listToken) return;
        local(this).page = 1;
        local(this).total = result.total;
        this.setData({
          products: result.items.map(productView),
          gridState: result.items.length ? 'ready' : 'empty',
          moreState: result.items.length >= result.total ? 'done' : 'idle',
        });
      } catch (e) {
        if (token !== local(this).listToken) return;
        this.setData({ products: [], gridState: 'error', gridError: errorText(e), moreState: 'idle' });
      }
    },

    async loadMore(): Promise<void> {
      if (this.data.gridState !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
      const state = local(this);
      const token = state.listToken;
      const next = state.page + 1;
      this.setData({ moreState: 'loading' });
      try {
        const result = await listProducts(this.query(next));
        if (token !== state.listToken) return;
        state.page = next;
        state.total = result.total;
        const start = this.data.products.length;
        const count = start + result.items.length;
        // append by path: only the new items travel through setData
        const patch: Record<string, unknown> = { moreState: result.items.length === 0 || count >= result.total ? 'done' : 'idle' };
        result.items.forEach((item, i) => {
          patch[`products[${start + i}]`] = productView(item);
        });
        this.setData(patch);
      } catch {
        if (token !== state.listToken) return;
        this.setData({ moreState: 'error' });
      }
    },

    query(page: number) {
      const categoryId = this.data.activeCategory;
      return categoryId ? { categoryId, page, pageSize: PAGE_SIZE } : { page, pageSize: PAGE_SIZE };
    },

    onRetry() {
      void this.reload();
    },

    onRetryGrid() {
      void this.loadFirstPage();
    },

    onRetryMore() {
      void this.loadMore();
    },

    onCategoryTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id ?? '';
      if (id === this.data.activeCategory) return;
      this.setData({ activeCategory: id });
      void this.loadFirstPage();
    },

    /** The category page, on the category chosen here (if any). */
    onOpenCategories() {
      const id = this.data.activeCategory;
      wx.navigateTo({ url: id ? `/pages/category/index?id=${encodeURIComponent(id)}` : '/pages/category/index' });
    },

    onBannerTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { path: string }>) {
      const path = e.currentTarget.dataset.path;
      if (path) openPath(path);
    },

    /** The featured live's countdown reached its start: fetch its new state. */
    onLiveStarted() {
      void this.loadHome();
    },

    onLiveSelect() {
      wx.switchTab({ url: '/pages/live/index' });
    },

    onProductSelect(e: WechatMiniprogram.CustomEvent<ProductCardSelect>) {
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(e.detail.productId)}` });
    },
  },
});
