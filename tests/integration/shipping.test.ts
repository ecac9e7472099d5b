import { SHIPPING_APIS } from '../../cloudfunctions/core/adapters/wxa/shipping';
import { uploadBodyProblem } from '../../cloudfunctions/core/adapters/local/shipping-simulator';
import { itemDescOf } from '../../cloudfunctions/core/modules/orders';
import { DEMO_STAFF } from '../../scripts/seed/seed';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '张三', telNumber: '13900001111', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 1 号' };
const SHOPPER = 'ship-shopper';
const MINUTE = 60_000;

async function paidOrder(rt: TestRuntime, openid = SHOPPER): Promise<{ orderId: string; transactionId: string }> {
  const saved = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!saved.ok) throw new Error(saved.error.code);
  const placed = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-foundation-1', quantity: 1 }], addressId: saved.data.addressId });
  if (!placed.ok) throw new Error(placed.error.code);
  expect((await rt.devPay(placed.data.orderId)).status).toBe(204);
  const order = (await rt.db.collection('orders').get(placed.data.orderId))!;
  return { orderId: order._id, transactionId: order.transactionId! };
}

const ship = (rt: TestRuntime, orderId: string, company = '顺丰速运', trackingNumber = 'SF1234567890') =>
  rt.as(DEMO_STAFF)<{ status: string; upload: string }>('admin', 'shipOrder', { orderId, company, trackingNumber });
const reship = (rt: TestRuntime, orderId: string, company: string, trackingNumber: string) =>
  rt.as(DEMO_STAFF)<{ status: string; upload: string }>('admin', 'reshipOrder', { orderId, company, trackingNumber });
const uploads = (rt: TestRuntime) => rt.shipsim.calls.filter((c) => c.apiName === SHIPPING_APIS.upload);
const orderDoc = (rt: TestRuntime, id: string) => rt.db.collection('orders').get(id);

/** The settlement push as WeChat's message push documents it (JSON form), built here field by field. */
function documentedPush(p: { transactionId: string; orderId: string; openid: string; confirmAt: number }) {
  const s = (ms: number) => Math.floor(ms / 1000);
  return {
    ToUserName: 'gh_0123456789ab',
    FromUserName: p.openid,
    CreateTime: s(p.confirmAt),
    MsgType: 'event',
    Event: 'trade_manage_order_settlement',
    transaction_id: p.transactionId,
    merchant_id: '1900000001',
    sub_merchant_id: '',
    merchant_trade_no: p.orderId,
    pay_time: s(p.confirmAt - 3 * 86_400_000),
    shipped_time: s(p.confirmAt - 2 * 86_400_000),
    estimated_settlement_time: s(p.confirmAt),
    confirm_receive_method: 2,
    confirm_receive_time: s(p.confirmAt),
  };
}

describe.each([
  ['synchronous SQLite', 0],
  ['0–3 ms injected database latency', 3],
])('shipping reported to WeChat (%s)', (_label, latencyMs) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime({ latencyMs });
  });
  afterEach(() => rt.close());

  it('a shipped order produces the documented upload_shipping_info body, and the buyer can confirm in WeChat', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    rt.clock.advance(3600_000);
    expect(await ship(rt, orderId)).toEqual({ ok: true, data: { status: 'shipped', upload: 'uploaded' } });

    expect(uploads(rt)).toHaveLength(1);
    const body = uploads(rt)[0]!.body;
    expect(body).toEqual({
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: expect.stringMatching(/^柔雾持妆粉底液 .+×1$/), contact: { receiver_contact: '139****1111' } }],
      upload_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/),
      payer: { openid: SHOPPER },
    });
    expect(Date.parse(body.upload_time as string)).toBe(rt.clock.now());
    expect(rt.shipsim.shipment(transactionId)?.state).toBe(2);

    const mine = await rt.as(SHOPPER)<{ receiptConfirm: unknown; tracking: unknown }>('mall', 'getOrder', { orderId });
    expect(mine.ok && mine.data.receiptConfirm).toEqual({ transaction_id: transactionId, merchant_id: '1900000001', merchant_trade_no: orderId });
    expect(mine.ok && mine.data.tracking).toEqual({ company: '顺丰速运', code: 'SF', number: 'SF1234567890' });
    expect((await rt.as('someone-else')('mall', 'getOrder', { orderId })).ok).toBe(false);
  });

  it('takes only a listed carrier, by code or name; anything else leaves the order paid', async () => {
    const { orderId } = await paidOrder(rt);
    const refused = await ship(rt, orderId, '随便快递');
    expect(refused.ok || refused.error).toMatchObject({ code: 'COURIER_UNKNOWN', field: 'company' });
    expect((await orderDoc(rt, orderId))!.status).toBe('paid');
    expect(uploads(rt)).toHaveLength(0);
    expect((await ship(rt, orderId, 'yto', 'YT7407032196699')).ok).toBe(true);
    expect((uploads(rt)[0]!.body.shipping_list as Array<{ express_company: string }>)[0]!.express_company).toBe('YTO');
  });

  it('a report that fails for a passing reason is made again by the timer, with a backoff', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    rt.shipsim.failNext({ errcode: 10060001, errmsg: '支付单不存在' });
    expect(await ship(rt, orderId)).toEqual({ ok: true, data: { status: 'shipped', upload: 'pending' } });
    expect((await orderDoc(rt, orderId))!.shippingInfo).toMatchObject({ state: 'pending', attempts: 1, error: { code: 10060001 } });

    rt.clock.advance(30_000);
    expect(await rt.runTimer('mall', 'uploadShipping')).toMatchObject({ ok: true, data: { pending: 0, uploaded: 0 } });
    rt.clock.advance(31_000);
    expect(await rt.runTimer('mall', 'uploadShipping')).toMatchObject({ ok: true, data: { uploaded: 1 } });
    expect((await orderDoc(rt, orderId))!.shippingInfo).toMatchObject({ state: 'uploaded', attempts: 2, error: null });
    expect(rt.shipsim.shipment(transactionId)).toMatchObject({ state: 2, uploads: 1 });
    expect(rt.shipsim.jumpPath).toBe('pages/order/index');
  });

  it('a report that reached WeChat but was not recorded is found by get_order and not made twice', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    rt.shipsim.failNext('network');
    expect((await ship(rt, orderId)).ok).toBe(true);
    // the same body reaches the platform (the answer was lost on the way back)
    const lost = uploads(rt)[0]!.body;
    await rt.shipsim.call(SHIPPING_APIS.upload, lost);
    const before = uploads(rt).length;

    rt.clock.advance(2 * MINUTE);
    expect(await rt.runTimer('mall', 'uploadShipping')).toMatchObject({ ok: true, data: { uploaded: 1 } });
    expect(uploads(rt)).toHaveLength(before);
    expect(rt.shipsim.shipment(transactionId)).toMatchObject({ uploads: 1 });
    // and the one correction is still there for staff
    expect(await reship(rt, orderId, 'SF', 'SF5550001111')).toEqual({ ok: true, data: { status: 'shipped', upload: 'uploaded' } });
  });

  it('a report WeChat refuses is shown to staff and reported again once staff correct the waybill', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    rt.shipsim.failNext({ errcode: 47001, errmsg: 'data format error' });
    expect(await ship(rt, orderId)).toEqual({ ok: true, data: { status: 'shipped', upload: 'failed' } });
    const detail = await rt.as(DEMO_STAFF)<{ shipping: { upload: unknown } }>('admin', 'getOrder', { orderId });
    expect(detail.ok && detail.data.shipping.upload).toEqual({ state: 'failed', error: '47001 data format error', uploadedAt: null, corrected: false, remindedAt: null });
    rt.clock.advance(10 * MINUTE);
    expect(await rt.runTimer('mall', 'uploadShipping')).toMatchObject({ ok: true, data: { uploaded: 0, failed: 0 } });

    expect(await reship(rt, orderId, '中通快递', 'ZT7800001')).toEqual({ ok: true, data: { status: 'shipped', upload: 'uploaded' } });
    // never reported before, so WeChat's one correction is still unused
    expect((await orderDoc(rt, orderId))!.shippingInfo).toMatchObject({ state: 'uploaded', corrected: false });
    expect(rt.shipsim.shipment(transactionId)).toMatchObject({ uploads: 1 });
  });

  it('a reported shipment is corrected once, however many staff try at the same time', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    expect((await ship(rt, orderId)).ok).toBe(true);
    rt.clock.advance(MINUTE);
    const tries = await Promise.all(['YT0000000001', 'YT0000000002', 'YT0000000003', 'YT0000000004'].map((n) => reship(rt, orderId, '圆通速递', n)));
    const won = tries.filter((t) => t.ok);
    expect(won).toHaveLength(1);
    // the others lost the race (ORDER_STATE_INVALID) or came after the correction was made (RESHIP_USED)
    for (const t of tries.filter((x) => !x.ok)) expect(['ORDER_STATE_INVALID', 'RESHIP_USED']).toContain(t.ok ? '' : t.error.code);
    const order = (await orderDoc(rt, orderId))!;
    expect(order.shippingInfo).toMatchObject({ state: 'uploaded', corrected: true });
    const sim = rt.shipsim.shipment(transactionId)!;
    expect(sim.uploads).toBe(2);
    expect((sim.body.shipping_list as Array<{ tracking_no: string }>)[0]!.tracking_no).toBe(order.tracking!.number);

    const again = await reship(rt, orderId, '圆通速递', 'YT0000000009');
    expect(again.ok || again.error.code).toBe('RESHIP_USED');
  });

  it('the buyer confirming in WeChat completes the order once; a push WeChat does not back moves nothing', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    expect((await ship(rt, orderId)).ok).toBe(true);

    // a push in the documented shape, for a payment get_order still has as shipped
    rt.clock.advance(86_400_000);
    const forged = documentedPush({ transactionId, orderId, openid: SHOPPER, confirmAt: rt.clock.now() });
    expect(await rt.shippingPush(forged)).toEqual({ status: 200, body: 'success' });
    expect((await orderDoc(rt, orderId))!.status).toBe('shipped');
    // one naming another payment is dropped
    expect(await rt.shippingPush({ ...forged, transaction_id: '4200000000000000000000000000' })).toEqual({ status: 200, body: 'success' });

    const confirmedAt = rt.clock.now();
    expect((await rt.devConfirmReceipt(orderId)).status).toBe(200);
    const done = (await orderDoc(rt, orderId))!;
    expect(done.status).toBe('completed');
    expect(done.completedAt).toBe(Math.floor(confirmedAt / 1000) * 1000);
    expect(done.shippingInfo).toMatchObject({ platformState: 'received' });

    // WeChat repeats its pushes
    rt.clock.advance(MINUTE);
    await Promise.all([rt.shippingPush(forged), rt.shippingPush(forged), rt.shippingPush(forged)]);
    const after = (await orderDoc(rt, orderId))!;
    expect(after.status).toBe('completed');
    expect(after.completedAt).toBe(done.completedAt);
    const mine = await rt.as(SHOPPER)<{ receiptConfirm: unknown }>('mall', 'getOrder', { orderId });
    expect(mine.ok && mine.data.receiptConfirm).toBeNull();
  });

  it('asks WeChat to remind the buyer to confirm receipt once, however many staff tap at once', async () => {
    const { orderId, transactionId } = await paidOrder(rt);
    const remind = () => rt.as(DEMO_STAFF)<{ remindedAt: number }>('admin', 'remindReceipt', { orderId });
    const early = await remind();
    expect(early.ok || early.error.code).toBe('ORDER_STATE_INVALID');
    expect((await ship(rt, orderId)).ok).toBe(true);
    rt.clock.advance(2 * 86_400_000);
    const tries = await Promise.all([remind(), remind(), remind()]);
    expect(tries.filter((t) => t.ok)).toHaveLength(1);
    expect(new Set(tries.filter((t) => !t.ok).map((t) => (t.ok ? '' : t.error.code)))).toEqual(new Set(['RECEIPT_REMINDED']));
    const sent = rt.shipsim.calls.filter((c) => c.apiName === SHIPPING_APIS.notifyConfirmReceive);
    expect(sent).toEqual([{ apiName: SHIPPING_APIS.notifyConfirmReceive, body: { transaction_id: transactionId, received_time: Math.floor(rt.clock.now() / 1000) } }]);
    expect(rt.shipsim.shipment(transactionId)?.reminded).toBe(true);
    expect((await rt.as(SHOPPER)('admin', 'remindReceipt', { orderId })).ok).toBe(false);
  });

  it('reports nothing when the mini program is not under 发货信息管理', async () => {
    rt.shipsim.tradeManaged = false;
    const { orderId } = await paidOrder(rt);
    expect(await ship(rt, orderId)).toEqual({ ok: true, data: { status: 'shipped', upload: 'none' } });
    expect(uploads(rt)).toHaveLength(0);
    const mine = await rt.as(SHOPPER)<{ receiptConfirm: unknown }>('mall', 'getOrder', { orderId });
    expect(mine.ok && mine.data.receiptConfirm).toBeNull();
    expect((await rt.as(SHOPPER)('mall', 'confirmReceipt', { orderId })).ok).toBe(true);
  });
});

describe('the simulated platform checks upload bodies by the documented fields', () => {
  const good = {
    order_key: { order_number_type: 2, transaction_id: '4200001858202306300646157659' },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: 'YT3750696145732', express_company: 'YTO', item_desc: '水性可剥指甲油*1瓶', contact: { receiver_contact: '139****2901' } }],
    upload_time: '2023-07-03T19:40:42.637+08:00',
    payer: { openid: 'og2JU5UhNEmCHQy-59ySpii8gQqM' },
  };

  it('takes a documented body', () => {
    expect(uploadBodyProblem(good)).toBeNull();
  });

  it.each([
    ['shipping_list sent as an object', { shipping_list: good.shipping_list[0] }, 'shipping_list'],
    ['logistics_type 5', { logistics_type: 5 }, 'logistics_type'],
    ['split delivery without is_all_delivered', { delivery_mode: 2, shipping_list: [good.shipping_list[0], good.shipping_list[0]] }, 'is_all_delivered'],
    ['two parcels in a unified delivery', { shipping_list: [good.shipping_list[0], good.shipping_list[0]] }, 'shipping_list (unified delivery has one parcel)'],
    ['SF Express without a contact', { shipping_list: [{ tracking_no: 'SF1', express_company: 'SF', item_desc: 'x' }] }, 'shipping_list.contact'],
    ['a contact masked to the end', { shipping_list: [{ ...good.shipping_list[0], contact: { receiver_contact: '139********' } }] }, 'shipping_list.contact'],
    ['an item description of 121 characters', { shipping_list: [{ ...good.shipping_list[0], item_desc: 'a'.repeat(121) }] }, 'shipping_list.item_desc'],
    ['upload_time without an offset', { upload_time: '2023-07-03 19:40:42' }, 'upload_time'],
    ['no payer', { payer: {} }, 'payer.openid'],
  ])('refuses %s', (_what, change, field) => {
    expect(uploadBodyProblem({ ...good, ...change })).toBe(field);
  });

  it('keeps an item description within 120 characters, saying how many pieces there are', () => {
    const lines = Array.from({ length: 12 }, (_, i) => ({ title: `柔雾持妆粉底液 ${i}`, specs: { 色号: '01 象牙白' }, quantity: 2 }));
    const desc = itemDescOf(lines);
    expect([...desc].length).toBeLessThanOrEqual(120);
    expect(desc.endsWith('…等24件')).toBe(true);
    expect(itemDescOf(lines.slice(0, 1))).toBe('柔雾持妆粉底液 0 01 象牙白×2');
  });
});
