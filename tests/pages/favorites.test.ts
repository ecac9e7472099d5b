import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach, openPage } from './helpers/fresh-runtime';
import { PendingCalls } from './helpers/pending';
import { hasClass, load, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { mp, type Reply } from './helpers/wx';

describe('我的收藏 page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/favorites/index');
  });
  freshRuntimeEach((r) => (rt = r));

  const open = (openid = 'demo-shopper') => openPage(id, openid);
  const favorite = (openid: string, productId: string) => rt.as(openid)('mall', 'favorite', { productId, on: true });
  const rows = (comp: Rendered) => texts(comp, '.favorite >>> .shelf__title');

  it('lists the shopper’s own kept products, last kept first, with their prices', async () => {
    await favorite('someone-else', 'p-lipstick');
    const comp = await open();
    expect(mp.callsTo('mall', 'listFavorites').map((c) => [c.data, c.openid])).toEqual([[{ page: 1 }, 'demo-shopper']]);
    expect(rows(comp)).toEqual(['保湿面霜', '玫瑰淡香水', '修护精华液']);
    expect(texts(comp, '.favorite >>> .price__value')).toEqual(['259.00', '399.00', '299.00']);
    expect(texts(comp, '.favorite >>> .shelf__mark')).toEqual([]);
  });

  it('marks a product taken off sale 已下架 without a price, and a sold-out one 已售罄', async () => {
    await rt.db.collection('products').update({ _id: 'p-perfume-rose' }, { $set: { status: 'off_shelf' } });
    await rt.db.collection('skus').update({ productId: 'p-cream' }, { $set: { stock: 0 } });
    const comp = await open();
    expect(texts(comp, '.favorite >>> .shelf__mark')).toEqual(['已售罄', '已下架']);
    const off = comp.querySelectorAll('.favorite >>> .shelf')[1];
    expect(hasClass(off, 'shelf--off')).toBe(true);
    expect(texts(comp, '.favorite >>> .shelf__off')).toEqual(['商品已下架']);
    expect(texts(comp, '.favorite >>> .price__value')).toEqual(['259.00', '299.00']);
  });

  it('opens a product on sale, and says an off-sale one is no longer sold', async () => {
    await rt.db.collection('products').update({ _id: 'p-perfume-rose' }, { $set: { status: 'off_shelf' } });
    const comp = await open();
    const mains = comp.querySelectorAll('.favorite >>> .shelf__main');
    mains[0].dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-cream' }]);
    mains[1].dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toHaveLength(1);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '该商品已下架', icon: 'none' });
  });

  it('取消收藏 takes one off on the server and reads the list again', async () => {
    const comp = await open();
    await tap(comp, '.favorite__remove', { 'data-id': 'p-perfume-rose' });
    await mp.settle();
    expect(mp.callsTo('mall', 'favorite').map((c) => c.data)).toEqual([{ productId: 'p-perfume-rose', on: false }]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已取消收藏', icon: 'none' });
    expect(rows(comp)).toEqual(['保湿面霜', '修护精华液']);
    expect(await rt.db.collection('favorites').count({ userId: 'demo-shopper' })).toBe(2);
  });

  it('sends one removal for taps made while the first is on its way', async () => {
    const pending = new PendingCalls<unknown, Reply>();
    mp.intercept('mall', 'favorite', (call) => pending.call(call.data), 1);
    const comp = await open();
    await tap(comp, '.favorite__remove', { 'data-id': 'p-serum' });
    await tap(comp, '.favorite__remove', { 'data-id': 'p-serum' });
    expect(pending.asked).toEqual([{ productId: 'p-serum', on: false }]);
    await pending.answer(0, { ok: true, data: { productId: 'p-serum', favorited: false } });
    await mp.settle();
    expect(mp.callsTo('mall', 'favorite')).toHaveLength(1);
  });

  it('keeps the list and says why when a removal fails', async () => {
    mp.intercept('mall', 'favorite', 'network', 1);
    const comp = await open();
    await tap(comp, '.favorite__remove', { 'data-id': 'p-serum' });
    await mp.settle();
    expect(mp.of('showToast').at(-1)).toEqual({ title: '网络不给力，请检查网络后重试', icon: 'none' });
    expect(rows(comp)).toEqual(['保湿面霜', '玫瑰淡香水', '修护精华液']);
  });

  it('a shopper with nothing kept sees the empty state and a way to the shop', async () => {
    const comp = await open('fresh-shopper');
    expect(text(comp, '.favorites__empty >>> .state__text')).toBe('还没有收藏的商品');
    await tap(comp, '.favorites__empty >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('shows the error with retry when the list cannot be read', async () => {
    mp.intercept('mall', 'listFavorites', 'network', 1);
    const comp = await open();
    expect(text(comp, '.favorites >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.favorites >>> .state__action');
    await mp.settle();
    expect(rows(comp)).toHaveLength(3);
  });

  it('reads the list again when the shopper comes back from a product where 收藏 was turned off', async () => {
    const comp = await open();
    await rt.as('demo-shopper')('mall', 'favorite', { productId: 'p-cream', on: false });
    page(comp).onShow();
    await mp.settle();
    expect(rows(comp)).toEqual(['玫瑰淡香水', '修护精华液']);
  });

  it('pages 20 at a time and lists each product once', async () => {
    const ids = ['p-foundation', 'p-powder', 'p-lipstick', 'p-cushion', 'p-eyeshadow', 'p-mascara', 'p-brow', 'p-blush', 'p-toner', 'p-cleanser', 'p-sunscreen', 'p-mask', 'p-eyecream', 'p-essence', 'p-perfume-wood', 'p-candle', 'p-diffuser', 'p-shampoo', 'p-conditioner', 'p-bodywash'];
    for (const productId of ids) {
      rt.clock.advance(1000);
      await favorite('demo-shopper', productId);
    }
    const comp = await open();
    expect(rows(comp)).toHaveLength(20);
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listFavorites').at(-1)?.data).toEqual({ page: 2 });
    expect(rows(comp)).toHaveLength(23);
    expect(new Set(rows(comp)).size).toBe(23);
    expect(text(comp, '.more')).toBe('没有更多了');
  });
});
