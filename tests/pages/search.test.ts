import type { TestRuntime } from '../helpers/runtime';
import { SEED_PRODUCTS } from '../../scripts/seed/catalog-data';
import { SUGGEST_DELAY_MS } from '../../miniprogram/pages/search/utils';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { PendingCalls } from './helpers/pending';
import { find, hasClass, load, mount, page, tap, text, texts, tick, unmountAll, type Rendered } from './helpers/render';
import { mp, type Reply } from './helpers/wx';

const HISTORY_KEY = 'searchHistory';
const pause = (ms = SUGGEST_DELAY_MS + 50) => new Promise((resolve) => setTimeout(resolve, ms));
const bestSellers = [...SEED_PRODUCTS].sort((a, b) => b.sales - a.sales || (a.id < b.id ? -1 : 1));

describe('search page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/search/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string> = {}, history?: string[]) {
    if (history) mp.storage.set(HISTORY_KEY, JSON.stringify(history));
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  async function type(comp: Rendered, value: string) {
    const input = comp.querySelector('.bar__input');
    if (!input) throw new Error('no search box');
    input.dispatchEvent('input', { detail: { value } });
    await tick();
  }

  const submit = async (comp: Rendered) => {
    comp.querySelector('.bar__input')!.dispatchEvent('confirm', { detail: { value: page(comp).data.keyword } });
    await mp.settle();
  };
  const titles = (comp: Rendered) => texts(comp, '.result >>> .van-card__title');
  const listCalls = () => mp.callsTo('mall', 'listProducts').map((c) => c.data);
  const storedHistory = () => JSON.parse(mp.storage.get(HISTORY_KEY) ?? '[]') as string[];

  it('opens on the search history kept on the phone and the shop’s hot words, asking for no results', async () => {
    const comp = await open({}, ['口红', '面膜']);
    expect(texts(comp, '.history__word')).toEqual(['口红', '面膜']);
    const hot = bestSellers.slice(0, 8).map((p) => p.title);
    expect(texts(comp, '.hot__word')).toEqual(hot);
    expect(find(comp, '.hot__word').filter((n) => hasClass(n, 'hot__word--top'))).toHaveLength(3);
    expect(page(comp).data.placeholder).toBe(hot[0]);
    expect(page(comp).data.focus).toBe(true);
    expect(listCalls()).toEqual([]);
  });

  it('a new shopper sees no history section, and the page works without hot words', async () => {
    mp.intercept('mall', 'searchHints', 'network', 1);
    const comp = await open();
    expect(comp.querySelector('.history')).toBeUndefined();
    expect(comp.querySelector('.hot')).toBeUndefined();
    expect(page(comp).data.placeholder).toBe('搜索商品');
  });

  it('asks for suggestions once typing pauses, with the typed part picked out, and a tap searches it', async () => {
    const comp = await open();
    await type(comp, '粉');
    await type(comp, '粉底');
    expect(listCalls()).toEqual([]);
    await pause();
    await mp.settle();
    expect(listCalls()).toEqual([{ keyword: '粉底', pageSize: 8 }]);
    // 散粉 and the gift box mention 粉底液 only below their titles
    expect(texts(comp, '.suggestion')).toEqual(['柔雾持妆粉底液', '轻盈定妆散粉', '底妆礼盒']);
    expect(texts(comp, '.suggestion__hit')).toEqual(['粉底', '', '']);

    await tap(comp, '.suggestion', { 'data-word': '柔雾持妆粉底液' });
    await mp.settle();
    expect(listCalls().at(-1)).toEqual({ keyword: '柔雾持妆粉底液', sort: 'relevance', page: 1, pageSize: 10 });
    expect(titles(comp)).toEqual(['柔雾持妆粉底液']);
    expect(storedHistory()).toEqual(['柔雾持妆粉底液']);
    expect(page(comp).data.keyword).toBe('柔雾持妆粉底液');
  });

  it('drops suggestions for older typing that answer late', async () => {
    const pending = new PendingCalls<unknown, Reply>();
    mp.intercept('mall', 'listProducts', (call) => pending.call(call.data), 2);
    const comp = await open();
    await type(comp, '口');
    await pause();
    await type(comp, '面');
    await pause();
    expect(pending.asked).toEqual([
      { keyword: '口', pageSize: 8 },
      { keyword: '面', pageSize: 8 },
    ]);
    const answer = (title: string): Reply => ({ ok: true, data: { items: [{ _id: 'x', title, subtitle: '', categoryId: 'c', image: '', priceFen: 100, originalPriceFen: 100, sales: 0, stock: 1 }], total: 1 } });
    await pending.answer(1, answer('保湿面霜'));
    await pending.answer(0, answer('丝绒哑光口红'));
    await mp.settle();
    expect(texts(comp, '.suggestion')).toEqual(['保湿面霜']);
  });

  it('drops a suggestion that answers after the shopper searched', async () => {
    const pending = new PendingCalls<unknown, Reply>();
    mp.intercept('mall', 'listProducts', (call) => pending.call(call.data), 1);
    const comp = await open();
    await type(comp, '口红');
    await pause();
    comp.querySelector('.bar__input')!.dispatchEvent('confirm', { detail: { value: '口红' } });
    await tick();
    await pending.answer(0, { ok: true, data: { items: [], total: 0 } });
    await mp.settle();
    expect(page(comp).data.mode).toBe('results');
    expect(page(comp).data.suggestions).toEqual([]);
    expect(titles(comp)).toEqual(['口红三支礼盒', '丝绒哑光口红']);
  });

  it('clearing the box goes back to history and hot words, and a suggestion on its way is dropped', async () => {
    const comp = await open({}, ['口红']);
    await type(comp, '口');
    await tap(comp, '.bar__clear');
    await pause();
    await mp.settle();
    expect(listCalls()).toEqual([]);
    expect(page(comp).data.mode).toBe('home');
    expect(texts(comp, '.history__word')).toEqual(['口红']);
  });

  it('stops the suggestion timer when the page goes away', async () => {
    const comp = await open();
    await type(comp, '口红');
    expect(comp).toBeDefined();
    unmountAll();
    await pause();
    expect(listCalls()).toEqual([]);
  });

  it('searches what is typed from the keyboard, keeping the history newest first, each word once, ten at most', async () => {
    const earlier = ['面膜', 'SPF', '口红', '眉笔', '香水', '散粉', '精华', '面霜', '防晒', '洗发水'];
    const comp = await open({}, earlier);
    await type(comp, '  spf  ');
    await submit(comp);
    expect(listCalls()).toEqual([{ keyword: 'spf', sort: 'relevance', page: 1, pageSize: 10 }]);
    expect(titles(comp)).toEqual(['清透防晒乳 SPF50+']);
    expect(storedHistory()).toEqual(['spf', '面膜', '口红', '眉笔', '香水', '散粉', '精华', '面霜', '防晒', '洗发水']);
    await type(comp, '美妆蛋');
    await submit(comp);
    expect(storedHistory()).toHaveLength(10);
    expect(storedHistory()[0]).toBe('美妆蛋');
    expect(storedHistory()).not.toContain('洗发水');
  });

  it('searching with the box empty searches the hot word shown in it; with no hot word it asks for a word', async () => {
    const comp = await open();
    await tap(comp, '.bar__go');
    await mp.settle();
    expect(listCalls()).toEqual([{ keyword: bestSellers[0].title, sort: 'relevance', page: 1, pageSize: 10 }]);

    unmountAll();
    mp.calls = [];
    mp.intercept('mall', 'searchHints', { ok: true, data: { hotWords: [] } }, 1);
    const bare = await open();
    await tap(bare, '.bar__go');
    expect(mp.of('showToast').at(-1)).toEqual({ title: '请输入搜索内容', icon: 'none' });
    expect(listCalls()).toEqual([]);
  });

  it('a history word or a hot word searches it', async () => {
    const comp = await open({}, ['口红']);
    await tap(comp, '.history__word', { 'data-word': '口红' });
    await mp.settle();
    // 综合: the title that starts with 口红 first
    expect(titles(comp)).toEqual(['口红三支礼盒', '丝绒哑光口红']);
    await tap(comp, '.bar__clear');
    await tap(comp, '.hot__word', { 'data-word': '润唇膏' });
    await mp.settle();
    expect(titles(comp)).toEqual(['润唇膏']);
    expect(storedHistory()).toEqual(['润唇膏', '口红']);
  });

  it('opens on the results of ?q=', async () => {
    const comp = await open({ q: encodeURIComponent('精华') });
    expect(listCalls()).toEqual([{ keyword: '精华', sort: 'relevance', page: 1, pageSize: 10 }]);
    expect(titles(comp)).toEqual(['修护精华液', '护肤四件套礼盒']);
    expect(page(comp).data.focus).toBe(false);
  });

  it('sorts by 销量, and by 价格 up then down on a second tap', async () => {
    const comp = await open({ q: '彩妆' });
    const makeup = SEED_PRODUCTS.filter((p) => p.category === 'cat-makeup');
    expect(text(comp, '.sort--active')).toBe('综合');

    await tap(comp, '.sort', { 'data-key': 'sales' });
    await mp.settle();
    expect(listCalls().at(-1)).toMatchObject({ keyword: '彩妆', sort: 'sales', page: 1 });
    expect(titles(comp)).toEqual([...makeup].sort((a, b) => b.sales - a.sales).map((p) => p.title));

    await tap(comp, '.sort', { 'data-key': 'price' });
    await mp.settle();
    expect(listCalls().at(-1)).toMatchObject({ sort: 'price_asc' });
    expect(text(comp, '.sort--active')).toBe('价格↑');
    expect(titles(comp)).toEqual([...makeup].sort((a, b) => a.priceFen - b.priceFen || b.sales - a.sales).map((p) => p.title));

    await tap(comp, '.sort', { 'data-key': 'price' });
    await mp.settle();
    expect(listCalls().at(-1)).toMatchObject({ sort: 'price_desc' });
    expect(text(comp, '.sort--active')).toBe('价格↓');
    expect(titles(comp)[0]).toBe('柔雾持妆粉底液');

    // the tab already chosen asks nothing again
    const asked = listCalls().length;
    await tap(comp, '.sort', { 'data-key': 'sales' });
    await tap(comp, '.sort', { 'data-key': 'sales' });
    await mp.settle();
    expect(listCalls()).toHaveLength(asked + 1);
  });

  it('filters by a price range in yuan, swapping ends typed the wrong way round, and resets it', async () => {
    const comp = await open({ q: '彩妆' });
    await tap(comp, '.sort--filter');
    const field = async (selector: string, value: string) => {
      comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
      await tick();
    };
    await field('.filter__min', '100');
    await field('.filter__max', '80');
    await tap(comp, '.filter__confirm');
    await mp.settle();
    expect(listCalls().at(-1)).toEqual({ keyword: '彩妆', sort: 'relevance', minPriceFen: 8000, maxPriceFen: 10000, page: 1, pageSize: 10 });
    expect(titles(comp)).toEqual(['丝绒哑光口红', '奶油腮红']);
    expect(text(comp, '.sort--filter')).toBe('¥80-100▾');
    expect(comp.querySelector('.filter')).toBeUndefined();

    // a sort keeps the range
    await tap(comp, '.sort', { 'data-key': 'price' });
    await mp.settle();
    expect(listCalls().at(-1)).toMatchObject({ sort: 'price_asc', minPriceFen: 8000, maxPriceFen: 10000 });

    await tap(comp, '.sort--filter');
    expect(page(comp).data).toMatchObject({ minText: '80', maxText: '100' });
    await tap(comp, '.filter__reset');
    await mp.settle();
    expect(listCalls().at(-1)).toEqual({ keyword: '彩妆', sort: 'price_asc', page: 1, pageSize: 10 });
    expect(text(comp, '.sort--filter')).toBe('筛选▾');
  });

  it('refuses a price that is not one without asking the server', async () => {
    const comp = await open({ q: '彩妆' });
    await tap(comp, '.sort--filter');
    comp.querySelector('.filter__min')!.dispatchEvent('input', { detail: { value: '1.234' } });
    await tick();
    const asked = listCalls().length;
    await tap(comp, '.filter__confirm');
    expect(mp.of('showToast').at(-1)).toEqual({ title: '请输入正确的价格', icon: 'none' });
    expect(listCalls()).toHaveLength(asked);
    expect(comp.querySelector('.filter')).toBeDefined();
  });

  it('a new search starts from 综合 with no range', async () => {
    const comp = await open({ q: '彩妆' });
    await tap(comp, '.sort', { 'data-key': 'sales' });
    await mp.settle();
    await type(comp, '香');
    await submit(comp);
    expect(listCalls().at(-1)).toEqual({ keyword: '香', sort: 'relevance', page: 1, pageSize: 10 });
    expect(text(comp, '.sort--active')).toBe('综合');
  });

  it('loads the next page at the bottom, then says there is no more', async () => {
    const comp = await open({ q: '护' });
    const all = await rt.as('demo-shopper')<{ total: number }>('mall', 'listProducts', { keyword: '护' });
    const total = all.ok ? all.data.total : 0;
    expect(total).toBeGreaterThan(10);
    expect(titles(comp)).toHaveLength(10);
    page(comp).onReachBottom();
    await mp.settle();
    expect(listCalls().at(-1)).toMatchObject({ keyword: '护', page: 2 });
    expect(titles(comp)).toHaveLength(total);
    expect(new Set(titles(comp)).size).toBe(total);
    expect(text(comp, '.more')).toBe('没有更多了');
  });

  it('says nothing was found, and offers the hot words to try', async () => {
    const comp = await open({ q: '无此商品' });
    expect(text(comp, '.results__empty >>> .state__text')).toBe('没有找到相关商品');
    expect(texts(comp, '.empty-hot__word')).toEqual(bestSellers.slice(0, 8).map((p) => p.title));
    await tap(comp, '.empty-hot__word', { 'data-word': bestSellers[0].title });
    await mp.settle();
    expect(titles(comp)[0]).toBe(bestSellers[0].title);
    expect(storedHistory()).toEqual([bestSellers[0].title, '无此商品']);
  });

  it('shows the error with retry when the search fails, and the results on retry', async () => {
    mp.intercept('mall', 'listProducts', 'network', 1);
    const comp = await open({ q: '口红' });
    expect(text(comp, '.results >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.results >>> .state__action');
    await mp.settle();
    expect(titles(comp)).toEqual(['口红三支礼盒', '丝绒哑光口红']);
  });

  it('opens a result’s product', async () => {
    const comp = await open({ q: '口红' });
    await tap(comp, '.result', { 'data-id': 'p-lipstick' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-lipstick' }]);
  });

  it('clears the history only once the shopper confirms', async () => {
    const comp = await open({}, ['口红', '面膜']);
    mp.answer('showModal', { confirm: false });
    await tap(comp, '.history__clear');
    await mp.settle();
    expect(mp.of('showModal').at(-1)).toMatchObject({ title: '清空搜索历史', confirmText: '清空' });
    expect(texts(comp, '.history__word')).toEqual(['口红', '面膜']);
    expect(storedHistory()).toEqual(['口红', '面膜']);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.history__clear');
    await mp.settle();
    expect(comp.querySelector('.history')).toBeUndefined();
    expect(mp.storage.has(HISTORY_KEY)).toBe(false);
  });

  it('reads a history the phone kept in another shape as far as it is words', async () => {
    const comp = await open({}, ['口红', 3, '', ' 口红 ', '面膜'] as unknown as string[]);
    expect(texts(comp, '.history__word')).toEqual(['口红', '面膜']);
  });
});
