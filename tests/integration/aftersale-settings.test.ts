import type { AfterSaleOptions, AfterSaleSettings, OrderTrace, StaffAfterSale } from '../../typings/contract';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * 售后与收货设置: the shop's after-sale window, a product's own window kept on what was bought with
 * it, the return address approvals offer, and the days after delivery an order completes by itself.
 */
const STAFF = 'demo-staff';
const CS = 'settings-cs';
const BUYER = 'settings-buyer';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ADDRESS = { userName: '孙八', telNumber: '13800006666', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 6 号' };
const RETURN_TO = { name: '退货组', phone: '0571-88880000', address: '浙江省杭州市余杭区仓前街道 9 号' };
type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; field?: string } };

describe('after-sale and receipt settings', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: CS, role: 'cs', createdAt: 0 });
  });
  afterEach(() => rt.close());

  const ok = <T>(r: Res<T>): T => {
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.field ?? ''}`);
    return r.data;
  };
  const admin = <T = AfterSaleSettings>(action: string, data: unknown, openid = STAFF) => rt.as(openid)<T>('admin', action, data) as Promise<Res<T>>;
  const mall = <T>(action: string, data: unknown) => rt.as(BUYER)<T>('mall', action, data) as Promise<Res<T>>;

  /** A paid order of the lip balm and the serum; shipped (the simulator signs for SF5550002 within a day) and, unless told, received. */
  async function order(receive = true, waybill = 'SF5550002'): Promise<string> {
    const address = ok(await mall<{ addressId: string }>('saveAddress', ADDRESS));
    const { orderId } = ok(await mall<{ orderId: string }>('createOrder', { items: [{ skuId: 'p-lipbalm-1', quantity: 1 }, { skuId: 'p-serum-1', quantity: 1 }], addressId: address.addressId }));
    expect((await rt.devPay(orderId)).status).toBe(204);
    ok(await admin('shipOrder', { orderId, company: '顺丰速运', trackingNumber: waybill }));
    if (receive) ok(await mall('confirmReceipt', { orderId }));
    return orderId;
  }
  const kinds = async (orderId: string, skuId: string) => ok(await mall<AfterSaleOptions>('afterSaleOptions', { orderId, skuId })).kinds.map((k) => k.kind);

  it('starts from the defaults; staff who refund change them, audited; others cannot', async () => {
    expect(ok(await admin('getAfterSaleSettings', {}, CS))).toEqual({ returnAddress: null, afterSaleDays: 7, autoCompleteDays: 7, updatedAt: null });
    expect(await admin('setAfterSaleSettings', { afterSaleDays: 3 }, CS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await mall('getAfterSaleSettings', {})).toMatchObject({ ok: false });
    expect(await rt.as(BUYER)('admin', 'getAfterSaleSettings', {})).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
    for (const bad of [{}, { afterSaleDays: 0 }, { afterSaleDays: 31 }, { autoCompleteDays: 15 }, { returnAddress: { name: '', phone: '1', address: 'x' } }]) {
      expect(await admin('setAfterSaleSettings', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const saved = ok(await admin('setAfterSaleSettings', { afterSaleDays: 3, returnAddress: RETURN_TO }));
    expect(saved).toEqual({ returnAddress: RETURN_TO, afterSaleDays: 3, autoCompleteDays: 7, updatedAt: rt.clock.now() });
    rt.clock.advance(1000);
    expect(ok(await admin('setAfterSaleSettings', { autoCompleteDays: 2 }))).toEqual({ returnAddress: RETURN_TO, afterSaleDays: 3, autoCompleteDays: 2, updatedAt: rt.clock.now() });
    expect(ok(await admin('setAfterSaleSettings', { returnAddress: null })).returnAddress).toBeNull();
    const audit = ok(await admin<{ items: Array<{ actor: string; before: AfterSaleSettings; after: AfterSaleSettings }> }>('listAudit', { entity: 'order_settings' }));
    expect(audit.items).toHaveLength(3);
    expect(audit.items.every((a) => a.actor === STAFF)).toBe(true);
    expect(audit.items.map((a) => [a.before.afterSaleDays, a.after.afterSaleDays]).sort()).toEqual([[3, 3], [3, 3], [7, 3]]);
  });

  it('the shop window and a product window kept from the time of purchase decide what a received line allows', async () => {
    ok(await admin('setAfterSaleSettings', { afterSaleDays: 3 }));
    // the serum: no return after receipt (不支持 7 天无理由); the lip balm: 10 days
    ok(await admin('updateProduct', { productId: 'p-serum', afterSaleDays: 0 }));
    ok(await admin('updateProduct', { productId: 'p-lipbalm', afterSaleDays: 10 }));
    const listed = ok(await admin<{ items: Array<{ _id: string; afterSaleDays: number | null }> }>('listStaffProducts', { keyword: '精华' }));
    expect(listed.items.find((p) => p._id === 'p-serum')!.afterSaleDays).toBe(0);
    const id = await order();
    const receivedAt = (await rt.db.collection('orders').get(id))!.completedAt!;
    expect(await kinds(id, 'p-serum-1')).toEqual([]);
    expect(await kinds(id, 'p-lipbalm-1')).toEqual(['return', 'exchange']);
    expect(ok(await mall<AfterSaleOptions>('afterSaleOptions', { orderId: id, skuId: 'p-lipbalm-1' })).deadline).toBe(receivedAt + 10 * DAY);
    // the shop changing the products later does not change what was promised with this order
    ok(await admin('updateProduct', { productId: 'p-lipbalm', afterSaleDays: null }));
    ok(await admin('updateProduct', { productId: 'p-serum', afterSaleDays: null }));
    rt.clock.advance(5 * DAY);
    expect(await kinds(id, 'p-lipbalm-1')).toEqual(['return', 'exchange']);
    expect(await mall('applyAfterSale', { orderId: id, skuId: 'p-serum-1', kind: 'return', quantity: 1, reason: '七天无理由退货' })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_NOT_ALLOWED', field: 'kind' } });
    rt.clock.advance(5 * DAY + 1);
    expect(await kinds(id, 'p-lipbalm-1')).toEqual([]);

    // a later order with no product windows: the shop's 3 days
    const next = await order();
    rt.clock.advance(3 * DAY);
    expect(await kinds(next, 'p-serum-1')).toEqual(['return', 'exchange']);
    rt.clock.advance(1);
    expect(await kinds(next, 'p-serum-1')).toEqual([]);
    expect(await mall('applyAfterSale', { orderId: next, skuId: 'p-serum-1', kind: 'return', quantity: 1, reason: '七天无理由退货' })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_NOT_ALLOWED' } });
  });

  it('approvals offer the shop return address before the last one used', async () => {
    const id = await order();
    const applied = ok(await mall<{ _id: string }>('applyAfterSale', { orderId: id, skuId: 'p-lipbalm-1', kind: 'return', quantity: 1, reason: '七天无理由退货' }));
    expect(ok(await admin<StaffAfterSale>('staffGetAfterSale', { afterSaleId: applied._id })).defaultReturnAddress).toBeNull();
    expect(await admin('approveAfterSale', { afterSaleId: applied._id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'returnAddress' } });
    ok(await admin('setAfterSaleSettings', { returnAddress: RETURN_TO }));
    expect(ok(await admin<StaffAfterSale>('staffGetAfterSale', { afterSaleId: applied._id })).defaultReturnAddress).toEqual(RETURN_TO);
    const approved = ok(await admin<StaffAfterSale>('approveAfterSale', { afterSaleId: applied._id }));
    expect([approved.state, approved.returnAddress]).toEqual(['awaiting_return', RETURN_TO]);
  });

  it('a delivered order completes the shop days after delivery', async () => {
    ok(await admin('setAfterSaleSettings', { autoCompleteDays: 2 }));
    const id = await order(false);
    rt.clock.advance(31 * HOUR);
    const signed = ok(await mall<OrderTrace>('orderTrace', { orderId: id }));
    expect(signed.state).toBe('delivered');
    expect(signed.autoCompleteAt).toBe(signed.deliveredAt! + 2 * DAY);
    rt.clock.advance(2 * DAY - 1);
    await rt.runTimer('mall', 'autoCompleteOrders');
    expect((await rt.db.collection('orders').get(id))!.status).toBe('shipped');
    rt.clock.advance(1);
    await rt.runTimer('mall', 'autoCompleteOrders');
    expect(await rt.db.collection('orders').get(id)).toMatchObject({ status: 'completed', autoCompleted: true });
  });
});
