import type { AfterSale, AfterSaleKind } from '../../typings/contract';
import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { find, load, mount, page, tap, text, texts, unmountAll, type Rendered, input, doubleTap } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp } from './helpers/wx';
import { PNG } from './helpers/media';

/** The staff after-sale (售后) queue and one application's detail, with every move staff make on it. */

const SHOPPER = 'demo-shopper';
const STAFF = 'demo-staff';
const RETURN_TO = { name: '售后仓', phone: '021-55550000', address: '上海市青浦区华新镇 88 号 售后组' };
const REASON: Record<AfterSaleKind, string> = { refund: '不想要了', return: '商品质量问题', exchange: '尺码/色号不合适' };

type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

const dataOf = (action: string) => mp.callsTo('admin', action).map((c) => c.data);

describe('admin after-sale screens', () => {
  let rt: TestRuntime;
  freshRuntimeEach((r) => (rt = r));

  const ids: Record<string, string> = {};
  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state
    for (const name of ['after-sales', 'after-sale']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });

  /** A paid order of two eyebrow pencils; shipped and received for a return or an exchange. */
  async function order(received: boolean): Promise<string> {
    const created = ok(await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 2 }], addressId: 'addr-demo-shopper' }));
    expect((await rt.devPay(created.orderId)).status).toBe(204);
    if (received) {
      ok(await rt.as(STAFF)('admin', 'shipOrder', { orderId: created.orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' }));
      ok(await rt.as(SHOPPER)('mall', 'confirmReceipt', { orderId: created.orderId }));
    }
    return created.orderId;
  }

  async function apply(kind: AfterSaleKind, extra: Record<string, unknown> = {}): Promise<AfterSale> {
    const orderId = await order(kind !== 'refund');
    return ok(await rt.as(SHOPPER)<AfterSale>('mall', 'applyAfterSale', { orderId, skuId: 'p-brow-1', kind, quantity: 2, reason: REASON[kind], ...extra }));
  }

  const sendBack = async (id: string) => ok(await rt.as(SHOPPER)('mall', 'submitReturnTracking', { afterSaleId: id, tracking: { company: '中通快递', number: '7312345678901' } }));

  async function settle(outcome: 'SUCCESS' | 'CLOSED' = 'SUCCESS') {
    rt.clock.advance(90_000);
    expect((await rt.devSettleRefunds({ outcome, now: true })).map((a) => a.status)).toEqual([204]);
  }

  async function open(name: 'after-sales' | 'after-sale', openid = STAFF, options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  /** The detail read again, as after coming back to it. */
  async function reread(comp: Rendered) {
    await (page(comp) as unknown as { refresh(): Promise<void> }).refresh();
    await mp.settle();
  }

  const buttons = (comp: Rendered) => texts(comp, '.actions .btn-small');

  describe('the queue', () => {
    it('opens on what staff have to act on, with the line, kind, units, amount, buyer, state and time; the tabs narrow it', async () => {
      const refund = await apply('refund');
      rt.clock.advance(60_000);
      const awaiting = await apply('return');
      ok(await rt.as(STAFF)('admin', 'approveAfterSale', { afterSaleId: awaiting._id, returnAddress: RETURN_TO }));

      const comp = await open('after-sales');
      expect(dataOf('staffListAfterSales')).toEqual([{ state: 'open', page: 1 }]);
      expect(find(comp, '.after-sale')).toHaveLength(1);
      expect(text(comp, '.after-sale__kind')).toBe('仅退款');
      expect(text(comp, '.after-sale__state')).toBe('待处理');
      expect(text(comp, '.after-sale__title')).toBe('自然眉笔');
      expect(text(comp, '.after-sale__spec')).toBe('颜色：灰棕');
      expect(text(comp, '.after-sale__qty')).toBe('×2');
      // the whole order: its shipping too
      expect(text(comp, '.after-sale__amount')).toBe('¥108.00');
      expect(refund.amountFen).toBe((await rt.db.collection('orders').get(refund.orderId))!.price.payableFen);
      expect(text(comp, '.after-sale__buyer')).toBe('买家 小*');
      expect(text(comp, '.after-sale__time')).toBe('申请于 2026-11-24 10:00');
      expect((page(comp).data.rows as Array<{ image: string }>)[0].image).toMatch(/^http:\/\/[^/]+\/.+/);

      await tap(comp, '.queue-filter', { 'data-queue': 'awaiting_return' });
      await mp.settle();
      expect(dataOf('staffListAfterSales').at(-1)).toEqual({ state: 'awaiting_return', page: 1 });
      expect(texts(comp, '.after-sale__state')).toEqual(['待买家寄回']);
      expect(texts(comp, '.after-sale__kind')).toEqual(['退货退款']);

      await tap(comp, '.queue-filter', { 'data-queue': '' });
      await mp.settle();
      expect(dataOf('staffListAfterSales').at(-1)).toEqual({ page: 1 });
      // newest move first
      expect(texts(comp, '.after-sale__state')).toEqual(['待买家寄回', '待处理']);

      await tap(comp, '.queue-filter', { 'data-queue': 'rejected' });
      await mp.settle();
      expect(find(comp, '.after-sale')).toHaveLength(0);
      expect(text(comp, '.after-sales >>> .state__text')).toBe('没有已拒绝的售后申请');
      // the same tab again asks nothing
      const asked = mp.callsTo('admin', 'staffListAfterSales').length;
      await tap(comp, '.queue-filter', { 'data-queue': 'rejected' });
      await mp.settle();
      expect(mp.callsTo('admin', 'staffListAfterSales')).toHaveLength(asked);

      await tap(comp, '.queue-filter', { 'data-queue': 'open' });
      await mp.settle();
      await tap(comp, '.after-sale', { 'data-id': refund._id });
      expect(mp.of('navigateTo')).toEqual([{ url: `/admin/pages/after-sale/index?id=${refund._id}` }]);
    });

    it('reads 20 at a time and the rest on 加载更多, and again when staff come back to it', async () => {
      for (let i = 0; i < 21; i++) await apply('refund');
      const comp = await open('after-sales');
      expect(find(comp, '.after-sale')).toHaveLength(20);
      await tap(comp, '.more');
      await mp.settle();
      expect(dataOf('staffListAfterSales').at(-1)).toEqual({ state: 'open', page: 2 });
      expect(find(comp, '.after-sale')).toHaveLength(21);
      expect(find(comp, '.more')).toHaveLength(0);

      // WeChat shows the page right after loading it: nothing read twice
      const asked = mp.callsTo('admin', 'staffListAfterSales').length;
      page(comp).onShow();
      await mp.settle();
      expect(mp.callsTo('admin', 'staffListAfterSales')).toHaveLength(asked);
      // an application handled meanwhile leaves the queue when staff come back
      const first = (page(comp).data.rows as Array<{ _id: string }>)[0]._id;
      ok(await rt.as(STAFF)('admin', 'rejectAfterSale', { afterSaleId: first, note: '重复申请' }));
      page(comp).onShow();
      await mp.settle();
      expect(dataOf('staffListAfterSales').at(-1)).toEqual({ state: 'open', page: 1 });
      expect(find(comp, '.after-sale')).toHaveLength(20);
      expect(find(comp, '.after-sale', { 'data-id': first })).toHaveLength(0);
    });

    it('shows an empty queue, a failed load with a retry, and a shopper the way back', async () => {
      const empty = await open('after-sales');
      expect(text(empty, '.after-sales >>> .state__text')).toBe('没有待处理的售后申请');
      unmountAll();

      mp.intercept('admin', 'staffListAfterSales', 'network', 1);
      const comp = await open('after-sales');
      expect(text(comp, '.after-sales >>> .state__action')).toBe('重试');
      await apply('refund');
      await tap(comp, '.after-sales >>> .state__action');
      await mp.settle();
      expect(find(comp, '.after-sale')).toHaveLength(1);
      unmountAll();

      const shopper = await open('after-sales', SHOPPER);
      expect(text(shopper, '.after-sales >>> .state__text')).toBe('仅限店员使用');
      await tap(shopper, '.after-sales >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    });
  });

  describe('the detail', () => {
    it('approves a refund after the confirmation: 退款中, then 已退款 with the amount and the points taken back', async () => {
      const a = await apply('refund');
      const comp = await open('after-sale', STAFF, { id: a._id });
      expect(dataOf('staffGetAfterSale')).toEqual([{ afterSaleId: a._id }]);
      expect(text(comp, '.head__state')).toBe('待处理');
      expect(text(comp, '.head__kind')).toBe('仅退款');
      expect(text(comp, '.head__hint')).toBe('买家申请仅退款，同意后原路退款');
      expect(text(comp, '.info__buyer')).toBe('小*');
      expect(text(comp, '.info__order-id')).toBe(`${a.orderId}（待发货）`);
      expect(texts(comp, '.info__row')).toEqual(['售后类型仅退款', '申请数量2 件', '退款金额¥108.00', '申请原因不想要了', '申请时间2026-11-24 10:00']);
      expect(texts(comp, '.event__text')).toEqual(['买家提交申请']);
      expect(find(comp, '.refund')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['拒绝', '要求补充', '同意']);
      await tap(comp, '.info__order');
      expect(mp.of('navigateTo')).toEqual([{ url: `/admin/pages/order-detail/index?id=${a.orderId}` }]);

      // cancelled in the dialog: nothing sent, the button works again
      mp.answer('showModal', { confirm: false });
      await tap(comp, '.actions__approve');
      await mp.settle();
      expect(mp.callsTo('admin', 'approveAfterSale')).toEqual([]);
      expect(page(comp).data.busy).toBe(false);

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__approve');
      await mp.settle();
      expect(mp.of('showModal')[1]).toEqual(expect.objectContaining({ title: '同意退款', content: '自然眉笔 ×2\n退款 ¥108.00，原路退回，无法撤销。', confirmText: '同意退款' }));
      expect(mp.callsTo('admin', 'approveAfterSale').map((c) => [c.data, typeof c.requestId])).toEqual([[{ afterSaleId: a._id }, 'string']]);
      expect(mp.of('showToast')).toEqual([{ title: '已同意，退款处理中', icon: 'success' }]);
      expect(text(comp, '.head__state')).toBe('退款中');
      expect(texts(comp, '.refund__row')).toEqual(['退款状态退款处理中', '退款金额¥108.00']);
      expect(texts(comp, '.event__text')).toEqual(['商家同意退款', '买家提交申请']);
      expect(find(comp, '.actions')).toHaveLength(0);
      expect(rt.paysim.refundsOf(a.orderId).map((r) => r.refundFen)).toEqual([10800]);

      await settle();
      await reread(comp);
      const points = (await rt.db.collection('orders').get(a.orderId))!.refunded!.points;
      expect(points).toBeGreaterThan(0);
      expect(text(comp, '.head__state')).toBe('已退款');
      expect(texts(comp, '.refund__row')).toEqual(['退款状态退款成功', '退款金额¥108.00', `扣回积分${points} 积分`, '到账时间2026-11-24 10:01']);
      expect(texts(comp, '.event__text')).toEqual(['退款成功', '商家同意退款', '买家提交申请']);
      expect(texts(comp, '.event__time')[0]).toBe('微信支付 · 2026-11-24 10:01');
    });

    it('sends one approval for a double tap on 同意', async () => {
      const a = await apply('refund');
      const comp = await open('after-sale', STAFF, { id: a._id });
      mp.answer('showModal', { confirm: true });
      mp.answer('showModal', { confirm: true });
      doubleTap(comp, '.actions__approve');
      await mp.settle();
      expect(mp.of('showModal')).toHaveLength(1);
      expect(dataOf('approveAfterSale')).toEqual([{ afterSaleId: a._id }]);
      expect(text(comp, '.head__state')).toBe('退款中');
    });

    it('approves a return with the address given last, then receives the goods sent back and refunds them', async () => {
      // the shop's first return: no address on record, the sheet starts empty and must be filled
      const first = await apply('return');
      const comp = await open('after-sale', STAFF, { id: first._id });
      expect(text(comp, '.head__hint')).toBe('买家已提交申请，同意后把退货地址告知买家');
      await tap(comp, '.actions__approve');
      expect(page(comp).data.sheet).toMatchObject({ type: 'approve', name: '', phone: '', address: '' });
      expect(find(comp, '.actions')).toHaveLength(0);
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请填写收件人');
      input(comp, '.sheet__name', RETURN_TO.name);
      input(comp, '.sheet__phone', '5555');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请填写正确的联系电话');
      input(comp, '.sheet__phone', RETURN_TO.phone);
      input(comp, '.sheet__address', ` ${RETURN_TO.address} `);
      doubleTap(comp, '.sheet__confirm');
      await mp.settle();
      expect(dataOf('approveAfterSale')).toEqual([{ afterSaleId: first._id, returnAddress: RETURN_TO }]);
      expect(text(comp, '.head__state')).toBe('待买家寄回');
      unmountAll();

      // the next one starts from that address
      const a = await apply('return');
      const detail = await open('after-sale', STAFF, { id: a._id });
      await tap(detail, '.actions__approve');
      expect(page(detail).data.sheet).toMatchObject({ type: 'approve', ...RETURN_TO, error: '' });
      expect(text(detail, '.sheet .section-title')).toBe('同意退货退款：告诉买家寄回到哪里');
      await tap(detail, '.sheet__confirm');
      await mp.settle();
      expect(dataOf('approveAfterSale').at(-1)).toEqual({ afterSaleId: a._id, returnAddress: RETURN_TO });
      expect(mp.of('showToast').at(-1)).toEqual({ title: '已同意，等待买家寄回', icon: 'success' });
      expect(text(detail, '.head__state')).toBe('待买家寄回');
      expect([text(detail, '.logistics__contact'), text(detail, '.logistics__address')]).toEqual(['售后仓 021-55550000', RETURN_TO.address]);
      expect(find(detail, '.actions')).toHaveLength(0);
      expect(rt.paysim.refundsOf(a.orderId)).toHaveLength(0);

      await sendBack(a._id);
      await reread(detail);
      expect(text(detail, '.head__state')).toBe('买家已寄回');
      expect(text(detail, '.logistics__return-value')).toBe('中通快递 7312345678901');
      await tap(detail, '.logistics__return');
      expect(mp.of('setClipboardData')).toEqual([{ data: '中通快递 7312345678901' }]);
      expect(buttons(detail)).toEqual(['确认收货']);

      mp.answer('showModal', { confirm: true });
      await tap(detail, '.actions__receive');
      await mp.settle();
      expect(mp.of('showModal').at(-1)).toEqual(expect.objectContaining({ title: '确认收到退货', content: '确认已收到买家退回的商品？\n将退款 ¥108.00，原路退回，无法撤销。' }));
      expect(dataOf('receiveReturn')).toEqual([{ afterSaleId: a._id }]);
      expect(text(detail, '.head__state')).toBe('退款中');
      expect(rt.paysim.refundsOf(a.orderId).map((r) => r.refundFen)).toEqual([10800]);

      await settle();
      await reread(detail);
      expect(text(detail, '.head__state')).toBe('已退款');
      expect(texts(detail, '.refund__row').slice(0, 2)).toEqual(['退款状态退款成功', '退款金额¥108.00']);
      expect(texts(detail, '.event__text')).toEqual(['退款成功', '商家确认收货，发起退款', '买家已寄回商品', '商家同意，等待买家寄回', '买家提交申请']);
      expect(texts(detail, '.event__note').slice(0, 2)).toEqual(['退货已收到', '中通快递 7312345678901']);
    });

    it('receives an exchange with the replacement waybill from a listed carrier', async () => {
      const a = await apply('exchange');
      ok(await rt.as(STAFF)('admin', 'approveAfterSale', { afterSaleId: a._id, returnAddress: RETURN_TO }));
      await sendBack(a._id);
      const comp = await open('after-sale', STAFF, { id: a._id });
      expect(text(comp, '.line__amount')).toBe('换货，不退款');
      expect(texts(comp, '.info__row').map((r) => r.slice(0, 4))).toEqual(['售后类型', '申请数量', '申请原因', '申请时间']);
      await tap(comp, '.actions__receive');
      expect(mp.of('showModal')).toEqual([]);
      expect(texts(comp, '.ship__courier')).toEqual(['顺丰速运', '中通快递', '圆通速递', '申通快递', '韵达速递', '极兔速递', '京东快递', '中国邮政 EMS']);
      input(comp, '.sheet__number', 'SF7777777777');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请选择快递公司');
      input(comp, '.sheet__company', '某某物流');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请从列表中选择快递公司');
      await tap(comp, '.ship__courier', { 'data-name': '顺丰速运' });
      expect(find(comp, '.sheet__error')).toHaveLength(0);
      await tap(comp, '.sheet__confirm');
      await mp.settle();
      expect(dataOf('receiveReturn')).toEqual([{ afterSaleId: a._id, reship: { company: '顺丰速运', number: 'SF7777777777' } }]);
      expect(mp.of('showToast')).toEqual([{ title: '已确认收货，换货已寄出', icon: 'success' }]);
      expect(text(comp, '.head__state')).toBe('已换货');
      expect(text(comp, '.logistics__reship-value')).toBe('顺丰速运 SF7777777777');
      expect(rt.paysim.refundsOf(a.orderId)).toHaveLength(0);
    });

    it('rejects only with a reason, and shows it', async () => {
      const a = await apply('return');
      const comp = await open('after-sale', STAFF, { id: a._id });
      await tap(comp, '.actions__reject');
      expect(text(comp, '.sheet .section-title')).toBe('拒绝申请');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请填写拒绝原因');
      input(comp, '.sheet__note', '   ');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请填写拒绝原因');
      expect(mp.callsTo('admin', 'rejectAfterSale')).toEqual([]);
      // cancelling keeps the application as it was
      await tap(comp, '.sheet__cancel');
      expect(find(comp, '.sheet')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['拒绝', '要求补充', '同意']);

      await tap(comp, '.actions__reject');
      input(comp, '.sheet__note', ' 商品已拆封使用，不支持退货 ');
      await tap(comp, '.sheet__confirm');
      await mp.settle();
      expect(dataOf('rejectAfterSale')).toEqual([{ afterSaleId: a._id, note: '商品已拆封使用，不支持退货' }]);
      expect(mp.of('showToast')).toEqual([{ title: '已拒绝', icon: 'success' }]);
      expect(text(comp, '.head__state')).toBe('已拒绝');
      expect(text(comp, '.head__hint')).toBe('拒绝原因：商品已拆封使用，不支持退货');
      expect(texts(comp, '.event__text')[0]).toBe('商家拒绝了申请');
      expect(texts(comp, '.event__note')[0]).toBe('商品已拆封使用，不支持退货');
      expect(find(comp, '.actions')).toHaveLength(0);
      expect((await rt.db.collection('after_sales').get(a._id))!.state).toBe('rejected');
    });

    it('asks the shopper for more; what they add puts it back in the queue', async () => {
      const a = await apply('return');
      const comp = await open('after-sale', STAFF, { id: a._id });
      await tap(comp, '.actions__ask');
      expect(text(comp, '.sheet .section-title')).toBe('请买家补充');
      await tap(comp, '.sheet__confirm');
      expect(text(comp, '.sheet__error')).toBe('请填写需要买家补充的内容');
      input(comp, '.sheet__note', '请拍一张断裂处的照片');
      await tap(comp, '.sheet__confirm');
      await mp.settle();
      expect(dataOf('rejectAfterSale')).toEqual([{ afterSaleId: a._id, note: '请拍一张断裂处的照片', ask: true }]);
      expect(mp.of('showToast')).toEqual([{ title: '已请买家补充', icon: 'success' }]);
      expect(text(comp, '.head__state')).toBe('待买家补充');
      expect(text(comp, '.head__hint')).toBe('已请买家补充：请拍一张断裂处的照片');
      // while the shopper has it, staff may still reject, nothing else
      expect(buttons(comp)).toEqual(['拒绝']);

      const saved = rt.storage.save('aftersale', PNG);
      if (!saved.ok) throw new Error('upload refused');
      ok(await rt.as(SHOPPER)('mall', 'supplementAfterSale', { afterSaleId: a._id, note: '照片已补充', photos: [saved.fileId] }));
      await reread(comp);
      expect(text(comp, '.head__state')).toBe('待处理');
      expect(texts(comp, '.event__text').slice(0, 2)).toEqual(['买家补充了资料', '商家请买家补充资料']);
      expect(find(comp, '.photos__item')).toHaveLength(1);
      const src = (page(comp).data.afterSale as { photos: string[] }).photos[0];
      expect(src).toMatch(/^http:\/\/.+\/files\/uploads\/aftersale\//);
      await tap(comp, '.photos__item', { 'data-index': '0' });
      expect(mp.of('previewImage')).toEqual([{ current: src, urls: [src] }]);
    });

    it('asks the platform again for a refund it closed', async () => {
      const a = await apply('refund');
      ok(await rt.as(STAFF)('admin', 'approveAfterSale', { afterSaleId: a._id }));
      await settle('CLOSED');
      const comp = await open('after-sale', STAFF, { id: a._id });
      expect(text(comp, '.head__state')).toBe('退款失败');
      expect(texts(comp, '.refund__row')[0]).toBe('退款状态退款关闭');
      expect(texts(comp, '.event__text')[0]).toBe('退款失败，款项未退回');
      expect(buttons(comp)).toEqual(['重新退款']);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__retry');
      await mp.settle();
      expect(dataOf('retryAfterSaleRefund')).toEqual([{ afterSaleId: a._id }]);
      expect(mp.of('showToast')).toEqual([{ title: '已重新发起退款', icon: 'success' }]);
      expect(text(comp, '.head__state')).toBe('退款中');
      expect(texts(comp, '.event__text')[0]).toBe('商家重新发起退款');
      expect(rt.paysim.refundsOf(a.orderId)).toHaveLength(2);
      await settle();
      await reread(comp);
      expect(text(comp, '.head__state')).toBe('已退款');
    });

    it('offers customer service 拒绝 and 要求补充 but no approval, receipt or refund', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const a = await apply('refund');
      const comp = await open('after-sale', 'cs-1', { id: a._id });
      expect(buttons(comp)).toEqual(['拒绝', '要求补充']);
      expect(find(comp, '.actions__approve')).toHaveLength(0);
      await tap(comp, '.actions__reject');
      input(comp, '.sheet__note', '已与买家电话沟通，取消退款');
      await tap(comp, '.sheet__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'rejectAfterSale').map((c) => [c.openid, c.data])).toEqual([['cs-1', { afterSaleId: a._id, note: '已与买家电话沟通，取消退款' }]]);
      expect(text(comp, '.head__state')).toBe('已拒绝');
      unmountAll();

      const r = await apply('return');
      ok(await rt.as(STAFF)('admin', 'approveAfterSale', { afterSaleId: r._id, returnAddress: RETURN_TO }));
      await sendBack(r._id);
      const returning = await open('after-sale', 'cs-1', { id: r._id });
      expect(text(returning, '.head__state')).toBe('买家已寄回');
      expect(find(returning, '.actions')).toHaveLength(0);
      // the server refuses it all the same
      expect(await rt.as('cs-1')('admin', 'receiveReturn', { afterSaleId: r._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('shows a move someone else made first, and reads the application again', async () => {
      const a = await apply('refund');
      const comp = await open('after-sale', STAFF, { id: a._id });
      ok(await rt.as(STAFF)('admin', 'rejectAfterSale', { afterSaleId: a._id, note: '重复申请' }));
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__approve');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '售后状态已变化，请刷新后再试', icon: 'none' }]);
      expect(text(comp, '.head__state')).toBe('已拒绝');
      expect(find(comp, '.actions')).toHaveLength(0);
      expect(page(comp).data.busy).toBe(false);
    });

    it('says an unknown application does not exist; a failed load retries; a shopper is sent back', async () => {
      const none = await open('after-sale', STAFF, { id: 'no-such-application' });
      expect(text(none, '.detail >>> .state__text')).toBe('售后申请不存在');
      await tap(none, '.detail >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
      unmountAll();

      const a = await apply('refund');
      mp.intercept('admin', 'staffGetAfterSale', 'network', 1);
      const comp = await open('after-sale', STAFF, { id: a._id });
      expect(text(comp, '.detail >>> .state__text')).toBe('网络不给力，请检查网络后重试');
      await tap(comp, '.detail >>> .state__action');
      await mp.settle();
      expect(text(comp, '.head__state')).toBe('待处理');
      unmountAll();

      const shopper = await open('after-sale', SHOPPER, { id: a._id });
      expect(text(shopper, '.detail >>> .state__text')).toBe('仅限店员使用');
      expect(text(shopper, '.detail >>> .state__action')).toBe('返回');
    });
  });
});
