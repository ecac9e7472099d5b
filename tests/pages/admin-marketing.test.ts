import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const TONIGHT = 'live-tonight';

const input = (comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}) => {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
};

describe('admin marketing screens', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    // one registration of the shared page-state per page (see admin-operations.test.ts)
    for (const name of ['coupons', 'fission', 'raffles', 'bindings']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    jest.useFakeTimers({ now: T0, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  async function open(name: string, openid = 'demo-staff', options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  describe('coupon templates', () => {
    it('creates a spend-and-save coupon for tonight, and lists it first with its id', async () => {
      const comp = await open('coupons');
      const seeded = await rt.db.collection('coupon_templates').count({});
      expect(texts(comp, '.created__title')).toHaveLength(seeded);
      input(comp, '.form__title', '直播满减券', { 'data-field': 'title' });
      await tap(comp, '.form__kind', { 'data-kind': 'threshold' });
      input(comp, '.form__threshold', '199', { 'data-field': 'threshold' });
      input(comp, '.form__value', '30', { 'data-field': 'value' });
      input(comp, '.form__stock', '500', { 'data-field': 'totalStock' });
      await tap(comp, '.form__live', { 'data-id': TONIGHT });
      await tap(comp, '.form__eligibility', { 'data-eligibility': 'reservers' });
      await tap(comp, '.form__submit');
      await mp.settle();
      expect(mp.callsTo('admin', 'createCouponTemplate').map((c) => c.data)).toEqual([
        { title: '直播满减券', kind: 'threshold', valueFen: 3000, thresholdFen: 19900, totalStock: 500, perUserLimit: 1, validDays: 7, liveId: TONIGHT, eligibility: 'reservers' },
      ]);
      expect(texts(comp, '.created__title')[0]).toBe('直播满减券');
      expect(texts(comp, '.created__title')).toHaveLength(seeded + 1);
      expect(texts(comp, '.created__summary')[0]).toBe('满 ¥199.00 减 ¥30.00 · 已发 0/500');
      const created = mp.callsTo('admin', 'createCouponTemplate').length;
      expect(created).toBe(1);
      const [newest] = await rt.db.collection('coupon_templates').find({ title: '直播满减券' });
      await tap(comp, '.created__copy', { 'data-id': newest._id });
      const [copied] = mp.of('setClipboardData') as Array<{ data: string }>;
      const template = await rt.db.collection('coupon_templates').get(copied.data);
      expect(template?.title).toBe('直播满减券');
      expect(page(comp).data.form).toEqual(expect.objectContaining({ title: '', liveId: TONIGHT }));
    });

    it('stops claims of a template after confirming', async () => {
      const comp = await open('coupons');
      const [first] = await rt.db.collection('coupon_templates').find({}, { sort: [['createdAt', 'desc']], limit: 1 });
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.created__stop', { 'data-id': first._id });
      await mp.settle();
      expect(mp.callsTo('admin', 'stopCouponTemplate').map((c) => c.data)).toEqual([{ templateId: first._id }]);
      expect(texts(comp, '.created__summary')[0]).toMatch(/已停发$/);
      expect(find(comp, '.created__stop', { 'data-id': first._id })).toHaveLength(0);
    });

    it('checks the form before sending: a saving above its threshold, a reservers coupon without a live', async () => {
      const comp = await open('coupons');
      input(comp, '.form__title', '券', { 'data-field': 'title' });
      await tap(comp, '.form__kind', { 'data-kind': 'threshold' });
      input(comp, '.form__threshold', '50', { 'data-field': 'threshold' });
      input(comp, '.form__value', '60', { 'data-field': 'value' });
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('减免金额要小于门槛');
      input(comp, '.form__value', '10', { 'data-field': 'value' });
      await tap(comp, '.form__eligibility', { 'data-eligibility': 'viewers' });
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择这张券属于哪场直播');
      expect(mp.callsTo('admin', 'createCouponTemplate')).toEqual([]);
    });

    it('creates a 回购券 with the products bought before and those it applies to, picked by name', async () => {
      const comp = await open('coupons');
      input(comp, '.form__title', '买过粉底液，散粉 8 折', { 'data-field': 'title' });
      await tap(comp, '.form__kind', { 'data-kind': 'related' });
      expect(find(comp, '.form__value')).toHaveLength(0);
      input(comp, '.form__percent', '20', { 'data-field': 'percentOff' });
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择买过哪些商品的顾客可用');
      const related = '.form__related-picker >>> ';
      input(comp, `${related}.picker__input`, '粉底液');
      await tap(comp, `${related}.picker__go`);
      await mp.settle();
      await tap(comp, `${related}.picker__item`, { 'data-id': 'p-foundation' });
      expect(texts(comp, `${related}.picker__chosen`)).toEqual(['柔雾持妆粉底液×']);
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择这张券用于哪些商品');
      const scope = '.form__scope-picker >>> ';
      input(comp, `${scope}.picker__input`, '散粉');
      await tap(comp, `${scope}.picker__go`);
      await mp.settle();
      await tap(comp, `${scope}.picker__item`, { 'data-id': 'p-powder' });
      // one picked by mistake comes off again
      input(comp, `${scope}.picker__input`, '口红');
      await tap(comp, `${scope}.picker__go`);
      await mp.settle();
      await tap(comp, `${scope}.picker__item`, { 'data-id': 'p-lipstick' });
      expect(texts(comp, `${scope}.picker__chosen`)).toEqual(['轻盈定妆散粉×', '丝绒哑光口红×']);
      await tap(comp, `${scope}.picker__remove`, { 'data-id': 'p-lipstick' });
      expect(texts(comp, `${scope}.picker__chosen`)).toEqual(['轻盈定妆散粉×']);
      await tap(comp, '.form__submit');
      await mp.settle();
      expect(mp.callsTo('admin', 'createCouponTemplate').map((c) => c.data)).toEqual([
        { title: '买过粉底液，散粉 8 折', kind: 'related', percentOff: 20, relatedProductIds: ['p-foundation'], scope: { productIds: ['p-powder'] }, totalStock: 100, perUserLimit: 1, validDays: 7 },
      ]);
      expect(texts(comp, '.created__summary')[0]).toBe('回购券 8 折 · 已发 0/100');
      // the form starts again empty
      expect(find(comp, `${related}.picker__chosen`)).toHaveLength(0);
    });

    it('edits a template after claims: name, stock and limit; never below what is issued', async () => {
      const created = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', { title: '改券', kind: 'no_threshold', valueFen: 500, totalStock: 10, perUserLimit: 1, validDays: 7 });
      if (!created.ok) throw new Error(created.error.code);
      const id = created.data.templateId;
      for (const fan of ['fan-1', 'fan-2']) await rt.as(fan)('coupons', 'claim', { templateId: id });
      const comp = await open('coupons');
      await tap(comp, '.created__edit', { 'data-id': id });
      expect(text(comp, '.edit__note')).toContain('已发出 2 张');
      input(comp, '.edit__stock', '1', { 'data-field': 'totalStock' });
      await tap(comp, '.edit__save');
      expect(text(comp, '.edit__error')).toBe('已发出 2 张，发行量不能更少');
      input(comp, '.edit__title', '改名的券', { 'data-field': 'title' });
      input(comp, '.edit__stock', '50', { 'data-field': 'totalStock' });
      input(comp, '.edit__limit', '2', { 'data-field': 'perUserLimit' });
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'updateCouponTemplate').map((c) => c.data)).toEqual([{ templateId: id, title: '改名的券', totalStock: 50, perUserLimit: 2 }]);
      expect(find(comp, '.edit')).toHaveLength(0);
      expect(texts(comp, '.created__title')[0]).toBe('改名的券');
      expect(texts(comp, '.created__summary')[0]).toBe('¥5.00 无门槛 · 已发 2/50');
      expect(texts(comp, '.created__claim')[0]).toBe('每人限领 2 张 · 领取不限时');
    });

    it('sets the day claiming ends, at the end of that Shanghai day', async () => {
      const comp = await open('coupons');
      const [first] = page(comp).data.created as Array<{ templateId: string }>;
      await tap(comp, '.created__edit', { 'data-id': first.templateId });
      comp.querySelector('.edit__end-picker')!.dispatchEvent('change', { detail: { value: '2026-12-31' } });
      await tap(comp, '.edit__save');
      await mp.settle();
      const sent = mp.callsTo('admin', 'updateCouponTemplate').map((c) => c.data as { claimEnd: number })[0];
      expect(new Date(sent.claimEnd).toISOString()).toBe('2026-12-31T15:59:59.000Z');
      expect(texts(comp, '.created__claim')[0]).toContain('2026-12-31 截止领取');
    });

    it('is not offered to customer service', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const comp = await open('coupons', 'cs-1');
      expect(text(comp, '.coupons >>> .state__text')).toBe('你的角色无权进行此操作');
      expect(find(comp, '.form')).toHaveLength(0);
    });
  });

  describe('invite tasks', () => {
    it('creates a task for tonight and lists it with its claims; preview opens the shopper page', async () => {
      await rt.db.collection('fission_tasks').remove({});
      const comp = await open('fission');
      expect(text(comp, '.fission .note')).toBe('还没有邀请任务');
      expect(find(comp, '.form__live', { 'data-id': TONIGHT }).every((n) => hasClass(n, 'chip--on'))).toBe(true);
      input(comp, '.form__points', '200', { 'data-field': 'points' });
      await tap(comp, '.form__submit');
      await mp.settle();
      expect(mp.callsTo('admin', 'createFissionTask').map((c) => c.data)).toEqual([
        { liveId: TONIGHT, requiredInvites: 3, giftStock: 100, gift: { kind: 'points', points: 200 } },
      ]);
      expect(texts(comp, '.task__text')).toEqual(['邀请 3 位新朋友预约 → 200 积分']);
      expect(text(comp, '.task .muted')).toContain('已领 0 / 100');
      await tap(comp, '.task__preview');
      expect(mp.of('navigateTo')).toEqual([{ url: expect.stringMatching(/^\/pages\/invite\/index\?task=/) }]);
    });

    it('picks a coupon gift from the shop\'s templates instead of typing its id', async () => {
      const comp = await open('fission');
      await tap(comp, '.form__gift', { 'data-kind': 'coupon' });
      await mp.settle();
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择优惠券');
      expect(mp.callsTo('admin', 'createFissionTask')).toEqual([]);
      // the picker lists the templates as the server has them, newest first
      const templates = await rt.as('demo-staff')<{ items: Array<{ templateId: string; title: string }> }>('admin', 'listCouponTemplates', {});
      if (!templates.ok) throw new Error(templates.error.code);
      expect(texts(comp, '.form__template >>> .picker__title').slice(0, 3)).toEqual(templates.data.items.slice(0, 3).map((t) => expect.stringContaining(t.title)));
      const picked = templates.data.items[0]!;
      await tap(comp, '.form__template >>> .picker__option', { 'data-id': picked.templateId });
      expect((page(comp).data.form as { templateId: string }).templateId).toBe(picked.templateId);
      expect(find(comp, '.form__template >>> .picker__option--on')).toHaveLength(1);
      // tapped again: none
      await tap(comp, '.form__template >>> .picker__option', { 'data-id': picked.templateId });
      expect((page(comp).data.form as { templateId: string }).templateId).toBe('');
    });
  });

  describe('raffles', () => {
    it('lists the raffles with their draws, runs the next draw now after confirming, and shows the winners', async () => {
      await rt.as('fan-a')('live', 'reserve', { liveId: TONIGHT });
      const entered = await rt.as('fan-a')('raffle', 'enter', { raffleId: 'raffle-tonight' });
      expect(entered.ok).toBe(true);
      const comp = await open('raffles');
      expect(texts(comp, '.raffle__title')).toEqual(expect.arrayContaining(['预约抽奖：开播 15 分钟开奖', '进群抽奖：整点开奖']));
      const index = texts(comp, '.raffle__title').indexOf('预约抽奖：开播 15 分钟开奖');

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.raffle__draw', { 'data-index': String(index) });
      await mp.settle();
      expect(mp.callsTo('admin', 'drawRaffle').map((c) => c.data)).toEqual([{ raffleId: 'raffle-tonight' }]);
      expect(mp.of('showToast')).toEqual([{ title: '第 1 轮已开奖，1 人中奖', icon: 'none' }]);
      expect(texts(comp, '.prize__text')).toHaveLength(1);
      expect(texts(comp, '.prize__text')[0]).toMatch(/^第 1 轮 · /);
      await tap(comp, '.slot__verify', { 'data-id': 'raffle-tonight', 'data-slot': '1' });
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/raffle/verify/index?id=raffle-tonight&slot=1' }]);
    });

    it('creates a reservation raffle drawn 30 minutes after the start', async () => {
      const comp = await open('raffles');
      input(comp, '.form__title', '开播半小时抽奖', { 'data-field': 'title' });
      input(comp, '.form__after', '30', { 'data-field': 'afterMinutes' });
      input(comp, '.form__prize-title', '50 积分', { 'data-field': 'prizeTitle' });
      input(comp, '.form__points', '50', { 'data-field': 'points' });
      await tap(comp, '.form__submit');
      await mp.settle();
      const live = await rt.db.collection('lives').get(TONIGHT);
      expect(mp.callsTo('admin', 'createRaffle').map((c) => c.data)).toEqual([
        { liveId: TONIGHT, kind: 'reservation', title: '开播半小时抽奖', draw: { type: 'once', at: live!.startAt + 30 * 60_000 }, prizes: [{ kind: 'points', title: '50 积分', stock: 3, points: 50 }] },
      ]);
      expect(texts(comp, '.raffle__title')).toContain('开播半小时抽奖');
    });

    it('creates a raffle whose prize is goods: a product picked by name and one of its specs', async () => {
      const comp = await open('raffles');
      input(comp, '.form__title', '整点送口红', { 'data-field': 'title' });
      await tap(comp, '.form__prize-kind', { 'data-value': 'goods' });
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择奖品商品');
      const goods = '.form__goods-picker >>> ';
      input(comp, `${goods}.picker__input`, '口红');
      await tap(comp, `${goods}.picker__go`);
      await mp.settle();
      await tap(comp, `${goods}.picker__item`, { 'data-id': 'p-lipstick' });
      expect((page(comp).data.form as { prizeTitle: string }).prizeTitle).toBe('丝绒哑光口红');
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('请选择奖品规格');
      const skus = await rt.db.collection('skus').find({ productId: 'p-lipstick' }, { sort: [['_id', 'asc']] });
      expect(find(comp, '.form__sku')).toHaveLength(skus.length);
      await tap(comp, '.form__sku', { 'data-id': skus[1]!._id });
      input(comp, '.form__prize-stock', '1', { 'data-field': 'prizeStock' });
      await tap(comp, '.form__submit');
      await mp.settle();
      const sent = mp.callsTo('admin', 'createRaffle').map((c) => (c.data as { prizes: unknown[] }).prizes);
      expect(sent).toEqual([[{ kind: 'goods', title: '丝绒哑光口红', stock: 1, skuId: skus[1]!._id }]]);
      expect(texts(comp, '.raffle__title')).toContain('整点送口红');
    });

    it('lets customer service look but not draw or create', async () => {
      await makeStaff(rt, 'cs-2', 'cs');
      const comp = await open('raffles', 'cs-2');
      expect(texts(comp, '.raffle__title').length).toBeGreaterThan(0);
      expect(find(comp, '.raffle__draw')).toHaveLength(0);
      expect(find(comp, '.form')).toHaveLength(0);
    });
  });

  describe('referral bindings', () => {
    it('lists bindings with their reasons and filters by inviter; the owner edits the settings', async () => {
      const code = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', { liveId: TONIGHT });
      await rt.as('friend-x')('referral', 'bind', { code: code.ok ? code.data.code : '' });
      const comp = await open('bindings');
      expect(texts(comp, '.binding__pair')).toEqual(['demo-shopper → friend-x']);
      expect(text(comp, '.binding__reason')).toContain('first touch through code');
      input(comp, '.filter__inviter', 'nobody', { 'data-field': 'inviterId' });
      await tap(comp, '.filter__go');
      await mp.settle();
      expect(mp.callsTo('admin', 'listBindings').pop()?.data).toEqual({ inviterId: 'nobody', page: 1 });
      expect(text(comp, '.bindings >>> .state__text')).toBe('还没有邀请绑定');

      expect(page(comp).data.settings).toEqual([
        { key: 'windowDays', label: '新用户绑定窗口（天）', value: '7' },
        { key: 'promoterMinWatchMinutes', label: '推广奖励需观看（分钟）', value: '10' },
        { key: 'promoterPointsPerInvitee', label: '每位有效好友奖励积分', value: '20' },
        { key: 'promoterDailyCap', label: '每日奖励人数上限', value: '30' },
      ]);
      input(comp, '.setting__input', '14', { 'data-index': '0' });
      await tap(comp, '.settings__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'setReferralSettings').map((c) => c.data)).toEqual([{ windowDays: 14, promoterMinWatchMinutes: 10, promoterPointsPerInvitee: 20, promoterDailyCap: 30 }]);
      input(comp, '.setting__input', '0', { 'data-index': '3' });
      await tap(comp, '.settings__save');
      expect(text(comp, '.settings__error')).toBe('每日奖励人数上限：请填写 1–1000 的整数');
    });

    it('shows the settings read-only to customer service', async () => {
      await makeStaff(rt, 'cs-3', 'cs');
      const comp = await open('bindings', 'cs-3');
      expect(find(comp, '.setting__input')).toHaveLength(0);
      expect(texts(comp, '.setting__value')).toEqual(['7', '10', '20', '30']);
    });
  });
});
