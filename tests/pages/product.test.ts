import { HOUR } from '../../cloudfunctions/core/kernel/time';
import { T0, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

/** tonight's live (20:00–23:00 Shanghai; T0 is 10:00) */
const DURING_LIVE = T0 + 10.5 * HOUR;
const LIVE_END = T0 + 13 * HOUR;
const LIVE_START = T0 + 10 * HOUR;

/** The spec values of one group as the shopper sees them (without the 缺货 mark, see `soldOut`). */
function options(comp: Rendered, group: string) {
  return find(comp, '.spec__value', { 'data-group': group }).map((node) => ({
    value: (node.dom?.textContent ?? '').replace(/缺货$/, '').trim(),
    selected: hasClass(node, 'spec__value--selected'),
    disabled: hasClass(node, 'spec__value--disabled'),
  }));
}

/** The values of one group marked 缺货 (selectable, no stock), as the shopper reads them. */
const soldOut = (comp: Rendered, group: string) =>
  find(comp, '.spec__value', { 'data-group': group })
    .filter((node) => hasClass(node, 'spec__value--sold-out') && (node.dom?.textContent ?? '').trim().endsWith('缺货'))
    .map((node) => (node.dom?.textContent ?? '').replace(/缺货$/, '').trim());

const pick = (comp: Rendered, group: string, value: string) => tap(comp, '.spec__value', { 'data-group': group, 'data-value': value });

/** Taps a Vant goods-action button (its inner button) and lets the page handle it. */
async function press(comp: Rendered, host: '.actions__add' | '.actions__buy' | '.actions__cart' | '.actions__restock') {
  const nodes = comp.querySelectorAll(`${host} >>> .van-button`);
  if (nodes.length !== 1) throw new Error(`${nodes.length} buttons in ${host}`);
  nodes[0].dispatchEvent('tap');
  await mp.settle();
}

const stepper = (comp: Rendered, part: 'plus' | 'minus') => tap(comp, `.quantity__stepper >>> .van-stepper__${part}`);

describe('product page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/product/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string>) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  const setSku = (skuId: string, set: Record<string, unknown>) => rt.db.collection('skus').update({ _id: skuId }, { $set: set });

  it('says the after-sale window an order placed now keeps: the product\'s own, else the shop\'s', async () => {
    expect(text(await open({ id: 'p-foundation' }), '.summary__service')).toBe('正品保障 · 签收后 7 天内可申请退换');
    await rt.as('demo-staff')('admin', 'setAfterSaleSettings', { afterSaleDays: 15 });
    expect(text(await open({ id: 'p-foundation' }), '.summary__service')).toBe('正品保障 · 签收后 15 天内可申请退换');
    await rt.db.collection('products').update({ _id: 'p-foundation' }, { $set: { afterSaleDays: 0 } });
    expect(text(await open({ id: 'p-foundation' }), '.summary__service')).toBe('正品保障 · 签收后不支持无理由退换');
  });

  it('renders the product with its spec groups; a single-value group starts chosen', async () => {
    const comp = await open({ id: 'p-foundation' });
    expect(mp.callsTo('mall', 'getProduct').map((c) => c.data)).toEqual([{ productId: 'p-foundation' }]);
    expect(text(comp, '.summary__title')).toBe('柔雾持妆粉底液');
    expect(text(comp, '.summary__price >>> .price__value')).toBe('169.00');
    expect(text(comp, '.summary__price >>> .price__original')).toBe('¥229.00');
    expect(text(comp, '.summary__from')).toBe('起');
    expect(comp.querySelectorAll('.gallery__image')).toHaveLength(2);
    expect(texts(comp, '.spec__name')).toEqual(['色号', '容量', '数量']);
    expect(options(comp, '色号')).toEqual([
      { value: '01 象牙白', selected: false, disabled: false },
      { value: '02 自然色', selected: false, disabled: false },
      { value: '03 小麦色', selected: false, disabled: false },
    ]);
    expect(options(comp, '容量')).toEqual([{ value: '30ml', selected: true, disabled: false }]);
    expect(text(comp, '.specs__hint')).toBe('请选择 色号');
    expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '柔雾持妆粉底液' }]);
  });

  it('asks for a SKU when buying or adding before one is chosen, and calls nothing', async () => {
    const comp = await open({ id: 'p-foundation' });
    expect(text(comp, '.actions__note')).toBe('请选择 色号');
    await press(comp, '.actions__buy');
    await press(comp, '.actions__add');
    expect(page(comp).buyNow()).toBe(false);
    expect(mp.callsTo('mall', 'addToCart')).toHaveLength(0);
    expect(mp.of('navigateTo')).toEqual([]);
    expect(mp.of('showToast')).toEqual([
      { title: '请选择 色号', icon: 'none' },
      { title: '请选择 色号', icon: 'none' },
    ]);
  });

  it('shows the chosen SKU price and stock, and clears a value on a second tap', async () => {
    const comp = await open({ id: 'p-serum' });
    await pick(comp, '规格', '50ml');
    expect(page(comp).data.sku).toEqual({ _id: 'p-serum-2', priceFen: 41900, stock: 200, perUserLimit: null });
    expect(text(comp, '.summary__price >>> .price__value')).toBe('419.00');
    expect(comp.querySelector('.summary__from')).toBeUndefined();
    expect(text(comp, '.specs__selected')).toBe('已选 50ml');
    expect(text(comp, '.specs__hint')).toBe('库存 200 件');
    expect(hasClass(find(comp, '.actions__buy')[0], 'btn-disabled')).toBe(false);

    await pick(comp, '规格', '50ml');
    expect(page(comp).data.sku).toBeNull();
    expect(options(comp, '规格').every((o) => !o.selected)).toBe(true);
    expect(text(comp, '.summary__price >>> .price__value')).toBe('299.00');
  });

  it('disables combinations that do not exist and ignores taps on them; a sold-out one is 缺货 and can be chosen', async () => {
    // (02, 一壳两芯) sold out; (03, 单芯) taken off sale
    await setSku('p-cushion-4', { stock: 0 });
    await setSku('p-cushion-5', { status: 'off_shelf' });
    const comp = await open({ id: 'p-cushion' });
    expect(options(comp, '色号').map((o) => o.disabled)).toEqual([false, false, false]);
    expect(options(comp, '规格').map((o) => o.disabled)).toEqual([false, false]);
    expect(soldOut(comp, '规格')).toEqual([]);

    await pick(comp, '色号', '02 自然色');
    expect(options(comp, '规格')).toEqual([
      { value: '单芯', selected: false, disabled: false },
      { value: '一壳两芯', selected: false, disabled: false },
    ]);
    expect(soldOut(comp, '规格')).toEqual(['一壳两芯']);
    await pick(comp, '规格', '一壳两芯');
    expect(page(comp).data.sku).toEqual({ _id: 'p-cushion-4', priceFen: 27900, stock: 0, perUserLimit: null });
    expect(page(comp).data.canBuy).toBe(false);
    expect(text(comp, '.specs__hint')).toBe('该规格已售罄');
    expect(comp.querySelector('.actions__buy')).toBeUndefined();
    await pick(comp, '规格', '一壳两芯');

    await pick(comp, '色号', '03 小麦色');
    expect(options(comp, '规格').map((o) => o.disabled)).toEqual([true, false]);

    await pick(comp, '色号', '03 小麦色');
    await pick(comp, '规格', '单芯');
    expect(options(comp, '色号').map((o) => o.disabled)).toEqual([false, false, true]);
    await pick(comp, '色号', '01 象牙白');
    expect(page(comp).data.sku).toEqual({ _id: 'p-cushion-1', priceFen: 15900, stock: 250, perUserLimit: null });
  });

  it('marks a product with no stock left as sold out, every spec 缺货, and nothing to buy once one is chosen', async () => {
    await rt.db.collection('skus').update({ productId: 'p-mascara' }, { $set: { stock: 0 } });
    const comp = await open({ id: 'p-mascara' });
    expect(options(comp, '颜色').map((o) => o.disabled)).toEqual([false, false]);
    expect(soldOut(comp, '颜色')).toEqual(['黑色', '棕色']);
    expect(text(comp, '.specs__hint')).toBe('已售罄');
    await pick(comp, '颜色', '黑色');
    expect(page(comp).data.canBuy).toBe(false);
    expect(text(comp, '.actions__restock >>> .van-button')).toBe('到货提醒');
    await press(comp, '.actions__restock');
    expect(mp.callsTo('mall', 'addToCart')).toHaveLength(0);
    expect(mp.of('navigateTo')).toEqual([]);
  });

  it('refreshes stock when the shopper comes back to it, keeping the choice made', async () => {
    const comp = mount(id);
    page(comp).onLoad({ id: 'p-foundation' });
    page(comp).onShow();
    await mp.settle();
    // the first show comes with onLoad's own load: nothing more is asked
    expect(mp.callsTo('mall', 'getProduct')).toHaveLength(1);
    await pick(comp, '色号', '02 自然色');
    expect(text(comp, '.specs__hint')).toBe('库存 300 件');
    await setSku('p-foundation-2', { stock: 3 });
    page(comp).onShow();
    await mp.settle();
    expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
    expect(text(comp, '.specs__hint')).toBe('仅剩 3 件');
    expect(page(comp).data.sku).toMatchObject({ _id: 'p-foundation-2', stock: 3 });
  });

  it('shows the member price on the page, and that a new shopper needs a tier for it', async () => {
    mp.storage.set('devOpenid', JSON.stringify('new-shopper'));
    const comp = await open({ id: 'p-essence' });
    expect(text(comp, '.summary__member')).toBe('会员价 ¥299.00 · 银卡会员及以上可享');
    expect(page(comp).data.memberText).toBe('会员价 ¥299.00 · 银卡会员及以上可享');
    // a product without member prices shows no such line
    const plain = await open({ id: 'p-foundation' });
    expect(plain.querySelector('.summary__member')).toBeUndefined();
  });

  it('shows the per-shopper limit and bounds the quantity by it', async () => {
    // the seeded 100-piece flash box: 每人限购 2
    const comp = await open({ id: 'p-gift-base' });
    expect(text(comp, '.specs__hint')).toBe('库存 100 件 · 每人限购 2 件');
    expect(page(comp).data.maxQuantity).toBe(2);
    await stepper(comp, 'plus');
    await stepper(comp, 'plus');
    expect(page(comp).data.quantity).toBe(2);
    expect(mp.of('showToast')).toEqual([{ title: '每人限购 2 件', icon: 'none' }]);
  });

  it('bounds the quantity by the chosen SKU stock and reports both limits', async () => {
    await setSku('p-foundation-2', { stock: 2 });
    const comp = await open({ id: 'p-foundation' });
    // no SKU yet: the stepper is disabled and says why
    await stepper(comp, 'plus');
    expect(page(comp).data.quantity).toBe(1);
    expect(mp.of('showToast')).toEqual([{ title: '请先选择规格', icon: 'none' }]);

    await pick(comp, '色号', '02 自然色');
    expect(text(comp, '.specs__hint')).toBe('仅剩 2 件');
    await stepper(comp, 'plus');
    expect(page(comp).data.quantity).toBe(2);
    expect((page(comp).selectComponent('.quantity__stepper') as { data: { currentValue: string } }).data.currentValue).toBe('2');
    await stepper(comp, 'plus');
    expect(page(comp).data.quantity).toBe(2);
    await stepper(comp, 'minus');
    await stepper(comp, 'minus');
    expect(page(comp).data.quantity).toBe(1);
    expect(mp.of('showToast')).toEqual([
      { title: '请先选择规格', icon: 'none' },
      { title: '最多购买 2 件', icon: 'none' },
      { title: '至少购买 1 件', icon: 'none' },
    ]);
  });

  it('clamps the quantity when a SKU with less stock is chosen', async () => {
    await setSku('p-foundation-3', { stock: 3 });
    const comp = await open({ id: 'p-foundation' });
    await pick(comp, '色号', '01 象牙白');
    for (let i = 0; i < 4; i++) await stepper(comp, 'plus');
    expect(page(comp).data.quantity).toBe(5);
    await pick(comp, '色号', '03 小麦色');
    expect(page(comp).data.quantity).toBe(3);
    expect(page(comp).data.maxQuantity).toBe(3);
  });

  it('buy now opens checkout with the one line and the live card it came from', async () => {
    const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
    expect(text(comp, '.summary__live')).toBe('直播间');
    await pick(comp, '色号', '02 自然色');
    await stepper(comp, 'plus');
    await press(comp, '.actions__buy');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/checkout/index?items=p-foundation-2%3A2&live=live-tonight&card=card-1' }]);
    expect(mp.app.globalData.attribution).toEqual({ liveId: 'live-tonight', cardId: 'card-1', source: 'live_card' });
    expect(mp.callsTo('mall', 'addToCart')).toHaveLength(0);
  });

  it('buy now on an organic visit carries the session attribution captured earlier', async () => {
    mp.app.globalData.attribution = { inviteCode: 'AbC123', source: 'invite' };
    const comp = await open({ id: 'p-lipstick' });
    await pick(comp, '色号', '#05 豆沙');
    expect(page(comp).buyNow()).toBe(true);
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/checkout/index?items=p-lipstick-2%3A1&code=AbC123' }]);
  });

  it('add to cart writes to the server cart, adds up the same SKU and stays on the page', async () => {
    const comp = await open({ id: 'p-lipstick' });
    await pick(comp, '色号', '#01 正红');
    await press(comp, '.actions__add');
    await press(comp, '.actions__add');
    expect(mp.callsTo('mall', 'addToCart').map((c) => c.data)).toEqual([
      { skuId: 'p-lipstick-1', quantity: 1 },
      { skuId: 'p-lipstick-1', quantity: 1 },
    ]);
    const ids = mp.callsTo('mall', 'addToCart').map((c) => c.requestId);
    expect(new Set(ids).size).toBe(2);
    const cart = await rt.as('demo-shopper')<{ lines: Array<{ skuId: string; quantity: number; liveId?: string }> }>('mall', 'getCart', {});
    expect(cart.ok && cart.data.lines.map((l) => [l.skuId, l.quantity, l.liveId])).toEqual([['p-lipstick-1', 2, undefined]]);
    expect(page(comp).data.cartCount).toBe(2);
    expect(text(comp, '.actions__cart >>> .van-info')).toBe('2');
    expect(mp.of('showToast')).toEqual([
      { title: '已加入购物车', icon: 'success' },
      { title: '已加入购物车', icon: 'success' },
    ]);
    expect(mp.of('switchTab')).toEqual([]);
    // an organic visit records only the product view
    expect(mp.callsTo('live', 'track').map((c) => c.data)).toEqual([
      { batchId: expect.stringMatching(/^r-/), events: [{ type: 'product_view', productId: 'p-lipstick', at: T0 }] },
    ]);
  });

  it('add to cart is refused with the reason when the cart would hold more than the stock', async () => {
    await setSku('p-brow-1', { stock: 1 });
    await rt.as('demo-shopper')('mall', 'addToCart', { skuId: 'p-brow-1', quantity: 1 });
    const comp = await open({ id: 'p-brow' });
    await pick(comp, '颜色', '灰棕');
    await press(comp, '.actions__add');
    expect(mp.callsTo('mall', 'addToCart').map((c) => c.data)).toEqual([{ skuId: 'p-brow-1', quantity: 1 }]);
    expect(mp.of('showToast')).toEqual([{ title: '库存不足', icon: 'none' }]);
    expect(page(comp).data.adding).toBe(false);
  });

  it('sends one add to cart for taps made while the first is on the way', async () => {
    const comp = await open({ id: 'p-lipstick' });
    await pick(comp, '色号', '#01 正红');
    const add = comp.querySelector('.actions__add >>> .van-button')!;
    add.dispatchEvent('tap');
    add.dispatchEvent('tap');
    await mp.settle();
    expect(mp.callsTo('mall', 'addToCart')).toHaveLength(1);
  });

  describe('landing from a live card', () => {
    it('shows the live price with the regular price struck through and the time left, while the live is on', async () => {
      rt.clock.set(DURING_LIVE);
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      expect(mp.callsTo('mall', 'getProduct').map((c) => c.data)).toEqual([{ productId: 'p-foundation', liveId: 'live-tonight', cardId: 'card-1' }]);
      expect(text(comp, '.summary__price >>> .price__value')).toBe('129.00');
      expect(text(comp, '.summary__price >>> .price__original')).toBe('¥169.00');
      expect(text(comp, '.summary__live-tag')).toBe('直播价');
      expect(comp.querySelector('.summary__live')).toBeUndefined();
      expect(page(comp).data.live).toEqual({ livePriceFen: 12900, endAt: LIVE_END, remainingMs: LIVE_END - DURING_LIVE });
      expect(text(comp, '.summary__countdown')).toBe('02:30:00');
      await pick(comp, '色号', '01 象牙白');
      expect(text(comp, '.summary__price >>> .price__value')).toBe('129.00');
      expect(text(comp, '.summary__price >>> .price__original')).toBe('¥169.00');
    });

    it('prices each SKU on its own: a variant the card does not cover says so and shows its regular price', async () => {
      rt.clock.set(DURING_LIVE - 2 * HOUR);
      const created = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
        title: '护肤专场',
        startAt: DURING_LIVE - HOUR,
        endAt: DURING_LIVE + HOUR,
        cards: [{ productId: 'p-serum', livePriceFen: 25900 }],
      });
      rt.clock.set(DURING_LIVE);
      const comp = await open({ id: 'p-serum', live: created.ok ? created.data.liveId : '', card: 'card-1' });
      expect(text(comp, '.summary__price >>> .price__value')).toBe('259.00');
      expect(text(comp, '.summary__live-tag')).toBe('直播价');
      await pick(comp, '规格', '50ml');
      expect(text(comp, '.summary__price >>> .price__value')).toBe('419.00');
      expect(comp.querySelector('.summary__live-tag')).toBeUndefined();
      expect(text(comp, '.summary__live--none')).toBe('此规格不参与直播价');
      await pick(comp, '规格', '30ml');
      expect(text(comp, '.summary__price >>> .price__value')).toBe('259.00');
      expect(text(comp, '.summary__price >>> .price__original')).toBe('¥299.00');
      expect(text(comp, '.summary__live-tag')).toBe('直播价');
    });

    it('records the card tap and the product view in one batch', async () => {
      rt.clock.set(DURING_LIVE);
      await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      const calls = mp.callsTo('live', 'track');
      expect(calls.map((c) => c.data)).toEqual([
        {
          batchId: expect.stringMatching(/^r-[a-z0-9-]{6,}$/),
          events: [
            { type: 'card_tap', liveId: 'live-tonight', cardId: 'card-1', at: DURING_LIVE },
            { type: 'product_view', productId: 'p-foundation', liveId: 'live-tonight', at: DURING_LIVE },
          ],
        },
      ]);
      const stats = await rt.as('demo-shopper')<{ cardTaps: number }>('live', 'myStats', { liveId: 'live-tonight' });
      expect(stats.ok && stats.data.cardTaps).toBe(1);
    });

    it('adds to the cart with the card, at the live price, and records the add', async () => {
      rt.clock.set(DURING_LIVE);
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      await pick(comp, '色号', '02 自然色');
      await press(comp, '.actions__add');
      expect(mp.callsTo('mall', 'addToCart').map((c) => c.data)).toEqual([{ skuId: 'p-foundation-2', quantity: 1, liveId: 'live-tonight', cardId: 'card-1' }]);
      const cart = await rt.as('demo-shopper')<{ lines: Array<{ unitPriceFen: number; liveId?: string }> }>('mall', 'getCart', {});
      expect(cart.ok && cart.data.lines.map((l) => [l.unitPriceFen, l.liveId])).toEqual([[12900, 'live-tonight']]);
      expect(mp.callsTo('live', 'track').map((c) => (c.data as { events: unknown[] }).events)).toEqual([
        expect.any(Array),
        [{ type: 'add_to_cart', liveId: 'live-tonight', cardId: 'card-1', at: DURING_LIVE }],
      ]);
    });

    it('shows the regular price before the live, with the live room label', async () => {
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      expect(mp.callsTo('mall', 'getProduct').map((c) => c.data)).toEqual([{ productId: 'p-foundation', liveId: 'live-tonight', cardId: 'card-1' }]);
      expect(page(comp).data.live).toBeNull();
      expect(text(comp, '.summary__price >>> .price__value')).toBe('169.00');
      expect(text(comp, '.summary__price >>> .price__original')).toBe('¥229.00');
      expect(text(comp, '.summary__live')).toBe('直播间');
      expect(comp.querySelector('.summary__countdown')).toBeUndefined();
      // the card's price is what the live will charge, and from when
      expect(text(comp, '.summary__upcoming')).toBe('直播价 ¥129 · 20:00 开播后生效距开播10:00:00');
    });

    it('asks again when the live starts, and shows the live price then', async () => {
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      expect(text(comp, '.summary__price >>> .price__value')).toBe('169.00');
      rt.clock.set(LIVE_START + 1000);
      comp.querySelector('.summary__starts')!.dispatchEvent('finish');
      await mp.settle();
      expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
      expect(comp.querySelector('.summary__upcoming')).toBeUndefined();
      expect(text(comp, '.summary__price >>> .price__value')).toBe('129.00');
      expect(text(comp, '.summary__live-tag')).toBe('直播价');
    });

    it('says nothing of a coming live price without a card, or once the live is on', async () => {
      const plain = await open({ id: 'p-foundation' });
      expect(plain.querySelector('.summary__upcoming')).toBeUndefined();
      rt.clock.set(DURING_LIVE);
      const during = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      expect(during.querySelector('.summary__upcoming')).toBeUndefined();
      expect(text(during, '.summary__live-tag')).toBe('直播价');
    });

    it('returns to the regular price when the live ends, keeping the choice made', async () => {
      rt.clock.set(DURING_LIVE);
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      await pick(comp, '色号', '02 自然色');
      rt.clock.set(LIVE_END + 1000);
      comp.querySelector('.summary__countdown')!.dispatchEvent('finish');
      await mp.settle();
      expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
      expect(page(comp).data.live).toBeNull();
      expect(text(comp, '.summary__price >>> .price__value')).toBe('169.00');
      expect(text(comp, '.summary__price >>> .price__original')).toBe('¥229.00');
      expect(page(comp).data.sku).toEqual({ _id: 'p-foundation-2', priceFen: 16900, stock: 300, perUserLimit: null });
      expect(comp.querySelector('.summary__countdown')).toBeUndefined();
      // the landing was recorded once
      expect(mp.callsTo('live', 'track')).toHaveLength(1);
    });

    it('stops the countdown when the page goes away', async () => {
      rt.clock.set(DURING_LIVE);
      const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
      const countdown = page(comp).selectComponent('.summary__countdown') as unknown as { tid: unknown; counting: boolean };
      expect(countdown.counting).toBe(true);
      const tid = countdown.tid;
      expect(tid).not.toBeNull();
      const clear = jest.spyOn(globalThis, 'clearTimeout');
      unmountAll();
      expect(clear).toHaveBeenCalledWith(tid);
      expect(countdown.tid).toBeNull();
    });
  });

  it('shows not-found for an unknown product', async () => {
    const comp = await open({ id: 'p-nope' });
    expect(text(comp, '.product-page >>> .state__text')).toBe('商品不存在或已下架');
    expect(comp.querySelector('.product-page >>> .state__action')).toBeUndefined();
    expect(comp.querySelectorAll('.spec__value')).toHaveLength(0);
  });

  it('shows not-found for a product taken off sale', async () => {
    await rt.db.collection('products').update({ _id: 'p-powder' }, { $set: { status: 'off_shelf' } });
    const comp = await open({ id: 'p-powder' });
    expect(text(comp, '.product-page >>> .state__text')).toBe('商品不存在或已下架');
  });

  it('shows not-found without calling the backend when the entry has no product id', async () => {
    const comp = await open({ live: 'live-tonight' });
    expect(text(comp, '.product-page >>> .state__text')).toBe('商品不存在或已下架');
    expect(mp.calls).toHaveLength(0);
  });

  it('reads the product from a wxacode scene', async () => {
    const comp = await open({ scene: encodeURIComponent('p=p-brow&l=live-tonight') });
    expect(text(comp, '.summary__title')).toBe('自然眉笔');
    expect(mp.app.globalData.attribution).toEqual({ liveId: 'live-tonight', source: 'organic' });
  });

  it('opens the product a poster scan names (scene c=<code>) and carries the code into the order', async () => {
    const made = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', { productId: 'p-lipstick' });
    if (!made.ok) throw new Error(made.error.code);
    const code = made.data.code;
    const comp = await open({ scene: encodeURIComponent(`c=${code}`) });
    expect(text(comp, '.summary__title')).toBe('丝绒哑光口红');
    expect(mp.callsTo('referral', 'resolveCode').map((c) => c.data)).toEqual([{ code }]);
    await pick(comp, '色号', '#05 豆沙');
    await press(comp, '.actions__buy');
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/checkout/index?items=p-lipstick-2%3A1&share=${code}` }]);
  });

  it('says a poster code is not known rather than that the product is missing', async () => {
    const comp = await open({ scene: 'c%3DUnknown99' });
    expect(text(comp, '.product-page >>> .state__text')).toBe('分享码无效或已失效');
    expect(mp.callsTo('mall', 'getProduct')).toEqual([]);
  });

  it('shows an error with retry when the network fails', async () => {
    mp.intercept('mall', 'getProduct', 'network', 1);
    const comp = await open({ id: 'p-foundation' });
    expect(text(comp, '.product-page >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.product-page >>> .state__action');
    await mp.settle();
    expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
    expect(text(comp, '.summary__title')).toBe('柔雾持妆粉底液');
  });

  describe('到货提醒 on a sold-out SKU', () => {
    // the seed's 奶油腮红 杏色 (p-blush-3) is sold out
    const restockTpl = 'local-tpl-restock';
    const note = (comp: Rendered) => text(comp, '.actions__note');
    const restockButton = (comp: Rendered) => text(comp, '.actions__restock >>> .van-button');

    it('offers 到货提醒 instead of buying; the tap asks the restock consent and records the reminder, then says it is set', async () => {
      const comp = await open({ id: 'p-blush' });
      expect(soldOut(comp, '色号')).toEqual(['杏色']);
      expect(comp.querySelector('.actions__restock')).toBeUndefined();
      await pick(comp, '色号', '杏色');
      expect(comp.querySelector('.actions__buy')).toBeUndefined();
      expect(comp.querySelector('.actions__add')).toBeUndefined();
      expect(restockButton(comp)).toBe('到货提醒');
      expect(note(comp)).toBe('该规格已售罄，可设置到货提醒');

      await press(comp, '.actions__restock');
      expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: [restockTpl] }]);
      expect(mp.callsTo('mall', 'remindRestock').map((c) => c.data)).toEqual([{ skuId: 'p-blush-3', consents: { [restockTpl]: 'accept' } }]);
      expect(mp.of('showToast')).toEqual([{ title: '已设置，到货后微信通知你', icon: 'none' }]);
      expect(restockButton(comp)).toBe('已设置到货提醒');
      expect(note(comp)).toBe('已设置到货提醒，到货后微信通知你');
      expect(await rt.db.collection('restock_subscriptions').get('p-blush-3:demo-shopper')).toMatchObject({ status: 'waiting' });

      // asked already: said, nothing sent
      await press(comp, '.actions__restock');
      expect(mp.of('requestSubscribeMessage')).toHaveLength(1);
      expect(mp.callsTo('mall', 'remindRestock')).toHaveLength(1);
      expect(mp.of('showToast').at(-1)).toEqual({ title: '已设置到货提醒，到货后微信通知你', icon: 'none' });

      // another spec in stock: buying is back
      await pick(comp, '色号', '蜜桃');
      expect(comp.querySelector('.actions__restock')).toBeUndefined();
      expect(find(comp, '.actions__buy')).toHaveLength(1);
      expect(page(comp).data.canBuy).toBe(true);
    });

    it('sends one reminder for taps made while the first is on the way', async () => {
      const comp = await open({ id: 'p-blush' });
      await pick(comp, '色号', '杏色');
      const nodes = comp.querySelectorAll('.actions__restock >>> .van-button');
      nodes[0].dispatchEvent('tap');
      nodes[0].dispatchEvent('tap');
      await mp.settle();
      expect(mp.of('requestSubscribeMessage')).toHaveLength(1);
      expect(mp.callsTo('mall', 'remindRestock')).toHaveLength(1);
    });

    it('says a refused consent means no notice, and still keeps the reminder', async () => {
      mp.subscribeAnswer = 'reject';
      const comp = await open({ id: 'p-blush' });
      await pick(comp, '色号', '杏色');
      await press(comp, '.actions__restock');
      expect(mp.callsTo('mall', 'remindRestock').map((c) => c.data)).toEqual([{ skuId: 'p-blush-3', consents: { [restockTpl]: 'reject' } }]);
      expect(mp.of('showToast')).toEqual([{ title: '已登记，允许订阅消息后才能收到到货通知', icon: 'none' }]);
      expect(restockButton(comp)).toBe('已设置到货提醒');
    });

    it("shows the shopper's own reminder when the page is opened again, and none to another shopper", async () => {
      await rt.as('demo-shopper')('mall', 'remindRestock', { skuId: 'p-blush-3' });
      const mine = await open({ id: 'p-blush', sku: 'p-blush-3' });
      expect(options(mine, '色号').find((o) => o.selected)?.value).toBe('杏色');
      expect(restockButton(mine)).toBe('已设置到货提醒');
      unmountAll();

      mp.storage.set('devOpenid', JSON.stringify('someone-else'));
      const theirs = await open({ id: 'p-blush', sku: 'p-blush-3' });
      expect(mp.callsTo('mall', 'getProduct').at(-1)?.openid).toBe('someone-else');
      expect(restockButton(theirs)).toBe('到货提醒');
    });

    it('a SKU back in stock meanwhile: says so and reads the product again, so it can be bought', async () => {
      const comp = await open({ id: 'p-blush', sku: 'p-blush-3' });
      await setSku('p-blush-3', { stock: 8 });
      await press(comp, '.actions__restock');
      expect(mp.of('showToast')).toEqual([{ title: '该规格有货，可直接购买', icon: 'none' }]);
      expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
      expect(comp.querySelector('.actions__restock')).toBeUndefined();
      expect(page(comp).data.canBuy).toBe(true);
      expect(text(comp, '.specs__hint')).toBe('仅剩 8 件');
    });
  });

  describe('coupon hints (领券)', () => {
    it("shows the rules of the shop coupons that cover the product, those still to claim first, in one call, and opens the product's coupon centre", async () => {
      const comp = await open({ id: 'p-powder' });
      expect(mp.callsTo('coupons', 'listClaimable').map((c) => c.data)).toEqual([{ productId: 'p-powder' }]);
      const hints = texts(comp, '.coupon-hint__rule');
      // 8折 and 满199减30 can be claimed; the related powder coupon the demo shopper already holds comes last
      expect([...hints.slice(0, 2)].sort()).toEqual(['8折，最高减¥30.00', '满¥199.00减¥30.00'].sort());
      expect(hints[2]).toBe('回购8折');
      await tap(comp, '.coupon-hint');
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/coupon-center/index?product=p-powder' }]);
    });

    it('leaves the row out when no coupon covers the product, or the coupons cannot be read', async () => {
      mp.intercept('coupons', 'listClaimable', { ok: true, data: { items: [], welcome: null } }, 1);
      const none = await open({ id: 'p-powder' });
      expect(none.querySelectorAll('.coupon-hint')).toHaveLength(0);
      unmountAll();
      mp.intercept('coupons', 'listClaimable', 'network', 1);
      const failed = await open({ id: 'p-powder' });
      expect(failed.querySelectorAll('.coupon-hint')).toHaveLength(0);
      expect(text(failed, '.summary__title')).toBe('轻盈定妆散粉');
    });

    it('leaves out coupons sold out, and reads the hints once however often the product is read', async () => {
      await rt.db.collection('coupon_templates').update({ _id: 'tpl-20-off' }, { $set: { issued: 500 } });
      const comp = await open({ id: 'p-powder' });
      expect(texts(comp, '.coupon-hint__rule')).toEqual(['满¥199.00减¥30.00', '回购8折']);
      await (page(comp).load as () => Promise<void>)();
      await mp.settle();
      expect(mp.callsTo('mall', 'getProduct')).toHaveLength(2);
      expect(mp.callsTo('coupons', 'listClaimable')).toHaveLength(1);
    });
  });
});
