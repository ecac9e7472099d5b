import type { Banner, Category, Home, LiveBrief, ProductSummary } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import type { LiveCardItem } from '../../components/live-card/index';
import type { ProductCardItem, ProductCardSelect } from '../../components/product-card/index';
import { assetUrl } from '../../services/call';
import { getHome, listProducts } from '../../services/catalog';
import { openPath } from '../../utils/nav';
import { errorText } from '../../utils/errors';
import { SHOP_TITLE, shareWithCode } from '../../utils/share';
import { changes, isEmpty } from '../../utils/set-data';

const PAGE_SIZE = 10;

type HomeState = 'loading' | 'ready' | 'error';

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

/** The product grid under the home sections, with its own loading, empty and error states. */
const grid = pagedListBehavior<ProductSummary, ProductCardItem>({
  list: 'products',
  state: 'gridState',
  error: 'gridError',
  row: productView,
  // the page loads the grid with the sections above it
  lifecycles: ['onReachBottom'],
});

Component({
  behaviors: [grid],
  data: {
    state: 'loading' as HomeState,
    errorMessage: '',
    banners: [] as Array<ReturnType<typeof bannerView>>,
    live: null as LiveCardItem | null,
    categories: [] as CategoryItem[],
    activeCategory: '',
    products: [] as ProductCardItem[],
    gridState: 'loading' as ListState,
    gridError: '',
  },
  methods: {
    onLoad() {
      void this.reload();
    },

    onPullDownRefresh() {
      void this.reload().then(() => wx.stopPullDownRefresh());
    },

    /** Home sections and the first page of products, together. */
    async reload(): Promise<void> {
      if (this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      await Promise.all([this.loadHome(), this.loadFirst()]);
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

    fetchPage(page: number): Promise<ListPage<ProductSummary>> {
      const categoryId = this.data.activeCategory;
      return listProducts(categoryId ? { categoryId, page, pageSize: PAGE_SIZE } : { page, pageSize: PAGE_SIZE });
    },

    onRetry() {
      void this.reload();
    },

    onRetryGrid() {
      void this.loadFirst();
    },

    onCategoryTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id ?? '';
      if (id === this.data.activeCategory) return;
      this.setData({ activeCategory: id });
      void this.loadFirst();
    },

    /** The category page, on the category chosen here (if any). */
    onOpenCategories() {
      const id = this.data.activeCategory;
      wx.navigateTo({ url: id ? `/pages/category/index?id=${encodeURIComponent(id)}` : '/pages/category/index' });
    },

    onOpenSearch() {
      wx.navigateTo({ url: '/pages/search/index' });
    },

    onOpenCouponCenter() {
      wx.navigateTo({ url: '/pages/coupon-center/index' });
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

    /** The shop, with the sharer's code: a new friend arriving through it is bound to the sharer. */
    onShareAppMessage() {
      return shareWithCode({ title: `${SHOP_TITLE}：直播专享价，预约有礼`, path: '/pages/home/index' });
    },

    onShareTimeline() {
      return { title: `${SHOP_TITLE}：直播专享价，预约有礼`, query: '' };
    },
  },
});
