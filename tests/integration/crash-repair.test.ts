import { grantCoupon, grantCouponId, STALE_ISSUE_MS } from '../../cloudfunctions/core/modules/coupons';
import { STALE_REDEMPTION_MS } from '../../cloudfunctions/core/modules/points';
import { TEMPLATE_199_30 } from '../../scripts/seed/marketing';
import { checkInvariants, type Violation } from '../../scripts/invariants/check';
import { repairAtStart } from '../../scripts/local/repair-at-start';
import { crashPlan, withCrash, type CrashPlan } from '../helpers/crash';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const SHOPPER = 'demo-shopper';
const ADDRESS = { userName: '张三', telNumber: '13800001111', provinceName: '北京市', cityName: '北京市', countyName: '朝阳区', detailInfo: '建国路 1 号' };
const settle = Math.max(STALE_ISSUE_MS, STALE_REDEMPTION_MS) + 60_000;

interface Case<S> {
  /** runs before the crash plan is armed (its writes are neither counted nor crashed) */
  setup(rt: TestRuntime): Promise<S>;
  /** the operation killed after each of its writes */
  run(rt: TestRuntime, s: S): Promise<unknown>;
  /** what the process does once it is back (retries, timers) */
  recover(rt: TestRuntime, s: S): Promise<void>;
  /** what must then hold, beyond the invariants */
  check(rt: TestRuntime, s: S, k: number): Promise<void>;
}

async function armed(crashAfter: number): Promise<{ rt: TestRuntime; plan: CrashPlan }> {
  const plan = crashPlan(crashAfter);
  return { rt: await testRuntime({ wrapDb: (db) => withCrash(db, plan) }), plan };
}

/** Counts the operation's writes, then for each k kills the process after k of them, recovers and checks. */
async function crashAtEachWrite<S>(c: Case<S>): Promise<number> {
  const clean = await armed(Infinity);
  const s0 = await c.setup(clean.rt);
  clean.plan.armed = true;
  await c.run(clean.rt, s0);
  const writes = clean.plan.writes.length;
  await clean.rt.close();
  for (let k = 0; k < writes; k++) {
    const { rt, plan } = await armed(k);
    const s = await c.setup(rt);
    plan.armed = true;
    await c.run(rt, s).catch(() => undefined);
    // the process is back
    plan.crashed = false;
    plan.armed = false;
    rt.clock.advance(settle);
    await c.recover(rt, s);
    expect([k, await checkInvariants(rt.db, rt.clock.now())]).toEqual([k, []]);
    await c.check(rt, s, k);
    await rt.close();
  }
  return writes;
}

const timers = async (rt: TestRuntime, ...names: Array<[string, string]>) => {
  for (const [fn, trigger] of names) expect(await rt.runTimer(fn, trigger)).toMatchObject({ ok: true });
};
const names = (vs: Violation[]) => [...new Set(vs.map((v) => v.invariant))].sort();
const balance = async (rt: TestRuntime, userId: string) => (await rt.db.collection('member_accounts').get(userId))?.points ?? 0;

describe('a shopper claim killed after each of its writes, then the issue repair', () => {
  it('gives the slot and the stock back, so the shopper can still claim up to the limit', async () => {
    const writes = await crashAtEachWrite({
      setup: async (rt) => ({ limit: (await rt.db.collection('coupon_templates').get(TEMPLATE_199_30))!.perUserLimit }),
      run: (rt) => rt.as(SHOPPER)('coupons', 'claim', { templateId: TEMPLATE_199_30 }),
      recover: (rt) => timers(rt, ['coupons', 'repairIssues']),
      check: async (rt, { limit }, k) => {
        const answers: string[] = [];
        for (let i = 0; i <= limit; i++) {
          const r = await rt.as(SHOPPER)('coupons', 'claim', { templateId: TEMPLATE_199_30 });
          answers.push(r.ok ? 'ok' : r.error.code);
        }
        const held = await rt.db.collection('coupons').count({ userId: SHOPPER, templateId: TEMPLATE_199_30, status: 'available' });
        expect([k, held, answers.at(-1)]).toEqual([k, limit, 'COUPON_LIMIT_REACHED']);
        expect([k, await checkInvariants(rt.db, rt.clock.now())]).toEqual([k, []]);
      },
    });
    expect(writes).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

describe.each([
  ['a coupon', 'rw-coupon-10'],
  ['a privilege', 'rw-live-priority'],
])('a redemption of %s killed after each of its writes, then the repairs', (_kind, rewardId) => {
  it('either gives the reward for its points or takes nothing, and the reward counts agree', async () => {
    const writes = await crashAtEachWrite({
      setup: async (rt) => {
        const reward = (await rt.db.collection('rewards').get(rewardId))!;
        // enough points for the reward, posted through the ledger
        await rt.db.collection('member_accounts').update({ _id: SHOPPER }, { $set: { points: 0 } });
        const entries = await rt.db.collection('points_entries').find({ userId: SHOPPER });
        for (const e of entries) await rt.db.collection('points_entries').remove({ _id: e._id });
        await rt.db.collection('points_entries').insert({ _id: 'grant:test', userId: SHOPPER, delta: 2000, source: 'grant', ref: null, label: 'test', createdAt: rt.clock.now(), year: null, shortfall: 0 });
        await rt.db.collection('member_accounts').update({ _id: SHOPPER }, { $set: { points: 2000 } });
        return { reward, before: 2000 };
      },
      run: (rt) => rt.as(SHOPPER)('points', 'redeem', { rewardId }),
      recover: (rt) =>
        timers(rt, ['coupons', 'repairIssues'], ['points', 'repairRedemptions'], ['coupons', 'repairIssues']),
      check: async (rt, { reward, before }, k) => {
        const done = await rt.db.collection('redemptions').find({ userId: SHOPPER, rewardId });
        const after = (await rt.db.collection('rewards').get(rewardId))!;
        expect([k, done.length <= 1, done.every((r) => r.state === 'done')]).toEqual([k, true, true]);
        expect([k, await balance(rt, SHOPPER)]).toEqual([k, before - reward.pointsCost * done.length]);
        expect([k, after.stock, after.redeemed]).toEqual([k, reward.stock - done.length, reward.redeemed + done.length]);
        if (done.length && reward.kind === 'coupon') expect([k, (await rt.db.collection('coupons').get(done[0].couponId!))?.status]).toEqual([k, 'available']);
        if (done.length && reward.kind === 'privilege') expect([k, await rt.db.collection('privileges').count({ _id: done[0]._id })]).toEqual([k, 1]);
        // and a redemption now goes through
        expect([k, (await rt.as(SHOPPER)('points', 'redeem', { rewardId })).ok]).toEqual([k, true]);
      },
    });
    expect(writes).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

describe('a refund (the staff request, then the platform\'s REFUND.SUCCESS) killed after each of its writes', () => {
  it('is finished by the platform\'s retry or the refund query, and closes the order once with its stock, coupons and points back', async () => {
    await crashAtEachWrite({
      setup: async (rt) => {
        const address = await rt.as('buyer')<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
        if (!address.ok) throw new Error(address.error.code);
        const stock = (await rt.db.collection('skus').get('p-serum-1'))!.stock;
        const r = await rt.as('buyer')<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: address.data.addressId });
        if (!r.ok) throw new Error(r.error.code);
        const beforePay = await balance(rt, 'buyer');
        expect((await rt.devPay(r.data.orderId)).status).toBe(204);
        expect(await balance(rt, 'buyer')).toBeGreaterThan(beforePay);
        return { orderId: r.data.orderId, beforePay, stock };
      },
      run: async (rt, { orderId }) => {
        const asked = await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '七天无理由' });
        if (!asked.ok) throw new Error(asked.error.code);
        await rt.devSettleRefunds({ now: true });
      },
      recover: async (rt, { orderId }) => {
        const order = (await rt.db.collection('orders').get(orderId))!;
        // never asked (killed before the order moved): staff press refund again
        if (order.status === 'paid') expect(await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '七天无理由' })).toMatchObject({ ok: true });
        // the refund query finds the refund (or asks for it), then the platform settles it, or retries its notification
        await timers(rt, ['mall', 'queryRefunds']);
        await rt.devSettleRefunds({ now: true });
        const after = (await rt.db.collection('orders').get(orderId))!;
        if (after.status === 'refunding') expect((await rt.notify(rt.paysim.refundNotification(after.refund!.refundId))).status).toBe(204);
        await timers(rt, ['admin', 'repairAudits']);
      },
      check: async (rt, { orderId, beforePay, stock }, k) => {
        expect([k, (await rt.db.collection('orders').get(orderId))!.status]).toEqual([k, 'refunded']);
        expect([k, await balance(rt, 'buyer')]).toEqual([k, beforePay]);
        expect([k, (await rt.db.collection('skus').get('p-serum-1'))!.stock]).toEqual([k, stock]);
        expect([k, await rt.db.collection('points_entries').count({ _id: `refund:${orderId}` })]).toEqual([k, 1]);
      },
    });
  }, 120_000);
});

describe('a system grant (raffle prize, post-live, reward) killed after each of its writes', () => {
  it('is answered by its key when its caller asks again, and issued by the repair', async () => {
    const grant = (rt: TestRuntime) => grantCoupon(rt.db, { templateId: TEMPLATE_199_30, userId: 'winner', key: 'raffle:test-prize', now: rt.clock.now() });
    const writes = await crashAtEachWrite({
      setup: async (rt) => ({ issued: (await rt.db.collection('coupon_templates').get(TEMPLATE_199_30))!.issued }),
      run: (rt) => grant(rt),
      recover: async (rt) => {
        // the caller's retry (e.g. the raffle prize's lease ran out) and the timer
        await grant(rt);
        await timers(rt, ['coupons', 'repairIssues']);
      },
      check: async (rt, { issued }, k) => {
        const mine = await rt.db.collection('coupons').find({ userId: 'winner', templateId: TEMPLATE_199_30 });
        expect([k, mine.map((c) => [c._id, c.status])]).toEqual([k, [[grantCouponId('raffle:test-prize'), 'available']]]);
        expect([k, (await rt.db.collection('coupon_templates').get(TEMPLATE_199_30))!.issued]).toEqual([k, issued + 1]);
      },
    });
    expect(writes).toBe(4);
  }, 60_000);
});

describe('the local runtime started again after a kill', () => {
  it('settles what the killed process left half-done before it serves a call, without waiting for the timers', async () => {
    const plan = crashPlan(Infinity);
    const rt = await testRuntime({ wrapDb: (db) => withCrash(db, plan) });
    try {
      // a claim killed after its slot, and a redemption killed after its points
      const balanceBefore = await balance(rt, SHOPPER);
      const cost = (await rt.db.collection('rewards').get('rw-live-priority'))!.pointsCost;
      plan.armed = true;
      plan.dieAfter = (cs) => cs.includes('coupon_claims');
      await rt.as(SHOPPER)('coupons', 'claim', { templateId: TEMPLATE_199_30 }).catch(() => undefined);
      plan.crashed = false;
      plan.crashAfter = Infinity;
      plan.dieAfter = (cs) => cs.includes('points_entries');
      await rt.as(SHOPPER)('points', 'redeem', { rewardId: 'rw-live-priority' }).catch(() => undefined);
      plan.crashed = false;
      plan.armed = false;
      expect(plan.dieAfter).toBeUndefined();
      expect(names(await checkInvariants(rt.db, rt.clock.now() + settle))).toEqual(['coupons.issued', 'coupons.slots', 'rewards.redeemed']);

      const lines: string[] = [];
      const done = await repairAtStart(rt.ports, (l) => lines.push(l));
      expect(done.issues).toMatchObject({ removed: 1, deferred: 0 });
      expect(done.redemptions).toMatchObject({ completed: 1, deferred: 0 });
      expect(lines.join('\n')).toContain('Coupons: 1 half-issued removed');
      expect(await checkInvariants(rt.db, rt.clock.now() + settle)).toEqual([]);
      expect(await balance(rt, SHOPPER)).toBe(balanceBefore - cost);
    } finally {
      await rt.close();
    }
  });
});
