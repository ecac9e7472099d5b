import { DAY } from '../../cloudfunctions/core/kernel/time';
import { type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const SHOPPER = 'demo-shopper';

describe('order list page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/orders/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string> = {}) {
    const comp = mount(id);
    page(comp).onLoad(options);
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  async function createOrder(skuId = 'p-brow-1'): Promise<string> {
    rt.clock.advance(1000);
    const r = await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId, quantity: 1 }], addressId: `addr-${SHOPPER}` });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.orderId;
  }
  const setOrder = (orderId: string, set: Record<string, unknown>) => rt.db.collection('orders').update({ _id: orderId }, { $set: set });

  const tabTitles = (comp: Rendered) => texts(comp, '.orders__tabs >>> .van-tab');
  const pickTab = async (comp: Rendered, title: string) => {
    const tab = comp.querySelectorAll('.orders__tabs >>> .van-tab').find((n) => (n.dom?.textContent ?? '').trim() === title);
    if (!tab) throw new Error(`no tab ${title}`);
    tab.dispatchEvent('tap');
    await mp.settle();
  };
  const listed = () => mp.callsTo('mall', 'listOrders').map((c) => c.data);
  const statuses = (comp: Rendered) => texts(comp, '.order__status');

  it("lists all the shopper's orders, newest first, with the tabs", async () => {
    const comp = await open();
    expect(tabTitles(comp)).toEqual(['全部', '待付款', '待发货', '待收货', '已完成', '退款/售后']);
    expect(listed()).toEqual([{ page: 1 }]);
    // the seed's paid (1 day), shipped (3 days) and completed (40 days) orders
    expect(statuses(comp)).toEqual(['待发货', '待收货', '已完成']);
    expect(texts(comp, '.order__sum')).toEqual(['共 2 件 实付 ¥138.00', '共 1 件 实付 ¥299.00', '共 3 件 实付 ¥227.00']);
    expect(page(comp).data.orders).toEqual([
      expect.objectContaining({ _id: 'demo-order-3', canPay: false, canConfirm: false, title: '' }),
      expect.objectContaining({ _id: 'demo-order-2', canPay: false, canConfirm: true, title: '修护精华液' }),
      expect.objectContaining({ _id: 'demo-order-1', canPay: false, canConfirm: false }),
    ]);
    expect(text(comp, '.more')).toBe('没有更多了');
  });

  it('filters by the tab chosen, one status each', async () => {
    const unpaid = await createOrder();
    const comp = await open();
    await pickTab(comp, '待付款');
    expect(listed().at(-1)).toEqual({ status: 'created', page: 1 });
    expect(page(comp).data.orders).toEqual([expect.objectContaining({ _id: unpaid, statusText: '待付款', canPay: true })]);
    // an unpaid order's amount is what is due, not what was paid
    expect(texts(comp, '.order__sum')[0]).toMatch(/^共 \d+ 件 应付 ¥/);
    await pickTab(comp, '待发货');
    expect(listed().at(-1)).toEqual({ status: 'paid', page: 1 });
    expect(page(comp).data.orders).toEqual([expect.objectContaining({ _id: 'demo-order-3' })]);
    await pickTab(comp, '待收货');
    expect(listed().at(-1)).toEqual({ status: 'shipped', page: 1 });
    expect(statuses(comp)).toEqual(['待收货']);
    await pickTab(comp, '已完成');
    expect(listed().at(-1)).toEqual({ status: 'completed', page: 1 });
    expect(statuses(comp)).toEqual(['已完成']);
    // the tab already shown asks for nothing
    const asked = listed().length;
    await pickTab(comp, '已完成');
    expect(listed()).toHaveLength(asked);
  });

  it('opens on the tab a shortcut names', async () => {
    const comp = await open({ status: 'shipped' });
    expect(page(comp).data.active).toBe('shipped');
    expect(listed()).toEqual([{ status: 'shipped', page: 1 }]);
    expect(text(comp, '.orders__tabs >>> .van-tab--active')).toBe('待收货');
  });

  it('shows refunding and refunded orders together in the refunds tab, newest first', async () => {
    await setOrder('demo-order-2', { status: 'refunding' });
    await setOrder('demo-order-1', { status: 'refunded' });
    const comp = await open({ status: 'refund' });
    expect(listed()).toEqual([
      { status: 'refunding', page: 1 },
      { status: 'refunded', page: 1 },
    ]);
    expect(statuses(comp)).toEqual(['退款中', '已退款']);
    expect((page(comp).data.orders as Array<{ _id: string }>).map((o) => o._id)).toEqual(['demo-order-2', 'demo-order-1']);
  });

  it('loads the next page on reaching the bottom, until every order is shown', async () => {
    for (let i = 0; i < 11; i++) await createOrder();
    const comp = await open();
    expect(page(comp).data.orders).toHaveLength(10);
    page(comp).onReachBottom();
    page(comp).onReachBottom();
    await mp.settle();
    expect(listed()).toEqual([{ page: 1 }, { page: 2 }]);
    expect(page(comp).data.orders).toHaveLength(14);
    expect(statuses(comp).slice(-3)).toEqual(['待发货', '待收货', '已完成']);
    expect(text(comp, '.more')).toBe('没有更多了');
    page(comp).onReachBottom();
    await mp.settle();
    expect(listed()).toHaveLength(2);
  });

  it('merges the refunds tab page by page without losing the order', async () => {
    // 12 refunded orders, spread in time, and 3 refunding ones in between
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push(await createOrder());
    for (const [i, orderId] of ids.entries()) await setOrder(orderId, { status: i % 5 === 2 ? 'refunding' : 'refunded', createdAt: rt.clock.now() - i * DAY });
    const comp = await open({ status: 'refund' });
    expect((page(comp).data.orders as Array<{ _id: string }>).map((o) => o._id)).toEqual(ids.slice(0, 10));
    page(comp).onReachBottom();
    await mp.settle();
    expect((page(comp).data.orders as Array<{ _id: string }>).map((o) => o._id)).toEqual(ids);
    expect(listed()).toEqual([
      { status: 'refunding', page: 1 },
      { status: 'refunded', page: 1 },
      { status: 'refunded', page: 2 },
    ]);
    expect(text(comp, '.more')).toBe('没有更多了');
  });

  it('pays an unpaid order from the list', async () => {
    const unpaid = await createOrder();
    const comp = await open({ status: 'created' });
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.order__pay', { 'data-id': unpaid });
    await mp.settle();
    expect(mp.callsTo('mall', 'prepay').map((c) => c.data)).toEqual([{ orderId: unpaid }]);
    expect(mp.callsTo('dev', 'pay')).toHaveLength(1);
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/pay-result/index?orderId=${unpaid}&outcome=paid` }]);
    // back on the list it reads again, and the order has left the unpaid tab
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.orders >>> .state__text')).toBe('暂无相关订单');
  });

  it('confirms receipt of a shipped order after asking', async () => {
    const comp = await open({ status: 'shipped' });
    mp.answer('showModal', { confirm: false });
    await tap(comp, '.order__confirm', { 'data-id': 'demo-order-2' });
    await mp.settle();
    expect(mp.callsTo('mall', 'confirmReceipt')).toHaveLength(0);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.order__confirm', { 'data-id': 'demo-order-2' });
    await mp.settle();
    expect(mp.callsTo('mall', 'confirmReceipt').map((c) => c.data)).toEqual([{ orderId: 'demo-order-2' }]);
    expect((await rt.db.collection('orders').get('demo-order-2'))!.status).toBe('completed');
    expect(text(comp, '.orders >>> .state__text')).toBe('暂无相关订单');
    expect(mp.of('navigateTo')).toEqual([]);
  });

  it('opens an order', async () => {
    const comp = await open();
    await tap(comp, '.order', { 'data-id': 'demo-order-2' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/order/index?id=demo-order-2' }]);
  });

  it('shows the empty state for a tab with no orders', async () => {
    const comp = await open({ status: 'created' });
    expect(text(comp, '.orders >>> .state__text')).toBe('暂无相关订单');
    await tap(comp, '.orders >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('shows an error with retry, and a retry for a further page that fails', async () => {
    for (let i = 0; i < 11; i++) await createOrder();
    mp.intercept('mall', 'listOrders', 'network', 1);
    const comp = await open();
    expect(text(comp, '.orders >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.orders >>> .state__action');
    await mp.settle();
    expect(page(comp).data.orders).toHaveLength(10);
    mp.intercept('mall', 'listOrders', 'network', 1);
    page(comp).onReachBottom();
    await mp.settle();
    expect(text(comp, '.more__retry')).toBe('加载失败，点击重试');
    await tap(comp, '.more__retry');
    await mp.settle();
    expect(page(comp).data.orders).toHaveLength(14);
  });

  it("shows another shopper's list as theirs only", async () => {
    mp.storage.set('devOpenid', JSON.stringify('someone-else'));
    const comp = await open();
    expect(text(comp, '.orders >>> .state__text')).toBe('暂无相关订单');
  });
});
