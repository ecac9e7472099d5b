import type { MyCoupon, PointsBalance, PointsEntry, Redemption, Reward } from '../../typings/contract';
import { hasPriorityAccess } from '../../cloudfunctions/core/modules/points/members';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Shanghai wall-clock time as epoch ms. */
const shanghai = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const account = (rt: TestRuntime, userId: string) => rt.db.collection('member_accounts').get(userId);
const balanceOf = async (rt: TestRuntime, userId: string) => (await account(rt, userId))?.points ?? 0;
const reward = (rt: TestRuntime, id: string) => rt.db.collection('rewards').get(id);
const award = (rt: TestRuntime, userId: string, amount: number, key = `test:${userId}:${amount}`) =>
  awardPoints(rt.db, { userId, key, amount, ref: null, label: '测试', now: rt.clock.now() });

async function addressFor(rt: TestRuntime, openid: string): Promise<string> {
  const r = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', {
    userName: '赵六',
    telNumber: '13600003333',
    provinceName: '北京市',
    cityName: '北京市',
    countyName: '朝阳区',
    detailInfo: '建国路 1 号',
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.addressId;
}

async function paidOrder(rt: TestRuntime, openid: string, items: Array<{ skuId: string; quantity: number }>): Promise<string> {
  const addressId = await addressFor(rt, openid);
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items, addressId });
  if (!r.ok) throw new Error(r.error.code);
  expect((await rt.devPay(r.data.orderId)).status).toBe(204);
  return r.data.orderId;
}

/** Staff refund the order and the platform settles it (REFUND.SUCCESS to the notify URL). */
async function refund(rt: TestRuntime, orderId: string) {
  const asked = await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '七天无理由' });
  await rt.devSettleRefunds({ now: true });
  return asked;
}

describe('points from orders', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('a paid order earns its points once, however often and however concurrently the payment arrives', async () => {
    const orderId = await paidOrder(rt, 'payer', [{ skuId: 'p-serum-1', quantity: 1 }]);
    await Promise.all(Array.from({ length: 10 }, () => rt.devPay(orderId)));
    for (let i = 0; i < 3; i++) await rt.devPay(orderId);
    // ¥299.00 of goods at the regular tier: 299 points
    expect(await balanceOf(rt, 'payer')).toBe(299);
    const entries = await rt.db.collection('points_entries').find({ userId: 'payer' });
    expect(entries.map((e) => [e._id, e.delta, e.source, e.ref])).toEqual([[`earn:${orderId}`, 299, 'order', orderId]]);
  });

  it('points are for whole yuan of goods paid, not shipping', async () => {
    // ¥39.00 lip balm + ¥10.00 shipping: 39 points
    await paidOrder(rt, 'small', [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    expect(await balanceOf(rt, 'small')).toBe(39);
  });

  it('a refund takes the points back once and the tier falls back', async () => {
    const orderId = await paidOrder(rt, 'big', [{ skuId: 'p-gift-skin-1', quantity: 2 }]);
    // ¥1,198: silver, and the order earns at silver's 120%
    expect(await account(rt, 'big')).toMatchObject({ tier: 'silver', spendFen: 119800, points: 1437 });
    expect(await refund(rt, orderId)).toMatchObject({ ok: true, data: { status: 'refunding', refund: { state: 'PROCESSING' } } });
    expect((await rt.db.collection('orders').get(orderId))!.status).toBe('refunded');
    expect(await account(rt, 'big')).toMatchObject({ tier: 'regular', spendFen: 0, points: 0 });
    expect(await rt.db.collection('points_entries').get(`refund:${orderId}`)).toMatchObject({ delta: -1437, shortfall: 0, source: 'refund' });
    expect(codeOf(await refund(rt, orderId))).toBe('ORDER_STATE_INVALID');
    expect(await balanceOf(rt, 'big')).toBe(0);
  });

  it('a refund after the points were spent takes what is left, never below zero, and records the shortfall', async () => {
    const orderId = await paidOrder(rt, 'spender', [{ skuId: 'p-serum-1', quantity: 1 }]);
    await award(rt, 'spender', 100);
    expect(codeOf(await rt.as('spender')('points', 'redeem', { rewardId: 'rw-live-priority' }))).toBe('ok');
    expect(await balanceOf(rt, 'spender')).toBe(99);
    await refund(rt, orderId);
    expect(await balanceOf(rt, 'spender')).toBe(0);
    expect(await rt.db.collection('points_entries').get(`refund:${orderId}`)).toMatchObject({ delta: -99, shortfall: 200 });
  });
});

describe('balance and history', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it("shows demo-shopper's seeded points (the ledger's sum), tier and progress to silver", async () => {
    const ledger = await rt.db.collection('points_entries').find({ userId: 'demo-shopper' });
    expect(ledger.length).toBeGreaterThanOrEqual(4);
    const r = await rt.as('demo-shopper')<PointsBalance>('points', 'balance', {});
    expect(r).toEqual({
      ok: true,
      data: {
        balance: ledger.reduce((s, e) => s + e.delta, 0),
        tier: { id: 'regular', name: '普通会员', minSpendFen: 0, pointsPercent: 100, memberPrice: false, priorityAccess: false },
        nextTier: { id: 'silver', name: '银卡会员', minSpendFen: 100_000, pointsPercent: 120, memberPrice: true, priorityAccess: false },
        progress: { spendFen: 66400, targetFen: 100_000, percent: 66 },
        expiring: null,
        privileges: [],
        // the member's own nickname and avatar, none chosen yet
        profile: { nickname: '小美', avatarUrl: null, nicknameSet: false },
      },
    });
  });

  it('a newcomer has nothing yet, and reading writes nothing', async () => {
    await rt.as('newcomer')('points', 'balance', {});
    const writes = rt.writes();
    const r = await rt.as('newcomer')<PointsBalance>('points', 'balance', {});
    expect(r.ok && [r.data.balance, r.data.tier.id, r.data.progress]).toEqual([0, 'regular', { spendFen: 0, targetFen: 100_000, percent: 0 }]);
    expect(rt.writes()).toBe(writes);
  });

  it('history lists entries newest first, 20 a page, the caller’s only', async () => {
    const r = await rt.as('demo-shopper')<{ items: PointsEntry[]; total: number }>('points', 'history', {});
    expect(r.ok && r.data.items.map((e) => e.createdAt)).toEqual(r.ok && r.data.items.map((e) => e.createdAt).sort((a, b) => b - a));
    const mine = r.ok ? r.data.items.filter((e) => e.source === 'order' || e.source === 'promoter') : [];
    expect(mine.map((e) => [e.source, e.ref, e.delta])).toEqual([
      ['order', 'demo-order-3', 138],
      ['order', 'demo-order-2', 299],
      ['promoter', null, 50],
      ['order', 'demo-order-1', 227],
    ]);
    for (let i = 0; i < 25; i++) await award(rt, 'busy', 1, `busy-${i}`);
    const page2 = await rt.as('busy')<{ items: PointsEntry[]; total: number }>('points', 'history', { page: 2 });
    expect(page2.ok && [page2.data.total, page2.data.items.length]).toEqual([25, 5]);
    expect(await rt.as('nobody')('points', 'history', {})).toEqual({ ok: true, data: { items: [], total: 0 } });
  });
});

describe('redeeming rewards', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('concurrent redemptions against one balance never take it below zero, and rewards granted equal points spent', async () => {
    await award(rt, 'saver', 1000);
    const stockBefore = (await reward(rt, 'rw-live-priority'))!.stock;
    const results = await Promise.all(Array.from({ length: 20 }, () => rt.as('saver')('points', 'redeem', { rewardId: 'rw-live-priority' })));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['INSUFFICIENT_POINTS']));
    expect(await balanceOf(rt, 'saver')).toBe(100);
    const redemptions = await rt.db.collection('redemptions').find({ userId: 'saver' });
    const spent = await rt.db.collection('points_entries').find({ userId: 'saver', source: 'redeem' });
    expect(redemptions).toHaveLength(3);
    expect(redemptions.reduce((s, r) => s + r.pointsSpent, 0)).toBe(900);
    expect(spent.reduce((s, e) => s - e.delta, 0)).toBe(900);
    expect(await rt.db.collection('privileges').count({ userId: 'saver' })).toBe(3);
    expect((await reward(rt, 'rw-live-priority'))!.stock).toBe(stockBefore - 3);
  });

  it('when 30 shoppers race for 5 of a reward, 5 get it and the others keep their points', async () => {
    const created = await rt.as('demo-staff')<{ rewardId: string }>('admin', 'createReward', {
      title: '限量优先入场',
      kind: 'privilege',
      privilege: 'live_priority',
      privilegeDays: 7,
      pointsCost: 10,
      stock: 5,
    });
    const rewardId = created.ok ? created.data.rewardId : '';
    const users = Array.from({ length: 30 }, (_, i) => `racer-${i}`);
    for (const u of users) await award(rt, u, 100);
    const results = await Promise.all(users.map((u) => rt.as(u)('points', 'redeem', { rewardId })));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(5);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['REWARD_SOLD_OUT']));
    const balances = await Promise.all(users.map((u) => balanceOf(rt, u)));
    expect(balances.filter((b) => b === 90)).toHaveLength(5);
    expect(balances.filter((b) => b === 100)).toHaveLength(25);
    expect(await reward(rt, rewardId)).toMatchObject({ stock: 0, redeemed: 5 });
  });

  it('a coupon reward puts the coupon in the wallet', async () => {
    await award(rt, 'couponist', 600);
    const r = await rt.as('couponist')<Redemption>('points', 'redeem', { rewardId: 'rw-coupon-10' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data).toMatchObject({ pointsSpent: 500, balance: 100, privilege: null, shipping: null });
    const wallet = await rt.as('couponist')<{ items: MyCoupon[] }>('coupons', 'listMine', { status: 'available' });
    // beside the new-member coupon from the shopper's first call (7 days, so it expires first)
    expect(wallet.ok && wallet.data.items.map((c) => [c.templateId, c.stackable, c.source])).toEqual([
      ['tpl-welcome', false, 'grant'],
      ['tpl-reward-10', true, 'grant'],
    ]);
    expect(wallet.ok && wallet.data.items[1]._id).toBe(r.data.couponId);
  });

  it('when the coupon behind a reward has run out, the points and the reward stock go back', async () => {
    const staff = rt.as('demo-staff');
    const t = await staff<{ templateId: string }>('admin', 'createCouponTemplate', {
      title: '最后一张',
      kind: 'no_threshold',
      valueFen: 500,
      totalStock: 1,
      perUserLimit: 1,
      validDays: 7,
      eligibility: 'system',
    });
    const rw = await staff<{ rewardId: string }>('admin', 'createReward', {
      title: '5 元券',
      kind: 'coupon',
      couponTemplateId: t.ok ? t.data.templateId : '',
      pointsCost: 50,
      stock: 10,
    });
    const rewardId = rw.ok ? rw.data.rewardId : '';
    await award(rt, 'first', 50);
    await award(rt, 'second', 50);
    expect(codeOf(await rt.as('first')('points', 'redeem', { rewardId }))).toBe('ok');
    expect(codeOf(await rt.as('second')('points', 'redeem', { rewardId }))).toBe('COUPON_SOLD_OUT');
    expect(await balanceOf(rt, 'second')).toBe(50);
    expect(await reward(rt, rewardId)).toMatchObject({ stock: 9, redeemed: 1 });
    expect(await rt.db.collection('redemptions').count({ userId: 'second' })).toBe(0);
    const ledger = await rt.db.collection('points_entries').find({ userId: 'second' }, { sort: [['_id', 'asc']] });
    expect(ledger.map((e) => [e.source, e.delta]).sort()).toEqual([
      ['promoter', 50],
      ['redeem', -50],
      ['redeem_undo', 50],
    ].sort());
  });

  it('a privilege runs on from the end of the same one still in force, and gives priority access', async () => {
    await award(rt, 'fan', 600);
    expect(await hasPriorityAccess(rt.db, 'fan', rt.clock.now())).toBe(false);
    const first = await rt.as('fan')<Redemption>('points', 'redeem', { rewardId: 'rw-live-priority' });
    const second = await rt.as('fan')<Redemption>('points', 'redeem', { rewardId: 'rw-live-priority' });
    const now = rt.clock.now();
    expect(first.ok && first.data.privilege).toEqual({ kind: 'live_priority', from: now, until: now + 30 * DAY });
    expect(second.ok && second.data.privilege).toEqual({ kind: 'live_priority', from: now + 30 * DAY, until: now + 60 * DAY });
    expect(await hasPriorityAccess(rt.db, 'fan', now)).toBe(true);
    const balance = await rt.as('fan')<PointsBalance>('points', 'balance', {});
    expect(balance.ok && balance.data.privileges).toEqual([{ kind: 'live_priority', from: now, until: now + 30 * DAY }]);
    expect(await rt.db.collection('privileges').count({ userId: 'fan' })).toBe(2);
  });

  it('a product reward needs an address and is recorded to ship', async () => {
    await award(rt, 'collector', 1500);
    expect(await rt.as('collector')('points', 'redeem', { rewardId: 'rw-lipbalm' })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_NOT_FOUND', message: 'Address not found', field: 'addressId' },
    });
    expect(codeOf(await rt.as('collector')('points', 'redeem', { rewardId: 'rw-lipbalm', addressId: 'addr-demo-shopper' }))).toBe('ADDRESS_NOT_FOUND');
    expect(await balanceOf(rt, 'collector')).toBe(1500);
    const addressId = await addressFor(rt, 'collector');
    const r = await rt.as('collector')<Redemption>('points', 'redeem', { rewardId: 'rw-lipbalm', addressId });
    expect(r.ok && [r.data.pointsSpent, r.data.balance, r.data.shipping]).toEqual([1200, 300, { status: 'pending' }]);
    const doc = await rt.db.collection('redemptions').get(r.ok ? r.data.redemptionId : '');
    expect(doc?.shipping).toMatchObject({ status: 'pending', skuId: 'p-lipbalm-1', address: { userName: '赵六', cityName: '北京市' } });
  });

  it('refuses an unknown reward, a shopper without enough points, and a sold-out reward', async () => {
    expect(await rt.as('x')('points', 'redeem', { rewardId: 'rw-nope' })).toEqual({ ok: false, error: { code: 'REWARD_NOT_FOUND', message: 'Reward not found', field: 'rewardId' } });
    expect(codeOf(await rt.as('x')('points', 'redeem', { rewardId: 'rw-coupon-10' }))).toBe('INSUFFICIENT_POINTS');
    expect((await reward(rt, 'rw-coupon-10'))!.stock).toBe(1000);
    await rt.db.collection('rewards').update({ _id: 'rw-live-priority' }, { $set: { stock: 0 } });
    await award(rt, 'x', 1000);
    expect(codeOf(await rt.as('x')('points', 'redeem', { rewardId: 'rw-live-priority' }))).toBe('REWARD_SOLD_OUT');
    expect(await balanceOf(rt, 'x')).toBe(1000);
  });

  it('a redeem retried with the same requestId spends once', async () => {
    await award(rt, 'retrier', 1000);
    const a = await rt.as('retrier')('points', 'redeem', { rewardId: 'rw-live-priority' }, 'redeem-1');
    const b = await rt.as('retrier')('points', 'redeem', { rewardId: 'rw-live-priority' }, 'redeem-1');
    expect(b).toEqual(a);
    expect(await balanceOf(rt, 'retrier')).toBe(700);
  });

  it('sells only privileges that do something: 新品试用 (no trial flow) is refused as a reward and as a prize', async () => {
    const asReward = await rt.as('demo-staff')('admin', 'createReward', { title: '试用', kind: 'privilege', privilege: 'new_product_trial', privilegeDays: 7, pointsCost: 10, stock: 5 });
    expect(asReward.ok ? null : [asReward.error.code, asReward.error.field]).toEqual(['INVALID_INPUT', 'privilege']);
  });

  it('lists rewards in order with whether the caller can afford each', async () => {
    await award(rt, 'window-shopper', 600);
    const r = await rt.as('window-shopper')<{ items: Reward[]; balance: number }>('points', 'listRewards', {});
    expect(r.ok && [r.data.balance, r.data.items.map((i) => [i._id, i.pointsCost, i.affordable])]).toEqual([
      600,
      [
        ['rw-coupon-10', 500, true],
        ['rw-live-priority', 300, true],
        ['rw-lipbalm', 1200, false],
      ],
    ]);
  });
});

describe('points expiry', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('points earned in 2026 expire at the end of 2027, oldest first, once', async () => {
    await award(rt, 'keeper', 1000, 'y2026');
    expect(codeOf(await rt.as('keeper')('points', 'redeem', { rewardId: 'rw-live-priority' }))).toBe('ok');
    rt.clock.set(shanghai(2027, 6, 1, 12));
    await award(rt, 'keeper', 500, 'y2027');

    rt.clock.set(shanghai(2027, 12, 31, 23));
    const before = await rt.as('keeper')<PointsBalance>('points', 'balance', {});
    // 1000 earned in 2026, 300 spent from them: 700 expire at the end of 2027
    expect(before.ok && [before.data.balance, before.data.expiring]).toEqual([1200, { points: 700, at: shanghai(2028, 1, 1) - 1 }]);
    await rt.runTimer('points', 'expirePoints');
    expect(await balanceOf(rt, 'keeper')).toBe(1200);

    rt.clock.set(shanghai(2028, 1, 1, 0, 10));
    const runs = await Promise.all([rt.runTimer('points', 'expirePoints'), rt.runTimer('points', 'expirePoints')]);
    expect(runs.every((r) => r.ok)).toBe(true);
    await rt.runTimer('points', 'expirePoints');
    expect(await balanceOf(rt, 'keeper')).toBe(500);
    const expiry = await rt.db.collection('points_entries').find({ userId: 'keeper', source: 'expiry' });
    expect(expiry.map((e) => [e._id, e.delta])).toEqual([['expire:keeper:2026', -700]]);
    expect(await account(rt, 'keeper')).toMatchObject({ expiredThrough: 2026, debited: 1000 });

    rt.clock.set(shanghai(2029, 1, 1, 1));
    await rt.runTimer('points', 'expirePoints');
    expect(await balanceOf(rt, 'keeper')).toBe(0);
  });
});

describe('admin createReward', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
  });
  afterEach(() => rt.close());

  const create = (openid: string, data: Record<string, unknown>) => rt.as(openid)<{ rewardId: string }>('admin', 'createReward', data);

  it('creates a product reward with the product image and audits it', async () => {
    const r = await create('demo-staff', { title: '美妆蛋', kind: 'product', skuId: 'p-sponge-1', pointsCost: 300, stock: 20, sort: 9 });
    const rewardId = r.ok ? r.data.rewardId : '';
    expect(await reward(rt, rewardId)).toMatchObject({ kind: 'product', skuId: 'p-sponge-1', image: '/assets/p/p-sponge.svg', status: 'on', sort: 9 });
    expect(await rt.db.collection('audit').count({ entity: 'reward', entityId: rewardId })).toBe(1);
  });

  it('refuses shoppers and customer service', async () => {
    const data = { title: 'x', kind: 'coupon', couponTemplateId: 'tpl-reward-10', pointsCost: 1, stock: 1 };
    expect(codeOf(await create('demo-shopper', data))).toBe('NOT_STAFF');
    expect(codeOf(await create('cs-1', data))).toBe('FORBIDDEN');
  });

  it.each([
    ['a privilege without its days', { kind: 'privilege', privilege: 'live_priority' }, 'privilegeDays'],
    ['a coupon reward naming a SKU', { kind: 'coupon', couponTemplateId: 'tpl-reward-10', skuId: 'p-sponge-1' }, 'skuId'],
    ['an unknown coupon template', { kind: 'coupon', couponTemplateId: 'tpl-nope' }, 'couponTemplateId'],
    ['an unknown SKU', { kind: 'product', skuId: 'p-nope-1' }, 'skuId'],
  ])('refuses %s with REWARD_INVALID', async (_name, over, field) => {
    const r = await create('demo-staff', { title: '奖励', pointsCost: 10, stock: 1, ...over });
    expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['REWARD_INVALID', field]);
  });
});

describe('shipping product rewards', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('staff list redeemed products to ship and ship each once; customer service may, shoppers may not', async () => {
    await award(rt, 'gifted', 2000);
    const addressId = await addressFor(rt, 'gifted');
    const redeemed = await rt.as('gifted')<{ redemptionId: string }>('points', 'redeem', { rewardId: 'rw-lipbalm', addressId });
    expect(redeemed.ok).toBe(true);
    const redemptionId = redeemed.ok ? (redeemed.data as { redemptionId: string }).redemptionId : '';
    await rt.db.collection('staff').insert({ _id: 'cs-ship', role: 'cs', createdAt: 0 });
    const pending = await rt.as('cs-ship')<{ items: Array<{ redemptionId: string; rewardTitle: string; status: string; address: { userName: string } }>; total: number }>(
      'admin',
      'listRedemptions',
      { status: 'pending' },
    );
    expect(pending.ok && pending.data.items.map((r) => [r.redemptionId, r.rewardTitle, r.status])).toEqual([[redemptionId, '润唇膏 4g', 'pending']]);
    const ship = { redemptionId, company: '顺丰速运', trackingNumber: 'SF1234567890' };
    const both = await Promise.all([rt.as('cs-ship')('admin', 'shipRedemption', ship), rt.as('demo-staff')('admin', 'shipRedemption', ship)]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect(await rt.db.collection('audit').count({ entity: 'redemption', entityId: redemptionId })).toBe(1);
    const shipped = await rt.as('cs-ship')<{ items: Array<{ tracking: unknown }>; total: number }>('admin', 'listRedemptions', { status: 'shipped' });
    expect(shipped.ok && shipped.data.items[0].tracking).toEqual({ company: '顺丰速运', number: 'SF1234567890' });
    expect(await rt.as('gifted')('admin', 'listRedemptions', { status: 'pending' })).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
    expect(await rt.as('demo-staff')('admin', 'shipRedemption', { ...ship, redemptionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
