import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const PENDING = 'pendingCheckout';

/** The spec values of one group as the shopper sees them. */
function options(comp: Rendered, group: string) {
  return find(comp, '.spec__value', { 'data-group': group }).map((node) => ({
    value: (node.dom?.textContent ?? '').trim(),
    selected: hasClass(node, 'spec__value--selected'),
    disabled: hasClass(node, 'spec__value--disabled'),
  }));
}

const pick = (comp: Rendered, group: string, value: string) => tap(comp, '.spec__value', { 'data-group': group, 'data-value': value });

const stored = () => (mp.storage.has(PENDING) ? JSON.parse(mp.storage.get(PENDING)!) : undefined);

describe('product page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/product/index');
  });
  beforeEach(async () => {
    mp.reset();
    jest.spyOn(Date, 'now').mockReturnValue(T0);
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.restoreAllMocks();
    await rt.close();
  });

  async function open(options: Record<string, string>) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  const setSku = (skuId: string, set: Record<string, unknown>) => rt.db.collection('skus').update({ _id: skuId }, { $set: set });

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

  it('keeps both buttons disabled until a SKU is chosen, and writes nothing when tapped', async () => {
    const comp = await open({ id: 'p-foundation' });
    expect(hasClass(find(comp, '.actions__buy')[0], 'btn-disabled')).toBe(true);
    expect(hasClass(find(comp, '.actions__add')[0], 'btn-disabled')).toBe(true);
    expect(text(comp, '.actions__note')).toBe('请选择 色号');
    await tap(comp, '.actions__buy');
    await tap(comp, '.actions__add');
    expect(page(comp).buyNow()).toBe(false);
    expect(stored()).toBeUndefined();
    expect(mp.of('switchTab')).toEqual([]);
    expect(mp.of('showToast')).toEqual([
      { title: '请选择 色号', icon: 'none' },
      { title: '请选择 色号', icon: 'none' },
    ]);
  });

  it('shows the chosen SKU price and stock, and clears a value on a second tap', async () => {
    const comp = await open({ id: 'p-serum' });
    await pick(comp, '规格', '50ml');
    expect(page(comp).data.sku).toEqual({ _id: 'p-serum-2', priceFen: 41900, stock: 200 });
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

  it('disables combinations that do not exist or have no stock, and ignores taps on them', async () => {
    // (02, 一壳两芯) sold out; (03, 单芯) taken off sale
    await setSku('p-cushion-4', { stock: 0 });
    await setSku('p-cushion-5', { status: 'off_shelf' });
    const comp = await open({ id: 'p-cushion' });
    expect(options(comp, '色号').map((o) => o.disabled)).toEqual([false, false, false]);
    expect(options(comp, '规格').map((o) => o.disabled)).toEqual([false, false]);

    await pick(comp, '色号', '02 自然色');
    expect(options(comp, '规格')).toEqual([
      { value: '单芯', selected: false, disabled: false },
      { value: '一壳两芯', selected: false, disabled: true },
    ]);
    await pick(comp, '规格', '一壳两芯');
    expect(page(comp).data.sku).toBeNull();
    expect(options(comp, '规格').map((o) => o.selected)).toEqual([false, false]);

    await pick(comp, '色号', '03 小麦色');
    expect(options(comp, '规格').map((o) => o.disabled)).toEqual([true, false]);

    await pick(comp, '色号', '03 小麦色');
    await pick(comp, '规格', '单芯');
    expect(options(comp, '色号').map((o) => o.disabled)).toEqual([false, false, true]);
    await pick(comp, '色号', '01 象牙白');
    expect(page(comp).data.sku).toEqual({ _id: 'p-cushion-1', priceFen: 15900, stock: 250 });
  });

  it('marks a product with no stock left as sold out, with nothing to choose', async () => {
    await rt.db.collection('skus').update({ productId: 'p-mascara' }, { $set: { stock: 0 } });
    const comp = await open({ id: 'p-mascara' });
    expect(options(comp, '颜色').map((o) => o.disabled)).toEqual([true, true]);
    expect(text(comp, '.specs__hint')).toBe('已售罄');
    await pick(comp, '颜色', '黑色');
    expect(page(comp).data.canBuy).toBe(false);
  });

  it('bounds the quantity by the chosen SKU stock and reports both limits', async () => {
    await setSku('p-foundation-2', { stock: 2 });
    const comp = await open({ id: 'p-foundation' });
    // no SKU yet: the stepper is disabled
    await tap(comp, '.quantity__stepper >>> .stepper__plus');
    expect(page(comp).data.quantity).toBe(1);

    await pick(comp, '色号', '02 自然色');
    expect(text(comp, '.specs__hint')).toBe('仅剩 2 件');
    await tap(comp, '.quantity__stepper >>> .stepper__plus');
    expect(page(comp).data.quantity).toBe(2);
    expect(text(comp, '.quantity__stepper >>> .stepper__value')).toBe('2');
    await tap(comp, '.quantity__stepper >>> .stepper__plus');
    expect(page(comp).data.quantity).toBe(2);
    expect(mp.of('showToast')).toEqual([{ title: '最多购买 2 件', icon: 'none' }]);

    await tap(comp, '.quantity__stepper >>> .stepper__minus');
    await tap(comp, '.quantity__stepper >>> .stepper__minus');
    expect(page(comp).data.quantity).toBe(1);
    expect(mp.of('showToast')).toEqual([
      { title: '最多购买 2 件', icon: 'none' },
      { title: '至少购买 1 件', icon: 'none' },
    ]);
  });

  it('clamps the quantity when a SKU with less stock is chosen', async () => {
    await setSku('p-foundation-3', { stock: 3 });
    const comp = await open({ id: 'p-foundation' });
    await pick(comp, '色号', '01 象牙白');
    for (let i = 0; i < 4; i++) await tap(comp, '.quantity__stepper >>> .stepper__plus');
    expect(page(comp).data.quantity).toBe(5);
    await pick(comp, '色号', '03 小麦色');
    expect(page(comp).data.quantity).toBe(3);
    expect(page(comp).data.maxQuantity).toBe(3);
  });

  it('buy now keeps the selection with the live attribution and opens the cart', async () => {
    const comp = await open({ id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
    expect(text(comp, '.summary__live')).toBe('直播间');
    await pick(comp, '色号', '02 自然色');
    await tap(comp, '.quantity__stepper >>> .stepper__plus');
    await tap(comp, '.actions__buy');
    const attribution = { liveId: 'live-tonight', cardId: 'card-1', source: 'live_card' };
    expect(stored()).toEqual([
      {
        skuId: 'p-foundation-2',
        productId: 'p-foundation',
        quantity: 2,
        attribution,
        title: '柔雾持妆粉底液',
        image: '/assets/p/p-foundation.svg',
        specText: '02 自然色 / 30ml',
        priceFen: 16900,
      },
    ]);
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/cart/index' }]);
    expect(mp.app.globalData.attribution).toEqual(attribution);
  });

  it('buy now on an organic visit carries the session attribution captured earlier', async () => {
    mp.app.globalData.attribution = { inviteCode: 'AbC123', source: 'invite' };
    const comp = await open({ id: 'p-lipstick' });
    await pick(comp, '色号', '#05 豆沙');
    expect(page(comp).buyNow()).toBe(true);
    expect(stored()[0].attribution).toEqual({ inviteCode: 'AbC123', source: 'invite' });
  });

  it('add to cart adds up the same SKU and stays on the page', async () => {
    const comp = await open({ id: 'p-lipstick' });
    await pick(comp, '色号', '#01 正红');
    await tap(comp, '.actions__add');
    await tap(comp, '.actions__add');
    expect(stored()).toEqual([expect.objectContaining({ skuId: 'p-lipstick-1', quantity: 2, attribution: { source: 'organic' } })]);
    expect(mp.of('showToast')).toEqual([
      { title: '已加入购物车', icon: 'success' },
      { title: '已加入购物车', icon: 'success' },
    ]);
    expect(mp.of('switchTab')).toEqual([]);
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
    expect(mp.app.globalData.attribution).toEqual({ liveId: 'live-tonight', source: 'live_card' });
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
});
