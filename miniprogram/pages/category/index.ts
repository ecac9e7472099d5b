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

const local = instanceState(() => ({ categories: [] as Category[], tops: [] as Category[], wanted: '' }));

/** The sub-categories of a top-level category, as the chips above its products list them. */
const subsOf = (all: Category[], topId: string | undefined) => all.filter((c) => c.parentId !== null && c.parentId === topId).map((c) => ({ _id: c._id, name: c.name }));

// the list scrolls in its own scroll-view, loaded after the categories: no page lifecycle is its own
const productList = pagedListBehavior<ProductSummary, ProductRow>({ list: 'products', state: 'listState', error: 'listError', row: productRow, lifecycles: [] });

/**
 * 分类: top-level categories on the left; on the right the chosen one's sub-categories (全部 first) and
 * its products, loaded as it scrolls.
 */
Component({
  behaviors: [productList],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    categories: [] as Array<{ _id: string; name: string }>,
    activeIndex: 0,
    /** the active top-level category's sub-categories; -1: 全部 */
    subs: [] as Array<{ _id: string; name: string }>,
    subIndex: -1,
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
      state.tops = categories.filter((c) => c.parentId === null);
      if (!state.tops.length) {
        this.setData({ state: 'empty' });
        return;
      }
      // a shared link may name a sub-category: its top-level category opens with it chosen
      const wanted = categories.find((c) => c._id === state.wanted);
      const topId = wanted?.parentId ?? wanted?._id;
      const activeIndex = Math.max(0, state.tops.findIndex((c) => c._id === topId));
      const subs = subsOf(categories, state.tops[activeIndex]?._id);
      this.setData({
        state: 'ready',
        categories: state.tops.map((c) => ({ _id: c._id, name: c.name })),
        activeIndex,
        subs,
        subIndex: subs.findIndex((c) => c._id === wanted?._id),
      });
      await this.loadFirstPage();
    },

    activeId(): string {
      return local(this).tops[this.data.activeIndex]?._id ?? '';
    },

    /** The category shown, with the sharer's code. */
    onShareAppMessage() {
      const category = this.data.subs[this.data.subIndex] ?? this.data.categories[this.data.activeIndex];
      const title = category ? `${SHOP_TITLE} · ${category.name}` : SHOP_TITLE;
      return shareWithCode({ title, path: `/pages/category/index?${timelineQuery({ id: category?._id })}` });
    },

    onShareTimeline() {
      const category = this.data.subs[this.data.subIndex] ?? this.data.categories[this.data.activeIndex];
      return { title: category ? `${SHOP_TITLE} · ${category.name}` : SHOP_TITLE, query: timelineQuery({ id: category?._id }) };
    },

    /** The chosen category's products from the top. */
    loadFirstPage(): Promise<void> {
      this.setData({ scrollTop: 0 });
      return this.loadFirst();
    },

    /** A sub-category chosen: its products; 全部 of a category with sub-categories: the whole group. */
    fetchPage(page: number): Promise<ListPage<ProductSummary>> {
      const sub = this.data.subs[this.data.subIndex];
      const filter = sub ? { categoryId: sub._id } : this.data.subs.length ? { topCategoryId: this.activeId() } : { categoryId: this.activeId() };
      return listProducts({ ...filter, page, pageSize: PAGE_SIZE });
    },

    onCategoryChange(e: VantEvent<number>) {
      const index = Number(e.detail);
      const state = local(this);
      if (index === this.data.activeIndex || !state.tops[index]) return;
      this.setData({ activeIndex: index, subs: subsOf(state.categories, state.tops[index]!._id), subIndex: -1 });
      void this.loadFirstPage();
    },

    onSubChange(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (index === this.data.subIndex) return;
      this.setData({ subIndex: index });
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
