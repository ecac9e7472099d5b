import type { OutboxEntry, SopRule, StaffTask, TagRule, TaggedUser } from '../../typings/contract';
import { statsId } from '../../cloudfunctions/core/schema';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import type { SopTaskDoc } from '../../cloudfunctions/core/schema';
import { SOP_CART_UNPAID } from '../../scripts/seed/after-live';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MARKETING = templateId('marketing');
const ADDRESS = { userName: '林小美', telNumber: '13800138000', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 100 号' };

type Call = ReturnType<TestRuntime['as']>;
const ok = async <T>(p: ReturnType<Call>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
};

describe('SOP: rules, steps and caps', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const consent = (user: string, times = 1) =>
    Promise.all(Array.from({ length: times }, () => ok(rt.as(user)('live', 'recordConsents', { consents: { [MARKETING]: 'accept' } }))));
  const addToCart = (user: string, skuId = 'p-foundation-1') => ok(rt.as(user)('mall', 'addToCart', { skuId, quantity: 1 }));
  const runSop = () => rt.runTimer('sop', 'runSop');
  const outboxOf = (user: string) => rt.db.collection('outbox').find({ userId: user }, { sort: [['createdAt', 'asc'], ['_id', 'asc']] });
  const tasksOf = (user: string) => rt.db.collection('sop_tasks').find({ userId: user }, { sort: [['dueAt', 'asc'], ['_id', 'asc']] });
  async function buyCart(user: string) {
    const { addressId } = await ok<{ addressId: string }>(rt.as(user)('mall', 'saveAddress', ADDRESS));
    const cart = await ok<{ lines: Array<{ skuId: string; quantity: number }> }>(rt.as(user)('mall', 'getCart', {}));
    const items = cart.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
    const { orderId } = await ok<{ orderId: string }>(rt.as(user)('mall', 'createOrder', { items, addressId, fromCart: true }));
    expect((await rt.devPay(orderId)).status).toBe(204);
  }
  /** a rule that messages at once on add-to-cart, with no cooldown */
  const instantRule = () =>
    ok<{ ruleId: string }>(
      rt.as('demo-staff')('admin', 'saveSopRule', {
        name: '加购即提醒',
        trigger: { kind: 'event', event: 'cart_add' },
        action: { kind: 'subscribe', title: '加购提醒', text: '库存不多了', page: 'pages/cart/index' },
        cooldownHours: 0,
      }),
    );

  describe('the seeded rule "cart unpaid 24 h → reminder"', () => {
    it('fires at 24 h, not at 23 h 59 m, and not again', async () => {
      await consent('cart-u');
      await addToCart('cart-u');
      await runSop();
      rt.clock.set(T0 + DAY - MINUTE);
      await runSop();
      expect(await outboxOf('cart-u')).toEqual([]);

      rt.clock.set(T0 + DAY);
      await runSop();
      const [reminder] = await outboxOf('cart-u');
      expect(reminder).toMatchObject({
        _id: `sop:${SOP_CART_UNPAID}:cart:cart-u:p-foundation-1:${T0}`,
        channel: 'subscribe',
        kind: 'marketing',
        template: MARKETING,
        params: { thing1: '购物车提醒', thing2: '你加购的宝贝还在等你', thing3: '点击查看详情' },
        page: 'pages/cart/index',
        status: 'sent',
        source: `sop:${SOP_CART_UNPAID}`,
      });

      rt.clock.set(T0 + DAY + 5 * MINUTE);
      await runSop();
      await runSop();
      expect(await outboxOf('cart-u')).toHaveLength(1);
      expect(rt.messaging.delivered.filter((d) => d.kind === 'subscribe' && d.message.openid === 'cart-u')).toHaveLength(1);
    });

    it('does not fire at all once the cart is paid', async () => {
      await consent('cart-p');
      await addToCart('cart-p');
      rt.clock.set(T0 + HOUR);
      await buyCart('cart-p');
      rt.clock.set(T0 + DAY);
      await runSop();
      expect((await outboxOf('cart-p')).filter((m) => m.source.startsWith('sop:'))).toEqual([]);
      const cartTask = (await tasksOf('cart-p')).find((t) => t.ruleId === SOP_CART_UNPAID)!;
      expect([cartTask.status, cartTask.reason]).toEqual(['skipped', 'condition_false']);
    });

    it('a second add to the cart does not remind twice', async () => {
      await consent('cart-2', 2);
      await addToCart('cart-2');
      rt.clock.set(T0 + HOUR);
      await addToCart('cart-2', 'p-powder-1');
      await runSop();
      rt.clock.set(T0 + DAY);
      await runSop();
      rt.clock.set(T0 + DAY + HOUR);
      await runSop();
      expect((await outboxOf('cart-2')).map((m) => m.status)).toEqual(['sent']);
      expect((await tasksOf('cart-2')).map((t) => [t.status, t.reason])).toEqual([
        ['done', null],
        ['skipped', 'cooldown'],
      ]);
    });
  });

  it('quiet hours defer a message until 08:00, when the outbox flush sends it', async () => {
    await instantRule();
    await consent('night');
    rt.clock.set(T0 + 13 * HOUR); // 23:00 Shanghai
    await addToCart('night');
    await runSop();
    const morning = T0 + 22 * HOUR; // 08:00 the next day
    expect((await outboxOf('night')).map((m) => [m.status, m.reason, m.notBefore])).toEqual([['deferred', 'quiet_hours', morning]]);
    expect((await tasksOf('night')).find((t) => t.ruleId !== SOP_CART_UNPAID)!.outcome).toBe('deferred');

    rt.clock.set(morning - MINUTE);
    await rt.runTimer('sop', 'flushOutbox');
    expect((await outboxOf('night'))[0].status).toBe('deferred');
    rt.clock.set(morning);
    expect(await rt.runTimer('sop', 'flushOutbox')).toEqual({ ok: true, data: { attempted: 1, dropped: 0 } });
    expect((await outboxOf('night')).map((m) => [m.status, m.sentAt])).toEqual([['sent', morning]]);
  });

  it('caps hold: two marketing messages a day, three SOP steps a day per user', async () => {
    await instantRule();
    await consent('busy', 5);
    for (const sku of ['p-foundation-1', 'p-powder-1', 'p-lipstick-1', 'p-serum-1']) await addToCart('busy', sku);
    await runSop();
    expect((await outboxOf('busy')).map((m) => [m.status, m.reason])).toEqual([
      ['sent', null],
      ['sent', null],
      ['skipped', 'cap_daily'],
    ]);
    const instant = (await tasksOf('busy')).filter((t) => t.ruleId !== SOP_CART_UNPAID);
    expect(instant.map((t) => [t.status, t.reason])).toEqual([
      ['done', null],
      ['done', null],
      ['done', 'cap_daily'],
      ['skipped', 'cap_user_daily'],
    ]);
  });

  it('no consent credit: the message is recorded as skipped with the reason', async () => {
    await instantRule();
    await addToCart('silent');
    await runSop();
    expect((await outboxOf('silent')).map((m) => [m.status, m.reason])).toEqual([['skipped', 'no_consent_credit']]);
    expect(rt.messaging.delivered).toEqual([]);
  });

  it('a step whose runner died is claimed again after its lease, and acts once', async () => {
    const task: SopTaskDoc = {
      _id: 'manual:points',
      ruleId: null,
      source: 'test',
      userId: 'lucky',
      eventKey: null,
      action: { kind: 'grant_points', points: 30, label: '补偿' },
      condition: null,
      cooldownHours: 0,
      capped: false,
      dueAt: T0 - HOUR,
      status: 'running',
      attempts: 1,
      leaseUntil: T0 + MINUTE,
      capTaken: false,
      outcome: null,
      reason: null,
      createdAt: T0 - HOUR,
      doneAt: null,
    };
    await rt.db.collection('sop_tasks').insert(task);
    await runSop();
    expect((await rt.db.collection('sop_tasks').get(task._id))!.status).toBe('running');
    rt.clock.set(T0 + 2 * MINUTE);
    await runSop();
    expect((await rt.db.collection('sop_tasks').get(task._id))!).toMatchObject({ status: 'done', outcome: 'points:+30', attempts: 2 });
    // run again by hand: the ledger key holds, nothing more is added
    await rt.db.collection('sop_tasks').update({ _id: task._id }, { $set: { status: 'pending' } });
    await runSop();
    expect((await rt.db.collection('sop_tasks').get(task._id))!.outcome).toBe('points:already');
    expect(await rt.db.collection('points_entries').count({ userId: 'lucky' })).toBe(1);
  });

  it('tags follow events: watched 30 min with an unpaid cart → tagged → staff follow-up; paying removes the tag', async () => {
    await rt.db.collection('live_stats').insert({
      _id: statsId('live-tonight', 'fan'),
      liveId: 'live-tonight',
      userId: 'fan',
      watchMinutes: 40,
      lastSlot: 0,
      cardTaps: 1,
      comments: 0,
      keywordHits: 0,
      addToCart: 1,
      consultTaps: 0,
      firstAt: T0 - 2 * HOUR,
      lastAt: T0 - HOUR,
    });
    await addToCart('fan');
    await runSop();
    const tagged = await ok<{ items: TaggedUser[]; total: number }>(rt.as('demo-staff')('admin', 'usersByTag', { tag: 'hesitant_viewer' }));
    expect(tagged.items.map((t) => [t.userId, t.source, t.addedAt, t.expiresAt])).toEqual([['fan', 'rule:tag-hesitant', T0, T0 + 3 * DAY]]);

    const open = await ok<{ items: StaffTask[]; total: number }>(rt.as('demo-staff')('admin', 'listStaffTasks', { status: 'open' }));
    expect(open.items.map((t) => [t.userId, t.title, t.ruleId])).toEqual([['fan', '看播 30 分钟以上且未付款：私聊跟进', 'sop-hesitant-follow-up']]);

    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    const taskId = open.items[0]._id;
    expect(await rt.as('cs-1')('admin', 'completeStaffTask', { taskId, note: '已私聊，明天下单' })).toEqual({ ok: true, data: { status: 'done' } });
    expect(await rt.as('cs-1')('admin', 'completeStaffTask', { taskId })).toEqual({ ok: true, data: { status: 'done' } });
    expect(await rt.as('cs-1')('admin', 'completeStaffTask', { taskId: 'nope' })).toMatchObject({ ok: false, error: { code: 'STAFF_TASK_NOT_FOUND' } });
    const done = await ok<{ items: StaffTask[] }>(rt.as('demo-staff')('admin', 'listStaffTasks', { status: 'done' }));
    expect(done.items.map((t) => [t.note, t.doneBy])).toEqual([['已私聊，明天下单', 'cs-1']]);

    await buyCart('fan');
    await runSop();
    expect(await rt.db.collection('user_tags').get('fan:hesitant_viewer')).toBeNull();
  });

  it('the hourly sweep drops expired tags and evaluates every user again', async () => {
    await rt.db.collection('user_tags').insert({ _id: 'old:core_fan', userId: 'old', tag: 'core_fan', source: 'rule:tag-core-fan', addedAt: T0 - 40 * DAY, expiresAt: T0 - DAY, confirmedAt: T0 - 40 * DAY });
    await ok(rt.as('sweeper')('mall', 'getCart', {}));
    await rt.db.collection('live_stats').insert({
      _id: statsId('live-tonight', 'sweeper'),
      liveId: 'live-tonight',
      userId: 'sweeper',
      watchMinutes: 50,
      lastSlot: 0,
      cardTaps: 6,
      comments: 2,
      keywordHits: 0,
      addToCart: 0,
      consultTaps: 0,
      firstAt: T0 - 2 * HOUR,
      lastAt: T0 - HOUR,
    });
    const r = await rt.runTimer('sop', 'sweepTags');
    expect(r).toMatchObject({ ok: true, data: { expired: 1, cycleDone: true } });
    expect(await rt.db.collection('user_tags').get('sweeper:core_fan')).toMatchObject({ source: 'rule:tag-core-fan', expiresAt: T0 + 30 * DAY });
    expect(await rt.db.collection('user_tags').get('old:core_fan')).toBeNull();
  });
});

describe('staff: tag rules, SOP rules, outbox', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
  });
  afterAll(() => rt.close());
  const staff = () => rt.as('demo-staff');

  it('tag rules: create, list with their text, replace, delete with the tags they set', async () => {
    const rule = { tag: 'big_spender', label: '高消费', expr: { op: 'gte', fact: 'paid_orders', value: 1 }, ttlDays: 7 };
    expect(await rt.as('cs-1')('admin', 'saveTagRule', rule)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { ruleId } = await ok<{ ruleId: string }>(staff()('admin', 'saveTagRule', rule));
    await rt.runTimer('sop', 'sweepTags');
    const list = await ok<{ items: TagRule[] }>(staff()('admin', 'listTagRules', {}));
    expect(list.items.map((r) => [r.tag, r.text])).toEqual([
      ['core_fan', 'interactions >= 5 AND watch_minutes >= 30'],
      ['hesitant_viewer', 'watch_minutes >= 30 AND cart_unpaid'],
      ['big_spender', 'paid_orders >= 1'],
    ]);
    const spenders = list.items.find((r) => r.ruleId === ruleId)!.taggedUsers;
    expect(spenders).toBeGreaterThan(0);

    expect(await staff()('admin', 'saveTagRule', { ...rule, ruleId: 'missing' })).toMatchObject({ ok: false, error: { code: 'TAG_RULE_NOT_FOUND', field: 'ruleId' } });
    expect(await staff()('admin', 'saveTagRule', { ...rule, ruleId, label: '常客' })).toEqual({ ok: true, data: { ruleId } });
    expect(await staff()('admin', 'deleteTagRule', { ruleId })).toEqual({ ok: true, data: { deleted: true, untagged: spenders } });
    expect(await staff()('admin', 'deleteTagRule', { ruleId })).toMatchObject({ ok: false, error: { code: 'TAG_RULE_NOT_FOUND' } });
    expect(await rt.db.collection('audit').count({ entity: 'tag_rule', entityId: ruleId })).toBe(3);
  });

  it('SOP rules: list the seeded ones with their steps; a coupon action needs a real template', async () => {
    const list = await ok<{ items: SopRule[] }>(staff()('admin', 'listSopRules', {}));
    expect(list.items.map((r) => [r.ruleId, r.conditionText, r.trigger])).toEqual([
      [SOP_CART_UNPAID, 'cart_unpaid_hours >= 24', { kind: 'time_after_event', event: 'cart_add', minutes: 1440 }],
      ['sop-hesitant-follow-up', null, { kind: 'tag_added', tag: 'hesitant_viewer' }],
    ]);
    const grant = { name: '核心粉丝送券', trigger: { kind: 'tag_added', tag: 'core_fan' }, action: { kind: 'grant_coupon', templateId: 'nope' } };
    expect(await staff()('admin', 'saveSopRule', grant)).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_FOUND', field: 'action.templateId' } });
    expect(await staff()('admin', 'saveSopRule', { ...grant, action: { kind: 'grant_coupon', templateId: 'tpl-20-off' } })).toMatchObject({ ok: true });
    expect(await staff()('admin', 'saveSopRule', { ...grant, ruleId: 'missing' })).toMatchObject({ ok: false, error: { code: 'SOP_RULE_NOT_FOUND' } });
  });

  it('the outbox: every message with its status and reason, filtered, newest first', async () => {
    await ok(rt.as('reader')('live', 'recordConsents', { consents: { [MARKETING]: 'accept' } }));
    await ok(rt.as('demo-staff')('admin', 'saveSopRule', { name: '加购即提醒', trigger: { kind: 'event', event: 'cart_add' }, action: { kind: 'subscribe', title: 't', text: 'x', page: 'pages/cart/index' }, cooldownHours: 0 }));
    await ok(rt.as('reader')('mall', 'addToCart', { skuId: 'p-powder-1', quantity: 1 }));
    await ok(rt.as('nobody')('mall', 'addToCart', { skuId: 'p-powder-1', quantity: 1 }));
    await rt.runTimer('sop', 'runSop');
    const all = await ok<{ items: OutboxEntry[]; total: number }>(staff()('admin', 'listOutbox', {}));
    expect(all.total).toBeGreaterThanOrEqual(2);
    const skipped = await ok<{ items: OutboxEntry[]; total: number }>(staff()('admin', 'listOutbox', { status: 'skipped', userId: 'nobody' }));
    expect(skipped.items.map((m) => [m.userId, m.channel, m.template, m.params, m.status, m.reason])).toEqual([
      ['nobody', 'subscribe', MARKETING, { thing1: 't', thing2: 'x', thing3: '点击查看详情' }, 'skipped', 'no_consent_credit'],
    ]);
    const sent = await ok<{ items: OutboxEntry[] }>(staff()('admin', 'listOutbox', { userId: 'reader' }));
    expect(sent.items.map((m) => m.status)).toEqual(['sent']);
    expect(await rt.as('reader')('admin', 'listOutbox', {})).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
  });
});
