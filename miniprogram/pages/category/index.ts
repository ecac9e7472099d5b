import type { Category, ProductSummary } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { listCategories, listProducts } from '../../services/catalog';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { productRow, type ProductRow } from '../../utils/product-row';
import { SHOP_TITLE, shareWithCode, timelineQuery } from '../../utils/share';
import type { VantEvent } from '../../utils/vant';

type PageState = 'loading' | 'ready' | 'empty' | 'error';

export const PAGE_SIZE = 10;

const local = instanceState(() => ({ categories: [] as Category[], wanted: '' }));

// the list scrolls in its own scroll-view, loaded after the categories: no page lifecycle is its own
const productList = pagedListBehavior<ProductSummary, ProductRow>({ list: 'products', state: 'listState', error: 'listError', row: productRow, lifecycles: [] });

/** 分类: categories on the left, the chosen category's products on the right, loaded as it scrolls. */
Component({
  behaviors: [productList],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    categories: [] as Array<{ _id: string; name: string }>,
    activeIndex: 0,
    products: [] as ProductRow[],
    listState: 'loading' as ListState,
    listError: '',
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

    /** The category shown, with the sharer's code. */
    onShareAppMessage() {
      const category = this.data.categories[this.data.activeIndex];
      const title = category ? `${SHOP_TITLE} · ${category.name}` : SHOP_TITLE;
      return shareWithCode({ title, path: `/pages/category/index?${timelineQuery({ id: category?._id })}` });
    },

    onShareTimeline() {
      const category = this.data.categories[this.data.activeIndex];
      return { title: category ? `${SHOP_TITLE} · ${category.name}` : SHOP_TITLE, query: timelineQuery({ id: category?._id }) };
    },

    /** The chosen category's products from the top. */
    loadFirstPage(): Promise<void> {
      this.setData({ scrollTop: 0 });
      return this.loadFirst();
    },

    fetchPage(page: number): Promise<ListPage<ProductSummary>> {
      return listProducts({ categoryId: this.activeId(), page, pageSize: PAGE_SIZE });
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

    onOpenSearch() {
      wx.navigateTo({ url: '/pages/search/index' });
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
  },
});
