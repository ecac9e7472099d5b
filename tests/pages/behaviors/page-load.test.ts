import { PendingCalls } from '../helpers/pending';
import { define, mount, page, tap, text, texts, unmountAll, type Rendered } from '../helpers/render';
import { mp } from '../helpers/wx';

/** What the host's fetch answers: the names to list. */
interface Answer {
  names: string[];
}

// run as the mini program runs it; its types are the mini program's, which tsconfig.json checks
const { pageLoadBehavior } = require('../../../miniprogram/behaviors/page-load') as { pageLoadBehavior(options?: Record<string, unknown>): string };

/** the backend of the test running */
let api: PendingCalls<void, Answer>;
/** every answer that reached the host's view, and every one it was told is on screen */
let viewed: Answer[];
let shownAnswers: Answer[];

const TEMPLATE = `
<view class="state">{{state}}</view>
<view class="error">{{errorMessage}}</view>
<view wx:for="{{names}}" wx:key="*this" class="name">{{item}}</view>
<view wx:if="{{state === 'error'}}" class="retry" bindtap="onRetry">重试</view>
`;

/** A host page for the behaviour: fetches `api`, shows the names, empty when there are none. */
function host(options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, template = TEMPLATE): string {
  return define({
    template,
    behaviors: [pageLoadBehavior(options)],
    data: { names: [] },
    methods: {
      fetch: () => api.call(),
      isEmpty: (a: Answer) => a.names.length === 0,
      view(a: Answer) {
        viewed.push(a);
        return { names: a.names };
      },
      shown(a: Answer) {
        shownAnswers.push(a);
      },
      ...extra,
    },
  });
}

type Loader = {
  load(quiet?: boolean): Promise<void>;
  loadFrom(read: () => Promise<Answer>): Promise<void>;
  reloadIfShown(): void;
  onLoad?(options?: Record<string, string>): void;
  onShow?(): void;
  onPullDownRefresh?(): void;
};

describe('pageLoadBehavior', () => {
  let plain: string;
  let quietEmpty: string;
  let silent: string;
  let found: string;
  let keyed: string;
  let bare: string;
  let ownLoad: string;
  beforeAll(() => {
    plain = host();
    quietEmpty = host({ quietWhenEmpty: true });
    silent = host({ failQuietly: true });
    found = host({ failures: { POST_NOT_FOUND: 'not_found' } });
    keyed = host(
      { state: 'memberState', error: 'memberError' },
      {},
      '<view class="state">{{memberState}}</view><view class="error">{{memberError}}</view><view wx:for="{{names}}" wx:key="*this" class="name">{{item}}</view>',
    );
    // fetch answers the data itself: no view, no isEmpty
    bare = define({
      template: '<view class="state">{{state}}</view><view class="title">{{title}}</view>',
      behaviors: [pageLoadBehavior()],
      data: { title: '' },
      methods: { fetch: () => api.call().then((a) => ({ title: a.names.join('、') })) },
    });
    ownLoad = host(
      { lifecycles: ['onShow', 'onPullDownRefresh'] },
      {
        onLoad(this: { load(): Promise<void>; setData(d: Record<string, unknown>): void }, options: Record<string, string>) {
          this.setData({ names: [`来自 ${options.id}`] });
          void this.load();
        },
      },
    );
  });
  beforeEach(() => {
    mp.reset();
    api = new PendingCalls();
    viewed = [];
    shownAnswers = [];
  });
  afterEach(() => {
    unmountAll();
    jest.restoreAllMocks();
  });

  const loader = (comp: Rendered) => page(comp) as unknown as Loader;
  const view = (comp: Rendered) => ({ state: text(comp, '.state'), error: text(comp, '.error'), names: texts(comp, '.name') });

  /** A host opened as WeChat opens a page (onLoad, then onShow while it loads), its first answer shown. */
  async function opened(id: string, names = ['甲', '乙']) {
    const comp = mount(id);
    loader(comp).onLoad!({});
    loader(comp).onShow!();
    await api.answer(0, { names });
    return comp;
  }

  describe('the first load', () => {
    it('shows loading from onLoad until the answer comes, then the answer as ready', async () => {
      const comp = mount(plain);
      loader(comp).onLoad!({});
      expect(view(comp)).toEqual({ state: 'loading', error: '', names: [] });
      expect(api.asked).toHaveLength(1);

      await api.answer(0, { names: ['甲', '乙'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲', '乙'] });
      expect(viewed).toEqual([{ names: ['甲', '乙'] }]);
      expect(shownAnswers).toEqual([{ names: ['甲', '乙'] }]);
    });

    it('is the empty state when the page says the answer is empty', async () => {
      const comp = mount(plain);
      loader(comp).onLoad!({});
      await api.answer(0, { names: [] });
      expect(view(comp)).toEqual({ state: 'empty', error: '', names: [] });
    });

    it('is ready whatever the answer when the page has no isEmpty, and shows a fetch that answers its data', async () => {
      const comp = mount(bare);
      loader(comp).onLoad!({});
      expect(text(comp, '.state')).toBe('loading');
      await api.answer(0, { names: [] });
      expect(text(comp, '.state')).toBe('ready');
      expect(text(comp, '.title')).toBe('');
      void loader(comp).load();
      await api.answer(1, { names: ['甲', '乙'] });
      expect(text(comp, '.title')).toBe('甲、乙');
    });

    it('shows a failure as the error state, and loads again on retry', async () => {
      const comp = mount(plain);
      loader(comp).onLoad!({});
      await api.fail(0);
      expect(view(comp)).toEqual({ state: 'error', error: '网络不给力，请检查网络后重试', names: [] });
      expect(mp.of('showToast')).toEqual([]);

      await tap(comp, '.retry');
      expect(view(comp)).toEqual({ state: 'loading', error: '', names: [] });
      expect(api.asked).toHaveLength(2);
      await api.answer(1, { names: ['甲'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲'] });
    });

    it('shows a failure code the page names as its own state, with the error text and no retry', async () => {
      const comp = mount(found);
      loader(comp).onLoad!({});
      await api.fail(0, 'POST_NOT_FOUND');
      expect(view(comp)).toEqual({ state: 'not_found', error: '内容不存在或已下线', names: [] });
      expect(exists(comp, '.retry')).toBe(false);

      // other codes are still the error state
      void loader(comp).load();
      await api.fail(1, 'INTERNAL');
      expect(view(comp).state).toBe('error');
    });

    it('works under other data keys (a part of a tab with its own state)', async () => {
      const comp = mount(keyed);
      void loader(comp).load();
      expect(view(comp).state).toBe('loading');
      await api.fail(0, 'INTERNAL');
      expect(view(comp)).toEqual({ state: 'error', error: '服务开小差了，请稍后重试', names: [] });
      void loader(comp).load();
      await api.answer(1, { names: ['甲'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲'] });
      expect(page(comp).data.state).toBeUndefined();
    });
  });

  describe('the latest answer wins', () => {
    it('drops an older answer that comes back after the newer one', async () => {
      const comp = mount(plain);
      void loader(comp).load();
      void loader(comp).load();
      await api.answer(1, { names: ['新'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['新'] });

      await api.answer(0, { names: ['旧'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['新'] });
      expect(viewed).toEqual([{ names: ['新'] }]);
      expect(shownAnswers).toEqual([{ names: ['新'] }]);
    });

    it('keeps loading when the older answer comes first, and drops an older failure', async () => {
      const comp = mount(plain);
      void loader(comp).load();
      void loader(comp).load();
      void loader(comp).load();
      await api.answer(0, { names: ['旧'] });
      expect(view(comp)).toEqual({ state: 'loading', error: '', names: [] });
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'loading', error: '', names: [] });

      await api.answer(2, { names: ['新'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['新'] });
      expect(viewed).toEqual([{ names: ['新'] }]);
      expect(mp.of('showToast')).toEqual([]);
    });
  });

  describe('quiet reloads', () => {
    it('keep the content on screen while they ask, and replace it when the answer comes', async () => {
      const comp = await opened(plain);
      void loader(comp).load(true);
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲', '乙'] });
      await api.answer(1, { names: ['丙'] });
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['丙'] });
    });

    it('keep the content when they fail, and say so in a toast', async () => {
      const comp = await opened(plain);
      void loader(comp).load(true);
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲', '乙'] });
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    });

    it('fail without a toast on a page that says so', async () => {
      const comp = await opened(silent);
      void loader(comp).load(true);
      await api.fail(1);
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲', '乙'] });
      expect(mp.of('showToast')).toEqual([]);
    });

    it('send nothing to the view when the answer is what is shown', async () => {
      const comp = await opened(plain);
      const setData = jest.spyOn(page(comp) as unknown as { setData(d: unknown): void }, 'setData');
      void loader(comp).load(true);
      await api.answer(1, { names: ['甲', '乙'] });
      expect(setData).not.toHaveBeenCalled();
      expect(shownAnswers).toHaveLength(2);
    });

    it('show loading from the empty state, unless the page keeps its empty state', async () => {
      for (const [id, state] of [
        [plain, 'loading'],
        [quietEmpty, 'empty'],
      ] as const) {
        api = new PendingCalls();
        const comp = await opened(id, []);
        void loader(comp).load(true);
        expect(view(comp).state).toBe(state);
        await api.fail(1);
        expect(view(comp).state).toBe('error');
      }
      expect(mp.of('showToast')).toEqual([]);
    });

    it('a load that is not quiet starts over from loading, and its failure is the error state', async () => {
      const comp = await opened(plain);
      void loader(comp).load();
      expect(view(comp).state).toBe('loading');
      await api.fail(1);
      expect(view(comp).state).toBe('error');
      expect(mp.of('showToast')).toEqual([]);
    });
  });

  describe('lifecycles', () => {
    it('pull-down reloads quietly and stops the refresh once the answer is shown', async () => {
      const comp = await opened(plain);
      loader(comp).onPullDownRefresh!();
      expect(view(comp).names).toEqual(['甲', '乙']);
      expect(api.asked).toHaveLength(2);
      expect(mp.of('stopPullDownRefresh')).toHaveLength(0);

      await api.answer(1, { names: ['丙'] });
      expect(view(comp).names).toEqual(['丙']);
      expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
    });

    it('pull-down stops the refresh when it fails too', async () => {
      const comp = await opened(plain);
      loader(comp).onPullDownRefresh!();
      await api.fail(1);
      expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    });

    it('a show while the first load is on its way loads nothing; a show with content on screen reloads quietly', async () => {
      const comp = mount(plain);
      loader(comp).onLoad!({});
      loader(comp).onShow!();
      expect(api.asked).toHaveLength(1);
      await api.answer(0, { names: ['甲'] });

      loader(comp).onShow!();
      expect(api.asked).toHaveLength(2);
      expect(view(comp).state).toBe('ready');
      await api.answer(1, { names: [] });
      expect(view(comp).state).toBe('empty');

      loader(comp).onShow!();
      expect(api.asked).toHaveLength(3);
    });

    it('a show over a failure loads nothing: the failure has its retry', async () => {
      const comp = mount(found);
      loader(comp).onLoad!({});
      await api.fail(0);
      loader(comp).onShow!();
      void loader(comp).load();
      await api.fail(1, 'POST_NOT_FOUND');
      loader(comp).onShow!();
      expect(api.asked).toHaveLength(2);
    });

    it('leaves a lifecycle the page defines itself to the page', async () => {
      const comp = mount(ownLoad);
      loader(comp).onLoad!({ id: 'p1' });
      expect(view(comp)).toEqual({ state: 'loading', error: '', names: ['来自 p1'] });
      expect(api.asked).toHaveLength(1);
      await api.answer(0, { names: ['甲'] });
      expect(view(comp).names).toEqual(['甲']);
      loader(comp).onPullDownRefresh!();
      expect(api.asked).toHaveLength(2);
    });

    it('wires only the lifecycles asked for', () => {
      const none = mount(host({ lifecycles: [] }));
      expect([loader(none).onLoad, loader(none).onShow, loader(none).onPullDownRefresh]).toEqual([undefined, undefined, undefined]);
      const all = mount(plain);
      expect([typeof loader(all).onLoad, typeof loader(all).onShow, typeof loader(all).onPullDownRefresh]).toEqual(['function', 'function', 'function']);
    });
  });

  describe('answers from another call (a write that answers the whole page)', () => {
    let write: PendingCalls<void, Answer>;
    beforeEach(() => {
      write = new PendingCalls();
    });

    it('shows the write answer without showing loading first', async () => {
      const comp = await opened(plain);
      const done = loader(comp).loadFrom(write.call);
      expect(view(comp).state).toBe('ready');
      await write.answer(0, { names: ['写后'] });
      await done;
      expect(view(comp).names).toEqual(['写后']);
    });

    it('makes a load on the way stale, and is made stale by a load begun after it', async () => {
      const comp = await opened(plain);
      void loader(comp).load(true);
      void loader(comp).loadFrom(write.call);
      await api.answer(1, { names: ['读'] });
      expect(view(comp).names).toEqual(['甲', '乙']);
      await write.answer(0, { names: ['写'] });
      expect(view(comp).names).toEqual(['写']);

      void loader(comp).loadFrom(write.call);
      void loader(comp).load(true);
      await write.answer(1, { names: ['旧写'] });
      expect(view(comp).names).toEqual(['写']);
      await api.answer(2, { names: ['新读'] });
      expect(view(comp).names).toEqual(['新读']);
    });

    it('leaves its failure to the caller: it rejects and the page stays as it was', async () => {
      const comp = await opened(plain);
      const rejected = expect(loader(comp).loadFrom(write.call)).rejects.toEqual({ code: 'OUT_OF_STOCK', message: 'OUT_OF_STOCK' });
      await write.fail(0, 'OUT_OF_STOCK');
      await rejected;
      expect(view(comp)).toEqual({ state: 'ready', error: '', names: ['甲', '乙'] });
      expect(mp.of('showToast')).toEqual([]);
    });
  });
});

/** Whether anything matches the selector. */
function exists(comp: Rendered, selector: string): boolean {
  return comp.querySelectorAll(selector).length > 0;
}
