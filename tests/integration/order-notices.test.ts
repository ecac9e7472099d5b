import { creditsHeld, templateId } from '../../cloudfunctions/core/modules/messaging';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '王五', telNumber: '13800003333', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 3 号' };
const STAFF = 'demo-staff';
const BUYER = 'notice-buyer';

describe('订单状态通知: paid, shipped, refunded and after-sale moves, each once, against a consent credit', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  async function paidOrder(quantity = 2): Promise<string> {
    const address = await rt.as(BUYER)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
    if (!address.ok) throw new Error(address.error.code);
    const r = await rt.as(BUYER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-lipbalm-1', quantity }], addressId: address.data.addressId });
    if (!r.ok) throw new Error(r.error.code);
    expect((await rt.devPay(r.data.orderId)).status).toBe(204);
    return r.data.orderId;
  }
  const consent = (n: number) =>
    Promise.all(Array.from({ length: n }, () => rt.as(BUYER)('live', 'recordConsents', { consents: { [templateId('orderUpdate')]: 'accept' } })));
  const outbox = async (orderId: string) =>
    (await rt.db.collection('outbox').find({ source: `order:${orderId}` }, { sort: [['createdAt', 'asc']] })).map((m) => [m._id.split(orderId).join('O'), m.status, m.reason, m.params.phrase3]);

  it('tells the shopper each step while credits last; the rest are recorded as skipped', async () => {
    await consent(4);
    const id = await paidOrder();
    expect(await rt.as(STAFF)('admin', 'shipOrder', { orderId: id, company: '顺丰速运', trackingNumber: 'SF1234509876' })).toMatchObject({ ok: true });
    // the payment notified again: the outbox key names the event, so no second message
    expect(await rt.devPay(id)).toMatchObject({ status: 204 });
    const filed = await rt.as(BUYER)<{ _id: string }>('mall', 'applyAfterSale', { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '不想要了' });
    if (!filed.ok) throw new Error(filed.error.code);
    expect(await rt.as(STAFF)('admin', 'approveAfterSale', { afterSaleId: filed.data._id })).toMatchObject({ ok: true, data: { state: 'refunding' } });
    rt.clock.advance(90_000);
    expect((await rt.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204]);
    const o = (await rt.db.collection('orders').get(id))!;
    expect((await outbox(id)).sort()).toEqual(
      [
        ['order:O:paid', 'sent', null, '已支付'],
        ['order:O:shipped', 'sent', null, '已发货'],
        [`aftersale:${filed.data._id}:2`, 'sent', null, '退款中'],
        [`order:O:refund:${o.refund!.refundId.replace(id, 'O')}`, 'sent', null, '已退款'],
      ].sort(),
    );
    const refunded = (await rt.db.collection('outbox').get(`order:${id}:refund:${o.refund!.refundId}`))!;
    expect([refunded.page, refunded.params.thing2, refunded.params.character_string1]).toEqual([`pages/order/index?id=${id}`, `¥${(o.refund!.amountFen! / 100).toFixed(2)} 已原路退回`, id]);
    // four credits, four messages: none left
    expect(await creditsHeld(rt.db, BUYER, templateId('orderUpdate'))).toBe(0);
  });

  it('without a credit nothing is sent, and the action stands', async () => {
    const id = await paidOrder(1);
    expect(await rt.as(STAFF)('admin', 'shipOrder', { orderId: id, company: '顺丰速运', trackingNumber: 'SF1234509877' })).toMatchObject({ ok: true, data: { status: 'shipped' } });
    expect((await outbox(id)).sort()).toEqual([
      ['order:O:paid', 'skipped', 'no_consent_credit', '已支付'],
      ['order:O:shipped', 'skipped', 'no_consent_credit', '已发货'],
    ]);
  });
});
