import type { ProductSort, ProductSummary } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { searchHints } from '../../services/browsing';
import { listProducts } from '../../services/catalog';
import { confirmDialog } from '../../utils/dialog';
import { instanceState } from '../../utils/instance-state';
import { productRow, type ProductRow } from '../../utils/product-row';
import {
  cleanKeyword,
  nextSort,
  priceRange,
  pushKeyword,
  rangeFields,
  rangeLabel,
  readHistory,
  SEARCH_HISTORY_KEY,
  sortTabs,
  SUGGEST_DELAY_MS,
  SUGGESTION_COUNT,
  suggestions,
  type PriceRange,
  type SortTab,
  type Suggestion,
} from './utils';

export const PAGE_SIZE = 10;

/** home: history and hot words; suggest: typing; results: a keyword searched */
type Mode = 'home' | 'suggest' | 'results';

type WordTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { word: string }>;

const local = instanceState(() => ({
  /** the keyword the results are for */
  searched: '',
  range: {} as PriceRange,
  timer: null as ReturnType<typeof setTimeout> | null,
  suggestToken: 0,
}));

// the page loads its own first page (a search), and reads more only while results show
const results = pagedListBehavior<ProductSummary, ProductRow>({ list: 'results', row: productRow, lifecycles: [] });

/**
 * 搜索: the shopper's search history (kept on the phone) and the shop's hot words, suggestions
 * while typing, and the results with 综合 / 销量 / 价格 sorting and a price range.
 * `?q=` opens on that keyword's results.
 */
Component({
  behaviors: [results],
  lifetimes: {
    detached() {
      this.cancelSuggest();
    },
  },
  data: {
    mode: 'home' as Mode,
    keyword: '',
    focus: false,
    /** the first hot word: searched when the shopper searches with the box empty */
    placeholder: '搜索商品',
    history: [] as string[],
    hotWords: [] as string[],
    suggestions: [] as Suggestion[],
    sort: 'relevance' as ProductSort,
    sortTabs: sortTabs('relevance'),
    filterOpen: false,
    minText: '',
    maxText: '',
    /** the filter tab's label for the range applied; '' for none */
    rangeText: '',
    state: 'loading' as ListState,
    errorMessage: '',
    results: [] as ProductRow[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ history: readHistory(wx.getStorageSync(SEARCH_HISTORY_KEY)) });
      void this.loadHints();
      const q = cleanKeyword(decodeURIComponent(options.q ?? ''));
      if (q) this.search(q);
      else this.setData({ focus: true });
    },

    onUnload() {
      this.cancelSuggest();
    },

    onReachBottom() {
      if (this.data.mode === 'results') void this.loadMore();
    },

    /** Hot words, once; without them the page simply shows none. */
    async loadHints(): Promise<void> {
      try {
        const { hotWords } = await searchHints();
        if (hotWords.length) this.setData({ hotWords, placeholder: hotWords[0] });
      } catch {
        // the search box works without hot words
      }
    },

    fetchPage(page: number): Promise<ListPage<ProductSummary>> {
      const { searched, range } = local(this);
      return listProducts({ keyword: searched, sort: this.data.sort, ...range, page, pageSize: PAGE_SIZE });
    },

    /** Searches `keyword` afresh: 综合, no range, into the history. */
    search(keyword: string) {
      const word = cleanKeyword(keyword);
      if (!word) return;
      this.cancelSuggest();
      const state = local(this);
      state.searched = word;
      state.range = {};
      const history = pushKeyword(this.data.history, word);
      wx.setStorageSync(SEARCH_HISTORY_KEY, history);
      this.setData({
        mode: 'results',
        keyword: word,
        focus: false,
        history,
        suggestions: [],
        sort: 'relevance',
        sortTabs: sortTabs('relevance'),
        filterOpen: false,
        minText: '',
        maxText: '',
        rangeText: '',
      });
      void this.loadFirst();
    },

    onInput(e: WechatMiniprogram.Input) {
      const keyword = e.detail.value;
      this.setData({ keyword });
      this.cancelSuggest();
      const word = cleanKeyword(keyword);
      if (!word) {
        this.setData({ mode: 'home', suggestions: [] });
        return;
      }
      if (this.data.mode !== 'suggest') this.setData({ mode: 'suggest', suggestions: [] });
      const state = local(this);
      state.timer = setTimeout(() => {
        state.timer = null;
        void this.suggest(word);
      }, SUGGEST_DELAY_MS);
    },

    /** Titles that match what is typed; an answer for older typing, or after a search, is dropped. */
    async suggest(word: string): Promise<void> {
      const state = local(this);
      const token = ++state.suggestToken;
      try {
        const { items } = await listProducts({ keyword: word, pageSize: SUGGESTION_COUNT });
        if (token !== state.suggestToken || this.data.mode !== 'suggest') return;
        this.setData({ suggestions: suggestions(items.map((p) => p.title), word) });
      } catch {
        // suggestions are a convenience: a failed one leaves the list as it is
      }
    },

    cancelSuggest() {
      const state = local(this);
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.suggestToken++;
    },

    /** The keyboard's 搜索 and the 搜索 button: what is typed, else the hot word in the box. */
    onConfirm() {
      const word = cleanKeyword(this.data.keyword) || (this.data.hotWords.length ? this.data.placeholder : '');
      if (word) this.search(word);
      else wx.showToast({ title: '请输入搜索内容', icon: 'none' });
    },

    onClearInput() {
      this.cancelSuggest();
      this.setData({ keyword: '', mode: 'home', suggestions: [], focus: true });
    },

    /** Back in the box from results: the keyword stays to edit, suggestions for it come again. */
    onInputFocus() {
      if (this.data.mode === 'results') this.onInput({ detail: { value: this.data.keyword } } as WechatMiniprogram.Input);
    },

    onCancel() {
      wx.navigateBack();
    },

    /** A history word, a hot word or a suggestion. */
    onWordTap(e: WordTap) {
      this.search(e.currentTarget.dataset.word);
    },

    async onClearHistory(): Promise<void> {
      if (!(await confirmDialog({ title: '清空搜索历史', content: '确定清空全部搜索历史吗？', confirmText: '清空' }))) return;
      wx.removeStorageSync(SEARCH_HISTORY_KEY);
      this.setData({ history: [] });
    },

    onSortTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: SortTab }>) {
      const sort = nextSort(this.data.sort, e.currentTarget.dataset.key);
      if (sort === this.data.sort) return;
      this.setData({ sort, sortTabs: sortTabs(sort), filterOpen: false });
      void this.loadFirst();
    },

    onFilterTap() {
      this.setData({ filterOpen: !this.data.filterOpen, ...rangeFields(local(this).range) });
    },

    onMinInput(e: WechatMiniprogram.Input) {
      this.setData({ minText: e.detail.value });
    },

    onMaxInput(e: WechatMiniprogram.Input) {
      this.setData({ maxText: e.detail.value });
    },

    onFilterReset() {
      const had = rangeLabel(local(this).range) !== '';
      local(this).range = {};
      this.setData({ minText: '', maxText: '', rangeText: '', filterOpen: false });
      if (had) void this.loadFirst();
    },

    onFilterConfirm() {
      const range = priceRange(this.data.minText, this.data.maxText);
      if (!range) {
        wx.showToast({ title: '请输入正确的价格', icon: 'none' });
        return;
      }
      local(this).range = range;
      this.setData({ ...rangeFields(range), rangeText: rangeLabel(range), filterOpen: false });
      void this.loadFirst();
    },

    onOpenProduct(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },
  },
});
