import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, input as typeInto, load, mount, page, tap, text, texts, tick, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

/** The staff order list (search, filters, rows) and the order detail (sections, ship, refund). */

const input = (comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}) => {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
};
const pick = (comp: Rendered, selector: string, value: string) => comp.querySelector(selector)!.dispatchEvent('change', { detail: { value } });
const lastQuery = () => mp.callsTo('admin', 'listAllOrders').pop()?.data;

describe('admin order screens', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state
    for (const name of ['orders', 'order-detail']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open(name: 'orders' | 'order-detail', openid = 'demo-staff', options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  async function search(comp: Rendered, by: string, keyword: string) {
    await tap(comp, '.search__by', { 'data-by': by });
    input(comp, '.search__input', keyword);
    await tap(comp, '.search__go');
    await mp.settle();
  }

  describe('the list', () => {
    it('shows each order with the masked buyer, the receiver, lines with their specs, the amount and status', async () => {
      const comp = await open('orders');
      expect(lastQuery()).toEqual({ page: 1 });
      // the first row: the demo shopper's paid order of two lines
      expect(text(comp, '.order__id')).toBe('订单号 demo-order-3');
      expect(text(comp, '.order__status')).toBe('待发货');
      expect(text(comp, '.order__buyer')).toBe('买家 小*');
      expect(text(comp, '.order__receiver')).toBe('收货人 林小美 138****8000');
      expect(texts(comp, '.order__line-title').slice(0, 3)).toEqual(['丝绒哑光口红', '润唇膏', '保湿面霜']);
      expect(texts(comp, '.order__line-spec').slice(0, 2)).toEqual(['色号：#05 豆沙', '规格：4g']);
      expect(texts(comp, '.order__line-qty').slice(0, 2)).toEqual(['×1', '×1']);
      expect(text(comp, '.order__amount')).toBe('实付 ¥138.00');
      expect(text(comp, '.order__meta')).toBe('2026-11-23 10:00 · 自然 · 共 2 件');
      expect(texts(comp, '.order__buyer').slice(1, 3)).toEqual(['买家 雪*', '买家 小*']);
      // 20 of the demo shop's 21, then the last one
      expect(find(comp, '.order')).toHaveLength(20);
      await tap(comp, '.more');
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 2 });
      expect(find(comp, '.order')).toHaveLength(21);
      expect(find(comp, '.more')).toHaveLength(0);
    });

    it('shows 应付 for an order not paid yet', async () => {
      await rt.as('demo-shopper')('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 1 }], addressId: 'addr-demo-shopper' });
      const comp = await open('orders');
      await tap(comp, '.status-filter', { 'data-status': 'created' });
      await mp.settle();
      expect(lastQuery()).toEqual({ status: 'created', page: 1 });
      expect(texts(comp, '.order__amount')).toEqual(['应付 ¥59.00']);
      expect(texts(comp, '.order__status')).toEqual(['待付款']);
    });

    it('searches by order number, buyer nickname, phone tail and product, each as its own field', async () => {
      const comp = await open('orders');
      await search(comp, 'orderId', ' demo-order-2 ');
      expect(lastQuery()).toEqual({ orderId: 'demo-order-2', page: 1 });
      expect(texts(comp, '.order__id')).toEqual(['订单号 demo-order-2']);
      expect(text(comp, '.search__summary')).toBe('搜索“demo-order-2”');

      await search(comp, 'buyer', '小美');
      expect(lastQuery()).toEqual({ buyer: '小美', page: 1 });
      expect(texts(comp, '.order__id')).toEqual(['订单号 demo-order-3', '订单号 demo-order-2', '订单号 demo-order-1']);

      await search(comp, 'phoneTail', '8000');
      expect(lastQuery()).toEqual({ phoneTail: '8000', page: 1 });
      expect(find(comp, '.order')).toHaveLength(20);

      await search(comp, 'product', '口红');
      expect(lastQuery()).toEqual({ product: '口红', page: 1 });
      expect(texts(comp, '.order__id')).toEqual(['订单号 demo-order-3']);

      await tap(comp, '.search__clear');
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1 });
      expect(find(comp, '.search__summary')).toHaveLength(0);
      expect(find(comp, '.order')).toHaveLength(20);
    });

    it('checks a search before sending it: a phone tail is 4 digits, an order number has no spaces', async () => {
      const comp = await open('orders');
      const sent = mp.callsTo('admin', 'listAllOrders').length;
      await search(comp, 'phoneTail', '80');
      expect(text(comp, '.search__error')).toBe('请输入收货人手机号后 4 位数字');
      await search(comp, 'orderId', 'demo order');
      expect(text(comp, '.search__error')).toBe('订单号只包含字母、数字、- 和 _');
      expect(mp.callsTo('admin', 'listAllOrders')).toHaveLength(sent);
      input(comp, '.search__input', 'demo-order-1');
      await tick();
      expect(find(comp, '.search__error')).toHaveLength(0);
      // the same search twice is asked once
      await tap(comp, '.search__go');
      await mp.settle();
      await tap(comp, '.search__go');
      await mp.settle();
      expect(mp.callsTo('admin', 'listAllOrders')).toHaveLength(sent + 1);
    });

    it('filters by order date, in Shanghai days, and clears the dates', async () => {
      const comp = await open('orders');
      pick(comp, '.days__from-picker', '2026-10-01');
      await mp.settle();
      pick(comp, '.days__to-picker', '2026-10-31');
      await mp.settle();
      expect(lastQuery()).toEqual({ fromDay: '2026-10-01', toDay: '2026-10-31', page: 1 });
      // October in Shanghai: four earlier orders at 20:00, the demo shopper's at 10:00 on the 15th, two more
      expect(texts(comp, '.order__id')).toEqual(
        ['past-earlier-1', 'past-earlier-2', 'past-earlier-3', 'past-earlier-4', 'demo-order-1', 'past-earlier-5', 'past-earlier-6'].map((o) => `订单号 ${o}`),
      );
      expect([text(comp, '.days__from'), text(comp, '.days__to')]).toEqual(['2026-10-01', '2026-10-31']);
      // a start after the end moves the end with it
      pick(comp, '.days__from-picker', '2026-11-23');
      await mp.settle();
      expect(lastQuery()).toEqual({ fromDay: '2026-11-23', toDay: '2026-11-23', page: 1 });
      expect(texts(comp, '.order__id')).toEqual(['订单号 demo-order-3']);
      await tap(comp, '.days__clear');
      await mp.settle();
      expect(lastQuery()).toEqual({ page: 1 });
      expect([text(comp, '.days__from'), text(comp, '.days__to')]).toEqual(['开始日期', '结束日期']);
    });

    it('combines the search with status, live and dates', async () => {
      const comp = await open('orders');
      await tap(comp, '.live-filter', { 'data-id': 'live-past' });
      await mp.settle();
      await tap(comp, '.status-filter', { 'data-status': 'refunded' });
      await mp.settle();
      await search(comp, 'product', '精华');
      pick(comp, '.days__from-picker', '2026-11-17');
      await mp.settle();
      expect(lastQuery()).toEqual({ liveId: 'live-past', status: 'refunded', product: '精华', fromDay: '2026-11-17', page: 1 });
      expect(texts(comp, '.order__id')).toEqual(['订单号 past-order-7']);
      expect(text(comp, '.order__meta')).toBe('2026-11-17 20:57 · 直播间 · 直播订单 · 共 1 件');

      await search(comp, 'product', '面霜');
      expect(find(comp, '.order')).toHaveLength(0);
      expect(text(comp, '.orders >>> .state__text')).toBe('没有符合条件的订单');
    });

    it('exports the orders the filters and search match, the same rows the list shows', async () => {
      const comp = await open('orders');
      await tap(comp, '.live-filter', { 'data-id': 'live-past' });
      await mp.settle();
      await search(comp, 'product', '精华');
      await tap(comp, '.orders__export >>> .export__start');
      await mp.settle();
      expect(mp.callsTo('admin', 'startExport').map((c) => c.data)).toEqual([{ kind: 'orders', liveId: 'live-past', product: '精华' }]);
      expect(text(comp, '.orders__export >>> .export__file')).toMatch(new RegExp(`^已导出 ${page(comp).data.total} 行 · orders-`));
      // new filters: the file no longer matches the list, the button starts again
      await tap(comp, '.status-filter', { 'data-status': 'refunded' });
      await mp.settle();
      expect(find(comp, '.orders__export >>> .export__start')).toHaveLength(1);
    });

    it('customer service ships but does not export', async () => {
      await makeStaff(rt, 'cs-9', 'cs');
      const comp = await open('orders', 'cs-9');
      expect(find(comp, '.order').length).toBeGreaterThan(0);
      expect(find(comp, '.orders__export')).toHaveLength(0);
    });

    it('says when a nickname matched too many buyers', async () => {
      mp.intercept('admin', 'listAllOrders', { ok: true, data: { items: [], total: 0, buyersCapped: true } }, 1);
      const comp = await open('orders');
      expect(text(comp, '.capped')).toBe('匹配的买家较多，仅显示最近访问的 100 位买家的订单，请输入更完整的昵称');
      await search(comp, 'buyer', '小美');
      expect(find(comp, '.capped')).toHaveLength(0);
    });

    it('opens the order from its row; the row\'s buttons do not', async () => {
      const comp = await open('orders');
      await tap(comp, '.order', { 'data-id': 'demo-order-2' });
      expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/order-detail/index?id=demo-order-2' }]);
      await tap(comp, '.order__ship', { 'data-index': '0' });
      expect(find(comp, '.ship')).toHaveLength(1);
      await tap(comp, '.ship__company');
      expect(mp.of('navigateTo')).toHaveLength(1);
    });

    it('shows a failed load with a retry, and a shopper the way back', async () => {
      mp.intercept('admin', 'listAllOrders', 'network', 1);
      const comp = await open('orders');
      expect(text(comp, '.orders >>> .state__action')).toBe('重试');
      await tap(comp, '.orders >>> .state__action');
      await mp.settle();
      expect(find(comp, '.order')).toHaveLength(20);

      unmountAll();
      const shopper = await open('orders', 'demo-shopper');
      expect(text(shopper, '.orders >>> .state__text')).toBe('仅限店员使用');
      await tap(shopper, '.orders >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    });
  });

  describe('the detail', () => {
    it('shows loading first, then buyer, address, lines, price, payment and the events newest first', async () => {
      mp.storage.set('devOpenid', JSON.stringify('demo-staff'));
      const comp = mount(ids['order-detail']);
      page(comp).onLoad({ id: 'demo-order-3' });
      expect(text(comp, '.detail >>> .state__text')).toBe('加载中…');
      await mp.settle();
      expect(mp.callsTo('admin', 'getOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3' }]);
      expect(text(comp, '.head__status')).toBe('待发货');
      expect(text(comp, '.head__source')).toBe('自然');
      expect(text(comp, '.people__buyer')).toBe('小*');
      expect(text(comp, '.people__receiver')).toBe('林小美 138****8000');
      expect(text(comp, '.people__address')).toBe('浙江省 杭州市 西湖区 文三路 100 号 2 幢 301');
      expect(texts(comp, '.line__title')).toEqual(['丝绒哑光口红', '润唇膏']);
      expect(texts(comp, '.line__spec')).toEqual(['色号：#05 豆沙', '规格：4g']);
      expect(texts(comp, '.line__qty')).toEqual(['×1', '×1']);
      expect(texts(comp, '.price__row')).toEqual(['商品金额¥138.00', '运费免运费']);
      expect(text(comp, '.price__total')).toBe('实付¥138.00');
      expect(texts(comp, '.payment__row')).toEqual(['支付方式模拟支付（本地调试）', '交易单号4200-demo-demo-order-3', '付款时间2026-11-23 10:02']);
      expect(find(comp, '.shipping')).toHaveLength(0);
      expect(find(comp, '.refund')).toHaveLength(0);
      expect(texts(comp, '.event__text')).toEqual(['买家付款', '买家下单']);
      expect(texts(comp, '.event__time')).toEqual(['2026-11-23 10:02', '2026-11-23 10:00']);
      expect([find(comp, '.actions__ship').length, find(comp, '.actions__refund').length]).toEqual([1, 1]);
      await tap(comp, '.head__id');
      expect(mp.of('setClipboardData')).toEqual([{ data: 'demo-order-3' }]);
    });

    it('shows a live order with the live price, and its refund', async () => {
      const comp = await open('order-detail', 'demo-staff', { id: 'past-order-7' });
      expect(text(comp, '.head__status')).toBe('已退款');
      expect(text(comp, '.head__source')).toBe('直播间 · 护肤专场：精华 + 面霜回放');
      expect(texts(comp, '.line__price')).toEqual(['¥259.00']);
      expect(texts(comp, '.line__list-price')).toEqual(['¥299.00']);
      expect(texts(comp, '.price__row')).toEqual(['商品原价¥299.00', '直播价优惠-¥40.00', '运费免运费']);
      expect(text(comp, '.price__total')).toBe('实付¥259.00');
      expect(texts(comp, '.refund__row')).toEqual([
        '退款状态退款成功',
        '退款金额¥259.00',
        '退款原因不想要了',
        '退款单号Rpast-order-7',
        '发起时间2026-11-17 21:57',
        '到账时间2026-11-17 22:57',
      ]);
      expect(texts(comp, '.event__text')).toEqual(['退款完成', '发起退款', '买家付款', '买家下单']);
      expect(find(comp, '.actions')).toHaveLength(0);
    });

    it('ships from the detail with its carrier and tracking number, then shows the shipping', async () => {
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      await tap(comp, '.actions__ship');
      await tap(comp, '.ship__confirm');
      expect(text(comp, '.ship__error')).toBe('请选择快递公司');
      input(comp, '.ship__company', '中通快递', { 'data-field': 'company' });
      input(comp, '.ship__tracking', '78', { 'data-field': 'trackingNumber' });
      await tap(comp, '.ship__confirm');
      expect(text(comp, '.ship__error')).toBe('运单号为 4–40 位字母、数字或 -');
      expect(mp.callsTo('admin', 'shipOrder')).toEqual([]);
      input(comp, '.ship__tracking', 'ZT7800001', { 'data-field': 'trackingNumber' });
      await tap(comp, '.ship__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'shipOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', company: '中通快递', trackingNumber: 'ZT7800001' }]);
      expect(mp.of('showToast')).toEqual([{ title: '已发货', icon: 'success' }]);
      expect(text(comp, '.head__status')).toBe('已发货');
      expect(texts(comp, '.shipping__row')).toEqual(['快递公司中通快递', '运单号ZT7800001', '发货时间2026-11-24 10:00', '微信发货信息已同步 2026-11-24 10:00']);
      expect(texts(comp, '.event__text')[0]).toBe('商家发货');
      expect([find(comp, '.ship').length, find(comp, '.actions__ship').length]).toEqual([0, 0]);
      await tap(comp, '.shipping__row', { 'data-text': 'ZT7800001' });
      expect(mp.of('setClipboardData')).toEqual([{ data: 'ZT7800001' }]);
    });

    it('corrects a shipped waybill once: the form starts from it, a carrier is picked from the list', async () => {
      const shipped = await rt.as('demo-staff')('admin', 'shipOrder', { orderId: 'demo-order-3', company: '中通快递', trackingNumber: 'ZT7800001' });
      expect(shipped.ok).toBe(true);
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      await tap(comp, '.actions__reship');
      expect(text(comp, '.ship .section-title')).toBe('修改物流信息');
      expect(page(comp).data.shipping).toMatchObject({ company: '中通快递', trackingNumber: 'ZT7800001', reship: true });
      expect(texts(comp, '.ship__courier')).toEqual(['顺丰速运', '中通快递', '圆通速递', '申通快递', '韵达速递', '极兔速递', '京东快递', '中国邮政 EMS']);
      input(comp, '.ship__company', '某某物流', { 'data-field': 'company' });
      await tap(comp, '.ship__confirm');
      expect(text(comp, '.ship__error')).toBe('请从列表中选择快递公司');
      await tap(comp, '.ship__courier', { 'data-name': '圆通速递' });
      input(comp, '.ship__tracking', 'YT7407032196699', { 'data-field': 'trackingNumber' });
      await tap(comp, '.ship__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'reshipOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', company: '圆通速递', trackingNumber: 'YT7407032196699' }]);
      expect(mp.of('showToast')).toEqual([{ title: '已修改物流', icon: 'success' }]);
      expect(texts(comp, '.shipping__row').slice(0, 2)).toEqual(['快递公司圆通速递', '运单号YT7407032196699']);
      expect(texts(comp, '.shipping__row')[3]).toBe('微信发货信息已同步 2026-11-24 10:00，已修改过一次');
      // WeChat takes one correction: the button is gone
      expect(find(comp, '.actions__reship')).toHaveLength(0);
    });

    it('asks WeChat to remind the buyer to confirm receipt, once, after asking', async () => {
      expect((await rt.as('demo-staff')('admin', 'shipOrder', { orderId: 'demo-order-3', company: 'SF', trackingNumber: 'SF1234567890' })).ok).toBe(true);
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      mp.answer('showModal', { confirm: false });
      await tap(comp, '.actions__remind');
      await mp.settle();
      expect(mp.callsTo('admin', 'remindReceipt')).toEqual([]);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__remind');
      await mp.settle();
      expect(mp.callsTo('admin', 'remindReceipt').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3' }]);
      expect(mp.of('showToast')).toEqual([{ title: '已提醒买家', icon: 'success' }]);
      expect(texts(comp, '.shipping__row')[3]).toBe('微信发货信息已同步 2026-11-24 10:00，2026-11-24 10:00 已提醒买家确认收货');
      expect(find(comp, '.actions__remind')).toHaveLength(0);
    });

    it('tells staff when WeChat refused the shipment report, and lets them correct it', async () => {
      rt.shipsim.failNext({ errcode: 47001, errmsg: 'data format error' });
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      await tap(comp, '.actions__ship');
      await tap(comp, '.ship__courier', { 'data-name': '顺丰速运' });
      input(comp, '.ship__tracking', 'SF1234567890', { 'data-field': 'trackingNumber' });
      await tap(comp, '.ship__confirm');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '已发货，微信未接受发货信息，请核对运单', icon: 'none' }]);
      expect(texts(comp, '.shipping__row')[3]).toBe('微信发货信息同步失败：47001 data format error');
      expect(find(comp, '.actions__reship')).toHaveLength(1);
    });

    it('refunds everything left only after the confirmation, then shows the refund and offers asking again', async () => {
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      await tap(comp, '.actions__refund');
      // the sheet opens with every line picked in full
      expect(texts(comp, '.refund-sheet__qty')).toEqual(['1', '1']);
      expect(text(comp, '.refund-sheet__total')).toBe('全部退款¥138.00');
      await tap(comp, '.refund-sheet__cancel');
      expect(find(comp, '.refund-sheet')).toHaveLength(0);

      await tap(comp, '.actions__refund');
      // a reason of staff's own words
      typeInto(comp, '.refund-sheet__reason', '买家拍错颜色，协商退款');
      await mp.settle();
      mp.answer('showModal', { confirm: false });
      await tap(comp, '.refund-sheet__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'refundOrder')).toEqual([]);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.refund-sheet__confirm');
      await mp.settle();
      expect(mp.of('showModal')[1]).toEqual(expect.objectContaining({ title: '确认退款', content: '退还剩余全部商品\n退款 ¥138.00，原路退回，无法撤销。', confirmText: '退款' }));
      const skus = (await rt.db.collection('orders').get('demo-order-3'))!.lines.map((l) => l.skuId);
      expect(mp.callsTo('admin', 'refundOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', reason: '买家拍错颜色，协商退款', lines: skus.map((skuId) => ({ skuId, quantity: 1 })) }]);
      // the platform has not settled it yet: 退款中, and it can be asked again
      expect(text(comp, '.head__status')).toBe('退款中');
      expect(texts(comp, '.refund__row').slice(0, 4)).toEqual(['退款状态退款处理中', '退款金额¥138.00', '退款原因买家拍错颜色，协商退款', '退款单号Rdemo-order-3']);
      expect(texts(comp, '.event__text')).toEqual(['发起退款', '买家付款', '买家下单']);
      expect([find(comp, '.actions__ship').length, text(comp, '.actions__refund')]).toEqual([0, '重新提交退款']);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__refund');
      await mp.settle();
      // asking again sends the refund's own reason
      expect(mp.callsTo('admin', 'refundOrder').at(-1)!.data).toEqual({ orderId: 'demo-order-3', reason: '买家拍错颜色，协商退款' });
      expect(text(comp, '.head__status')).toBe('退款中');
    });

    it('refunds one line of an order, which stays to be shipped with the rest', async () => {
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-3' });
      await tap(comp, '.actions__refund');
      // nothing picked is refused before anything is sent
      for (const i of [0, 1]) await tap(comp, '.refund-sheet__minus', { 'data-index': String(i) });
      await tap(comp, '.refund-sheet__confirm');
      expect(text(comp, '.refund-sheet__error')).toBe('请选择要退款的商品');
      await tap(comp, '.refund-sheet__plus', { 'data-index': '1' });
      expect(texts(comp, '.refund-sheet__qty')).toEqual(['0', '1']);
      const sheet = page(comp).data.refunding as { totalText: string; lines: Array<{ title: string; skuId: string }> };
      expect(text(comp, '.refund-sheet__total')).toBe(`部分退款${sheet.totalText}`);
      // a reason is asked for before anything is sent, picked from the common ones or typed
      await tap(comp, '.refund-sheet__confirm');
      expect(text(comp, '.refund-sheet__error')).toBe('请选择或填写退款原因');
      expect(mp.callsTo('admin', 'refundOrder')).toEqual([]);
      await tap(comp, '.refund-sheet__reason-chip', { 'data-reason': '缺货无法发货' });
      expect(find(comp, '.refund-sheet__error')).toHaveLength(0);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.refund-sheet__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'refundOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', reason: '缺货无法发货', lines: [{ skuId: sheet.lines[1].skuId, quantity: 1 }] }]);
      expect(text(comp, '.head__status')).toBe('待发货');
      expect(texts(comp, '.refund__row').slice(0, 3)).toEqual(['部分退款退款处理中', `退款金额${sheet.totalText}`, `退款商品${sheet.lines[1].title} ×1`]);
      // while it is with the platform: asked again, not a new one; shipping goes on
      expect([find(comp, '.actions__ship').length, text(comp, '.actions__refund')]).toEqual([1, '重新提交退款']);

      // settled: the line is gone from what can be refunded, the rest can still go
      rt.clock.advance(90_000);
      await rt.devSettleRefunds({ now: true });
      page(comp).onShow?.();
      await (page(comp) as unknown as { refresh(): Promise<void> }).refresh();
      await mp.settle();
      expect(texts(comp, '.refund__row')[0]).toBe('部分退款退款成功');
      expect(texts(comp, '.event__text')[0]).toBe('部分退款完成');
      await tap(comp, '.actions__refund');
      expect(texts(comp, '.refund-sheet__line .line__title')).toEqual([sheet.lines[0].title]);
    });

    it('offers customer service shipping but not refunds', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const comp = await open('order-detail', 'cs-1', { id: 'demo-order-3' });
      expect(text(comp, '.head__status')).toBe('待发货');
      expect([find(comp, '.actions__ship').length, find(comp, '.actions__refund').length]).toEqual([1, 0]);
    });

    it('says an unknown order does not exist, with a way back', async () => {
      const comp = await open('order-detail', 'demo-staff', { id: 'no-such-order' });
      expect(text(comp, '.detail >>> .state__text')).toBe('订单不存在或已被删除');
      await tap(comp, '.detail >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
      unmountAll();
      const none = await open('order-detail', 'demo-staff', {});
      expect(text(none, '.detail >>> .state__text')).toBe('订单不存在或已被删除');
    });

    it('shows a failed load with a retry, and a shopper the way back', async () => {
      mp.intercept('admin', 'getOrder', 'network', 1);
      const comp = await open('order-detail', 'demo-staff', { id: 'demo-order-2' });
      expect(text(comp, '.detail >>> .state__action')).toBe('重试');
      await tap(comp, '.detail >>> .state__action');
      await mp.settle();
      expect(text(comp, '.head__status')).toBe('已发货');

      unmountAll();
      const shopper = await open('order-detail', 'demo-shopper', { id: 'demo-order-2' });
      expect(text(shopper, '.detail >>> .state__text')).toBe('仅限店员使用');
      expect(text(shopper, '.detail >>> .state__action')).toBe('返回');
    });
  });
});
