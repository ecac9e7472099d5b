import { HOUR } from '../../cloudfunctions/core/kernel/time';
import { T0, type TestRuntime } from '../helpers/runtime';
import { hasClass, load, mount, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const SHOPPER = 'demo-shopper';

describe('cart page (the server cart)', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/cart/index');
  });
  freshRuntimeEach((r) => (rt = r));

  /** Adds lines as the shopper, newest last (the cart lists the most recently changed first). */
  async function add(skuId: string, quantity: number, extra: Record<string, string> = {}) {
    rt.clock.advance(1000);
    const r = await rt.as(SHOPPER)('mall', 'addToCart', { skuId, quantity, ...extra });
    if (!r.ok) throw new Error(r.error.code);
  }

  async function open() {
    const comp = mount(id);
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  const serverCart = async () => {
    const r = await rt.as(SHOPPER)<{ lines: Array<{ skuId: string; quantity: number }> }>('mall', 'getCart', {});
    if (!r.ok) throw new Error(r.error.code);
    return r.data.lines.map((l) => [l.skuId, l.quantity]);
  };
  const setSku = (skuId: string, set: Record<string, unknown>) => rt.db.collection('skus').update({ _id: skuId }, { $set: set });

  const steppers = (comp: Rendered, part: 'plus' | 'minus') => comp.querySelectorAll(`.line__stepper >>> .van-stepper__${part}`);
  const step = async (comp: Rendered, index: number, part: 'plus' | 'minus') => {
    steppers(comp, part)[index].dispatchEvent('tap');
    await mp.settle();
  };
  const checks = (comp: Rendered) => comp.querySelectorAll('.line__check >>> .van-checkbox__icon-wrap');
  const checked = (comp: Rendered) => comp.querySelectorAll('.line__check >>> .van-checkbox__icon').map((n) => hasClass(n, 'van-checkbox__icon--checked'));
  const barPrice = (comp: Rendered) => text(comp, '.cart >>> .van-submit-bar__price');
  const barButton = (comp: Rendered) => comp.querySelector('.cart >>> .van-submit-bar__button >>> .van-button')!;

  it('shows the empty state with a way back to shopping', async () => {
    const comp = await open();
    expect(mp.callsTo('mall').map((c) => [c.action, c.data])).toEqual([['getCart', {}]]);
    expect(text(comp, '.cart >>> .state__text')).toBe('购物车还是空的');
    await tap(comp, '.cart >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('lists the server cart with specs, prices and steppers; new lines start selected and the bar sums them', async () => {
    await add('p-foundation-2', 2);
    await add('p-brow-1', 1);
    const comp = await open();
    expect(texts(comp, '.line__title')).toEqual(['自然眉笔', '柔雾持妆粉底液']);
    expect(texts(comp, '.line__spec')).toEqual(['灰棕', '02 自然色 / 30ml']);
    expect(texts(comp, '.line__price >>> .price__value')).toEqual(['49.00', '169.00']);
    expect(comp.querySelectorAll('.line__stepper >>> .van-stepper__input')).toHaveLength(2);
    expect(page(comp).data.lines).toEqual([
      expect.objectContaining({ skuId: 'p-brow-1', quantity: 1, max: 500, selected: true, buyable: true }),
      expect.objectContaining({ skuId: 'p-foundation-2', quantity: 2, max: 300, selected: true, buyable: true }),
    ]);
    expect(checked(comp)).toEqual([true, true]);
    expect(barPrice(comp)).toBe('¥ 387.00');
    expect(barButton(comp).dom?.textContent?.trim()).toBe('结算(3)');
    expect(texts(comp, '.line__problem')).toEqual([]);
    expect((page(comp).data.lines as Array<{ image: string }>)[0].image).toBe('http://127.0.0.1:8787/assets/p/p-brow.svg');
  });

  it('changes a quantity through mall.updateCartItem, once per tap, and shows the cart it answers', async () => {
    await add('p-brow-1', 1);
    const comp = await open();
    await step(comp, 0, 'plus');
    expect(mp.callsTo('mall', 'updateCartItem').map((c) => c.data)).toEqual([{ skuId: 'p-brow-1', quantity: 2 }]);
    expect(mp.callsTo('mall', 'updateCartItem')[0].requestId).toMatch(/^r-/);
    expect(page(comp).data.lines).toEqual([expect.objectContaining({ quantity: 2 })]);
    expect(barPrice(comp)).toBe('¥ 98.00');
    await step(comp, 0, 'minus');
    expect(mp.callsTo('mall', 'updateCartItem').map((c) => c.data)).toEqual([
      { skuId: 'p-brow-1', quantity: 2 },
      { skuId: 'p-brow-1', quantity: 1 },
    ]);
    expect(await serverCart()).toEqual([['p-brow-1', 1]]);
    // below one is refused on the device
    await step(comp, 0, 'minus');
    expect(mp.callsTo('mall', 'updateCartItem')).toHaveLength(2);
    expect(mp.of('showToast')).toEqual([{ title: '至少购买 1 件，不想要了可以删除', icon: 'none' }]);
  });

  it('ignores taps on a line whose change is still on the way', async () => {
    await add('p-brow-1', 1);
    const comp = await open();
    steppers(comp, 'plus')[0].dispatchEvent('tap');
    steppers(comp, 'plus')[0].dispatchEvent('tap');
    await mp.settle();
    expect(mp.callsTo('mall', 'updateCartItem')).toHaveLength(1);
  });

  it('bounds the stepper by the stock, and shows the server refusing more than is left', async () => {
    await setSku('p-brow-1', { stock: 2 });
    await add('p-brow-1', 2);
    const comp = await open();
    await step(comp, 0, 'plus');
    expect(mp.callsTo('mall', 'updateCartItem')).toHaveLength(0);
    expect(mp.of('showToast')).toEqual([{ title: '最多购买 2 件', icon: 'none' }]);

    // stock taken elsewhere after the page showed it: the server refuses, the page says so and re-reads
    await setSku('p-brow-1', { stock: 5 });
    await mp.settle();
    page(comp).onShow();
    await mp.settle();
    await setSku('p-brow-1', { stock: 2 });
    await step(comp, 0, 'plus');
    expect(mp.callsTo('mall', 'updateCartItem').map((c) => c.data)).toEqual([{ skuId: 'p-brow-1', quantity: 3 }]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '库存不足', icon: 'none' });
    expect(mp.callsTo('mall', 'getCart')).toHaveLength(3);
    expect(page(comp).data.lines).toEqual([expect.objectContaining({ quantity: 2, max: 2 })]);
    expect(await serverCart()).toEqual([['p-brow-1', 2]]);
  });

  it('flags lines that cannot be bought: off the shelf, short of stock, repriced; they are left out of the total', async () => {
    await add('p-brow-1', 1);
    await add('p-lipstick-1', 3);
    await add('p-serum-1', 1);
    await setSku('p-brow-1', { status: 'off_shelf' });
    await setSku('p-lipstick-1', { stock: 2 });
    await setSku('p-serum-1', { priceFen: 28900 });
    const comp = await open();
    expect(texts(comp, '.line__title')).toEqual(['修护精华液', '丝绒哑光口红', '自然眉笔']);
    expect(texts(comp, '.line__problem')).toEqual(['库存不足，仅剩 2 件', '已失效']);
    expect(texts(comp, '.line__changed')).toEqual(['价格有变动']);
    expect(page(comp).data.lines).toEqual([
      expect.objectContaining({ skuId: 'p-serum-1', buyable: true, selected: true, priceChanged: true }),
      expect.objectContaining({ skuId: 'p-lipstick-1', buyable: false, selected: false, max: 3 }),
      expect.objectContaining({ skuId: 'p-brow-1', buyable: false, selected: false }),
    ]);
    // the line off the shelf has no stepper; the short one may only go down
    expect(steppers(comp, 'plus')).toHaveLength(2);
    expect(checked(comp)).toEqual([true, false, false]);
    expect(barPrice(comp)).toBe('¥ 289.00');

    // a tap on a disabled line's box changes nothing
    checks(comp)[1].dispatchEvent('tap');
    await tick();
    expect(checked(comp)).toEqual([true, false, false]);

    await step(comp, 1, 'minus');
    expect(mp.callsTo('mall', 'updateCartItem').map((c) => c.data)).toEqual([{ skuId: 'p-lipstick-1', quantity: 2 }]);
    expect(texts(comp, '.line__problem')).toEqual(['已失效']);
  });

  it('removes a line through mall.removeCartItem and shows empty after the last', async () => {
    await add('p-brow-1', 1);
    await add('p-lipstick-1', 1);
    const comp = await open();
    await tap(comp, '.line__remove', { 'data-sku': 'p-lipstick-1' });
    await mp.settle();
    expect(mp.callsTo('mall', 'removeCartItem').map((c) => c.data)).toEqual([{ skuId: 'p-lipstick-1' }]);
    expect(texts(comp, '.line__title')).toEqual(['自然眉笔']);
    await tap(comp, '.line__remove', { 'data-sku': 'p-brow-1' });
    await mp.settle();
    expect(text(comp, '.cart >>> .state__text')).toBe('购物车还是空的');
    expect(await serverCart()).toEqual([]);
  });

  it('selects lines and all lines, and checks out the selected ones from the cart', async () => {
    await add('p-foundation-2', 2);
    await add('p-brow-1', 1);
    const comp = await open();
    checks(comp)[0].dispatchEvent('tap');
    await tick();
    expect(checked(comp)).toEqual([false, true]);
    expect(barPrice(comp)).toBe('¥ 338.00');
    expect(page(comp).data.allSelected).toBe(false);
    barButton(comp).dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/checkout/index?items=p-foundation-2%3A2&from=cart' }]);

    // 全选 with one line off selects both; again, neither
    const all = comp.querySelector('.cart__all >>> .van-checkbox__icon-wrap')!;
    all.dispatchEvent('tap');
    await tick();
    expect(checked(comp)).toEqual([true, true]);
    all.dispatchEvent('tap');
    await tick();
    expect(checked(comp)).toEqual([false, false]);
    expect(barPrice(comp)).toBe('¥ 0.00');
    // nothing selected: the button is disabled and a tap goes nowhere
    barButton(comp).dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toHaveLength(1);
    all.dispatchEvent('tap');
    await tick();
    expect(checked(comp)).toEqual([true, true]);
    expect(page(comp).data).toEqual(expect.objectContaining({ allSelected: true, selectedQuantity: 3, totalFen: 38700 }));
    // the selection survives a refresh
    checks(comp)[1].dispatchEvent('tap');
    await tick();
    page(comp).onShow();
    await mp.settle();
    expect(checked(comp)).toEqual([true, false]);
  });

  it('keeps the live price of a line added from a live card, and checks out with that card', async () => {
    rt.clock.set(T0 + 10.5 * HOUR);
    await add('p-foundation-2', 1, { liveId: 'live-tonight', cardId: 'card-1' });
    const comp = await open();
    expect(texts(comp, '.line__live')).toEqual(['直播价']);
    expect(texts(comp, '.line__price >>> .price__value')).toEqual(['129.00']);
    expect(texts(comp, '.line__price >>> .price__original')).toEqual(['¥169.00']);
    barButton(comp).dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/checkout/index?items=p-foundation-2%3A1&from=cart&live=live-tonight&card=card-1' }]);
  });

  it('shows an error with retry when the cart cannot be read, and keeps a shown cart on a failed refresh', async () => {
    await add('p-brow-1', 1);
    mp.intercept('mall', 'getCart', 'network', 1);
    const comp = await open();
    expect(text(comp, '.cart >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.cart >>> .state__action');
    await mp.settle();
    expect(texts(comp, '.line__title')).toEqual(['自然眉笔']);

    mp.intercept('mall', 'getCart', 'network', 1);
    page(comp).onShow();
    await mp.settle();
    expect(texts(comp, '.line__title')).toEqual(['自然眉笔']);
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
  });

  it('sends nothing to the view when a refresh brings the same cart', async () => {
    await add('p-brow-1', 1);
    const comp = await open();
    const setData = jest.spyOn(comp.instance, 'setData');
    page(comp).onShow();
    await mp.settle();
    expect(setData).not.toHaveBeenCalled();
  });

  it('opens the product of a line', async () => {
    await add('p-brow-1', 1);
    const comp = await open();
    await tap(comp, '.line__title', { 'data-id': 'p-brow' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-brow' }]);
  });
});
