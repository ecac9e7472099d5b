import { POLL_ATTEMPTS, POLL_INTERVAL_MS } from '../../miniprogram/pages/pay-result/utils';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, text, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const SHOPPER = 'demo-shopper';

/**
 * The page polls once a second: these tests run on jest's fake timers and move them by hand,
 * letting the backend's promise chains finish between steps.
 */
async function run(ms = 0) {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 20; i++) await jest.advanceTimersByTimeAsync(0);
}

/** A real tap on the one node that matches, then the handlers' work (tap() waits on a real timer). */
async function press(comp: Rendered, selector: string) {
  const nodes = comp.querySelectorAll(selector);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('tap');
  await run();
}

describe('pay result page', () => {
  let rt: TestRuntime;
  let id: string;
  let orderId: string;

  beforeAll(() => {
    id = load('pages/pay-result/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    jest.useFakeTimers({ doNotFake: ['Date', 'nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.spyOn(Date, 'now').mockImplementation(() => rt.clock.now());
    useRuntime(rt);
    const r = await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 2 }], addressId: `addr-${SHOPPER}` });
    if (!r.ok) throw new Error(r.error.code);
    orderId = r.data.orderId;
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    jest.restoreAllMocks();
    await rt.close();
  });

  async function open(outcome: string, extra: Record<string, string> = {}) {
    const comp = mount(id);
    page(comp).onLoad({ orderId, outcome, ...extra });
    await run();
    return comp;
  }

  const reads = () => mp.callsTo('mall', 'getOrder').length;

  it('shows success at once when the order already reads paid', async () => {
    await rt.devPay(orderId);
    const comp = await open('paid');
    expect(mp.callsTo('mall', 'getOrder').map((c) => c.data)).toEqual([{ orderId }]);
    expect(text(comp, '.result__title')).toBe('支付成功');
    expect(text(comp, '.result__amount')).toBe('¥108.00');
    expect(comp.querySelector('.result__pay')).toBeUndefined();
    await press(comp, '.result__order');
    expect(mp.of('redirectTo')).toEqual([{ url: `/pages/order/index?id=${orderId}` }]);
    await press(comp, '.result__home');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('goes back to the order page the payment started on, rather than stacking a second one', async () => {
    await rt.devPay(orderId);
    const comp = await open('paid', { back: 'order' });
    expect(text(comp, '.result__title')).toBe('支付成功');
    await press(comp, '.result__order');
    expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    expect(mp.of('redirectTo')).toEqual([]);
  });

  it('asks again each second until the notification has made the order paid', async () => {
    const comp = await open('paid');
    expect(reads()).toBe(1);
    expect(text(comp, '.result__title')).toBe('正在确认支付结果…');
    await run(POLL_INTERVAL_MS);
    expect(reads()).toBe(2);
    await rt.devPay(orderId);
    await run(POLL_INTERVAL_MS);
    expect(reads()).toBe(3);
    expect(text(comp, '.result__title')).toBe('支付成功');
    await run(10 * POLL_INTERVAL_MS);
    expect(reads()).toBe(3);
  });

  it('stops after a bounded number of reads and says the result is still being confirmed', async () => {
    const comp = await open('paid');
    await run(10 * POLL_INTERVAL_MS);
    expect(reads()).toBe(POLL_ATTEMPTS);
    expect(text(comp, '.result__title')).toBe('支付处理中');
    expect(text(comp, '.result__message')).toBe('支付结果确认中，请稍后在订单中查看');
    await rt.devPay(orderId);
    await press(comp, '.result__refresh');
    expect(text(comp, '.result__title')).toBe('支付成功');
  });

  it('clears its timer when the page goes away', async () => {
    await open('paid');
    expect(jest.getTimerCount()).toBe(1);
    unmountAll();
    expect(jest.getTimerCount()).toBe(0);
    await run(10 * POLL_INTERVAL_MS);
    expect(reads()).toBe(1);
  });

  it('offers to pay again after a closed payment sheet, and then confirms the payment', async () => {
    const comp = await open('cancelled');
    expect(reads()).toBe(1);
    expect(text(comp, '.result__title')).toBe('支付未完成');
    expect(text(comp, '.result__message')).toBe('支付已取消');
    mp.answer('showModal', { confirm: true });
    await press(comp, '.result__pay');
    expect(mp.callsTo('mall', 'prepay').map((c) => c.data)).toEqual([{ orderId }]);
    expect(mp.of('showModal')).toEqual([{ title: '模拟微信支付', content: '支付 ¥108.00？', confirmText: '支付' }]);
    expect(mp.callsTo('dev', 'pay').map((c) => c.data)).toEqual([{ orderId }]);
    expect(text(comp, '.result__title')).toBe('支付成功');
    expect((await rt.db.collection('orders').get(orderId))!.status).toBe('paid');
    // the result stays on this page
    expect(mp.of('navigateTo')).toEqual([]);
    expect(mp.of('redirectTo')).toEqual([]);
  });

  it('says why a payment failed when the simulator refuses it', async () => {
    const comp = await open('failed');
    mp.answer('showModal', { confirm: true });
    mp.intercept('dev', 'pay', { http: 404, body: { ok: false, notification: { status: 404, body: 'no order' } } }, 1);
    await press(comp, '.result__pay');
    expect(mp.of('showToast')).toEqual([{ title: '服务暂时不可用，请稍后重试', icon: 'none' }]);
    expect(text(comp, '.result__title')).toBe('支付未完成');
    expect((await rt.db.collection('orders').get(orderId))!.status).toBe('created');
  });

  it('does not offer to pay an order whose payment window has passed', async () => {
    rt.clock.advance(31 * 60_000);
    const comp = await open('failed');
    expect(text(comp, '.result__message')).toBe('订单已超时');
    expect(comp.querySelector('.result__pay')).toBeUndefined();
  });

  it('shows an error with retry when the order cannot be read', async () => {
    mp.intercept('mall', 'getOrder', 'network', 1);
    const comp = await open('paid');
    expect(text(comp, '.result >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await rt.devPay(orderId);
    await press(comp, '.result >>> .state__action');
    expect(text(comp, '.result__title')).toBe('支付成功');
  });
});
