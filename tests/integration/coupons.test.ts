import { RATE_BUDGETS } from '../../cloudfunctions/core/kernel/rate-limit';
import type { CheckoutCoupons, ClaimableCoupon, MyCoupon, OrderLine, PriceBreakdown } from '../../typings/contract';
import { grantCoupon } from '../../cloudfunctions/core/modules/coupons/issue';
import { welcomeCouponId } from '../../cloudfunctions/core/modules/coupons/welcome';
import { TEMPLATE_199_30, TEMPLATE_20_OFF, TEMPLATE_LIVE_50, TEMPLATE_NEW_MEMBER, TEMPLATE_POWDER, TEMPLATE_WELCOME } from '../../scripts/seed/marketing';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { createTemplate } from '../helpers/coupon-templates';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const template = (rt: TestRuntime, id: string) => rt.db.collection('coupon_templates').get(id);
const coupon = (rt: TestRuntime, id: string) => rt.db.collection('coupons').get(id);
const order = (rt: TestRuntime, id: string) => rt.db.collection('orders').get(id);
const stockOf = async (rt: TestRuntime, skuId: string) => (await rt.db.collection('skus').get(skuId))!.stock;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

async function claim(rt: TestRuntime, openid: string, templateId: string): Promise<string> {
  const r = await rt.as(openid)<{ couponId: string }>('coupons', 'claim', { templateId });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.couponId;
}

async function addressFor(rt: TestRuntime, openid: string): Promise<string> {
  const r = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', {
    userName: '李四',
    telNumber: '13900002222',
    provinceName: '上海市',
    cityName: '上海市',
    countyName: '静安区',
    detailInfo: '南京西路 1 号',
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.addressId;
}

type Preview = { lines: OrderLine[]; price: PriceBreakdown; coupons: CheckoutCoupons };

describe('claiming under contention', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('when 1,000 shoppers claim a 100-stock coupon at once, exactly 100 coupons are issued', async () => {
    const templateId = await createTemplate(rt, { totalStock: 100 });
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => rt.as(`claimer-${i}`)('coupons', 'claim', { templateId })));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(100);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['COUPON_SOLD_OUT']));
    expect(await rt.db.collection('coupons').count({ templateId })).toBe(100);
    expect((await template(rt, templateId))!.issued).toBe(100);
    const counters = await rt.db.collection('coupon_claims').find({ templateId });
    expect(counters.reduce((s, c) => s + c.count, 0)).toBe(100);
  }, 60_000);

  it('when one shopper spends their whole rate budget on one claim at once with a per-user limit of 1, exactly one coupon is issued', async () => {
    const templateId = await createTemplate(rt, { totalStock: 100, perUserLimit: 1 });
    const results = await Promise.all(Array.from({ length: RATE_BUDGETS['coupons.claim'].limit }, () => rt.as('eager')('coupons', 'claim', { templateId })));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['COUPON_LIMIT_REACHED']));
    expect(await rt.db.collection('coupons').count({ templateId, userId: 'eager' })).toBe(1);
    expect((await template(rt, templateId))!.issued).toBe(1);
  });

  it('with a per-user limit of 2 and one coupon left, two shoppers racing get one between them and the loser keeps their slot', async () => {
    const templateId = await createTemplate(rt, { totalStock: 3, perUserLimit: 2 });
    await claim(rt, 'a', templateId);
    await claim(rt, 'b', templateId);
    const [ra, rb] = await Promise.all([rt.as('a')('coupons', 'claim', { templateId }), rt.as('b')('coupons', 'claim', { templateId })]);
    expect([codeOf(ra), codeOf(rb)].sort()).toEqual(['COUPON_SOLD_OUT', 'ok']);
    const counters = await rt.db.collection('coupon_claims').find({ templateId }, { sort: [['userId', 'asc']] });
    expect(counters.map((c) => c.count).sort()).toEqual([1, 2]);
  });

  it('a claim repeated with the same requestId returns the first coupon and issues nothing more', async () => {
    const templateId = await createTemplate(rt, { perUserLimit: 5 });
    const first = await rt.as('retry')('coupons', 'claim', { templateId }, 'req-1');
    const again = await rt.as('retry')('coupons', 'claim', { templateId }, 'req-1');
    expect(again).toEqual(first);
    expect((await template(rt, templateId))!.issued).toBe(1);
  });
});

describe('claim rules', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const duringLive = async () => rt.clock.set((await rt.db.collection('lives').get(TONIGHT_LIVE))!.startAt + 30 * MINUTE);

  it("tonight's live-only coupon is claimable only while the live is on", async () => {
    const list = async () => {
      const r = await rt.as('viewer')<{ items: ClaimableCoupon[] }>('coupons', 'listClaimable', { liveId: TONIGHT_LIVE });
      return r.ok ? r.data.items.map((i) => [i.templateId, i.claimable, i.reason, i.claimed, i.remaining]) : r.error.code;
    };
    expect(await list()).toEqual([[TEMPLATE_LIVE_50, false, 'not_started', 0, 100]]);
    expect(codeOf(await rt.as('viewer')('coupons', 'claim', { templateId: TEMPLATE_LIVE_50 }))).toBe('COUPON_NOT_STARTED');

    await duringLive();
    expect(await list()).toEqual([[TEMPLATE_LIVE_50, true, null, 0, 100]]);
    const couponId = await claim(rt, 'viewer', TEMPLATE_LIVE_50);
    expect(await list()).toEqual([[TEMPLATE_LIVE_50, false, 'limit_reached', 1, 99]]);
    const c = (await coupon(rt, couponId))!;
    expect([c.rule, c.status, c.validFrom]).toEqual([{ kind: 'no_threshold', valueFen: 5000 }, 'available', rt.clock.now()]);

    rt.clock.advance(3 * 60 * MINUTE);
    expect(codeOf(await rt.as('late')('coupons', 'claim', { templateId: TEMPLATE_LIVE_50 }))).toBe('COUPON_ENDED');
    expect(await rt.as('late')<{ items: ClaimableCoupon[] }>('coupons', 'listClaimable', { liveId: TONIGHT_LIVE })).toMatchObject({
      ok: true,
      data: { items: [{ templateId: TEMPLATE_LIVE_50, claimable: false, reason: 'ended' }] },
    });
  });

  it('the shop list shows open templates with their counts and leaves out live-only, system and ended ones', async () => {
    const ending = await createTemplate(rt, { title: '今天结束', claimEnd: rt.clock.now() + 60 * MINUTE });
    await claim(rt, 'demo-shopper', TEMPLATE_20_OFF);
    const r = await rt.as('demo-shopper')<{ items: ClaimableCoupon[] }>('coupons', 'listClaimable', {});
    const rows = r.ok ? r.data.items.map((i) => [i.templateId, i.claimed, i.claimable, i.reason]) : [];
    expect(rows).toEqual(
      expect.arrayContaining([
        [TEMPLATE_199_30, 1, true, null],
        [TEMPLATE_20_OFF, 1, false, 'limit_reached'],
        [TEMPLATE_POWDER, 1, false, 'limit_reached'],
        [ending, 0, true, null],
      ]),
    );
    expect(rows.map((row) => row[0])).not.toContain(TEMPLATE_LIVE_50);
    expect(rows.map((row) => row[0])).not.toContain(TEMPLATE_NEW_MEMBER);
    rt.clock.advance(61 * MINUTE);
    const later = await rt.as('demo-shopper')<{ items: ClaimableCoupon[] }>('coupons', 'listClaimable', {});
    expect(later.ok && later.data.items.map((i) => i.templateId)).not.toContain(ending);
  });

  it('refuses with the documented codes', async () => {
    const now = rt.clock.now();
    const soon = await createTemplate(rt, { claimStart: now + DAY });
    const over = await createTemplate(rt, { claimEnd: now + MINUTE });
    const tiny = await createTemplate(rt, { totalStock: 1, perUserLimit: 3 });
    await claim(rt, 'first', tiny);
    rt.clock.advance(2 * MINUTE);
    const claimAs = (openid: string, templateId: string) => rt.as(openid)('coupons', 'claim', { templateId });
    expect(await claimAs('u', 'no-such-template')).toEqual({ ok: false, error: { code: 'COUPON_NOT_FOUND', message: 'Coupon not found', field: 'templateId' } });
    expect(codeOf(await claimAs('u', soon))).toBe('COUPON_NOT_STARTED');
    expect(codeOf(await claimAs('u', over))).toBe('COUPON_ENDED');
    expect(codeOf(await claimAs('u', tiny))).toBe('COUPON_SOLD_OUT');
    expect(codeOf(await claimAs('u', TEMPLATE_NEW_MEMBER))).toBe('COUPON_NOT_ELIGIBLE');
    // the one coupon 'u' holds is the new-member coupon from their first call
    expect(await rt.db.collection('coupons').count({ userId: 'u', templateId: { $ne: TEMPLATE_WELCOME } })).toBe(0);
  });

  it("a coupon for the live's reservers is refused until the shopper reserves", async () => {
    const templateId = await createTemplate(rt, { liveId: TONIGHT_LIVE, eligibility: 'reservers' });
    expect(codeOf(await rt.as('fan')('coupons', 'claim', { templateId }))).toBe('COUPON_NOT_ELIGIBLE');
    expect((await rt.as('fan')('live', 'reserve', { liveId: TONIGHT_LIVE })).ok).toBe(true);
    // eligibility names the live; it need not be on
    expect(codeOf(await rt.as('fan')('coupons', 'claim', { templateId }))).toBe('ok');
  });

  it('a coupon valid for N days lasts to the end of the Shanghai day N days after the claim, then shows as expired', async () => {
    const templateId = await createTemplate(rt, { validDays: 3, perUserLimit: 1 });
    const couponId = await claim(rt, 'keeper', templateId);
    const c = (await coupon(rt, couponId))!;
    // claimed 2026-11-24 10:00 Shanghai → valid to 2026-11-27 23:59:59.999 Shanghai
    expect(c.validTo).toBe(Date.UTC(2026, 10, 27, 15, 59, 59, 999));
    const mine = async (status: string) => {
      const r = await rt.as('keeper')<{ items: MyCoupon[]; total: number }>('coupons', 'listMine', { status });
      return r.ok ? r.data.items.map((i) => [i._id, i.status]) : r.error.code;
    };
    // beside the new-member coupon (7 days), given on the first call
    const welcome = welcomeCouponId('keeper');
    expect(await mine('available')).toEqual([[couponId, 'available'], [welcome, 'available']]);
    rt.clock.set(c.validTo + 1);
    expect(await mine('available')).toEqual([[welcome, 'available']]);
    expect(await mine('expired')).toEqual([[couponId, 'expired']]);
  });
});

describe('system grants', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('the same grant key twice, even at once, gives one coupon and takes stock once', async () => {
    const issuedBefore = (await template(rt, TEMPLATE_NEW_MEMBER))!.issued;
    const grant = () => grantCoupon(rt.db, { templateId: TEMPLATE_NEW_MEMBER, userId: 'newbie', key: 'newmember:newbie', now: rt.clock.now() });
    const results = await Promise.all(Array.from({ length: 20 }, grant));
    expect(new Set(results.map((r) => r.couponId)).size).toBe(1);
    expect(await grant()).toEqual(results[0]);
    expect((await template(rt, TEMPLATE_NEW_MEMBER))!.issued).toBe(issuedBefore + 1);
    expect(await rt.db.collection('coupons').count({ userId: 'newbie' })).toBe(1);
    const c = (await coupon(rt, results[0].couponId))!;
    expect([c.source, c.grantKey, c.status]).toEqual(['grant', 'newmember:newbie', 'available']);
  });

  it('grants take the same limits: a second key past the per-user limit is refused, and a sold-out template refuses', async () => {
    const now = rt.clock.now();
    await grantCoupon(rt.db, { templateId: TEMPLATE_NEW_MEMBER, userId: 'newbie', key: 'k1', now });
    await expect(grantCoupon(rt.db, { templateId: TEMPLATE_NEW_MEMBER, userId: 'newbie', key: 'k2', now })).rejects.toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    const one = await createTemplate(rt, { totalStock: 1, eligibility: 'system' });
    await grantCoupon(rt.db, { templateId: one, userId: 'x', key: 'prize:x', now });
    await expect(grantCoupon(rt.db, { templateId: one, userId: 'y', key: 'prize:y', now })).rejects.toMatchObject({ code: 'COUPON_SOLD_OUT' });
    await expect(grantCoupon(rt.db, { templateId: 'nope', userId: 'y', key: 'prize:z', now })).rejects.toMatchObject({ code: 'COUPON_NOT_FOUND' });
  });
});

describe('coupons at checkout', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const preview = async (openid: string, data: Record<string, unknown>) => rt.as(openid)<Preview>('mall', 'previewOrder', data);

  it("previews the shopper's wallet: the best coupon suggested and the reason each other does not apply", async () => {
    await claim(rt, 'demo-shopper', TEMPLATE_20_OFF);
    // demo-shopper holds 满199减30 and "bought foundation → powder 20% off" from the seed
    const r = await preview('demo-shopper', { items: [{ skuId: 'p-powder-1', quantity: 1 }] });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.price.discountFen).toBe(0);
    const byTemplate = Object.fromEntries(r.data.coupons.options.map((o) => [o.templateId, [o.applicable, o.amountFen, o.reason, o.shortFen, o.suggested, o.conflict]]));
    expect(byTemplate).toEqual({
      // 12900 × 20% = 2580: both percentage coupons give the same; the one expiring sooner is suggested
      [TEMPLATE_20_OFF]: [true, 2580, null, null, true, null],
      [TEMPLATE_POWDER]: [true, 2580, null, null, false, 'not_stackable'],
      [TEMPLATE_199_30]: [false, 0, 'below_threshold', 7000, false, null],
    });
    expect(r.data.coupons.suggestedFen).toBe(2580);
    expect(r.data.coupons.applied).toEqual([]);

    const chosen = r.data.coupons.suggested;
    const applied = await preview('demo-shopper', { items: [{ skuId: 'p-powder-1', quantity: 1 }], couponIds: chosen });
    expect(applied.ok && applied.data.price).toEqual({
      goodsFen: 12900,
      discountFen: 2580,
      // 103.20 after the coupon: shipping is free from 99
      shippingFen: 0,
      payableFen: 12900 - 2580,
      discounts: [{ source: chosen[0], label: '全场 8 折（最高减 30 元）', amountFen: 2580 }],
    });
  });

  it('createOrder re-validates, locks the coupon with the order, and refuses it for a second order', async () => {
    const couponId = await claim(rt, 'buyer', TEMPLATE_199_30);
    const addressId = await addressFor(rt, 'buyer');
    const items = [{ skuId: 'p-foundation-1', quantity: 2 }];
    const tooSmall = await rt.as('buyer')('mall', 'createOrder', { items: [{ skuId: 'p-lipstick-1', quantity: 1 }], addressId, couponId });
    expect(tooSmall).toEqual({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: 'This coupon cannot be used on this order (below_threshold)', field: 'couponId' },
    });
    const stock = await stockOf(rt, 'p-foundation-1');
    const results = await Promise.all([1, 2, 3].map(() => rt.as('buyer')<{ orderId: string; payableFen: number }>('mall', 'createOrder', { items, addressId, couponId })));
    const created = results.filter((r) => r.ok);
    expect(created).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (!r.ok ? [r.error.code, r.error.field] : null))).toEqual([
      ['COUPON_NOT_APPLICABLE', 'couponId'],
      ['COUPON_NOT_APPLICABLE', 'couponId'],
    ]);
    // the refused orders took no stock
    expect(await stockOf(rt, 'p-foundation-1')).toBe(stock - 2);
    const orderId = created[0].ok ? created[0].data.orderId : '';
    expect(created[0].ok && created[0].data.payableFen).toBe(33800 - 3000);
    const c = (await coupon(rt, couponId))!;
    expect([c.status, c.orderId]).toEqual(['locked', orderId]);
    expect((await order(rt, orderId))!).toMatchObject({ couponId, couponIds: [couponId] });

    const again = await preview('buyer', { items });
    expect(again.ok && again.data.coupons.options.find((o) => o.couponId === couponId)).toMatchObject({ applicable: false, reason: 'locked' });
    const wallet = await rt.as('buyer')<{ items: MyCoupon[] }>('coupons', 'listMine', { status: 'available' });
    expect(wallet.ok && wallet.data.items.map((i) => [i._id, i.status, i.orderId])).toEqual([
      [welcomeCouponId('buyer'), 'available', null],
      [couponId, 'locked', orderId],
    ]);
  });

  it("refuses another shopper's coupon as not found and a stacking it does not allow", async () => {
    const theirs = await claim(rt, 'other', TEMPLATE_199_30);
    const mine199 = await claim(rt, 'me', TEMPLATE_199_30);
    const mine20 = await claim(rt, 'me', TEMPLATE_20_OFF);
    const items = [{ skuId: 'p-serum-1', quantity: 1 }];
    expect(await preview('me', { items, couponId: theirs })).toEqual({ ok: false, error: { code: 'COUPON_NOT_FOUND', message: 'Coupon not found', field: 'couponId' } });
    expect(await preview('me', { items, couponIds: [mine199, mine20] })).toEqual({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: 'This coupon cannot be used on this order (not_stackable)', field: 'couponIds.1' },
    });
  });

  it('stacks a stackable coupon with a non-stackable one on the same order', async () => {
    const stackable = await createTemplate(rt, { title: '叠加券', valueFen: 1000, stackable: true, eligibility: 'anyone' });
    const s = await claim(rt, 'stacker', stackable);
    const t = await claim(rt, 'stacker', TEMPLATE_199_30);
    const addressId = await addressFor(rt, 'stacker');
    const r = await rt.as('stacker')<{ orderId: string; payableFen: number }>('mall', 'createOrder', {
      items: [{ skuId: 'p-serum-1', quantity: 1 }],
      addressId,
      couponIds: [s, t],
    });
    expect(r.ok && r.data.payableFen).toBe(29900 - 3000 - 1000);
    const o = (await order(rt, r.ok ? r.data.orderId : ''))!;
    expect(o.couponIds).toEqual([t, s]);
    expect(o.price.discounts.map((d) => [d.source, d.amountFen])).toEqual([
      [t, 3000],
      [s, 1000],
    ]);
  });

  it('says of each option what choosing it would replace among the coupons applied now', async () => {
    const stackable = await createTemplate(rt, { title: '叠加券', valueFen: 1000, stackable: true, eligibility: 'anyone' });
    const other = await createTemplate(rt, { title: '满 100 减 15', kind: 'threshold', thresholdFen: 10000, valueFen: 1500, eligibility: 'anyone' });
    const s = await claim(rt, 'stacker', stackable);
    const t = await claim(rt, 'stacker', TEMPLATE_199_30);
    const o = await claim(rt, 'stacker', other);
    const items = [{ skuId: 'p-serum-1', quantity: 1 }];
    const joins = async (couponIds: string[]) => {
      const r = await preview('stacker', { items, couponIds });
      if (!r.ok) throw new Error(r.error.code);
      // the three claimed here (the wallet also holds the new-member coupon)
      const mine = r.data.coupons.options.filter((x) => [s, t, o].includes(x.couponId));
      return [r.data.coupons.applied, Object.fromEntries(mine.map((x) => [x.couponId, [x.joinConflict, x.replaces]]))];
    };
    expect(await joins([t, s])).toEqual([[t, s], { [t]: [null, []], [s]: [null, []], [o]: ['not_stackable', [t]] }]);
    expect(await joins([o])).toEqual([[o], { [t]: ['not_stackable', [o]], [s]: [null, []], [o]: [null, []] }]);
    // with nothing applied, every applicable coupon joins as it is
    expect(await joins([])).toEqual([[], { [t]: [null, []], [s]: [null, []], [o]: [null, []] }]);
    // the suggestion-relative conflict is unchanged: 满100减15 is left out of the best combination
    const r = await preview('stacker', { items, couponIds: [o] });
    expect(r.ok && r.data.coupons.options.find((x) => x.couponId === o)!.conflict).toBe('not_stackable');
  });

  it('a coupon used by an order that then expires is available again exactly once', async () => {
    const couponId = await claim(rt, 'slow', TEMPLATE_199_30);
    const addressId = await addressFor(rt, 'slow');
    const items = [{ skuId: 'p-serum-1', quantity: 1 }];
    const r = await rt.as('slow')<{ orderId: string }>('mall', 'createOrder', { items, addressId, couponId });
    const orderId = r.ok ? r.data.orderId : '';
    expect((await coupon(rt, couponId))!.status).toBe('locked');

    rt.clock.advance(31 * MINUTE);
    const runs = await Promise.all([1, 2, 3].map(() => rt.runTimer('mall', 'expireOrders')));
    expect(runs.map((x) => (x.ok ? (x.data as { expired: number }).expired : -1)).sort()).toEqual([0, 0, 1]);
    expect((await order(rt, orderId))!.status).toBe('expired');
    const back = (await coupon(rt, couponId))!;
    expect([back.status, back.orderId, back.lockedAt]).toEqual(['available', null, null]);

    // a cancel of the expired order and another expiry run change nothing
    expect(codeOf(await rt.as('slow')('mall', 'cancelOrder', { orderId }))).toBe('ORDER_STATE_INVALID');
    await rt.runTimer('mall', 'expireOrders');
    // the coupon goes to exactly one new order
    const retries = await Promise.all([1, 2].map(() => rt.as('slow')('mall', 'createOrder', { items, addressId, couponId })));
    expect(retries.map(codeOf).sort()).toEqual(['COUPON_NOT_APPLICABLE', 'ok']);
    // the expired order's late payment is an orphan: the coupon stays with the new order
    expect((await rt.devPay(orderId)).status).toBe(204);
    expect((await coupon(rt, couponId))!.status).toBe('locked');
    expect((await coupon(rt, couponId))!.orderId).not.toBe(orderId);
  });

  it('a cancelled order returns its coupon once; a paid one uses it, however often the payment arrives', async () => {
    const couponId = await claim(rt, 'decider', TEMPLATE_199_30);
    const addressId = await addressFor(rt, 'decider');
    const items = [{ skuId: 'p-serum-1', quantity: 1 }];
    const first = await rt.as('decider')<{ orderId: string }>('mall', 'createOrder', { items, addressId, couponId });
    const firstId = first.ok ? first.data.orderId : '';
    await Promise.all([1, 2, 3].map(() => rt.as('decider')('mall', 'cancelOrder', { orderId: firstId })));
    expect((await coupon(rt, couponId))!.status).toBe('available');

    const second = await rt.as('decider')<{ orderId: string }>('mall', 'createOrder', { items, addressId, couponId });
    const secondId = second.ok ? second.data.orderId : '';
    await Promise.all(Array.from({ length: 8 }, () => rt.devPay(secondId)));
    const used = (await coupon(rt, couponId))!;
    expect([used.status, used.orderId, used.usedAt]).toEqual(['used', secondId, rt.clock.now()]);
    const wallet = await rt.as('decider')<{ items: MyCoupon[]; total: number }>('coupons', 'listMine', { status: 'used' });
    expect(wallet.ok && [wallet.data.total, wallet.data.items[0]._id]).toEqual([1, couponId]);
  });

  it('a full refund returns a still-valid coupon to the wallet; an expired one stays used', async () => {
    const addressId = await addressFor(rt, 'refundee');
    const items = [{ skuId: 'p-serum-1', quantity: 1 }];
    const buy = async (couponId: string) => {
      const r = await rt.as('refundee')<{ orderId: string }>('mall', 'createOrder', { items, addressId, couponId });
      if (!r.ok) throw new Error(r.error.code);
      await rt.devPay(r.data.orderId);
      return r.data.orderId;
    };
    const valid = await claim(rt, 'refundee', TEMPLATE_199_30);
    const validOrder = await buy(valid);
    const shortLived = await createTemplate(rt, { title: '当天有效', validDays: undefined, validTo: rt.clock.now() + 60 * MINUTE });
    const short = await claim(rt, 'refundee', shortLived);
    const shortOrder = await buy(short);
    rt.clock.advance(2 * 60 * MINUTE);
    for (const orderId of [validOrder, shortOrder]) {
      expect(await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '不想要了' })).toMatchObject({ ok: true, data: { status: 'refunding', refund: { state: 'PROCESSING' } } });
    }
    // the platform settles both and notifies
    expect((await rt.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204, 204]);
    expect([(await coupon(rt, valid))!.status, (await coupon(rt, valid))!.orderId]).toEqual(['available', null]);
    expect([(await coupon(rt, short))!.status, (await coupon(rt, short))!.orderId]).toEqual(['used', shortOrder]);
  });

  it('member price applies before coupons for a tier that has it', async () => {
    const addressId = await addressFor(rt, 'vip');
    // ¥1,198 of goods paid: silver
    const big = await rt.as('vip')<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-gift-skin-1', quantity: 2 }], addressId });
    await rt.devPay(big.ok ? big.data.orderId : '');
    const r = await preview('vip', { items: [{ skuId: 'p-essence-1', quantity: 2 }] });
    expect(r.ok && r.data.price.discounts).toEqual([{ source: 'member_price', label: '银卡会员价', amountFen: (32900 - 29900) * 2 }]);
    const plain = await preview('plain', { items: [{ skuId: 'p-essence-1', quantity: 2 }] });
    expect(plain.ok && plain.data.price.discounts).toEqual([]);
  });

  it('the lock-release timer frees a coupon locked to an order that was never written', async () => {
    const couponId = await claim(rt, 'crashed', TEMPLATE_199_30);
    await rt.db.collection('coupons').update({ _id: couponId }, { $set: { status: 'locked', orderId: 'ghost-order', lockedAt: rt.clock.now() } });
    expect(await rt.runTimer('coupons', 'releaseCouponLocks')).toEqual({ ok: true, data: { released: 0, used: 0 } });
    rt.clock.advance(3 * 60 * MINUTE);
    expect(await rt.runTimer('coupons', 'releaseCouponLocks')).toEqual({ ok: true, data: { released: 1, used: 0 } });
    expect((await coupon(rt, couponId))!.status).toBe('available');
  });
});

describe('admin createCouponTemplate', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
  });
  afterEach(() => rt.close());

  const base = { title: '满 300 减 50', kind: 'threshold', thresholdFen: 30000, valueFen: 5000, totalStock: 10, perUserLimit: 1, validDays: 7 };
  const create = (openid: string, data: Record<string, unknown>) => rt.as(openid)<{ templateId: string }>('admin', 'createCouponTemplate', data);

  it('creates a template and audits it', async () => {
    const r = await create('demo-staff', { ...base, scope: { categoryIds: ['cat-skincare'] } });
    const templateId = r.ok ? r.data.templateId : '';
    expect(await template(rt, templateId)).toMatchObject({
      rule: { kind: 'threshold', tiers: [{ thresholdFen: 30000, valueFen: 5000 }] },
      scope: { productIds: [], categoryIds: ['cat-skincare'] },
      stackable: false,
      eligibility: 'anyone',
      issued: 0,
    });
    expect(await rt.db.collection('audit').count({ entity: 'coupon_template', entityId: templateId, actor: 'demo-staff' })).toBe(1);
  });

  it('refuses shoppers and customer service', async () => {
    expect(codeOf(await create('demo-shopper', base))).toBe('NOT_STAFF');
    expect(codeOf(await create('cs-1', base))).toBe('FORBIDDEN');
  });

  it.each([
    ['a rule field of another kind', { percentOff: 20 }, 'percentOff'],
    ['a tier that takes off its whole threshold', { thresholdFen: 5000 }, 'valueFen'],
    ['tiers that do not go up', { thresholdFen: undefined, valueFen: undefined, tiers: [{ thresholdFen: 20000, valueFen: 3000 }, { thresholdFen: 20000, valueFen: 4000 }] }, 'tiers.1'],
    ['no validity', { validDays: undefined }, 'validDays'],
    ['both kinds of validity', { validTo: 4_000_000_000_000 }, 'validDays'],
    ['a claim window that ends before it starts', { claimStart: 3_000_000_000_000, claimEnd: 2_900_000_000_000 }, 'claimEnd'],
    ['an unknown product in scope', { scope: { productIds: ['p-nope'] } }, 'scope.productIds'],
    ['an unknown live', { liveId: 'live-nope' }, 'liveId'],
    ['a reservers coupon without a live', { eligibility: 'reservers' }, 'liveId'],
  ])('refuses %s with COUPON_TEMPLATE_INVALID', async (_name, over, field) => {
    const data = Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== undefined));
    const r = await create('demo-staff', data);
    expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['COUPON_TEMPLATE_INVALID', field]);
  });

  it('refuses a related coupon without the product bought before or the products it discounts', async () => {
    const related = { ...base, kind: 'related', thresholdFen: undefined, valueFen: undefined, percentOff: 20 };
    const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    expect(await create('demo-staff', clean(related)).then((r) => (r.ok ? 'ok' : r.error.field))).toBe('relatedProductIds');
    expect(await create('demo-staff', clean({ ...related, relatedProductIds: ['p-foundation'] })).then((r) => (r.ok ? 'ok' : r.error.field))).toBe('scope');
    expect(await create('demo-staff', clean({ ...related, relatedProductIds: ['p-foundation'], scope: { productIds: ['p-powder'] } })).then(codeOf)).toBe('ok');
  });
});

describe('staff stop a template', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('lists templates; after a stop no shopper can claim, racing claims included, and wallets keep theirs', async () => {
    const created = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', {
      title: '限时 10 元券',
      kind: 'no_threshold',
      valueFen: 1000,
      totalStock: 1000,
      perUserLimit: 1,
      validDays: 7,
    });
    const templateId = created.ok ? created.data.templateId : '';
    expect((await rt.as('early')('coupons', 'claim', { templateId })).ok).toBe(true);
    const [stop, ...claims] = await Promise.all([
      rt.as('demo-staff')<{ stoppedAt: number }>('admin', 'stopCouponTemplate', { templateId }),
      ...Array.from({ length: 30 }, (_, i) => rt.as(`late-${i}`)('coupons', 'claim', { templateId })),
    ]);
    expect(stop).toEqual({ ok: true, data: { stoppedAt: rt.clock.now() } });
    const issuedAfter = (await rt.db.collection('coupon_templates').get(templateId))!.issued;
    expect(issuedAfter).toBe(1 + claims.filter((c) => c.ok).length);
    rt.clock.advance(1);
    expect(await rt.as('later')('coupons', 'claim', { templateId })).toMatchObject({ ok: false, error: { code: 'COUPON_ENDED' } });
    const mine = await rt.as('early')<{ items: unknown[] }>('coupons', 'listMine', { status: 'available' });
    expect(mine.ok && mine.data.items.length).toBeGreaterThanOrEqual(1);
    const list = await rt.as('demo-staff')<{ items: Array<{ templateId: string; stoppedAt: number | null }> }>('admin', 'listCouponTemplates', {});
    expect(list.ok && list.data.items.find((t) => t.templateId === templateId)?.stoppedAt).toBe(rt.clock.now() - 1);
    expect(await rt.as('demo-shopper')('admin', 'stopCouponTemplate', { templateId })).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
  });
});
