import { BusyError, type BaseDoc, type RawDb } from '../../cloudfunctions/core/ports';
import { ADDRESS } from '../helpers/address';
import { wrapCollection } from '../helpers/db-proxy';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';


async function addressFor(rt: TestRuntime, openid: string): Promise<string> {
  const r = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!r.ok) throw new Error(r.error.code);
  return r.data.addressId;
}

const sku = (rt: TestRuntime, id: string) => rt.db.collection('skus').get(id);
const order = (rt: TestRuntime, id: string) => rt.db.collection('orders').get(id);

async function setStock(rt: TestRuntime, skuId: string, stock: number) {
  await rt.db.collection('skus').update({ _id: skuId }, { $set: { stock } });
}

async function placeOrder(rt: TestRuntime, openid: string, items: Array<{ skuId: string; quantity: number }>) {
  const addressId = await addressFor(rt, openid);
  const r = await rt.as(openid)<{ orderId: string; payableFen: number; status: string }>('mall', 'createOrder', { items, addressId });
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

describe('stock never oversells', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('when 500 shoppers order a SKU with stock 100 at once, exactly 100 orders exist and stock ends at 0', async () => {
    await setStock(rt, 'p-gift-base-1', 100);
    const users = Array.from({ length: 500 }, (_, i) => `buyer-${i}`);
    const addresses = await Promise.all(users.map((u) => addressFor(rt, u)));
    const results = await Promise.all(
      users.map((u, i) => rt.as(u)('mall', 'createOrder', { items: [{ skuId: 'p-gift-base-1', quantity: 1 }], addressId: addresses[i] })),
    );
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(100);
    expect(new Set(refused.map((r) => (!r.ok ? r.error.code : '')))).toEqual(new Set(['OUT_OF_STOCK']));
    expect((await sku(rt, 'p-gift-base-1'))!.stock).toBe(0);
    expect(await rt.db.collection('orders').count({ status: 'created', 'lines.0.skuId': 'p-gift-base-1' })).toBe(100);
  });

  it('a two-line order that fails on its second line leaves the first line’s stock intact', async () => {
    await setStock(rt, 'p-powder-1', 5);
    await setStock(rt, 'p-lipstick-1', 1);
    const addressId = await addressFor(rt, 'demo-shopper');
    const r = await rt.as('demo-shopper')('mall', 'createOrder', {
      items: [
        { skuId: 'p-powder-1', quantity: 2 },
        { skuId: 'p-lipstick-1', quantity: 2 },
      ],
      addressId,
    });
    expect(r).toEqual({ ok: false, error: { code: 'OUT_OF_STOCK', message: 'Not enough stock', field: 'items.1' } });
    expect((await sku(rt, 'p-powder-1'))!.stock).toBe(5);
    expect((await sku(rt, 'p-lipstick-1'))!.stock).toBe(1);
  });

  it('refuses a SKU that is off the shelf and takes nothing', async () => {
    await rt.db.collection('skus').update({ _id: 'p-brow-1' }, { $set: { status: 'off_shelf' } });
    const before = (await sku(rt, 'p-mascara-1'))!.stock;
    const addressId = await addressFor(rt, 'demo-shopper');
    const r = await rt.as('demo-shopper')('mall', 'createOrder', {
      items: [
        { skuId: 'p-mascara-1', quantity: 1 },
        { skuId: 'p-brow-1', quantity: 1 },
      ],
      addressId,
    });
    expect(r.ok ? null : r.error).toEqual({ code: 'SKU_UNAVAILABLE', message: 'This item is no longer on sale', field: 'items.1.skuId' });
    expect((await sku(rt, 'p-mascara-1'))!.stock).toBe(before);
  });
});

describe('payment notifications', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('the same notification 15 times, some at once and one after shipping, pays once and never regresses', async () => {
    const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-serum-1', quantity: 2 }]);
    const salesBefore = (await rt.db.collection('products').get('p-serum'))!.sales;
    const first = await rt.devPay(orderId);
    expect(first.status).toBe(204);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => rt.devPay(orderId)));
    expect(concurrent.map((a) => a.status)).toEqual(Array(10).fill(204));
    for (let i = 0; i < 3; i++) expect((await rt.devPay(orderId)).status).toBe(204);
    const paid = (await order(rt, orderId))!;
    expect(paid.status).toBe('paid');

    const shipped = await rt.as('demo-staff')('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' });
    expect(shipped).toEqual({ ok: true, data: { status: 'shipped', upload: 'uploaded' } });
    expect((await rt.devPay(orderId)).status).toBe(204);

    const final = (await order(rt, orderId))!;
    expect(final.status).toBe('shipped');
    expect(final.paidAt).toBe(paid.paidAt);
    expect(await rt.db.collection('payments').count({ orderId })).toBe(1);
    const salesAfter = (await rt.db.collection('products').get('p-serum'))!.sales;
    expect(salesAfter - salesBefore).toBe(2);
  });

  it('rejects a notification whose amount differs from the order and changes nothing', async () => {
    const { orderId, payableFen } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-serum-1', quantity: 1 }]);
    const writes = rt.writes();
    const forged = rt.paysim.notificationFor({
      out_trade_no: orderId,
      transaction_id: '4200000000000001',
      trade_state: 'SUCCESS',
      success_time: new Date(rt.clock.now()).toISOString(),
      amount: { total: payableFen - 1 },
      payer: { openid: 'demo-shopper' },
    });
    const answer = await rt.notify(forged);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ code: 'FAIL', message: 'amount_mismatch' });
    expect((await order(rt, orderId))!.status).toBe('created');
    expect(rt.writes()).toBe(writes);
  });

  it('rejects a notification with a bad signature or a tampered body and changes nothing', async () => {
    const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-serum-1', quantity: 1 }]);
    const genuine = rt.paysim.settle(orderId, 29900 + 0, 'demo-shopper');
    const writes = rt.writes();
    const badSignature = { ...genuine, headers: { ...genuine.headers, 'wechatpay-signature': Buffer.from('forged').toString('base64') } };
    const tampered = { ...genuine, body: genuine.body.replace('"resource_type"', '"resource_type" ') };
    for (const n of [badSignature, tampered]) {
      const answer = await rt.notify(n);
      expect(answer.status).toBe(401);
    }
    expect((await order(rt, orderId))!.status).toBe('created');
    expect(rt.writes()).toBe(writes);
  });
});

describe('orders are private', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('user A cannot read, cancel or pay user B’s order, and cannot tell it exists', async () => {
    const { orderId } = await placeOrder(rt, 'user-b', [{ skuId: 'p-toner-1', quantity: 1 }]);
    const notFound = { ok: false, error: { code: 'ORDER_NOT_FOUND', message: 'Order not found', field: 'orderId' } };
    expect(await rt.as('user-a')('mall', 'getOrder', { orderId })).toEqual(notFound);
    expect(await rt.as('user-a')('mall', 'getOrder', { orderId: 'no-such-order' })).toEqual(notFound);
    expect(await rt.as('user-a')('mall', 'cancelOrder', { orderId })).toEqual(notFound);
    expect(await rt.as('user-a')('mall', 'prepay', { orderId })).toEqual(notFound);
    const list = await rt.as('user-a')<{ items: unknown[]; total: number }>('mall', 'listOrders', {});
    expect(list).toEqual({ ok: true, data: { items: [], total: 0 } });
    expect((await order(rt, orderId))!.status).toBe('created');
  });
});

describe('unpaid orders expire', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('expiry run twice over the same order returns its stock once', async () => {
    const before = (await sku(rt, 'p-cream-1'))!.stock;
    const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-cream-1', quantity: 3 }]);
    expect((await sku(rt, 'p-cream-1'))!.stock).toBe(before - 3);

    rt.clock.advance(29 * 60_000);
    expect(await rt.runTimer('mall', 'expireOrders')).toEqual({ ok: true, data: { expired: 0, paid: 0, failed: 0 } });
    rt.clock.advance(60_000);
    const [a, b] = await Promise.all([rt.runTimer('mall', 'expireOrders'), rt.runTimer('mall', 'expireOrders')]);
    const expired = [a, b].map((r) => (r.ok ? (r.data as { expired: number }).expired : -1));
    expect(expired.sort()).toEqual([0, 1]);
    expect(await rt.runTimer('mall', 'expireOrders')).toEqual({ ok: true, data: { expired: 0, paid: 0, failed: 0 } });

    expect((await order(rt, orderId))!.status).toBe('expired');
    expect((await sku(rt, 'p-cream-1'))!.stock).toBe(before);
    // a payment arriving after expiry is recorded as an orphan, the order stays expired
    const late = await rt.devPay(orderId);
    expect(late.status).toBe(204);
    expect((await order(rt, orderId))!.status).toBe('expired');
  });

  it('an order paid without a notification is found by the expiry check and paid, not expired', async () => {
    const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-cream-1', quantity: 1 }]);
    // the shopper paid but the notification never arrived
    rt.paysim.settle(orderId, (await order(rt, orderId))!.price.payableFen, 'demo-shopper');
    rt.clock.advance(31 * 60_000);
    expect(await rt.runTimer('mall', 'expireOrders')).toEqual({ ok: true, data: { expired: 0, paid: 1, failed: 0 } });
    expect((await order(rt, orderId))!.status).toBe('paid');
  });

  it('cancel returns stock once and a cancelled order cannot be paid', async () => {
    const before = (await sku(rt, 'p-cream-1'))!.stock;
    const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-cream-1', quantity: 2 }]);
    const results = await Promise.all([1, 2, 3].map(() => rt.as('demo-shopper')('mall', 'cancelOrder', { orderId })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await sku(rt, 'p-cream-1'))!.stock).toBe(before);
    expect(await rt.as('demo-shopper')('mall', 'prepay', { orderId })).toEqual({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID', message: 'The order cannot do that in its current state' },
    });
  });
});

describe('a payment notification under a burst', () => {
  it('answers 503 when the database is busy, and the redelivery completes it once', async () => {
    const busy = { on: false };
    const rt = await testRuntime({
      wrapDb: (db: RawDb): RawDb => ({
        // a product's update refused as busy, as a hot document can be in the cloud
        collection: <T extends BaseDoc>(name: string) =>
          wrapCollection(db.collection<T>(name), (method, fn) =>
            name === 'products' && method === 'update' ? (...args) => (busy.on ? Promise.reject(new BusyError(32)) : fn(...args)) : fn,
          ),
        transaction: (fn) => db.transaction(fn),
        close: () => db.close(),
      }),
    });
    try {
      const { orderId } = await placeOrder(rt, 'demo-shopper', [{ skuId: 'p-serum-1', quantity: 2 }]);
      const salesBefore = (await rt.db.collection('products').get('p-serum'))!.sales;
      busy.on = true;
      const refused = await rt.devPay(orderId);
      expect([refused.status, JSON.parse(refused.body as string)]).toEqual([503, { code: 'FAIL', message: 'busy: deliver again' }]);
      busy.on = false;
      expect((await rt.devPay(orderId)).status).toBe(204);
      expect((await rt.devPay(orderId)).status).toBe(204);
      expect((await rt.db.collection('orders').get(orderId))!.status).toBe('paid');
      // the count the refused delivery claimed is finished by the repair once the claim is stale
      rt.clock.advance(3 * 60_000);
      expect(await rt.runTimer('mall', 'repairCheckouts')).toEqual({ ok: true, data: { settled: 0, givenBack: 0, stockReturned: 0, salesCounted: 1 } });
      expect(await rt.runTimer('mall', 'repairCheckouts')).toEqual({ ok: true, data: { settled: 0, givenBack: 0, stockReturned: 0, salesCounted: 0 } });
      const product = (await rt.db.collection('products').get('p-serum'))!;
      expect([product.sales, product.sold ?? {}]).toEqual([salesBefore + 2, {}]);
      expect((await rt.db.collection('orders').get(orderId))!.salesOpen).toBeUndefined();
    } finally {
      await rt.close();
    }
  });
});

describe.each(CONCURRENCY_DBS)('sales counters under a burst of payments (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('30 buyers of one product paying at once move its sales by 30, each answered at once, no mark left', async () => {
    const buyers = Array.from({ length: 30 }, (_, i) => `burst-buyer-${i}`);
    await setStock(rt, 'p-serum-1', 100);
    const orders = await Promise.all(buyers.map((u) => placeOrder(rt, u, [{ skuId: 'p-serum-1', quantity: 1 }])));
    const before = (await rt.db.collection('products').get('p-serum'))!.sales;
    const conflicts = () => rt.cloudbase?.store.conflicts.get('products') ?? 0;
    const answers = await Promise.all(orders.map((o) => rt.devPay(o.orderId)));
    expect(answers.map((a) => a.status)).toEqual(orders.map(() => 204));
    const product = (await rt.db.collection('products').get('p-serum'))!;
    // on the double: not one write conflict on the product (a transaction there would have them)
    expect([product.sales - before, product.sold ?? {}, conflicts()]).toEqual([30, {}, 0]);
  });

  it('one payment delivered five times at once counts its sales once', async () => {
    const { orderId } = await placeOrder(rt, 'demo-shopper', [
      { skuId: 'p-serum-1', quantity: 2 },
      { skuId: 'p-serum-2', quantity: 1 },
    ]);
    const before = (await rt.db.collection('products').get('p-serum'))!.sales;
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => rt.devPay(orderId)));
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204, 204]);
    const product = (await rt.db.collection('products').get('p-serum'))!;
    expect([product.sales - before, product.sold ?? {}]).toEqual([3, {}]);
    const paid = (await rt.db.collection('orders').get(orderId))!;
    expect([paid.paidEffectsAt, paid.salesCountedAt, paid.salesOpen]).toEqual([rt.clock.now(), rt.clock.now(), undefined]);
  });
});

describe.each(CONCURRENCY_DBS)('stock under checkouts and cancels at once (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('20 cancels and 20 new orders on one SKU at once: every unit counted once, no mark left', async () => {
    await setStock(rt, 'p-serum-1', 40);
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => placeOrder(rt, `first-${i}`, [{ skuId: 'p-serum-1', quantity: 1 }])));
    const second = Array.from({ length: 20 }, (_, i) => `second-${i}`);
    const addresses = await Promise.all(second.map((u) => addressFor(rt, u)));
    const conflicts = () => rt.cloudbase?.store.conflicts.get('skus') ?? 0;
    const [cancels, orders] = await Promise.all([
      Promise.all(first.map((o, i) => rt.as(`first-${i}`)('mall', 'cancelOrder', { orderId: o.orderId }))),
      Promise.all(second.map((u, i) => rt.as(u)('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: addresses[i] }))),
    ]);
    expect([cancels.filter((r) => r.ok).length, orders.filter((r) => r.ok).length]).toEqual([20, 20]);
    const after = (await sku(rt, 'p-serum-1'))!;
    // on the double: not one write conflict on the SKU (a cancel's transaction there would have them)
    expect([after.stock, after.returns ?? {}, after.holds ?? {}, conflicts()]).toEqual([20, {}, {}, 0]);
    for (const o of first) expect((await order(rt, o.orderId))!.stockReturnedAt).toBe(rt.clock.now());
  });
});
