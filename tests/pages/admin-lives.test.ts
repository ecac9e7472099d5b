import type { LiveDoc } from '../../cloudfunctions/core/schema';
import { T0, type TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { find, load, mount, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp } from './helpers/wx';

/** 直播管理 and its editor: the staff list of lives (tabs, 开播 / 结束 by hand) and 新建直播 / 编辑直播 with product cards. */

const OPERATOR = 'op-1';
const CS = 'cs-1';
const TONIGHT = 'live-tonight';
const PAST = 'live-past';
const HOUR = 3600_000;
/** 2026-11-24 hh:mm China time (the test clock's day) */
const at = (hh: number, mm = 0) => Date.UTC(2026, 10, 24, hh - 8, mm);

type SentCard = { cardId?: string; productId: string; livePriceFen: number; skus?: Array<{ skuId: string; livePriceFen: number }>; role?: string };

type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};
const toasts = () => (mp.of('showToast') as Array<{ title: string }>).map((t) => t.title);
const dataOf = (action: string) => mp.callsTo('admin', action).map((c) => c.data);
/** every write to the admin function the pages sent (reads are list/get/whoami) */
const writes = () => mp.callsTo('admin').filter((c) => !/^(list|get|whoami)/.test(c.action));
const urls = (api: string) => (mp.of(api) as Array<{ url: string }>).map((n) => n.url);

/** A node's WXML attribute as rendered (built-ins such as <picker> keep `disabled` off the DOM). */
function attr(node: Rendered | undefined, name: string): unknown {
  if (!node) throw new Error('no node');
  const json = (node as unknown as { toJSON(): { attrs: Array<{ name: string; value: unknown }> } }).toJSON();
  return json.attrs.find((a) => a.name === name)?.value;
}

describe('admin lives', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state
    for (const name of ['lives', 'live-edit']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  freshRuntimeEach((r) => {
    rt = r;
  });

  async function open(name: string, openid: string, options: Record<string, string> = {}): Promise<Rendered> {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]!);
    const instance = page(comp);
    instance.onLoad(options);
    if (typeof instance.onShow === 'function') instance.onShow();
    await mp.settle();
    return comp;
  }

  const liveDoc = async (id: string) => (await rt.db.collection('lives').get(id)) as LiveDoc;

  describe('直播管理', () => {
    const rows = (comp: Rendered) => texts(comp, '.live__title');
    const states = (comp: Rendered) => texts(comp, '.live__state');
    const lastQuery = () => dataOf('listStaffLives').pop();

    it('lists the seeded lives, latest start first, with their times, counts and states; the tabs ask the server for one state', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('lives', OPERATOR);
      expect(rows(comp)).toEqual(['底妆专场：粉底液 + 散粉直播间专享价', '护肤专场：精华 + 面霜回放']);
      expect(texts(comp, '.live__when')).toEqual(['2026-11-24 20:00 – 23:00', '2026-11-17 20:00 – 22:00']);
      const past = await liveDoc(PAST);
      expect(texts(comp, '.live__counts')).toEqual(['6 个商品卡 · 0 人预约', `${past.cards.length} 个商品卡 · ${past.reservationCount} 人预约`]);
      expect(states(comp)).toEqual(['未开始', '已结束']);
      expect(texts(comp, '.live__edit')).toEqual(['编辑', '查看']);
      expect(find(comp, '.live__start').map((n) => n.dom?.getAttribute('data-id'))).toEqual([TONIGHT]);
      expect(find(comp, '.live__end')).toHaveLength(0);
      expect(find(comp, '.lives__new')).toHaveLength(1);
      expect(lastQuery()).toEqual({ page: 1 });

      await tap(comp, '.lives__tab', { 'data-key': 'ended' });
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1, state: 'ended' });
      expect(rows(comp)).toEqual(['护肤专场：精华 + 面霜回放']);

      await tap(comp, '.lives__tab', { 'data-key': 'live' });
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1, state: 'live' });
      expect(rows(comp)).toEqual([]);
      expect(text(comp, '.lives >>> .state__text')).toBe('没有直播');

      await tap(comp, '.lives__tab', { 'data-key': 'scheduled' });
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1, state: 'scheduled' });
      expect(rows(comp)).toEqual(['底妆专场：粉底液 + 散粉直播间专享价']);

      // the tab on is not asked again
      const asked = mp.callsTo('admin', 'listStaffLives').length;
      await tap(comp, '.lives__tab', { 'data-key': 'scheduled' });
      await mp.settle();
      expect(mp.callsTo('admin', 'listStaffLives')).toHaveLength(asked);

      await tap(comp, '.lives__tab', { 'data-key': '' });
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1 });
      expect(rows(comp)).toHaveLength(2);
    });

    it('a live inside its times shows as 直播中 (not by hand) under 直播中, with 结束 and no 开播', async () => {
      rt.clock.set(at(21));
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('lives', OPERATOR);
      expect(states(comp)).toEqual(['直播中', '已结束']);
      await tap(comp, '.lives__tab', { 'data-key': 'live' });
      await mp.settle();
      expect(rows(comp)).toEqual(['底妆专场：粉底液 + 散粉直播间专享价']);
      expect(find(comp, '.live__start')).toHaveLength(0);
      expect(find(comp, '.live__end').map((n) => n.dom?.getAttribute('data-id'))).toEqual([TONIGHT]);
    });

    it('an operator starts live-tonight early and ends it, each after the modal is confirmed; a cancelled modal sends nothing', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      rt.clock.advance(60_000);
      const comp = await open('lives', OPERATOR);

      // cancelled: nothing is sent
      mp.answer('showModal', { confirm: false, cancel: true });
      await tap(comp, '.live__start', { 'data-id': TONIGHT });
      await mp.settle();
      expect(mp.of('showModal')).toHaveLength(1);
      expect(writes()).toEqual([]);
      expect((await liveDoc(TONIGHT)).manualState).toBeUndefined();
      expect(states(comp)).toEqual(['未开始', '已结束']);

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.live__start', { 'data-id': TONIGHT });
      await mp.settle();
      expect(mp.of('showModal')[1]).toMatchObject({ title: '现在开播？' });
      expect(dataOf('setLiveState')).toEqual([{ liveId: TONIGHT, state: 'live' }]);
      const started = await liveDoc(TONIGHT);
      expect(started).toMatchObject({ manualState: 'live', startedAt: rt.clock.now() });
      expect(toasts()).toContain('已开播');
      // the list was read again: the row is on by hand, with 结束 instead of 开播
      expect(states(comp)).toEqual(['直播中（手动）', '已结束']);
      expect(find(comp, '.live__start')).toHaveLength(0);
      expect(find(comp, '.live__end', { 'data-id': TONIGHT })).toHaveLength(1);
      expect(texts(comp, '.live__edit')).toEqual(['编辑', '查看']);
      // the server's own list agrees
      const listed = await rt.as(OPERATOR)<{ items: Array<{ _id: string; state: string; manual: boolean }> }>('admin', 'listStaffLives', { state: 'live' });
      expect(listed.ok && listed.data.items.map((l) => [l._id, l.state, l.manual])).toEqual([[TONIGHT, 'live', true]]);

      mp.answer('showModal', { confirm: false, cancel: true });
      await tap(comp, '.live__end', { 'data-id': TONIGHT });
      await mp.settle();
      expect(mp.of('showModal')[2]).toMatchObject({ title: '结束直播？' });
      expect(dataOf('setLiveState')).toHaveLength(1);
      expect((await liveDoc(TONIGHT)).manualState).toBe('live');

      rt.clock.advance(5 * 60_000);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.live__end', { 'data-id': TONIGHT });
      await mp.settle();
      expect(dataOf('setLiveState')).toEqual([
        { liveId: TONIGHT, state: 'live' },
        { liveId: TONIGHT, state: 'ended' },
      ]);
      expect(await liveDoc(TONIGHT)).toMatchObject({ manualState: 'ended', endedAt: rt.clock.now() });
      expect(toasts()).toContain('已结束');
      expect(states(comp)).toEqual(['已结束（手动）', '已结束']);
      expect(find(comp, '.live__start')).toHaveLength(0);
      expect(find(comp, '.live__end')).toHaveLength(0);
      expect(texts(comp, '.live__edit')).toEqual(['查看', '查看']);
    });

    it('编辑, 控制台 and 新建直播 open the editor and the console for the row tapped', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('lives', OPERATOR);
      await tap(comp, '.live__edit', { 'data-id': TONIGHT });
      await tap(comp, '.live__console', { 'data-id': TONIGHT });
      await tap(comp, '.live__edit', { 'data-id': PAST });
      await tap(comp, '.live__console', { 'data-id': PAST });
      await tap(comp, '.lives__new');
      expect(urls('navigateTo')).toEqual([
        `/admin/pages/live-edit/index?id=${TONIGHT}`,
        `/admin/pages/live-console/index?live=${TONIGHT}`,
        `/admin/pages/live-edit/index?id=${PAST}`,
        `/admin/pages/live-console/index?live=${PAST}`,
        '/admin/pages/live-edit/index',
      ]);
      expect(writes()).toEqual([]);
      // back from the editor, the list is read again (a live made there shows)
      ok(await rt.as(OPERATOR)('admin', 'createLive', { title: '唇妆专场', startAt: at(20) + 24 * HOUR, endAt: at(22) + 24 * HOUR, cards: [{ productId: 'p-lipstick', livePriceFen: 7900 }] }));
      const asked = mp.callsTo('admin', 'listStaffLives').length;
      page(comp).onShow();
      await mp.settle();
      expect(mp.callsTo('admin', 'listStaffLives')).toHaveLength(asked + 1);
      expect(rows(comp)).toEqual(['唇妆专场', '底妆专场：粉底液 + 散粉直播间专享价', '护肤专场：精华 + 面霜回放']);
      expect(states(comp)[0]).toBe('未开始');
    });

    it('cs reads: no 开播, 结束 or 新建直播, every row 查看', async () => {
      await makeStaff(rt, CS, 'cs');
      const comp = await open('lives', CS);
      expect(rows(comp)).toHaveLength(2);
      expect(text(comp, '.note')).toBe('你的角色只能查看直播');
      expect(find(comp, '.live__start')).toHaveLength(0);
      expect(find(comp, '.live__end')).toHaveLength(0);
      expect(find(comp, '.lives__new')).toHaveLength(0);
      expect(texts(comp, '.live__edit')).toEqual(['查看', '查看']);
      await tap(comp, '.live__edit', { 'data-id': TONIGHT });
      expect(urls('navigateTo')).toEqual([`/admin/pages/live-edit/index?id=${TONIGHT}`]);
      // even called directly, the page asks nothing
      page(comp).onStart({ currentTarget: { dataset: { id: TONIGHT } } });
      await mp.settle();
      expect(mp.of('showModal')).toEqual([]);
      expect(writes()).toEqual([]);
    });
  });

  describe('新建直播 / 编辑直播', () => {
    const form = (comp: Rendered) =>
      page(comp).data.form as { startDay: string; startTime: string; endDay: string; endTime: string; keywords: string; cards: Array<{ cardId: string; productId: string; role: string; skus: Array<{ skuId: string; live: string }> }> };
    const cardTitles = (comp: Rendered) => texts(comp, '.card__title');

    async function type(comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}) {
      const nodes = find(comp, selector, attrs);
      if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector} ${JSON.stringify(attrs)}`);
      nodes[0]!.dispatchEvent('input', { detail: { value } });
      await tick();
      await mp.settle();
    }

    const price = (comp: Rendered, card: number, sku: number, value: string) => type(comp, '.card__price', value, { 'data-card': String(card), 'data-sku': String(sku) });

    /** Picks in a date/time picker, as WeChat reports it; a disabled picker does not open. */
    async function pick(comp: Rendered, selector: string, value: string) {
      const nodes = find(comp, selector);
      if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
      if (attr(nodes[0], 'disabled')) throw new Error(`${selector} is disabled`);
      nodes[0]!.dispatchEvent('change', { detail: { value } });
      await tick();
    }

    /** Searches the products on sale and adds the one with `productId` as a card. */
    async function addCard(comp: Rendered, keyword: string, productId: string) {
      await type(comp, '.find__input', keyword);
      await tap(comp, '.find__go');
      await mp.settle();
      await tap(comp, '.find__item', { 'data-id': productId });
      await mp.settle();
    }

    async function save(comp: Rendered) {
      await tap(comp, '.edit__save');
      await mp.settle();
    }

    it('creates a live: title, end time, two cards found by search, a lower live price, a role, one SKU left on the second card, keywords', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('live-edit', OPERATOR);
      expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '新建直播' }]);
      // tonight 20:00–22:00 China time
      expect(form(comp)).toMatchObject({ startDay: '2026-11-24', startTime: '20:00', endDay: '2026-11-24', endTime: '22:00', keywords: '', cards: [] });
      expect(text(comp, '.edit__save')).toBe('创建直播');
      expect(find(comp, '.cards__empty')).toHaveLength(1);

      await type(comp, '.edit__title', '唇妆专场');
      await pick(comp, '.edit__end-time', '22:30');
      await addCard(comp, '口红', 'p-lipstick');
      expect(dataOf('listStaffProducts')[0]).toEqual({ status: 'on_sale', keyword: '口红' });
      // the product added leaves the results
      expect(find(comp, '.find__item', { 'data-id': 'p-lipstick' })).toHaveLength(0);
      await addCard(comp, '腮红', 'p-blush');
      expect(cardTitles(comp)).toEqual(['1. 丝绒哑光口红', '2. 奶油腮红']);
      // each on-sale SKU starts at its regular price
      expect(form(comp).cards.map((c) => c.skus.map((s) => [s.skuId, s.live]))).toEqual([
        [
          ['p-lipstick-1', '99.00'],
          ['p-lipstick-2', '99.00'],
          ['p-lipstick-3', '99.00'],
        ],
        [
          ['p-blush-1', '89.00'],
          ['p-blush-2', '89.00'],
          ['p-blush-3', '89.00'],
        ],
      ]);

      await price(comp, 0, 1, '79');
      await tap(comp, '.card__role', { 'data-index': '0', 'data-role': 'traffic' });
      await price(comp, 1, 1, '');
      await price(comp, 1, 2, '');
      await type(comp, '.edit__keywords', '想要  链接 口红');
      expect(form(comp).cards.map((c) => c.role)).toEqual(['traffic', '']);
      await save(comp);

      expect(dataOf('createLive')).toEqual([
        {
          title: '唇妆专场',
          startAt: at(20),
          endAt: at(22, 30),
          cards: [
            {
              productId: 'p-lipstick',
              livePriceFen: 7900,
              skus: [
                { skuId: 'p-lipstick-1', livePriceFen: 9900 },
                { skuId: 'p-lipstick-2', livePriceFen: 7900 },
                { skuId: 'p-lipstick-3', livePriceFen: 9900 },
              ],
              role: 'traffic',
            },
            { productId: 'p-blush', livePriceFen: 8900, skus: [{ skuId: 'p-blush-1', livePriceFen: 8900 }] },
          ],
        },
      ]);
      const made = await rt.db.collection('lives').find({ title: '唇妆专场' });
      expect(made).toHaveLength(1);
      const live = made[0] as LiveDoc;
      expect(dataOf('setLiveKeywords')).toEqual([{ liveId: live._id, keywords: ['想要', '链接', '口红'] }]);
      expect(live).toMatchObject({ startAt: at(20), endAt: at(22, 30), keywords: ['想要', '链接', '口红'] });
      expect(live.cards.map((c) => [c.cardId, c.productId, c.livePriceFen, c.skuPrices, c.order, c.role])).toEqual([
        ['card-1', 'p-lipstick', 7900, { 'p-lipstick-1': 9900, 'p-lipstick-2': 7900, 'p-lipstick-3': 9900 }, 0, 'traffic'],
        ['card-2', 'p-blush', 8900, { 'p-blush-1': 8900 }, 1, null],
      ]);
      expect(toasts()).toContain('已保存');
      expect(urls('redirectTo')).toEqual([`/admin/pages/live-edit/index?id=${live._id}`]);

      // the editor it leads to shows what was saved
      const again = await open('live-edit', OPERATOR, { id: live._id });
      expect(text(again, '.edit__save')).toBe('保存');
      expect(form(again).keywords).toBe('想要 链接 口红');
      expect(form(again).endTime).toBe('22:30');
      expect(form(again).cards.map((c) => [c.cardId, c.role, c.skus.map((s) => s.live)])).toEqual([
        ['card-1', 'traffic', ['99.00', '79.00', '99.00']],
        ['card-2', '', ['89.00', '', '']],
      ]);
    });





    it('创建直播 again after its answer was lost sends the same request: one live', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('live-edit', OPERATOR);
      await type(comp, '.edit__title', '唇妆专场');
      await addCard(comp, '口红', 'p-lipstick');
      // the live is made but the answer never reaches the phone
      mp.intercept('admin', 'createLive', async (call) => {
        await rt.call(call.fn, { action: call.action, data: call.data, ...(call.requestId ? { requestId: call.requestId } : {}) }, call.openid);
        return 'network' as const;
      }, 1);
      await save(comp);
      expect(await rt.db.collection('lives').count({ title: '唇妆专场' })).toBe(1);
      expect(mp.of('redirectTo')).toEqual([]);
      expect(text(comp, '.edit__save')).toBe('创建直播');

      await save(comp);
      const sent = mp.callsTo('admin', 'createLive');
      expect(sent).toHaveLength(2);
      expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
      const made = await rt.db.collection('lives').find({ title: '唇妆专场' });
      expect(made).toHaveLength(1);
      expect(urls('redirectTo')).toEqual([`/admin/pages/live-edit/index?id=${made[0]!._id}`]);
    });

    it('a live made whose keywords then fail opens its own editor: one live, and 保存 there sends the keywords', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('live-edit', OPERATOR);
      await type(comp, '.edit__title', '唇妆专场');
      await addCard(comp, '口红', 'p-lipstick');
      await type(comp, '.edit__keywords', '想要 口红');
      mp.intercept('admin', 'setLiveKeywords', 'network', 1);
      await save(comp);
      const made = await rt.db.collection('lives').find({ title: '唇妆专场' });
      expect(made).toHaveLength(1);
      expect(made[0]!.keywords ?? null).toBeNull();
      expect(urls('redirectTo')).toEqual([`/admin/pages/live-edit/index?id=${made[0]!._id}`]);
      expect(mp.callsTo('admin', 'createLive')).toHaveLength(1);
      // the live's own editor: its keywords saved with 保存, no second live, no LIVE_CHANGED
      const editor = await open('live-edit', OPERATOR, { id: made[0]!._id });
      await type(editor, '.edit__keywords', '想要 口红');
      await save(editor);
      expect(mp.callsTo('admin', 'editLive').map((c) => (c.data as { rev: number }).rev)).toEqual([0]);
      expect((await rt.db.collection('lives').get(made[0]!._id))!.keywords).toEqual(['想要', '口红']);
      expect(await rt.db.collection('lives').count({ title: '唇妆专场' })).toBe(1);
    });

    it('an edit saved whose keywords then fail takes the new version: 保存 again is not refused LIVE_CHANGED', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('live-edit', OPERATOR, { id: 'live-tonight' });
      await type(comp, '.edit__keywords', '想要 链接 上新');
      mp.intercept('admin', 'setLiveKeywords', 'network', 1);
      await save(comp);
      await save(comp);
      const edits = mp.callsTo('admin', 'editLive');
      expect(edits.map((c) => (c.data as { rev: number }).rev)).toEqual([0, 1]);
      expect(mp.of('showToast').map((t) => (t as { title: string }).title)).not.toContain('直播刚被其他人修改，请刷新后重试');
      expect((await rt.db.collection('lives').get('live-tonight'))!.keywords).toEqual(['想要', '链接', '上新']);
    });

    it('refuses what cannot be saved, naming it in .edit__error, and sends nothing', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const before = await rt.db.collection('lives').count({});
      const comp = await open('live-edit', OPERATOR);
      const refused = async (message: string) => {
        await save(comp);
        expect(text(comp, '.edit__error')).toBe(message);
        expect(writes()).toEqual([]);
        expect(await rt.db.collection('lives').count({})).toBe(before);
      };

      await refused('请填写直播标题');
      await type(comp, '.edit__title', '唇妆专场');
      // typing clears what was said
      expect(find(comp, '.edit__error')).toHaveLength(0);
      await refused('请至少添加一个商品卡');

      await addCard(comp, '口红', 'p-lipstick');
      await price(comp, 0, 0, '120');
      await refused('丝绒哑光口红 · #01 正红：直播价不能高于日常价 ¥99.00');

      await price(comp, 0, 0, '99');
      await addCard(comp, '腮红', 'p-blush');
      for (const sku of [0, 1, 2]) await price(comp, 1, sku, '');
      await refused('奶油腮红：至少给一个规格填直播价');

      await price(comp, 1, 0, '80');
      await pick(comp, '.edit__end-time', '19:00');
      await refused('结束时间要晚于开播时间');
      // ending on the day before is no better
      await pick(comp, '.edit__end-time', '23:00');
      await pick(comp, '.edit__end-day', '2026-11-23');
      await refused('结束时间要晚于开播时间');

      // with the end after the start it is made, once
      await pick(comp, '.edit__end-day', '2026-11-24');
      await save(comp);
      expect(find(comp, '.edit__error')).toHaveLength(0);
      expect(dataOf('createLive')).toHaveLength(1);
      expect(await rt.db.collection('lives').count({})).toBe(before + 1);
      // no keywords typed: none set
      expect(dataOf('setLiveKeywords')).toEqual([]);
    });

    it('edits live-tonight before it starts: cards reordered and repriced, the start moved; the server keeps each card id', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const was = await liveDoc(TONIGHT);
      const comp = await open('live-edit', OPERATOR, { id: TONIGHT });
      expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '编辑直播' }]);
      expect(text(comp, '.live-edit__state')).toBe('未开始');
      expect(text(comp, '.edit__save')).toBe('保存');
      expect(attr(find(comp, '.edit__start-day')[0], 'disabled')).toBe(false);
      expect(attr(find(comp, '.edit__start-time')[0], 'disabled')).toBe(false);
      expect(find(comp, '.card__remove')).toHaveLength(6);
      expect(cardTitles(comp)).toEqual(['1. 柔雾持妆粉底液', '2. 轻盈定妆散粉', '3. 底妆礼盒', '4. 丝绒哑光口红', '5. 修护精华液', '6. 水光气垫霜']);

      await tap(comp, '.card__down', { 'data-index': '0' });
      await tap(comp, '.card__up', { 'data-index': '5' });
      expect(cardTitles(comp)).toEqual(['1. 轻盈定妆散粉', '2. 柔雾持妆粉底液', '3. 底妆礼盒', '4. 丝绒哑光口红', '5. 水光气垫霜', '6. 修护精华液']);
      await price(comp, 0, 0, '89');
      // 粉底液 (信任款) back to 普通
      await tap(comp, '.card__role', { 'data-index': '1', 'data-role': '' });
      await pick(comp, '.edit__start-time', '19:30');
      await save(comp);

      const sent = dataOf('editLive') as Array<{ liveId: string; startAt?: number; endAt: number; cards: SentCard[] }>;
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ liveId: TONIGHT, title: was.title, startAt: at(19, 30), endAt: at(23) });
      expect(sent[0]!.cards.map((c) => c.cardId)).toEqual(['card-2', 'card-1', 'card-3', 'card-4', 'card-6', 'card-5']);
      expect(sent[0]!.cards[0]).toEqual({
        cardId: 'card-2',
        productId: 'p-powder',
        livePriceFen: 8900,
        skus: [
          { skuId: 'p-powder-1', livePriceFen: 8900 },
          { skuId: 'p-powder-2', livePriceFen: 9900 },
        ],
      });
      expect(sent[0]!.cards[1]).toMatchObject({ cardId: 'card-1', productId: 'p-foundation', livePriceFen: 12900 });
      expect(sent[0]!.cards[1]).not.toHaveProperty('role');
      // the keywords were not touched
      expect(dataOf('setLiveKeywords')).toEqual([]);

      const now = await liveDoc(TONIGHT);
      expect(now.startAt).toBe(at(19, 30));
      expect(now.endAt).toBe(was.endAt);
      expect(now.cards.map((c) => [c.cardId, c.productId, c.order])).toEqual([
        ['card-2', 'p-powder', 0],
        ['card-1', 'p-foundation', 1],
        ['card-3', 'p-gift-base', 2],
        ['card-4', 'p-lipstick', 3],
        ['card-6', 'p-cushion', 4],
        ['card-5', 'p-serum', 5],
      ]);
      expect(now.cards[0]).toMatchObject({ livePriceFen: 8900, skuPrices: { 'p-powder-1': 8900, 'p-powder-2': 9900 } });
      // every card keeps its stock bar; only 粉底液's role changed
      for (const c of now.cards) expect(c.initialStock).toBe(was.cards.find((o) => o.cardId === c.cardId)!.initialStock);
      expect(now.cards.map((c) => c.role)).toEqual([null, null, 'traffic', 'traffic', null, 'trust']);
      expect(toasts()).toContain('已保存');
      // the editor reads the live again and shows it as saved
      expect(dataOf('getLiveDraft')).toHaveLength(2);
      expect(cardTitles(comp)).toEqual(['1. 轻盈定妆散粉', '2. 柔雾持妆粉底液', '3. 底妆礼盒', '4. 丝绒哑光口红', '5. 水光气垫霜', '6. 修护精华液']);
      expect(form(comp).startTime).toBe('19:30');
      expect(mp.of('redirectTo')).toEqual([]);
    });

    it('while live-tonight is on: saved cards stay, the start is fixed, a new card is added after them and a card repriced', async () => {
      rt.clock.set(at(21));
      await makeStaff(rt, OPERATOR, 'operator');
      const was = await liveDoc(TONIGHT);
      const comp = await open('live-edit', OPERATOR, { id: TONIGHT });
      expect(text(comp, '.live-edit__state')).toBe('直播中');
      expect(text(comp, '.note')).toBe('直播中：开播时间不能改，已上的商品卡不能移除，可以改价、加卡');
      expect(find(comp, '.card__remove')).toHaveLength(0);
      expect(attr(find(comp, '.edit__start-day')[0], 'disabled')).toBe(true);
      expect(attr(find(comp, '.edit__start-time')[0], 'disabled')).toBe(true);
      expect(attr(find(comp, '.edit__end-time')[0], 'disabled')).toBe(false);
      // removing a saved card is refused even when asked directly
      page(comp).onRemoveCard({ currentTarget: { dataset: { index: 0 } } });
      expect(toasts()).toContain('直播中已上的商品卡不能移除');
      expect(form(comp).cards).toHaveLength(6);

      await addCard(comp, '腮红', 'p-blush');
      expect(cardTitles(comp)[6]).toBe('7. 奶油腮红');
      // a card not saved yet can still go
      expect(find(comp, '.card__remove').map((n) => n.dom?.getAttribute('data-index'))).toEqual(['6']);
      await price(comp, 3, 0, '59');
      await save(comp);

      const sent = dataOf('editLive') as Array<{ startAt?: number; endAt: number; cards: SentCard[] }>;
      expect(sent).toHaveLength(1);
      expect(sent[0]).not.toHaveProperty('startAt');
      expect(sent[0]!.endAt).toBe(was.endAt);
      expect(sent[0]!.cards.map((c) => c.cardId ?? null)).toEqual(['card-1', 'card-2', 'card-3', 'card-4', 'card-5', 'card-6', null]);
      expect(sent[0]!.cards[3]).toMatchObject({ productId: 'p-lipstick', livePriceFen: 5900 });
      expect(sent[0]!.cards[6]).toEqual({
        productId: 'p-blush',
        livePriceFen: 8900,
        skus: [
          { skuId: 'p-blush-1', livePriceFen: 8900 },
          { skuId: 'p-blush-2', livePriceFen: 8900 },
          { skuId: 'p-blush-3', livePriceFen: 8900 },
        ],
      });
      expect(toasts()).toContain('已保存');

      const now = await liveDoc(TONIGHT);
      expect(now.startAt).toBe(was.startAt);
      expect(now.cards.map((c) => [c.cardId, c.productId, c.order])).toEqual([
        ...was.cards.map((c) => [c.cardId, c.productId, c.order]),
        ['card-7', 'p-blush', 6],
      ]);
      expect(now.cards[3]).toMatchObject({ livePriceFen: 5900, skuPrices: { 'p-lipstick-1': 5900, 'p-lipstick-2': 6900, 'p-lipstick-3': 6900 } });
      expect(now.cards[6]).toMatchObject({ livePriceFen: 8900, skuPrices: { 'p-blush-1': 8900, 'p-blush-2': 8900, 'p-blush-3': 8900 }, role: null });
      // reloaded: the new card is saved now and stays like the rest
      expect(form(comp).cards.map((c) => c.cardId)).toEqual(['card-1', 'card-2', 'card-3', 'card-4', 'card-5', 'card-6', 'card-7']);
      expect(find(comp, '.card__remove')).toHaveLength(0);
    });

    it('an ended live opens read only: no 保存, no search, no card controls', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('live-edit', OPERATOR, { id: PAST });
      expect(text(comp, '.live-edit__state')).toBe('已结束');
      expect(text(comp, '.note')).toBe('直播已结束，只能查看');
      expect(find(comp, '.edit__save')).toHaveLength(0);
      expect(find(comp, '.find__input')).toHaveLength(0);
      expect(find(comp, '.card').length).toBeGreaterThan(0);
      expect(find(comp, '.card__remove')).toHaveLength(0);
      expect(find(comp, '.card__up')).toHaveLength(0);
      expect(find(comp, '.card__down')).toHaveLength(0);
      expect(attr(find(comp, '.edit__title')[0], 'disabled')).toBe(true);
      expect(attr(find(comp, '.edit__end-time')[0], 'disabled')).toBe(true);
      expect(find(comp, '.card__price').every((n) => attr(n, 'disabled') === true)).toBe(true);
      await page(comp).onSave();
      await mp.settle();
      expect(writes()).toEqual([]);
    });

    it('a live ended by hand opens read only too, and cs reads a scheduled one without 保存', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      await makeStaff(rt, CS, 'cs');
      const cs = await open('live-edit', CS, { id: TONIGHT });
      expect(text(cs, '.note')).toBe('你的角色只能查看直播');
      expect(find(cs, '.edit__save')).toHaveLength(0);
      expect(find(cs, '.card__remove')).toHaveLength(0);

      const ended = await rt.as(OPERATOR)('admin', 'setLiveState', { liveId: TONIGHT, state: 'ended' });
      expect(ended).toEqual({ ok: true, data: { state: 'ended' } });
      const comp = await open('live-edit', OPERATOR, { id: TONIGHT });
      expect(text(comp, '.note')).toBe('直播已结束，只能查看');
      expect(find(comp, '.edit__save')).toHaveLength(0);
      expect(writes()).toEqual([]);
      // ended by hand before its times came: the editor goes by the state, not the clock
      const live = await liveDoc(TONIGHT);
      expect(live.manualState).toBe('ended');
      expect(rt.clock.now()).toBe(T0);
      expect(rt.clock.now()).toBeLessThan(live.startAt);
    });
  });
});
