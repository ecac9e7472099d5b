import type { PendingSelection } from '../../miniprogram/utils/pending-checkout';
import { find, load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp } from './helpers/wx';

const line = (skuId: string, quantity: number, priceFen: number, over: Partial<PendingSelection> = {}): PendingSelection => ({
  skuId,
  productId: skuId.replace(/-\d+$/, ''),
  quantity,
  attribution: { source: 'organic' },
  title: `商品 ${skuId}`,
  image: `/assets/p/${skuId}.svg`,
  specText: '规格',
  priceFen,
  ...over,
});

describe('cart page (pending selections on this device)', () => {
  let id: string;
  beforeAll(() => {
    id = load('pages/cart/index');
  });
  beforeEach(() => mp.reset());
  afterEach(unmountAll);

  const open = () => {
    const comp = mount(id);
    page(comp).onShow();
    return comp;
  };

  it('shows the empty state with a way back to shopping', async () => {
    const comp = open();
    expect(text(comp, '.cart >>> .state__text')).toBe('购物车还是空的');
    await tap(comp, '.cart >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('lists the pending selections with subtotal, count and total in yuan', () => {
    mp.storage.set(
      'pendingCheckout',
      JSON.stringify([
        line('p-foundation-2', 2, 16900, { attribution: { liveId: 'live-tonight', cardId: 'card-1', source: 'live_card' } }),
        line('p-brow-1', 1, 4900),
      ]),
    );
    const comp = open();
    expect(texts(comp, '.line__title')).toEqual(['商品 p-foundation-2', '商品 p-brow-1']);
    expect(texts(comp, '.line__qty')).toEqual(['× 2', '× 1']);
    expect(texts(comp, '.line__foot >>> .price__value')).toEqual(['169.00', '49.00']);
    expect(texts(comp, '.line__live')).toEqual(['直播间']);
    expect(text(comp, '.summary__count')).toBe('共 3 件');
    expect(text(comp, '.summary >>> .price__value')).toBe('387.00');
    expect((page(comp).data.lines as Array<{ image: string }>)[0].image).toBe('http://127.0.0.1:8787/assets/p/p-foundation-2.svg');
  });

  it('removes a line, and shows empty after the last', async () => {
    mp.storage.set('pendingCheckout', JSON.stringify([line('a-1', 1, 100), line('b-1', 1, 200)]));
    const comp = open();
    await tap(comp, '.line__remove', { 'data-sku': 'a-1' });
    expect(texts(comp, '.line__title')).toEqual(['商品 b-1']);
    expect(JSON.parse(mp.storage.get('pendingCheckout')!)).toEqual([line('b-1', 1, 200)]);
    await tap(comp, '.line__remove', { 'data-sku': 'b-1' });
    expect(text(comp, '.cart >>> .state__text')).toBe('购物车还是空的');
  });

  it('picks up selections made elsewhere when shown again, without resending unchanged data', () => {
    const comp = open();
    mp.storage.set('pendingCheckout', JSON.stringify([line('a-1', 1, 100)]));
    const setData = jest.spyOn(comp.instance, 'setData');
    page(comp).onShow();
    expect(texts(comp, '.line__title')).toEqual(['商品 a-1']);
    page(comp).onShow();
    expect(setData).toHaveBeenCalledTimes(1);
  });

  it('drops malformed stored lines', () => {
    mp.storage.set('pendingCheckout', JSON.stringify([{ skuId: 'x' }, line('ok-1', 1, 100), 'junk']));
    const comp = open();
    expect(texts(comp, '.line__title')).toEqual(['商品 ok-1']);
  });

  it('opens the product of a line', async () => {
    mp.storage.set('pendingCheckout', JSON.stringify([line('p-brow-1', 1, 4900)]));
    const comp = open();
    await tap(comp, '.line__body', { 'data-id': 'p-brow' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-brow' }]);
    expect(find(comp, '.line__remove')).toHaveLength(1);
  });
});
