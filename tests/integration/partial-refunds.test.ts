import { grantCoupon } from '../../cloudfunctions/core/modules/coupons/issue';
import { linePaidFen, planRefund } from '../../cloudfunctions/core/modules/orders';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import { checkInvariants } from '../../scripts/invariants/check';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '张三', telNumber: '13800001111', provinceName: '北京市', cityName: '北京市', countyName: '朝阳区', detailInfo: '建国路 1 号' };
const STAFF = 'demo-staff';
const BUYER = 'part-buyer';
type Line = { skuId: string; quantity: number };
type RefundOut = { status: string; refund: { state: string; amountFen: number; whole: boolean; lines: Array<Line & { amountFen: number }> } | null };

async function paidOrder(rt: TestRuntime, items: Line[], coupon = false, openid = BUYER): Promise<string> {
  const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!address.ok) throw new Error(address.error.code);
  const couponIds: string[] = [];
  if (coupon) {
    await grantCoupon(rt.db, { templateId: 'tpl-199-30', userId: openid, key: `test:${openid}:${rt.clock.now()}`, now: rt.clock.now() });
    couponIds.push(...(await rt.db.collection('coupons').find({ userId: openid, status: 'available', templateId: 'tpl-199-30' })).map((c) => c._id));
  }
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items, addressId: address.data.addressId, ...(couponIds.length ? { couponIds } : {}) });
  if (!r.ok) throw new Error(r.error.code);
  expect((await rt.devPay(r.data.orderId)).status).toBe(204);
  return r.data.orderId;
}

const order = async (rt: TestRuntime, id: string) => (await rt.db.collection('orders').get(id))!;
const stockOf = async (rt: TestRuntime, skuId: string) => (await rt.db.collection('skus').get(skuId))!.stock;
const pointsOf = async (rt: TestRuntime, userId = BUYER) => (await rt.db.collection('member_accounts').get(userId))!.points;
const refund = (rt: TestRuntime, orderId: string, lines?: Line[]) =>
  rt.as(STAFF)<RefundOut>('admin', 'refundOrder', { orderId, reason: '部分退货', ...(lines ? { lines } : {}) });
/** The simulated platform settles what it was asked, and its notifications are delivered. */
async function settle(rt: TestRuntime) {
  rt.clock.advance(90_000);
  return (await rt.devSettleRefunds({ now: true })).map((a) => a.status);
}

describe('refund rules (pure)', () => {
  const doc = (lines: Array<[number, number]>, payableFen: number, shippingFen = 0) =>
    ({
      lines: lines.map(([unit, quantity], i) => ({ skuId: `s${i}`, productId: `p${i}`, title: '', image: '', specs: {}, quantity, unitPriceFen: unit, listPriceFen: unit, lineTotalFen: unit * quantity })),
      price: { goodsFen: 0, discountFen: 0, shippingFen, payableFen, discounts: [] },
      refunded: null,
    }) as unknown as OrderDoc;

  it('shares the discount across lines by their totals, adding up to what was paid for goods', () => {
    expect(linePaidFen(doc([[29900, 1], [3900, 2]], 34700))).toEqual([27521, 7179]);
    expect(linePaidFen(doc([[100, 1], [100, 1], [100, 1]], 200))).toEqual([66, 67, 67]);
    expect(linePaidFen(doc([[1000, 1]], 0))).toEqual([0]);
    // shipping is not goods
    expect(linePaidFen(doc([[1000, 1], [1000, 1]], 2600, 600))).toEqual([1000, 1000]);
  });

  it('never returns more than was paid, whichever way an order is refunded piece by piece', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + rnd(4) }, () => [1 + rnd(40000), 1 + rnd(5)] as [number, number]);
      const goods = lines.reduce((s, [u, q]) => s + u * q, 0);
      const shipping = rnd(2) ? 1000 : 0;
      const o = doc(lines, Math.max(0, goods - rnd(goods + 1)) + shipping, shipping);
      let returned = 0;
      for (let step = 0; step < 20; step++) {
        const left = o.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity - (o.refunded?.lines.find((r) => r.skuId === l.skuId)?.quantity ?? 0) })).filter((l) => l.quantity > 0);
        if (!left.length) break;
        const pick = left[rnd(left.length)];
        const plan = planRefund(o, [{ skuId: pick.skuId, quantity: 1 + rnd(pick.quantity) }]);
        if ('error' in plan) throw new Error(plan.error);
        returned += plan.amountFen;
        const done = new Map((o.refunded?.lines ?? []).map((l) => [l.skuId, l]));
        for (const l of plan.lines) {
          const d = done.get(l.skuId) ?? { skuId: l.skuId, quantity: 0, amountFen: 0 };
          done.set(l.skuId, { skuId: l.skuId, quantity: d.quantity + l.quantity, amountFen: d.amountFen + l.amountFen });
        }
        o.refunded = { amountFen: returned, points: 0, lines: [...done.values()] };
        expect(returned).toBeLessThanOrEqual(o.price.payableFen);
      }
      expect(returned).toBe(o.price.payableFen);
    }
  });

  it('refuses a line not in the order, more units than are left, and nothing left', () => {
    const o = doc([[1000, 2]], 2000);
    expect(planRefund(o, [{ skuId: 'nope', quantity: 1 }])).toEqual({ error: 'line_unknown', skuId: 'nope' });
    expect(planRefund(o, [{ skuId: 's0', quantity: 1 }, { skuId: 's0', quantity: 2 }])).toEqual({ error: 'quantity_over', skuId: 's0' });
    o.refunded = { amountFen: 2000, points: 0, lines: [{ skuId: 's0', quantity: 2, amountFen: 2000 }] };
    expect(planRefund(o)).toEqual({ error: 'nothing_left' });
  });
});

describe.each([
  ['synchronous SQLite', 0],
  ['3 ms injected database latency', 3],
])('partial refunds through WeChat Pay (%s)', (_name, latencyMs) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(latencyMs ? { latencyMs } : {});
  });
  afterEach(() => rt.close());

  it('refunds one line at its share of the coupon, the order stays paid; the rest closes it with the coupon back', async () => {
    const serum0 = await stockOf(rt, 'p-serum-1');
    const balm0 = await stockOf(rt, 'p-lipbalm-1');
    const id = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }, { skuId: 'p-lipbalm-1', quantity: 2 }], true);
    const paid = await order(rt, id);
    expect([paid.price.payableFen, paid.price.discountFen, paid.couponIds]).toEqual([34700, 3000, [expect.any(String)]]);
    const earned = (await rt.db.collection('points_entries').get(`earn:${id}`))!.delta;
    const points0 = await pointsOf(rt);

    // one lip balm of two: half of the line's 71.65 paid
    const first = await refund(rt, id, [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    expect(first).toEqual({ ok: true, data: { status: 'paid', refund: expect.objectContaining({ state: 'PROCESSING', amountFen: 3589, whole: false, lines: [{ skuId: 'p-lipbalm-1', quantity: 1, amountFen: 3589 }] }) } });
    expect(rt.paysim.refundsOf(id).map((r) => [r.outRefundNo, r.refundFen, r.totalFen])).toEqual([[`R${id}`, 3589, 34700]]);
    // another refund while this one is with the platform is refused; the same one is asked again
    expect(await refund(rt, id, [{ skuId: 'p-serum-1', quantity: 1 }])).toMatchObject({ ok: false, error: { code: 'REFUND_IN_PROGRESS' } });
    expect(await refund(rt, id)).toMatchObject({ ok: true, data: { refund: { state: 'PROCESSING' } } });
    expect(rt.paysim.refundsOf(id)).toHaveLength(1);

    expect(await settle(rt)).toEqual([204]);
    const part = await order(rt, id);
    expect([part.status, part.refund!.state, part.refunded]).toEqual(['paid', 'SUCCESS', { amountFen: 3589, points: Math.floor((earned * 3589) / 34700), lines: [{ skuId: 'p-lipbalm-1', quantity: 1, amountFen: 3589 }] }]);
    expect([await stockOf(rt, 'p-lipbalm-1'), await stockOf(rt, 'p-serum-1')]).toEqual([balm0 - 1, serum0 - 1]);
    expect(await pointsOf(rt)).toBe(points0 - part.refunded!.points);
    // the coupon stays used: the order still has goods bought with it
    expect((await rt.db.collection('coupons').get(paid.couponIds![0]))!.status).toBe('used');
    const seen = await rt.as(BUYER)<{ status: string; refundedFen: number; refund: { whole: boolean } }>('mall', 'getOrder', { orderId: id });
    expect(seen).toMatchObject({ ok: true, data: { status: 'paid', refundedFen: 3589, refund: { whole: false, state: 'SUCCESS' } } });
    // the same notification again changes nothing
    expect((await rt.devSettleRefunds({ now: true })).length).toBe(0);

    // it ships with what is left, then everything left is refunded: shipping and the coupon too
    expect(await rt.as(STAFF)('admin', 'shipOrder', { orderId: id, company: '顺丰速运', trackingNumber: 'SF1234567890' })).toMatchObject({ ok: true });
    expect(await refund(rt, id, [{ skuId: 'p-lipbalm-1', quantity: 2 }])).toMatchObject({ ok: false, error: { code: 'REFUND_LINES_INVALID', field: 'lines' } });
    const rest = await refund(rt, id);
    expect(rest).toEqual({ ok: true, data: { status: 'refunding', refund: expect.objectContaining({ state: 'PROCESSING', amountFen: 34700 - 3589, whole: true }) } });
    expect(rt.paysim.refundsOf(id).map((r) => [r.outRefundNo, r.refundFen])).toEqual([[`R${id}`, 3589], [`R${id}-2`, 34700 - 3589]]);
    expect(await settle(rt)).toEqual([204]);
    const closed = await order(rt, id);
    expect([closed.status, closed.refunded!.amountFen, closed.refunded!.points]).toEqual(['refunded', 34700, earned]);
    expect([await stockOf(rt, 'p-lipbalm-1'), await stockOf(rt, 'p-serum-1')]).toEqual([balm0, serum0]);
    expect(await pointsOf(rt)).toBe(points0 - earned);
    expect((await rt.db.collection('coupons').get(paid.couponIds![0]))!.status).toBe('available');
    expect(await refund(rt, id)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } });
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('the platform refuses more than is left to refund, in its own words', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    const o = await order(rt, id);
    const ask = (refundId: string, amountFen: number) => rt.ports.payment.refund({ orderId: id, refundId, amountFen, totalFen: o.price.payableFen, reason: '测试' });
    expect(await ask('R-a', o.price.payableFen - 100)).toMatchObject({ state: 'PROCESSING' });
    await expect(ask('R-b', 101)).rejects.toThrow('申请退款金额超过订单可退金额');
    expect(await ask('R-c', 100)).toMatchObject({ state: 'PROCESSING' });
    expect(rt.paysim.refundsOf(id).map((r) => r.refundFen)).toEqual([o.price.payableFen - 100, 100]);
  });

  it('refunds after shipping and after receipt; a CLOSED refund leaves the order where it was', async () => {
    const shipped = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }]);
    await rt.as(STAFF)('admin', 'shipOrder', { orderId: shipped, company: '顺丰速运', trackingNumber: 'SF1234567891' });
    expect(await refund(rt, shipped)).toMatchObject({ ok: true, data: { status: 'refunding' } });
    rt.clock.advance(90_000);
    expect((await rt.devSettleRefunds({ outcome: 'CLOSED', now: true })).map((a) => a.status)).toEqual([204]);
    expect([(await order(rt, shipped)).status, (await order(rt, shipped)).refund!.state]).toEqual(['shipped', 'CLOSED']);
    // asked again under a new number, and settled
    expect(await refund(rt, shipped)).toMatchObject({ ok: true, data: { status: 'refunding' } });
    expect((await order(rt, shipped)).refund!.refundId).toBe(`R${shipped}-2`);
    expect(await settle(rt)).toEqual([204]);
    expect((await order(rt, shipped)).status).toBe('refunded');

    const received = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 3 }]);
    await rt.as(STAFF)('admin', 'shipOrder', { orderId: received, company: '顺丰速运', trackingNumber: 'SF1234567892' });
    expect(await rt.as(BUYER)('mall', 'confirmReceipt', { orderId: received })).toMatchObject({ ok: true });
    const part = await refund(rt, received, [{ skuId: 'p-lipbalm-1', quantity: 2 }]);
    expect(part).toMatchObject({ ok: true, data: { status: 'completed', refund: { whole: false, lines: [{ quantity: 2 }] } } });
    expect(await settle(rt)).toEqual([204]);
    expect((await order(rt, received)).status).toBe('completed');
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('two staff refunding different lines at once start one refund', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }, { skuId: 'p-lipbalm-1', quantity: 2 }]);
    const results = await Promise.all([
      refund(rt, id, [{ skuId: 'p-serum-1', quantity: 1 }]),
      refund(rt, id, [{ skuId: 'p-lipbalm-1', quantity: 1 }]),
      refund(rt, id, [{ skuId: 'p-lipbalm-1', quantity: 2 }]),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r.ok || ['REFUND_IN_PROGRESS', 'ORDER_STATE_INVALID']).toContain(r.ok ? '' : r.error.code);
    expect(rt.paysim.refundsOf(id)).toHaveLength(1);
  });
});
