import { PRIORITY_LEAD_MINUTES } from '../../typings/contract/limits';
import type { ClaimableCoupon } from '../../typings/contract';
import { TEMPLATE_LIVE_50 } from '../../scripts/seed/marketing';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;

/** 直播优先入场: a live-only coupon opens for members with priority access before the live starts. */
describe.each(CONCURRENCY_DBS)('直播优先入场 (%s)', (_label, dbChoice) => {
  let rt: TestRuntime;
  let startAt: number;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
    startAt = (await rt.db.collection('lives').get(TONIGHT_LIVE))!.startAt;
  });
  afterEach(() => rt.close());

  /** A redeemed 直播优先入场 in force for `openid`. */
  const grantPriority = (openid: string) =>
    rt.db.collection('privileges').insert({ _id: `priv-${openid}`, userId: openid, kind: 'live_priority', from: startAt - 86_400_000, until: startAt + 30 * 86_400_000, redemptionId: `r-${openid}`, createdAt: startAt - 86_400_000 });
  const claim = (openid: string) => rt.as(openid)<{ couponId: string }>('coupons', 'claim', { templateId: TEMPLATE_LIVE_50 });
  const listed = async (openid: string) => {
    const r = await rt.as(openid)<{ items: ClaimableCoupon[] }>('coupons', 'listClaimable', { liveId: TONIGHT_LIVE });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.items.find((c) => c.templateId === TEMPLATE_LIVE_50)!;
  };

  it(`opens the live's coupon ${PRIORITY_LEAD_MINUTES} minutes early for a member with it, at the start for everyone else`, async () => {
    await grantPriority('vip');
    rt.clock.set(startAt - (PRIORITY_LEAD_MINUTES + 1) * MINUTE);
    expect(await claim('vip')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_STARTED' } });

    rt.clock.set(startAt - 5 * MINUTE);
    expect([(await listed('vip')).claimable, (await listed('vip')).early]).toEqual([true, true]);
    expect([(await listed('fan')).claimable, (await listed('fan')).reason, (await listed('fan')).early]).toEqual([false, 'not_started', false]);
    expect(await claim('fan')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_STARTED' } });
    expect((await claim('vip')).ok).toBe(true);

    rt.clock.set(startAt + MINUTE);
    expect((await claim('fan')).ok).toBe(true);
    expect((await listed('fan')).early).toBe(false);
  });

  it('a privilege past its end gives no early access; a gold-tier member has it from the tier', async () => {
    await rt.db.collection('privileges').insert({ _id: 'old', userId: 'lapsed', kind: 'live_priority', from: startAt - 60 * 86_400_000, until: startAt - 86_400_000, redemptionId: 'r-old', createdAt: startAt - 60 * 86_400_000 });
    // ¥3,000 paid in the last 12 months: 金卡会员, whose benefits include priority access
    const [template] = await rt.db.collection('orders').find({ status: 'completed' }, { limit: 1 });
    await rt.db.collection('orders').insert({ ...template, _id: 'gold-spend', userId: 'gold', price: { goodsFen: 300_000, discountFen: 0, shippingFen: 0, payableFen: 300_000, discounts: [] }, paidAt: startAt - 86_400_000, createdAt: startAt - 86_400_000 });
    rt.clock.set(startAt - 5 * MINUTE);
    expect(await claim('lapsed')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_STARTED' } });
    expect((await claim('gold')).ok).toBe(true);
  });

  it('early claims still take from the same stock, once per member', async () => {
    await Promise.all(['a', 'b', 'c'].map(grantPriority));
    rt.clock.set(startAt - 5 * MINUTE);
    const results = await Promise.all(['a', 'a', 'b', 'c'].map(claim));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await rt.db.collection('coupon_templates').get(TEMPLATE_LIVE_50))!.issued).toBe(3);
  });
});
