import { checkInvariants, INVARIANTS, type Violation } from '../../scripts/invariants/check';
import { placeCheckoutTx } from '../../cloudfunctions/core/modules/orders';
import { crashPlan, withCrash } from '../helpers/crash';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '张三', telNumber: '13800001111', provinceName: '北京市', cityName: '北京市', countyName: '朝阳区', detailInfo: '建国路 1 号' };

async function unpaidOrder(rt: TestRuntime, openid: string): Promise<string> {
  const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!address.ok) throw new Error(address.error.code);
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: address.data.addressId });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.orderId;
}

const names = (vs: Violation[]) => [...new Set(vs.map((v) => v.invariant))].sort();

describe('invariant checker', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('finds nothing wrong in the seeded shop after claims, a paid and a refunded order and a staff edit', async () => {
    const coupons = await rt.as('demo-shopper')<{ items: Array<{ _id: string }> }>('coupons', 'listClaimable', {});
    if (coupons.ok) for (const t of coupons.data.items.slice(0, 3)) await rt.as('demo-shopper')('coupons', 'claim', { templateId: t._id });
    const paid = await unpaidOrder(rt, 'buyer');
    expect((await rt.devPay(paid)).status).toBe(204);
    const refunded = await unpaidOrder(rt, 'buyer');
    expect((await rt.devPay(refunded)).status).toBe(204);
    expect(await rt.as('demo-staff')('admin', 'refundOrder', { orderId: refunded, reason: '七天无理由' })).toMatchObject({ ok: true });
    expect((await rt.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204]);
    expect((await rt.db.collection('orders').get(refunded))!.status).toBe('refunded');
    await rt.as('demo-staff')('admin', 'updateSku', { skuId: 'p-toner-1', priceFen: 9900 });
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('names each invariant a corrupted record breaks', async () => {
    const orderId = await unpaidOrder(rt, 'buyer');
    expect((await rt.devPay(orderId)).status).toBe(204);
    const [account] = await rt.db.collection('member_accounts').find({ _id: 'buyer' });
    await rt.db.collection('member_accounts').update({ _id: account._id }, { $inc: { points: 7 } });
    const [template] = await rt.db.collection('coupon_templates').find({}, { limit: 1 });
    await rt.db.collection('coupon_templates').update({ _id: template._id }, { $inc: { issued: 1 } });
    await rt.db.collection('coupon_claims').insert({ _id: `${template._id}:ghost`, templateId: template._id, userId: 'ghost', count: 1 });
    const [reward] = await rt.db.collection('rewards').find({}, { limit: 1 });
    await rt.db.collection('rewards').update({ _id: reward._id }, { $inc: { redeemed: 1 } });
    await rt.db.collection('payments').insert({ _id: 'tx-second', orderId, amountFen: 1, paidAt: rt.clock.now(), receivedAt: rt.clock.now(), method: 'wechatpay', orphan: false });
    await rt.db.collection('skus').update({ _id: 'p-toner-1' }, { $set: { stock: -1 } });
    await rt.db.collection('skus').update({ _id: 'p-toner-2' }, { $set: { 'holds.h_lost': 1, 'returns.r_gone': 1 } });
    await rt.db.collection('purchase_counts').insert({ _id: 'ghost:p-gift-base-1', userId: 'ghost', skuId: 'p-gift-base-1', count: 1 });
    await rt.db.collection('audit_intents').insert({ _id: 'lost', actor: 'demo-staff', role: 'owner', fn: 'admin', action: 'updateSku', input: {}, createdAt: rt.clock.now() - 3_600_000 });
    await rt.db.collection('orders').update({ _id: orderId }, { $set: { 'afterSales.p-serum-1': 'AS-missing' } });
    await rt.db.collection('review_stats').insert({ _id: 'p-serum', count: 1, withPhotos: 0, ratingSum: 5 });
    const found = await checkInvariants(rt.db, rt.clock.now());
    expect(names(found)).toEqual(Object.keys(INVARIANTS).sort());
    expect(found.find((v) => v.invariant === 'aftersale.locks')).toMatchObject({ found: 'held by AS-missing, missing' });
    expect(found.find((v) => v.invariant === 'points.balance')).toMatchObject({ id: 'buyer', found: expect.stringContaining(`balance ${account.points + 7}`) });
  });
});

describe('a payment killed after each of its writes, then delivered again', () => {
  it('leaves every invariant true and the points earned once', async () => {
    const plan = crashPlan(Infinity);
    // count the writes one delivery makes
    const counted = await testRuntime({ wrapDb: (db) => withCrash(db, plan) });
    const orderId = await unpaidOrder(counted, 'buyer');
    plan.armed = true;
    expect((await counted.devPay(orderId)).status).toBe(204);
    const writes = plan.writes.length;
    const points = (await counted.db.collection('member_accounts').get('buyer'))!.points;
    const sales = (await counted.db.collection('products').get('p-serum'))!.sales;
    await counted.close();
    expect([writes > 3, points > 0]).toEqual([true, true]);

    for (let k = 0; k < writes; k++) {
      const p = crashPlan(k);
      const rt = await testRuntime({ wrapDb: (db) => withCrash(db, p) });
      const id = await unpaidOrder(rt, 'buyer');
      p.armed = true;
      await rt.devPay(id).catch(() => undefined);
      // the process is back; WeChat Pay delivers the notification again
      p.crashed = false;
      p.armed = false;
      expect([k, (await rt.devPay(id)).status]).toEqual([k, 204]);
      // a sales count claimed by the delivery that died is finished by the repair
      rt.clock.advance(3 * 60_000);
      expect([k, (await rt.runTimer('mall', 'repairCheckouts')).ok]).toEqual([k, true]);
      expect([k, await checkInvariants(rt.db, rt.clock.now())]).toEqual([k, []]);
      expect([k, (await rt.db.collection('member_accounts').get('buyer'))!.points]).toEqual([k, points]);
      // the sales counter moved once
      expect([k, (await rt.db.collection('products').get('p-serum'))!.sales]).toEqual([k, sales]);
      await rt.close();
    }
  }, 120_000);
});

describe('a cancel killed after each of its writes, then the repair', () => {
  it('gives the stock back once, the order closed', async () => {
    const SKU = 'p-serum-1';
    const unpaid = async (rt: TestRuntime) => {
      const orderId = await unpaidOrder(rt, 'buyer');
      return { orderId, stock: (await rt.db.collection('skus').get(SKU))!.stock };
    };
    const plan = crashPlan(Infinity);
    const counted = await testRuntime({ wrapDb: (db) => withCrash(db, plan) });
    const first = await unpaid(counted);
    plan.armed = true;
    expect((await counted.as('buyer')('mall', 'cancelOrder', { orderId: first.orderId })).ok).toBe(true);
    const writes = plan.writes.length;
    const stockAfter = (await counted.db.collection('skus').get(SKU))!.stock;
    await counted.close();
    expect([writes > 3, stockAfter > first.stock]).toEqual([true, true]);

    for (let k = 0; k < writes; k++) {
      const p = crashPlan(k);
      const rt = await testRuntime({ wrapDb: (db) => withCrash(db, p) });
      const { orderId, stock } = await unpaid(rt);
      p.armed = true;
      await rt.as('buyer')('mall', 'cancelOrder', { orderId }).catch(() => undefined);
      p.crashed = false;
      p.armed = false;
      // the shopper taps cancel again or leaves it; either way the repair finishes what was cut short
      if (k % 2) await rt.as('buyer')('mall', 'cancelOrder', { orderId });
      rt.clock.advance(3 * 60_000);
      expect([k, (await rt.runTimer('mall', 'repairCheckouts')).ok]).toEqual([k, true]);
      rt.clock.advance(31 * 60_000);
      await rt.runTimer('mall', 'expireOrders');
      rt.clock.advance(3 * 60_000);
      await rt.runTimer('mall', 'repairCheckouts');
      const order = (await rt.db.collection('orders').get(orderId))!;
      expect([k, ['cancelled', 'expired'].includes(order.status), (await rt.db.collection('skus').get(SKU))!.stock - stock]).toEqual([k, true, stockAfter - first.stock]);
      expect([k, await checkInvariants(rt.db, rt.clock.now())]).toEqual([k, []]);
      await rt.close();
    }
  }, 180_000);
});

describe('an order killed after each of its writes, then the checkout repair', () => {
  it('keeps the stock of the order written and gives back the stock and coupons of the one that never was', async () => {
    const SKU = 'p-serum-1';
    const place = async (rt: TestRuntime) => {
      const address = await rt.as('buyer')<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
      if (!address.ok) throw new Error(address.error.code);
      const wallet = await rt.as('buyer')<{ items: Array<{ _id: string }> }>('coupons', 'listMine', { status: 'available' });
      const couponIds = wallet.ok ? wallet.data.items.slice(0, 1).map((c) => c._id) : [];
      return { addressId: address.data.addressId, couponIds };
    };
    const plan = crashPlan(Infinity);
    const counted = await testRuntime({ wrapDb: (db) => withCrash(db, plan) });
    const first = await place(counted);
    plan.armed = true;
    const ok = await counted.as('buyer')('mall', 'createOrder', { items: [{ skuId: SKU, quantity: 2 }], addressId: first.addressId, ...(first.couponIds.length ? { couponIds: first.couponIds } : {}) });
    expect(ok.ok).toBe(true);
    const writes = plan.writes.length;
    await counted.close();
    expect(writes).toBeGreaterThan(4);

    for (let k = 0; k < writes; k++) {
      const p = crashPlan(k);
      const rt = await testRuntime({ wrapDb: (db) => withCrash(db, p) });
      const before = (await rt.db.collection('skus').get(SKU))!.stock;
      const { addressId, couponIds } = await place(rt);
      p.armed = true;
      await rt.as('buyer')('mall', 'createOrder', { items: [{ skuId: SKU, quantity: 2 }], addressId, ...(couponIds.length ? { couponIds } : {}) }).catch(() => undefined);
      p.crashed = false;
      p.armed = false;
      rt.clock.advance(3 * 60_000);
      expect([k, await rt.runTimer('mall', 'repairCheckouts')]).toEqual([k, { ok: true, data: expect.any(Object) }]);
      const orders = await rt.db.collection('orders').find({ userId: 'buyer', status: 'created' });
      const stock = (await rt.db.collection('skus').get(SKU))!.stock;
      expect([k, orders.length <= 1, stock]).toEqual([k, true, before - 2 * orders.length]);
      expect([k, await rt.db.collection('coupons').count({ status: 'locked', orderId: { $nin: orders.map((o) => o._id) } })]).toEqual([k, 0]);
      expect([k, await checkInvariants(rt.db, rt.clock.now())]).toEqual([k, []]);
      await rt.close();
    }
  }, 180_000);

  it('refuses an order whose checkout the repair already gave back, and takes nothing twice', async () => {
    const rt = await testRuntime();
    try {
      await rt.db.collection('checkout_intents').insert({ _id: 'late', userId: 'buyer', lines: [{ skuId: 'p-serum-1', quantity: 1 }], couponIds: [], createdAt: rt.clock.now(), placedAt: null, abandonedAt: null });
      const before = (await rt.db.collection('skus').get('p-serum-1'))!.stock;
      await rt.db.collection('skus').update({ _id: 'p-serum-1' }, { $inc: { stock: -1 }, $set: { 'holds.h_late': 1 } });
      rt.clock.advance(3 * 60_000);
      expect(await rt.runTimer('mall', 'repairCheckouts')).toEqual({ ok: true, data: { settled: 0, givenBack: 1, stockReturned: 0, salesCounted: 0 } });
      expect(await rt.runTimer('mall', 'repairCheckouts')).toEqual({ ok: true, data: { settled: 0, givenBack: 0, stockReturned: 0, salesCounted: 0 } });
      expect((await rt.db.collection('skus').get('p-serum-1'))!.stock).toBe(before);
      expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
      // the call that opened it, arriving late with its order: refused, nothing written
      const order = { ...(await rt.db.collection('orders').find({}, { limit: 1 }))[0], _id: 'late' };
      await expect(rt.db.transaction((tx) => placeCheckoutTx(tx, order, rt.clock.now()))).rejects.toMatchObject({ code: 'CHECKOUT_EXPIRED' });
      expect(await rt.db.collection('orders').get('late')).toBeNull();
    } finally {
      await rt.close();
    }
  });
});
