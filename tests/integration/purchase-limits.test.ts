import { checkInvariants } from '../../scripts/invariants/check';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

/** 每人限购: the seeded 100-piece flash box (p-gift-base-1) allows 2 per shopper. */
const BOX = 'p-gift-base-1';
const ADDRESS = { userName: '赵六', telNumber: '13600002222', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 8 号' };

type Result = { ok: true; data: { orderId: string } } | { ok: false; error: { code: string; field?: string } };
const codes = (rs: Result[]) => rs.map((r) => (r.ok ? 'ok' : r.error.code)).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

describe.each(CONCURRENCY_DBS)('per-shopper purchase limits (%s)', (_label, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  async function buy(openid: string, quantity: number, skuId = BOX): Promise<Result> {
    const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
    if (!address.ok) throw new Error(address.error.code);
    return (await rt.as(openid)('mall', 'createOrder', { items: [{ skuId, quantity }], addressId: address.data.addressId })) as Result;
  }
  const stock = async () => (await rt.db.collection('skus').get(BOX))!.stock;
  const held = async (openid: string) => (await rt.db.collection('purchase_counts').get(`${openid}:${BOX}`))?.count ?? 0;

  it('lets a shopper hold at most the limit over several orders; a refusal takes no stock', async () => {
    expect((await buy('fan', 1)).ok).toBe(true);
    expect((await buy('fan', 1)).ok).toBe(true);
    const before = await stock();
    const third = await buy('fan', 1);
    expect(third.ok ? null : [third.error.code, third.error.field]).toEqual(['PURCHASE_LIMIT_EXCEEDED', 'items.0.quantity']);
    expect(await stock()).toBe(before);
    const tooMany = await buy('other', 3);
    expect(tooMany.ok ? null : tooMany.error.code).toBe('PURCHASE_LIMIT_EXCEEDED');
    // another shopper's limit is their own
    expect((await buy('other', 2)).ok).toBe(true);
    expect([await held('fan'), await held('other')]).toEqual([2, 2]);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('gives the limit back when an order is cancelled, expires or is refunded', async () => {
    const a = await buy('fan', 2);
    const orderA = a.ok ? a.data.orderId : '';
    expect(await rt.as('fan')('mall', 'cancelOrder', { orderId: orderA })).toEqual({ ok: true, data: { status: 'cancelled' } });
    expect(await held('fan')).toBe(0);
    const b = await buy('fan', 2);
    expect(b.ok).toBe(true);
    rt.clock.advance(2 * 3600_000);
    await rt.runTimer('mall', 'expireOrders');
    expect((await rt.db.collection('orders').get(b.ok ? b.data.orderId : ''))!.status).toBe('expired');
    expect(await held('fan')).toBe(0);
    const c = await buy('fan', 2);
    const orderC = c.ok ? c.data.orderId : '';
    expect((await rt.devPay(orderC)).status).toBe(204);
    expect(await rt.as('demo-staff')('admin', 'refundOrder', { orderId: orderC, reason: '七天无理由' })).toMatchObject({ ok: true });
    await rt.devSettleRefunds({ now: true });
    expect((await rt.db.collection('orders').get(orderC))!.status).toBe('refunded');
    expect(await held('fan')).toBe(0);
    expect((await buy('fan', 2)).ok).toBe(true);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('20 orders of one each sent at once by one shopper: exactly 2 go through, stock moves by 2', async () => {
    const address = await rt.as('rush')<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
    const addressId = address.ok ? address.data.addressId : '';
    const before = await stock();
    const results = (await Promise.all(
      Array.from({ length: 20 }, () => rt.as('rush')('mall', 'createOrder', { items: [{ skuId: BOX, quantity: 1 }], addressId })),
    )) as Result[];
    expect(codes(results)).toEqual({ ok: 2, PURCHASE_LIMIT_EXCEEDED: 18 });
    expect(await stock()).toBe(before - 2);
    expect(await held('rush')).toBe(2);
    expect(await rt.db.collection('orders').count({ userId: 'rush', status: 'created' })).toBe(2);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('staff set, change and remove the limit; the product page shows it', async () => {
    const staff = rt.as('demo-staff');
    expect(await staff('admin', 'updateSku', { skuId: 'p-toner-1', perUserLimit: 1 })).toMatchObject({ ok: true, data: { perUserLimit: 1 } });
    const product = await rt.as('fan')<{ skus: Array<{ _id: string; perUserLimit?: number }> }>('mall', 'getProduct', { productId: 'p-toner' });
    expect(product.ok && product.data.skus.find((s) => s._id === 'p-toner-1')?.perUserLimit).toBe(1);
    expect((await buy('fan', 1, 'p-toner-1')).ok).toBe(true);
    const second = await buy('fan', 1, 'p-toner-1');
    expect(second.ok ? null : second.error.code).toBe('PURCHASE_LIMIT_EXCEEDED');
    expect(await staff('admin', 'updateSku', { skuId: 'p-toner-1', perUserLimit: 0 })).toMatchObject({ ok: true, data: { perUserLimit: null } });
    expect((await buy('fan', 1, 'p-toner-1')).ok).toBe(true);
    expect(await rt.as('fan')('admin', 'updateSku', { skuId: BOX, perUserLimit: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
  });
});
