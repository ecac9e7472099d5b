import type { Category, ProductSummary } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';
import { listCategories, listProducts } from '../../services/catalog';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { yuan } from '../../utils/money';
import type { VantEvent } from '../../utils/vant';

type PageState = 'loading' | 'ready' | 'empty' | 'error';
type ListState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

export const PAGE_SIZE = 10;

interface ProductRow {
  _id: string;
  title: string;
  subtitle: string;
  image: string;
  /** yuan, for van-card */
  price: string;
  originPrice: string;
  soldOut: boolean;
}

const row = (p: ProductSummary): ProductRow => ({
  _id: p._id,
  title: p.title,
  subtitle: p.subtitle,
  image: assetUrl(p.image),
  price: yuan(p.priceFen),
  originPrice: p.originalPriceFen > p.priceFen ? yuan(p.originalPriceFen) : '',
  soldOut: p.stock <= 0,
});

/** Request bookkeeping: a newer list request makes older answers stale. */
const local = instanceState(() => ({ categories: [] as Category[], wanted: '', token: 0, page: 0, total: 0 }));

/** 分类: categories on the left, the chosen category's products on the right, loaded as it scrolls. */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    categories: [] as Array<{ _id: string; name: string }>,
    activeIndex: 0,
    products: [] as ProductRow[],
    listState: 'loading' as ListState,
    listError: '',
    moreState: 'idle' as MoreState,
    scrollTop: 0,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).wanted = options.id ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      let categories: Category[];
      try {
        categories = await listCategories();
      } catch (e) {
        this.setData({ state: 'error', errorMessage: errorText(e) });
        return;
      }
      const state = local(this);
      state.categories = categories;
      if (!categories.length) {
        this.setData({ state: 'empty' });
        return;
      }
      const wanted = categories.findIndex((c) => c._id === state.wanted);
      this.setData({
        state: 'ready',
        categories: categories.map((c) => ({ _id: c._id, name: c.name })),
        activeIndex: wanted >= 0 ? wanted : 0,
      });
      await this.loadFirstPage();
    },

    activeId(): string {
      return local(this).categories[this.data.activeIndex]?._id ?? '';
    },

    async loadFirstPage(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      this.setData({ listState: 'loading', listError: '', products: [], moreState: 'idle', scrollTop: 0 });
      try {
        const result = await listProducts({ categoryId: this.activeId(), page: 1, pageSize: PAGE_SIZE });
        if (token !== state.token) return;
        state.page = 1;
        state.total = result.total;
        this.setData({
          products: result.items.map(row),
          listState: result.items.length ? 'ready' : 'empty',
          moreState: result.items.length >= result.total ? 'done' : 'idle',
        });
      } catch (e) {
        if (token !== state.token) return;
        this.setData({ listState: 'error', listError: errorText(e) });
      }
    },

    async loadMore(): Promise<void> {
      if (this.data.listState !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
      const state = local(this);
      const token = state.token;
      const next = state.page + 1;
      this.setData({ moreState: 'loading' });
      try {
        const result = await listProducts({ categoryId: this.activeId(), page: next, pageSize: PAGE_SIZE });
        if (token !== state.token) return;
        state.page = next;
        state.total = result.total;
        const start = this.data.products.length;
        const count = start + result.items.length;
        // append by path: only the new rows travel through setData
        const patch: Record<string, unknown> = { moreState: result.items.length === 0 || count >= result.total ? 'done' : 'idle' };
        result.items.forEach((item, i) => {
          patch[`products[${start + i}]`] = row(item);
        });
        this.setData(patch);
      } catch {
        if (token === state.token) this.setData({ moreState: 'error' });
      }
    },

    onCategoryChange(e: VantEvent<number>) {
      const index = Number(e.detail);
      if (index === this.data.activeIndex || !local(this).categories[index]) return;
      this.setData({ activeIndex: index });
      void this.loadFirstPage();
    },

    onScrollBottom() {
      void this.loadMore();
    },

    onOpenProduct(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onRetry() {
      void this.load();
    },

    onRetryList() {
      void this.loadFirstPage();
    },

    onRetryMore() {
      void this.loadMore();
    },
  },
});
