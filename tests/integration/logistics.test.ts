import { traceWaybillBody, readTrace, WxaLogistics } from '../../cloudfunctions/core/adapters/wxa/logistics';
import { tokenCall } from '../../cloudfunctions/core/adapters/wxa/token';
import type { HttpRequest } from '../../cloudfunctions/core/adapters/https';
import { AUTO_COMPLETE_MAX_DAYS } from '../../cloudfunctions/core/modules/orders';
import { AUTO_COMPLETE_DAYS } from '../../typings/contract';
import type { OrderTrace } from '../../typings/contract';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '赵六', telNumber: '13800004444', provinceName: '广东省', cityName: '深圳市', countyName: '南山区', detailInfo: '科技园 4 号' };
const STAFF = 'demo-staff';
const BUYER = 'trace-buyer';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('物流查询组件 shapes', () => {
  it('trace_waybill is sent with the documented fields, query_trace read from its documented answer', () => {
    const body = traceWaybillBody({
      openid: 'o1',
      transactionId: '4200001',
      deliveryId: 'SF',
      waybillId: 'SF123',
      receiverPhone: '13800004444',
      goods: [{ name: '修护精华液'.repeat(10), imageUrl: 'https://x/a.png' }],
      orderDetailPath: 'pages/order/index?id=O1',
    });
    // the fields wechat SDKs send (silenceper/wechat TraceWaybillRequest's json tags)
    expect(Object.keys(body).sort()).toEqual(['delivery_id', 'goods_info', 'openid', 'order_detail_path', 'receiver_phone', 'trans_id', 'waybill_id']);
    expect((body.goods_info as { detail_list: Array<{ goods_name: string }> }).detail_list[0].goods_name).toHaveLength(50);
    expect(readTrace({ errcode: 0, waybill_info: { waybill_id: 'SF123', status: 6 } })).toEqual({ state: 'delivered', events: [] });
    expect(
      readTrace({ waybill_info: { status: 2 }, path_info: { path_item_num: 2, path_item_list: [{ action_time: 20, action_type: 200001, action_msg: 'b' }, { action_time: 10, action_type: 100001, action_msg: 'a' }] } }),
    ).toEqual({ state: 'in_transit', events: [{ at: 10_000, text: 'a' }, { at: 20_000, text: 'b' }] });
  });

  it('an access token is fetched once, and again when WeChat says it expired', async () => {
    const sent: HttpRequest[] = [];
    let tokens = 0;
    const answers: Array<Record<string, unknown>> = [{ errcode: 0, waybill_token: 't1' }, { errcode: 42001, errmsg: 'access_token expired' }, { errcode: 0, waybill_info: { status: 1 } }];
    const transport = async (req: HttpRequest) => {
      sent.push(req);
      if (req.url.endsWith('/cgi-bin/stable_token')) return { status: 200, headers: {}, body: JSON.stringify({ access_token: `AT${++tokens}`, expires_in: 7200 }) };
      return { status: 200, headers: {}, body: JSON.stringify(answers.shift()) };
    };
    const logistics = new WxaLogistics(tokenCall('wxapp', 'secret', transport, { now: () => 0 }));
    expect(await logistics.follow({ openid: 'o', transactionId: 't', deliveryId: 'SF', waybillId: 'W', receiverPhone: '1', goods: [], orderDetailPath: 'p' })).toBe('t1');
    expect(await logistics.trace('t1')).toEqual({ state: 'collected', events: [] });
    expect(sent.map((r) => r.url.replace('https://api.weixin.qq.com', ''))).toEqual([
      '/cgi-bin/stable_token',
      '/cgi-bin/express/delivery/open_msg/trace_waybill?access_token=AT1',
      '/cgi-bin/express/delivery/open_msg/query_trace?access_token=AT1',
      '/cgi-bin/stable_token',
      '/cgi-bin/express/delivery/open_msg/query_trace?access_token=AT2',
    ]);
    expect(JSON.parse(sent[0].body)).toEqual({ grant_type: 'client_credential', appid: 'wxapp', secret: 'secret' });
  });
});

describe('the order trace and completion without the buyer', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  async function shippedOrder(waybill: string): Promise<string> {
    const address = await rt.as(BUYER)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
    if (!address.ok) throw new Error(address.error.code);
    const r = await rt.as(BUYER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-lipbalm-1', quantity: 1 }], addressId: address.data.addressId });
    if (!r.ok) throw new Error(r.error.code);
    expect((await rt.devPay(r.data.orderId)).status).toBe(204);
    expect(await rt.as(STAFF)('admin', 'shipOrder', { orderId: r.data.orderId, company: '顺丰速运', trackingNumber: waybill })).toMatchObject({ ok: true });
    return r.data.orderId;
  }
  const trace = async (orderId: string, openid = BUYER) => rt.as(openid)<OrderTrace>('mall', 'orderTrace', { orderId });

  it('follows the parcel as it moves; the first signed-for read is kept and sets when the order completes', async () => {
    const id = await shippedOrder('SF5550001');
    const shippedAt = (await rt.db.collection('orders').get(id))!.shippedAt!;
    expect(await trace(id)).toEqual({ ok: true, data: { state: 'pending', events: [], company: '顺丰速运', number: 'SF5550001', deliveredAt: null, autoCompleteAt: shippedAt + AUTO_COMPLETE_MAX_DAYS * DAY } });
    const token = (await rt.db.collection('orders').get(id))!.logistics!.token;
    expect(token).toEqual(expect.any(String));
    rt.clock.advance(7 * HOUR);
    const moving = await trace(id);
    expect(moving).toMatchObject({ ok: true, data: { state: 'in_transit', events: [{ text: '快递员已揽件' }, { text: '快件已到达转运中心，正发往目的地' }] } });
    rt.clock.advance(24 * HOUR);
    const signed = await trace(id);
    const deliveredAt = rt.clock.now();
    expect(signed).toMatchObject({ ok: true, data: { state: 'delivered', deliveredAt, autoCompleteAt: deliveredAt + AUTO_COMPLETE_DAYS * DAY } });
    expect(signed.ok && signed.data.events.at(-1)!.text).toBe('已签收，签收人：本人');
    rt.clock.advance(HOUR);
    expect(await trace(id)).toMatchObject({ ok: true, data: { deliveredAt } });
    // one token for the waybill, kept
    expect((await rt.db.collection('orders').get(id))!.logistics!.token).toBe(token);
    expect(await trace(id, 'someone-else')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
  });

  it('completes a delivered order 7 days after delivery, a stalled one 15 days after shipping, and leaves a confirmed one alone', async () => {
    const delivered = await shippedOrder('SF5550002');
    const stalled = await shippedOrder('SF5550010');
    const confirmed = await shippedOrder('SF5550003');
    expect(await rt.as(BUYER)('mall', 'confirmReceipt', { orderId: confirmed })).toMatchObject({ ok: true });
    rt.clock.advance(31 * HOUR);
    // the timer reads the traces: one signed for, one stuck in transit
    const run = await rt.runTimer('mall', 'autoCompleteOrders');
    // ours and the demo shop's shipped orders: each read once
    const read = await rt.db.collection('orders').count({ status: 'shipped', 'logistics.checkedAt': rt.clock.now() });
    expect([run, read >= 2]).toEqual([{ ok: true, data: { completed: 0, checked: read } }, true]);
    expect((await rt.db.collection('orders').get(delivered))!.logistics!.deliveredAt).toBe(rt.clock.now());
    expect((await rt.db.collection('orders').get(stalled))!.logistics!.state).toBe('in_transit');
    rt.clock.advance(AUTO_COMPLETE_DAYS * DAY);
    // (the demo shop's own shipped orders pass their 15 days on the way: only ours are looked at)
    expect(await rt.runTimer('mall', 'autoCompleteOrders')).toMatchObject({ ok: true });
    expect(await rt.db.collection('orders').get(delivered)).toMatchObject({ status: 'completed', autoCompleted: true, completedAt: rt.clock.now() });
    expect((await rt.db.collection('orders').get(stalled))!.status).toBe('shipped');
    rt.clock.advance((AUTO_COMPLETE_MAX_DAYS - AUTO_COMPLETE_DAYS) * DAY);
    expect(await rt.runTimer('mall', 'autoCompleteOrders')).toMatchObject({ ok: true });
    expect(await rt.db.collection('orders').get(stalled)).toMatchObject({ status: 'completed', autoCompleted: true });
    expect((await rt.db.collection('orders').get(confirmed))!.autoCompleted).toBeUndefined();
  });
});
