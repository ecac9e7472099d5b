import { formatDateTime } from '../../miniprogram/utils/time';
import { type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const SHOPPER = 'demo-shopper';

describe('order detail page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/order/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(orderId: string) {
    const comp = mount(id);
    page(comp).onLoad({ id: orderId });
    await mp.settle();
    return comp;
  }

  async function createOrder(): Promise<string> {
    const r = await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', {
      items: [
        { skuId: 'p-brow-1', quantity: 2 },
        { skuId: 'p-lipbalm-1', quantity: 1 },
      ],
      addressId: `addr-${SHOPPER}`,
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.orderId;
  }
  const order = async (orderId: string) => (await rt.db.collection('orders').get(orderId))!;
  const stock = async (skuId: string) => (await rt.db.collection('skus').get(skuId))!.stock;
  const cell = (comp: Rendered, host: string) => texts(comp, `${host} >>> .van-cell__value`);
  const steps = (comp: Rendered) => texts(comp, '.timeline__steps >>> .van-step__title');

  it('tells the shopper how a refund stands: processing, then abnormal or closed as the platform reports', async () => {
    const orderId = await createOrder();
    expect((await rt.devPay(orderId)).status).toBe(204);
    expect(await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '七天无理由' })).toMatchObject({ ok: true, data: { status: 'refunding' } });
    let comp = await open(orderId);
    expect([text(comp, '.status__text'), text(comp, '.status__note')]).toEqual(['退款中', '退款处理中，款项将原路退回']);
    await rt.devSettleRefunds({ outcome: 'ABNORMAL', now: true });
    comp = await open(orderId);
    expect([text(comp, '.status__text'), text(comp, '.status__note')]).toEqual(['退款中', '退款遇到问题，商家正在处理，可联系客服了解进度']);
  });

  it('a refund the platform closed leaves a paid order, and says the money was not returned', async () => {
    const orderId = await createOrder();
    expect((await rt.devPay(orderId)).status).toBe(204);
    await rt.as('demo-staff')('admin', 'refundOrder', { orderId, reason: '七天无理由' });
    await rt.devSettleRefunds({ outcome: 'CLOSED', now: true });
    const comp = await open(orderId);
    expect([text(comp, '.status__text'), text(comp, '.status__note')]).toEqual(['待发货', '退款已关闭，款项未退回，如有疑问请联系客服']);
  });

  it('shows where the parcel is, newest step first, and says when it was signed for', async () => {
    const orderId = await createOrder();
    expect((await rt.devPay(orderId)).status).toBe(204);
    expect(await rt.as('demo-staff')('admin', 'shipOrder', { orderId, company: '中通快递', trackingNumber: 'ZT7000000001' })).toMatchObject({ ok: true });
    let comp = await open(orderId);
    expect(mp.callsTo('mall').map((c) => c.action)).toEqual(['getOrder', 'orderTrace']);
    expect(text(comp, '.tracking__company')).toBe('中通快递 · 等待揽收');
    expect(texts(comp, '.trace-event__text')).toEqual([]);
    rt.clock.advance(31 * 3_600_000);
    comp = await open(orderId);
    expect(text(comp, '.tracking__company')).toBe('中通快递 · 已签收');
    expect(texts(comp, '.trace-event__text')).toEqual(['已签收，签收人：本人', '快件正在派送中，派送员 136****0000', '快件已到达转运中心，正发往目的地', '快递员已揽件']);
    expect(text(comp, '.tracking__hint')).toMatch(/^包裹已签收，确认无误后请确认收货（.+ 将自动确认收货）$/);
  });

  it('keeps the waybill to copy when the trace cannot be read', async () => {
    const orderId = await createOrder();
    expect((await rt.devPay(orderId)).status).toBe(204);
    expect(await rt.as('demo-staff')('admin', 'shipOrder', { orderId, company: '中通快递', trackingNumber: 'ZT7000000002' })).toMatchObject({ ok: true });
    rt.clock.advance(7 * 3_600_000);
    mp.intercept('mall', 'orderTrace', 'network', 1);
    const comp = await open(orderId);
    expect(mp.callsTo('mall', 'orderTrace')).toHaveLength(1);
    expect([text(comp, '.tracking__company'), text(comp, '.tracking__number')]).toEqual(['中通快递', '运单号 ZT7000000002 复制']);
    expect(texts(comp, '.trace-event__text')).toEqual([]);
    expect(page(comp).data.state).toBe('ready');
  });

  it('shows a shipped order: lines, address, sums, timeline and tracking', async () => {
    const o = await order('demo-order-2');
    const comp = await open('demo-order-2');
    expect(mp.callsTo('mall', 'getOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-2' }]);
    expect(text(comp, '.status__text')).toBe('待收货');
    expect(text(comp, '.status__note')).toBe('包裹正在路上');
    expect(text(comp, '.tracking__company')).toBe('顺丰速运');
    expect(text(comp, '.tracking__number')).toBe(`运单号 ${o.tracking!.number} 复制`);
    expect(text(comp, '.address__head')).toBe('林小美 13800138000');
    expect(texts(comp, '.line >>> .van-card__title')).toEqual(['修护精华液']);
    expect(texts(comp, '.line >>> .van-card__price')).toEqual(['¥299.00']);
    expect(cell(comp, '.breakdown__goods')).toEqual(['¥299.00']);
    expect(cell(comp, '.breakdown__shipping')).toEqual(['免运费']);
    expect(cell(comp, '.breakdown__payable')).toEqual(['¥299.00']);
    expect(steps(comp)).toEqual([
      `提交订单${formatDateTime(o.createdAt)}`,
      `支付成功${formatDateTime(o.paidAt!)}`,
      `商家已发货${formatDateTime(o.shippedAt!)}`,
    ]);
    expect(page(comp).data).toEqual(expect.objectContaining({ canPay: false, canCancel: false, canConfirm: true, remainingMs: 0 }));
    expect(comp.querySelector('.actions__cancel')).toBeUndefined();
    await tap(comp, '.tracking');
    expect(mp.of('setClipboardData')).toEqual([{ data: o.tracking!.number }]);
  });

  it('counts down the payment window of an unpaid order and offers cancel and pay', async () => {
    const orderId = await createOrder();
    rt.clock.advance(5 * 60_000);
    const comp = await open(orderId);
    expect(text(comp, '.status__text')).toBe('待付款');
    expect(page(comp).data.remainingMs).toBe(25 * 60_000);
    expect(text(comp, '.status__timer')).toBe('25:00');
    expect(text(comp, '.actions__pay')).toBe('去支付 ¥137.00');
    expect(cell(comp, '.breakdown__shipping')).toEqual(['免运费']);
    expect(text(comp, '.actions__cancel')).toBe('取消订单');
  });

  it('cancels after asking: the order returns to cancelled and its stock goes back', async () => {
    const orderId = await createOrder();
    const before = await stock('p-brow-1');
    const comp = await open(orderId);

    mp.answer('showModal', { confirm: false });
    await tap(comp, '.actions__cancel');
    await mp.settle();
    expect(mp.callsTo('mall', 'cancelOrder')).toHaveLength(0);
    expect(mp.of('showModal')).toEqual([{ title: '取消订单', content: '确定取消这个订单吗？', confirmText: '取消订单', cancelText: '再想想' }]);

    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__cancel');
    await mp.settle();
    expect(mp.callsTo('mall', 'cancelOrder').map((c) => c.data)).toEqual([{ orderId }]);
    expect(mp.callsTo('mall', 'getOrder')).toHaveLength(2);
    expect((await order(orderId)).status).toBe('cancelled');
    expect(await stock('p-brow-1')).toBe(before + 2);
    expect(text(comp, '.status__text')).toBe('已取消');
    // shopper wording: nothing was charged, and the amount is not called 实付
    expect(text(comp, '.status__note')).toBe('订单已取消，未产生扣款');
    expect(text(comp, '.breakdown__payable >>> .van-cell__title')).toBe('订单金额');
    expect(steps(comp).at(-1)).toBe(`订单已取消${formatDateTime(rt.clock.now())}`);
    // what is left to do: buy the lines again
    expect(texts(comp, '.actions .btn')).toEqual(['再次购买']);
    expect(comp.querySelector('.status__timer')).toBeUndefined();
    expect(mp.of('showToast')).toEqual([{ title: '订单已取消', icon: 'success' }]);
  });

  it('says so when the order was paid meanwhile, and shows it paid', async () => {
    const orderId = await createOrder();
    const comp = await open(orderId);
    await rt.devPay(orderId);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__cancel');
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '订单状态已变化，请刷新后再试', icon: 'none' }]);
    expect(text(comp, '.status__text')).toBe('待发货');
  });

  it('pays an unpaid order and opens the result', async () => {
    const orderId = await createOrder();
    const comp = await open(orderId);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__pay');
    await mp.settle();
    expect(mp.callsTo('dev', 'pay').map((c) => c.data)).toEqual([{ orderId }]);
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/pay-result/index?orderId=${orderId}&outcome=paid&back=order` }]);
    // back from the result page, the order reads paid
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.status__text')).toBe('待发货');
  });

  it('stays put when the payment sheet is closed', async () => {
    const orderId = await createOrder();
    const comp = await open(orderId);
    mp.answer('showModal', { confirm: false });
    await tap(comp, '.actions__pay');
    await mp.settle();
    expect(mp.callsTo('dev', 'pay')).toHaveLength(0);
    expect(mp.of('navigateTo')).toEqual([]);
    expect(text(comp, '.status__text')).toBe('待付款');
  });

  it('confirms receipt of a shipped order', async () => {
    const comp = await open('demo-order-2');
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__confirm');
    await mp.settle();
    expect(mp.callsTo('mall', 'confirmReceipt').map((c) => c.data)).toEqual([{ orderId: 'demo-order-2' }]);
    expect(text(comp, '.status__text')).toBe('已完成');
    expect(steps(comp).at(-1)).toBe(`确认收货${formatDateTime(rt.clock.now())}`);
  });

  /** An order of the shopper's, paid and shipped, its shipment reported to WeChat's 发货信息管理. */
  async function reportedOrder(): Promise<{ orderId: string; transactionId: string }> {
    const orderId = await createOrder();
    expect((await rt.devPay(orderId)).status).toBe(204);
    const shipped = await rt.as('demo-staff')<{ upload: string }>('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' });
    expect(shipped.ok && shipped.data.upload).toBe('uploaded');
    return { orderId, transactionId: (await order(orderId)).transactionId! };
  }

  it('confirms a reported shipment in WeChat\'s 确认收货 component, then records it', async () => {
    const { orderId, transactionId } = await reportedOrder();
    const comp = await open(orderId);
    mp.answer('openBusinessView', { extraData: { status: 'success' } });
    await tap(comp, '.actions__confirm');
    await mp.settle();
    expect(mp.of('openBusinessView')).toEqual([
      { businessType: 'weappOrderConfirm', extraData: { transaction_id: transactionId, merchant_id: '1900000001', merchant_trade_no: orderId } },
    ]);
    expect(mp.of('showModal')).toEqual([]);
    expect(mp.callsTo('mall', 'confirmReceipt').map((c) => c.data)).toEqual([{ orderId }]);
    expect(text(comp, '.status__text')).toBe('已完成');
  });

  it('leaves the order shipped when the buyer closes the component', async () => {
    const { orderId } = await reportedOrder();
    const comp = await open(orderId);
    mp.answer('openBusinessView', { extraData: { status: 'cancel' } });
    await tap(comp, '.actions__confirm');
    await mp.settle();
    expect(mp.callsTo('mall', 'confirmReceipt')).toEqual([]);
    expect(mp.of('showModal')).toEqual([]);
    expect(text(comp, '.status__text')).toBe('待收货');
  });

  it('falls back to the shop\'s own confirmation when the component fails', async () => {
    const { orderId } = await reportedOrder();
    const comp = await open(orderId);
    mp.answer('openBusinessView', { extraData: { status: 'fail', errormsg: '获取订单失败' } });
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__confirm');
    await mp.settle();
    expect(mp.of('showModal')).toHaveLength(1);
    expect(mp.callsTo('mall', 'confirmReceipt').map((c) => c.data)).toEqual([{ orderId }]);
  });

  it('opens from a WeChat shipping message by its merchant_trade_no', async () => {
    const { orderId, transactionId } = await reportedOrder();
    const comp = mount(id);
    page(comp).onLoad({ merchant_trade_no: orderId, transaction_id: transactionId, merchant_id: '1900000001' });
    await mp.settle();
    expect(text(comp, '.status__text')).toBe('待收货');
  });

  it('shows an unpaid order past its window as timed out, without pay', async () => {
    const orderId = await createOrder();
    rt.clock.advance(31 * 60_000);
    const comp = await open(orderId);
    expect(text(comp, '.status__text')).toBe('已超时');
    expect(page(comp).data).toEqual(expect.objectContaining({ canPay: false, canCancel: true, remainingMs: 0 }));
    expect(comp.querySelector('.actions__pay')).toBeUndefined();
  });

  it('reads the order again when its window closes on screen', async () => {
    const orderId = await createOrder();
    const comp = await open(orderId);
    rt.clock.advance(30 * 60_000);
    await rt.runTimer('mall', 'expireOrders');
    comp.querySelector('.status__timer')!.dispatchEvent('finish');
    await mp.settle();
    expect(mp.callsTo('mall', 'getOrder')).toHaveLength(2);
    expect(text(comp, '.status__text')).toBe('已超时关闭');
  });

  it('stops its countdown when the page goes away', async () => {
    const orderId = await createOrder();
    const comp = await open(orderId);
    const countdown = page(comp).selectComponent('.status__timer') as unknown as { tid: unknown };
    const tid = countdown.tid;
    expect(tid).not.toBeNull();
    const clear = jest.spyOn(globalThis, 'clearTimeout');
    unmountAll();
    expect(clear).toHaveBeenCalledWith(tid);
  });

  it("shows not-found for another shopper's order", async () => {
    mp.storage.set('devOpenid', JSON.stringify('someone-else'));
    const comp = await open('demo-order-2');
    expect(text(comp, '.order-page >>> .state__text')).toBe('订单不存在');
  });

  it('shows an error with retry when the order cannot be read', async () => {
    mp.intercept('mall', 'getOrder', 'network', 1);
    const comp = await open('demo-order-2');
    expect(text(comp, '.order-page >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.order-page >>> .state__action');
    await mp.settle();
    expect(text(comp, '.status__text')).toBe('待收货');
  });
});
