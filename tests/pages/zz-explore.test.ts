import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

describe('explore', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => { id = load('pages/cart/index'); });
  beforeEach(async () => { mp.reset(); rt = await testRuntime(); useRuntime(rt); });
  afterEach(async () => { unmountAll(); await rt.close(); });
  it('renders', async () => {
    await rt.as('demo-shopper')('mall', 'addToCart', { skuId: 'p-brow-1', quantity: 2 });
    await rt.as('demo-shopper')('mall', 'addToCart', { skuId: 'p-lipstick-1', quantity: 1 });
    const comp = mount(id);
    page(comp).onShow();
    await mp.settle();
    const html = (comp as any).dom.innerHTML as string;
    console.log(html.slice(0, 6000));
    const plus = comp.querySelectorAll('.line__stepper >>> .van-stepper__plus');
    console.log('plus', plus.length);
    plus[0].dispatchEvent('tap');
    await mp.settle();
    console.log(JSON.stringify(mp.calls.map(c => [c.action, c.data])));
    const btn = comp.querySelectorAll('.cart >>> .van-submit-bar__button >>> .van-button');
    console.log('btn', btn.length, comp.querySelectorAll('.van-submit-bar__price').length, comp.querySelectorAll('van-submit-bar >>> .van-submit-bar__price').length);
    const checks = comp.querySelectorAll('.line__check >>> .van-checkbox__icon-wrap');
    console.log('checks', checks.length);
    checks[0].dispatchEvent('tap');
    await mp.settle();
    console.log(JSON.stringify(page(comp).data.lines.map((l: any) => l.selected)), page(comp).data.totalFen);
  });
});
