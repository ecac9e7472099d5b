import type { AuditEntry, Reward, StaffReward } from '../../typings/contract';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const reward = (rt: TestRuntime, id: string) => rt.db.collection('rewards').get(id);
const award = (rt: TestRuntime, userId: string, amount: number) =>
  awardPoints(rt.db, { userId, key: `test:${userId}:${amount}`, amount, ref: null, label: '测试', now: rt.clock.now() });

const staff = (rt: TestRuntime, openid = 'demo-staff') => ({
  list: (page?: number) => rt.as(openid)<{ items: StaffReward[]; total: number }>('admin', 'listStaffRewards', page ? { page } : {}),
  update: (data: Record<string, unknown>) => rt.as(openid)<StaffReward>('admin', 'updateReward', data),
});
const shopperRewards = async (rt: TestRuntime, openid = 'window-shopper') => {
  const r = await rt.as(openid)<{ items: Reward[] }>('points', 'listRewards', {});
  if (!r.ok) throw new Error(r.error.code);
  return r.data.items.map((i) => i._id);
};

describe('staff manage rewards', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('lists every seeded reward by sort with what it gives in words', async () => {
    const r = await staff(rt).list();
    expect(r.ok && r.data.total).toBe(3);
    expect(r.ok && r.data.items.map((i) => [i.rewardId, i.title, i.kind, i.pointsCost, i.stock, i.redeemed, i.status, i.sort, i.gives])).toEqual([
      ['rw-coupon-10', '10 元无门槛券', 'coupon', 500, 1000, 0, 'on', 0, '优惠券「积分兑换 10 元无门槛券（可叠加）」'],
      ['rw-live-priority', '直播优先入场 30 天', 'privilege', 300, 500, 0, 'on', 1, '直播优先入场 30 天'],
      ['rw-lipbalm', '润唇膏 4g', 'product', 1200, 100, 0, 'on', 2, '润唇膏 4g'],
    ]);
  });

  it('lists stopped rewards too, newest first within a sort, 20 a page', async () => {
    await staff(rt).update({ rewardId: 'rw-lipbalm', status: 'off' });
    for (let i = 0; i < 20; i++) {
      rt.clock.advance(1000);
      const c = await rt.as('demo-staff')('admin', 'createReward', { title: `券 ${i}`, kind: 'coupon', couponTemplateId: 'tpl-reward-10', pointsCost: 10, stock: 1, sort: 5 });
      expect(codeOf(c)).toBe('ok');
    }
    const first = await staff(rt).list();
    const second = await staff(rt).list(2);
    expect(first.ok && first.data.total).toBe(23);
    expect(first.ok && first.data.items).toHaveLength(20);
    const all = [...(first.ok ? first.data.items : []), ...(second.ok ? second.data.items : [])];
    expect(all.map((i) => i.title)).toEqual(['10 元无门槛券', '直播优先入场 30 天', '润唇膏 4g', ...Array.from({ length: 20 }, (_, i) => `券 ${19 - i}`)]);
    expect(all.find((i) => i.rewardId === 'rw-lipbalm')?.status).toBe('off');
  });

  it('renames, reprices and reorders a reward; shoppers see the change', async () => {
    const r = await staff(rt).update({ rewardId: 'rw-lipbalm', title: '润唇膏 4g 限定', pointsCost: 900, sort: 0 });
    expect(r).toEqual({ ok: true, data: expect.objectContaining({ rewardId: 'rw-lipbalm', title: '润唇膏 4g 限定', pointsCost: 900, sort: 0, stock: 100, status: 'on', gives: '润唇膏 4g' }) });
    expect(await reward(rt, 'rw-lipbalm')).toMatchObject({ title: '润唇膏 4g 限定', pointsCost: 900, sort: 0, stock: 100, skuId: 'p-lipbalm-1', kind: 'product' });
    const listed = await rt.as('window-shopper')<{ items: Reward[] }>('points', 'listRewards', {});
    expect(listed.ok && listed.data.items.find((i) => i._id === 'rw-lipbalm')).toMatchObject({ title: '润唇膏 4g 限定', pointsCost: 900 });
  });

  it('a stopped reward leaves the shoppers\' store and cannot be redeemed; resumed, it is back', async () => {
    await award(rt, 'fan', 1000);
    expect(await staff(rt).update({ rewardId: 'rw-live-priority', status: 'off' })).toMatchObject({ ok: true, data: { status: 'off' } });
    expect(await shopperRewards(rt)).toEqual(['rw-coupon-10', 'rw-lipbalm']);
    expect(codeOf(await rt.as('fan')('points', 'redeem', { rewardId: 'rw-live-priority' }))).toBe('REWARD_NOT_FOUND');
    expect(await reward(rt, 'rw-live-priority')).toMatchObject({ stock: 500, redeemed: 0 });
    expect((await rt.db.collection('member_accounts').get('fan'))?.points).toBe(1000);
    // staff still see it
    const list = await staff(rt).list();
    expect(list.ok && list.data.items.map((i) => [i.rewardId, i.status])).toContainEqual(['rw-live-priority', 'off']);

    expect(await staff(rt).update({ rewardId: 'rw-live-priority', status: 'on' })).toMatchObject({ ok: true, data: { status: 'on' } });
    expect(await shopperRewards(rt)).toEqual(['rw-coupon-10', 'rw-live-priority', 'rw-lipbalm']);
    expect(codeOf(await rt.as('fan')('points', 'redeem', { rewardId: 'rw-live-priority' }))).toBe('ok');
    expect(await reward(rt, 'rw-live-priority')).toMatchObject({ stock: 499, redeemed: 1 });
  });

  it('sets the stock to a count and adds a signed amount to it', async () => {
    expect(await staff(rt).update({ rewardId: 'rw-coupon-10', stock: { mode: 'set', quantity: 40 } })).toMatchObject({ ok: true, data: { stock: 40 } });
    expect(await staff(rt).update({ rewardId: 'rw-coupon-10', stock: { mode: 'add', quantity: 15 } })).toMatchObject({ ok: true, data: { stock: 55 } });
    expect(await staff(rt).update({ rewardId: 'rw-coupon-10', stock: { mode: 'add', quantity: -55 } })).toMatchObject({ ok: true, data: { stock: 0 } });
    expect(await staff(rt).update({ rewardId: 'rw-coupon-10', stock: { mode: 'set', quantity: 0 } })).toMatchObject({ ok: true, data: { stock: 0 } });
    expect(await reward(rt, 'rw-coupon-10')).toMatchObject({ stock: 0, redeemed: 0 });
  });

  it('refuses stock below zero and writes nothing else from that call', async () => {
    const auditBefore = await rt.db.collection('audit').count({ entity: 'reward', entityId: 'rw-lipbalm' });
    const r = await staff(rt).update({ rewardId: 'rw-lipbalm', title: '不该改名', pointsCost: 1, stock: { mode: 'add', quantity: -101 } });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'STOCK_NEGATIVE', field: 'stock.quantity' }) });
    const s = await staff(rt).update({ rewardId: 'rw-lipbalm', title: '也不该改名', stock: { mode: 'set', quantity: -1 } });
    expect(codeOf(s)).toBe('STOCK_NEGATIVE');
    expect(await reward(rt, 'rw-lipbalm')).toMatchObject({ title: '润唇膏 4g', pointsCost: 1200, stock: 100 });
    expect(await rt.db.collection('audit').count({ entity: 'reward', entityId: 'rw-lipbalm' })).toBe(auditBefore);
    // exactly to zero is allowed
    expect(await staff(rt).update({ rewardId: 'rw-lipbalm', stock: { mode: 'add', quantity: -100 } })).toMatchObject({ ok: true, data: { stock: 0 } });
  });

  it('refuses an unknown reward, customer service and shoppers', async () => {
    expect(await staff(rt).update({ rewardId: 'rw-nope', title: 'x' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'REWARD_NOT_FOUND', field: 'rewardId' }) });
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    // customer service reads the list but may not change it
    expect(codeOf(await staff(rt, 'cs-1').list())).toBe('ok');
    expect(await staff(rt, 'cs-1').update({ rewardId: 'rw-lipbalm', title: 'x' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(codeOf(await staff(rt, 'cs-1').update({ rewardId: 'rw-lipbalm', stock: { mode: 'add', quantity: -1 } }))).toBe('FORBIDDEN');
    expect(codeOf(await staff(rt, 'random-shopper').update({ rewardId: 'rw-lipbalm', title: 'x' }))).toBe('NOT_STAFF');
    expect(codeOf(await staff(rt, 'random-shopper').list())).toBe('NOT_STAFF');
    expect(await reward(rt, 'rw-lipbalm')).toMatchObject({ title: '润唇膏 4g', stock: 100 });
  });

  it('audits each change with before and after', async () => {
    await rt.db.collection('staff').insert({ _id: 'op-1', role: 'operator', createdAt: 0 });
    rt.clock.advance(1000);
    expect(codeOf(await staff(rt, 'op-1').update({ rewardId: 'rw-coupon-10', title: '10 元券', stock: { mode: 'add', quantity: 20 } }))).toBe('ok');
    rt.clock.advance(1000);
    expect(codeOf(await staff(rt).update({ rewardId: 'rw-coupon-10', status: 'off' }))).toBe('ok');
    const trail = await rt.as('demo-staff')<{ items: AuditEntry[] }>('admin', 'listAudit', { entity: 'reward', entityId: 'rw-coupon-10' });
    expect(trail.ok && trail.data.items).toEqual([
      expect.objectContaining({
        actor: 'demo-staff',
        action: 'updateReward',
        entity: 'reward',
        before: expect.objectContaining({ title: '10 元券', stock: 1020, status: 'on' }),
        after: expect.objectContaining({ title: '10 元券', stock: 1020, status: 'off' }),
      }),
      expect.objectContaining({
        actor: 'op-1',
        role: 'operator',
        fn: 'admin',
        action: 'updateReward',
        entity: 'reward',
        entityId: 'rw-coupon-10',
        before: expect.objectContaining({ title: '10 元无门槛券', stock: 1000, gives: '优惠券「积分兑换 10 元无门槛券（可叠加）」' }),
        after: expect.objectContaining({ title: '10 元券', stock: 1020 }),
      }),
      // the seed's owner made it when setting up the shop
      expect.objectContaining({ actor: 'demo-staff', action: 'createReward', entityId: 'rw-coupon-10', before: null }),
    ]);
  });
});

describe.each(CONCURRENCY_DBS)('stock changes racing redemptions (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('never goes below zero, and initial + added = stock + redeemed', async () => {
    const initial = 12;
    const created = await rt.as('demo-staff')<{ rewardId: string }>('admin', 'createReward', {
      title: '抢兑优先入场',
      kind: 'privilege',
      privilege: 'live_priority',
      privilegeDays: 7,
      pointsCost: 10,
      stock: initial,
    });
    if (!created.ok) throw new Error(created.error.code);
    const { rewardId } = created.data;
    const users = Array.from({ length: 20 }, (_, i) => `racer-${i}`);
    for (const u of users) await award(rt, u, 100);
    const deltas = [-4, -4, -4, 3, -2];
    const [redeems, changes] = await Promise.all([
      Promise.all(users.map((u) => rt.as(u)('points', 'redeem', { rewardId }))),
      Promise.all(deltas.map((quantity) => rt.as('demo-staff')<StaffReward>('admin', 'updateReward', { rewardId, stock: { mode: 'add', quantity } }))),
    ]);
    const redeemCodes = redeems.map(codeOf);
    expect(new Set(redeemCodes.filter((c) => c !== 'ok'))).toEqual(new Set(redeemCodes.every((c) => c === 'ok') ? [] : ['REWARD_SOLD_OUT']));
    const changeCodes = changes.map(codeOf);
    expect(changeCodes.every((c) => c === 'ok' || c === 'STOCK_NEGATIVE')).toBe(true);
    for (const c of changes) if (c.ok) expect(c.data.stock).toBeGreaterThanOrEqual(0);
    const added = deltas.reduce((s, d, i) => s + (changes[i]!.ok ? d : 0), 0);
    const ok = redeemCodes.filter((c) => c === 'ok').length;
    const after = (await reward(rt, rewardId))!;
    expect(after.stock).toBeGreaterThanOrEqual(0);
    expect(after.redeemed).toBe(ok);
    expect(initial + added).toBe(after.stock + after.redeemed);
    expect(await rt.db.collection('redemptions').count({ rewardId, state: 'done' })).toBe(ok);
    expect(await rt.db.collection('privileges').count({ userId: { $in: users } })).toBe(ok);
    const balances = await Promise.all(users.map(async (u) => (await rt.db.collection('member_accounts').get(u))?.points ?? 0));
    expect(balances.reduce((s, b) => s + b, 0)).toBe(20 * 100 - ok * 10);
    // the refused ones wrote no audit; the applied ones did
    expect(await rt.db.collection('audit').count({ entity: 'reward', entityId: rewardId, action: 'updateReward' })).toBe(changeCodes.filter((c) => c === 'ok').length);
  });
});
