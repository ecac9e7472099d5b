import { PendingCalls } from '../helpers/pending';
import { define, mount, page, tap, text, texts, tick, unmountAll, type Rendered } from '../helpers/render';
import { mp } from '../helpers/wx';

interface Item {
  _id: string;
  n: number;
}

interface Row {
  _id: string;
  label: string;
  at: number;
}

/** What fetchPage answers (ListPage in behaviors/paged-list.ts). */
type Answer = { items: Item[]; total: number; done?: boolean; extra?: Record<string, unknown> };

// run as the mini program runs it; its types are the mini program's, which tsconfig.json checks
const { pagedListBehavior } = require('../../../miniprogram/behaviors/paged-list') as { pagedListBehavior(options: Record<string, unknown>): string };

const items = (from: number, to: number): Item[] => Array.from({ length: to - from + 1 }, (_, i) => ({ _id: `i${from + i}`, n: from + i }));
const labels = (from: number, to: number): string[] => items(from, to).map((i) => `#${i.n}`);

/** the list API of the test running */
let api: PendingCalls<number, Answer>;

const TEMPLATE = `
<view class="state">{{state}}</view>
<view class="error">{{errorMessage}}</view>
<view wx:for="{{rows}}" wx:key="_id" class="row">#{{item.label}}</view>
<view class="more">{{moreState}}</view>
<view wx:if="{{moreState === 'error'}}" class="more__retry" bindtap="onRetryMore">加载失败，点击重试</view>
<view wx:if="{{state === 'error'}}" class="retry" bindtap="onRetry">重试</view>
`;

const row = (i: Item, now: number): Row => ({ _id: i._id, label: String(i.n), at: now });

/** A host page for the behaviour: rows under `rows`, fetched from `api`; `methods` adds the page's own. */
function host(
  options: Record<string, unknown> = {},
  template = TEMPLATE,
  data: Record<string, unknown> = { state: 'loading', errorMessage: '', rows: [] },
  methods: Record<string, unknown> = {},
): string {
  return define({
    template,
    behaviors: [pagedListBehavior({ list: 'rows', row, ...options })],
    data,
    methods: { fetchPage: (p: number) => api.call(p), ...methods },
  });
}

describe('pagedListBehavior', () => {
  let plain: string;
  let keyed: string;
  let quietEmpty: string;
  let grid: string;
  beforeAll(() => {
    plain = host();
    keyed = host({ key: (i: Item) => i._id });
    quietEmpty = host({ quietWhenEmpty: true });
    grid = host(
      { list: 'products', state: 'gridState', error: 'gridError' },
      `<view class="state">{{gridState}}</view><view class="error">{{gridError}}</view><view wx:for="{{products}}" wx:key="_id" class="row">#{{item.label}}</view><view class="more">{{moreState}}</view>`,
      { gridState: 'loading', gridError: '', products: [] },
    );
  });
  beforeEach(() => {
    mp.reset();
    api = new PendingCalls();
  });
  afterEach(() => {
    unmountAll();
    jest.restoreAllMocks();
  });

  const list = (comp: Rendered) => page(comp) as unknown as { loadFirst(quiet?: boolean): Promise<void>; loadMore(): Promise<void>; reloadOnShow(): void; listedItems(): readonly Item[] };
  const view = (comp: Rendered) => ({ state: text(comp, '.state'), rows: texts(comp, '.row'), more: text(comp, '.more') });

  /** A host with its first page shown: 10 of `total`. */
  async function shown(id: string, total = 25) {
    const comp = mount(id);
    void list(comp).loadFirst();
    await api.answer(0, { items: items(1, 10), total });
    return comp;
  }

  describe('the first page', () => {
    it('shows loading until the first page answers, then its rows with more to load', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      expect(api.asked).toEqual([1]);

      await api.answer(0, { items: items(1, 10), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
      expect(list(comp).listedItems()).toEqual(items(1, 10));
    });

    it('is the empty state when there is nothing, with nothing more to load', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      await api.answer(0, { items: [], total: 0 });
      expect(view(comp)).toEqual({ state: 'empty', rows: [], more: 'done' });
    });

    it('is done at once when it holds the whole list', async () => {
      const comp = await shown(plain, 10);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'done' });
      await list(comp).loadMore();
      expect(api.asked).toEqual([1]);
    });

    it('reads the clock once per answer for its rows', async () => {
      jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
      const comp = await shown(plain);
      const rows = page(comp).data.rows as Row[];
      expect(new Set(rows.map((r) => r.at))).toEqual(new Set([1_700_000_000_000]));
    });

    it('drops the answer to an older first load, whichever comes back first', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      void list(comp).loadFirst();
      expect(api.asked).toEqual([1, 1]);

      await api.answer(0, { items: items(90, 99), total: 10 });
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });

      await api.answer(1, { items: items(1, 10), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
    });

    it('drops an older answer that arrives after the newer one, and an older failure too', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      void list(comp).loadFirst();
      void list(comp).loadFirst();
      await api.answer(2, { items: items(1, 10), total: 25 });
      await api.answer(0, { items: items(90, 99), total: 10 });
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
      expect(list(comp).listedItems()).toEqual(items(1, 10));
      expect(mp.of('showToast')).toEqual([]);
    });

    it('shows a failed first load as the error state, and loads again on retry', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      await api.fail(0);
      expect(view(comp)).toEqual({ state: 'error', rows: [], more: 'idle' });
      expect(text(comp, '.error')).toBe('网络不给力，请检查网络后重试');
      expect(mp.of('showToast')).toEqual([]);

      await tap(comp, '.retry');
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      expect(text(comp, '.error')).toBe('');
      expect(api.asked).toEqual([1, 1]);
      await api.answer(1, { items: items(1, 10), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
    });

    it('shows data that comes with the first page, and trusts a source that says it is done', async () => {
      const comp = mount(host({}, '<view class="balance">{{balance}}</view><view class="more">{{moreState}}</view>', { state: 'loading', errorMessage: '', rows: [], balance: 0 }));
      void list(comp).loadFirst();
      await api.answer(0, { items: items(1, 3), total: 100, done: true, extra: { balance: 714 } });
      expect(text(comp, '.balance')).toBe('714');
      expect(text(comp, '.more')).toBe('done');
    });

    it('works under other data keys (a grid under its own header)', async () => {
      const comp = mount(grid);
      void list(comp).loadFirst();
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      await api.fail(0, 'INTERNAL');
      expect(view(comp).state).toBe('error');
      expect(text(comp, '.error')).toBe('服务开小差了，请稍后重试');
      void list(comp).loadFirst();
      await api.answer(1, { items: items(1, 10), total: 12 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
      void list(comp).loadMore();
      await api.answer(2, { items: items(11, 12), total: 12 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 12), more: 'done' });
    });
  });

  describe('more pages', () => {
    it('appends the next page and is done when the total is reached', async () => {
      const comp = await shown(plain);
      void list(comp).loadMore();
      expect(view(comp).more).toBe('loading');
      expect(api.asked).toEqual([1, 2]);
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 20), more: 'idle' });

      void list(comp).loadMore();
      await api.answer(2, { items: items(21, 25), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 25), more: 'done' });
      expect(list(comp).listedItems()).toEqual(items(1, 25));

      await list(comp).loadMore();
      expect(api.asked).toEqual([1, 2, 3]);
    });

    it('asks for one page at a time, and none before the list is ready', async () => {
      const comp = mount(plain);
      void list(comp).loadFirst();
      await list(comp).loadMore();
      expect(api.asked).toEqual([1]);

      await api.answer(0, { items: items(1, 10), total: 25 });
      void list(comp).loadMore();
      void list(comp).loadMore();
      expect(api.asked).toEqual([1, 2]);
    });

    it('ends on an empty page even when the total says more (items went away meanwhile)', async () => {
      const comp = await shown(plain);
      void list(comp).loadMore();
      await api.answer(1, { items: [], total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'done' });
    });

    it('with a key, skips items already listed (a new item shifted the pages)', async () => {
      const comp = await shown(keyed, 21);
      void list(comp).loadMore();
      await api.answer(1, { items: items(10, 19), total: 21 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 19), more: 'idle' });
      void list(comp).loadMore();
      await api.answer(2, { items: items(19, 21), total: 21 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 21), more: 'done' });
      expect(list(comp).listedItems().map((i) => i.n)).toEqual(items(1, 21).map((i) => i.n));
    });

    it('without a key, lists what each page brings', async () => {
      const comp = await shown(plain, 20);
      void list(comp).loadMore();
      await api.answer(1, { items: items(10, 19), total: 20 });
      expect(view(comp).rows).toEqual([...labels(1, 10), ...labels(10, 19)]);
      expect(view(comp).more).toBe('done');
    });

    it('shows a failed page under the list; tapping it asks for the same page again', async () => {
      const comp = await shown(plain, 15);
      void list(comp).loadMore();
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'error' });
      expect(mp.of('showToast')).toEqual([]);

      await tap(comp, '.more__retry');
      expect(api.asked).toEqual([1, 2, 2]);
      await api.answer(2, { items: items(11, 15), total: 15 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 15), more: 'done' });
    });

    it('drops a page answered after a new first load began', async () => {
      const comp = await shown(plain);
      void list(comp).loadMore();
      void list(comp).loadFirst();
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      await api.answer(2, { items: items(1, 10), total: 10 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'done' });
      expect(list(comp).listedItems()).toEqual(items(1, 10));
    });

    it('drops a failed page when a quiet reload has begun since', async () => {
      const comp = await shown(plain);
      void list(comp).loadMore();
      void list(comp).loadFirst(true);
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'loading' });
      await api.answer(2, { items: items(1, 10), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
    });
  });

  describe('lifecycles', () => {
    type Wired = { onLoad?(): void; onShow?(): void; onPullDownRefresh?(): void; onReachBottom?(): void };
    const wired = (comp: Rendered) => page(comp) as unknown as Wired;

    /** A host loaded through onLoad and shown once (onShow), its first page 10 of `total`. */
    async function opened(id: string, total = 25) {
      const comp = mount(id);
      wired(comp).onLoad!();
      wired(comp).onShow!();
      await api.answer(0, { items: items(1, 10), total });
      return comp;
    }

    it('loads the first page on load, the next at the bottom, and again quietly from the second show', async () => {
      const comp = mount(plain);
      wired(comp).onLoad!();
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      wired(comp).onShow!();
      expect(api.asked).toEqual([1]);
      await api.answer(0, { items: items(1, 10), total: 25 });

      wired(comp).onReachBottom!();
      expect(api.asked).toEqual([1, 2]);
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(view(comp).rows).toEqual(labels(1, 20));

      wired(comp).onShow!();
      expect(api.asked).toEqual([1, 2, 1]);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 20), more: 'idle' });
      await api.answer(2, { items: items(1, 10), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
    });

    it('asks for nothing at the bottom before the first page is in, nor at the last page', async () => {
      const comp = mount(plain);
      wired(comp).onLoad!();
      wired(comp).onReachBottom!();
      expect(api.asked).toEqual([1]);
      await api.answer(0, { items: items(1, 10), total: 15 });

      wired(comp).onReachBottom!();
      wired(comp).onReachBottom!();
      expect(api.asked).toEqual([1, 2]);
      await api.answer(1, { items: items(11, 15), total: 15 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 15), more: 'done' });

      wired(comp).onReachBottom!();
      await tick();
      expect(api.asked).toEqual([1, 2]);
      expect(view(comp).more).toBe('done');
    });

    it('at the bottom of a list that is all on one page, makes no call', async () => {
      const comp = await opened(plain, 10);
      expect(view(comp).more).toBe('done');
      wired(comp).onReachBottom!();
      await tick();
      expect(api.asked).toEqual([1]);
    });

    it('at the bottom after a failed page, asks for that page again', async () => {
      const comp = await opened(plain);
      wired(comp).onReachBottom!();
      await api.fail(1);
      expect(view(comp).more).toBe('error');
      wired(comp).onReachBottom!();
      expect(api.asked).toEqual([1, 2, 2]);
      await api.answer(2, { items: items(11, 20), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 20), more: 'idle' });
    });

    it('pull-down reloads quietly and stops the refresh once answered, or failed', async () => {
      const comp = await opened(plain);
      wired(comp).onPullDownRefresh!();
      expect(view(comp).state).toBe('ready');
      expect(mp.of('stopPullDownRefresh')).toHaveLength(0);
      await api.answer(1, { items: items(2, 11), total: 11 });
      expect(view(comp).rows).toEqual(labels(2, 11));
      expect(mp.of('stopPullDownRefresh')).toHaveLength(1);

      wired(comp).onPullDownRefresh!();
      await api.fail(2);
      expect(mp.of('stopPullDownRefresh')).toHaveLength(2);
      expect(view(comp).rows).toEqual(labels(2, 11));
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    });

    it('pull-down from the error state shows loading, then the error again, and stops the refresh', async () => {
      const comp = mount(plain);
      wired(comp).onLoad!();
      await api.fail(0);
      expect(view(comp).state).toBe('error');

      wired(comp).onPullDownRefresh!();
      expect(view(comp).state).toBe('loading');
      await api.fail(1, 'INTERNAL');
      expect(view(comp).state).toBe('error');
      expect(text(comp, '.error')).toBe('服务开小差了，请稍后重试');
      expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
      expect(mp.of('showToast')).toEqual([]);
    });

    it('drops an older answer that arrives after a newer one: a pull-down overtaken by a return to the page', async () => {
      const comp = await opened(plain);
      wired(comp).onPullDownRefresh!();
      wired(comp).onShow!();
      expect(api.asked).toEqual([1, 1, 1]);

      await api.answer(2, { items: items(5, 14), total: 10 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(5, 14), more: 'done' });
      await api.answer(1, { items: items(90, 99), total: 30 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(5, 14), more: 'done' });
      expect(list(comp).listedItems()).toEqual(items(5, 14));
      // the pull-down's own request is over, stale or not: its indicator stops
      expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
    });

    it('drops a next page that arrives after a pull-down began', async () => {
      const comp = await opened(plain);
      wired(comp).onReachBottom!();
      wired(comp).onPullDownRefresh!();
      await api.answer(2, { items: items(1, 10), total: 10 });
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'done' });
      expect(list(comp).listedItems()).toEqual(items(1, 10));
    });

    it("retries the first page from the error state's retry", async () => {
      const comp = mount(plain);
      wired(comp).onLoad!();
      await api.fail(0);
      await tap(comp, '.retry');
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      expect(api.asked).toEqual([1, 1]);
    });

    it('wires only the lifecycles asked for, leaving the others to the page', () => {
      const comp = mount(host({ lifecycles: ['onReachBottom'] }));
      const w = wired(comp);
      expect([typeof w.onLoad, typeof w.onShow, typeof w.onPullDownRefresh, typeof w.onReachBottom]).toEqual(['undefined', 'undefined', 'undefined', 'function']);
      expect(api.asked).toEqual([]);

      const none = wired(mount(host({ lifecycles: [] })));
      expect([typeof none.onLoad, typeof none.onShow, typeof none.onPullDownRefresh, typeof none.onReachBottom]).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    });

    it("lets the page's own method of the same name replace the behaviour's (an onLoad that reads its query, a retry of its own)", async () => {
      const seen: unknown[] = [];
      const comp = mount(
        host({ lifecycles: ['onShow'] }, TEMPLATE, undefined, {
          onLoad(this: { loadFirst(): Promise<void> }, options: unknown) {
            seen.push(options);
            void this.loadFirst();
          },
          onRetry() {
            seen.push('own retry');
          },
        }),
      );
      (page(comp).onLoad as (o: unknown) => void)({ tab: 'used' });
      expect(seen).toEqual([{ tab: 'used' }]);
      expect(api.asked).toEqual([1]);
      await api.fail(0);
      await tap(comp, '.retry');
      expect(seen).toEqual([{ tab: 'used' }, 'own retry']);
      expect(api.asked).toEqual([1]);
    });
  });

  describe('reloading', () => {
    it('a quiet reload keeps the list on screen and replaces it when the answer comes', async () => {
      const comp = await shown(plain);
      void list(comp).loadFirst(true);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
      await api.answer(1, { items: items(2, 11), total: 11 });
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(2, 11), more: 'idle' });
    });

    it('a quiet reload that fails keeps the list and says so in a toast', async () => {
      const comp = await shown(plain);
      void list(comp).loadFirst(true);
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', rows: labels(1, 10), more: 'idle' });
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    });

    it('a reload that is not quiet starts over from loading', async () => {
      const comp = await shown(plain);
      void list(comp).loadFirst();
      expect(view(comp)).toEqual({ state: 'loading', rows: [], more: 'idle' });
      await api.fail(1);
      expect(view(comp).state).toBe('error');
      expect(mp.of('showToast')).toEqual([]);
    });

    it('a quiet reload from the empty state shows loading, unless the list keeps its empty state', async () => {
      for (const [id, state] of [
        [plain, 'loading'],
        [quietEmpty, 'empty'],
      ] as const) {
        api = new PendingCalls();
        const comp = mount(id);
        void list(comp).loadFirst();
        await api.answer(0, { items: [], total: 0 });
        void list(comp).loadFirst(true);
        expect(view(comp).state).toBe(state);
        await api.fail(1);
        expect(view(comp).state).toBe('error');
      }
      expect(mp.of('showToast')).toEqual([]);
    });

    it('reloadOnShow loads nothing on the first show, then reloads quietly on each return', async () => {
      const comp = await shown(plain);
      list(comp).reloadOnShow();
      expect(api.asked).toEqual([1]);
      list(comp).reloadOnShow();
      expect(api.asked).toEqual([1, 1]);
      expect(view(comp).state).toBe('ready');
      await api.answer(1, { items: items(1, 10), total: 25 });
      list(comp).reloadOnShow();
      expect(api.asked).toEqual([1, 1, 1]);
    });
  });
});
