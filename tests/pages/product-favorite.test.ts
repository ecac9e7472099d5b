import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { PendingCalls } from './helpers/pending';
import { load, mount, page, text, type Rendered } from './helpers/render';
import { mp, type Reply } from './helpers/wx';

describe('product page 收藏', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/product/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(productId: string, openid = 'demo-shopper') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({ id: productId });
    await mp.settle();
    return comp;
  }

  const star = (comp: Rendered) => ({
    text: text(comp, '.actions__favorite >>> .text-class'),
    icon: comp.querySelector('.actions__favorite >>> .van-icon')?.dom?.getAttribute('class')?.includes('van-icon-star-o') ? 'star-o' : 'star',
  });
  async function pressStar(comp: Rendered) {
    const nodes = comp.querySelectorAll('.actions__favorite >>> .van-button');
    if (nodes.length !== 1) throw new Error(`${nodes.length} buttons`);
    nodes[0].dispatchEvent('tap');
    await mp.settle();
  }
  const kept = (openid = 'demo-shopper', productId = 'p-foundation') => rt.db.collection('favorites').count({ userId: openid, productId });

  it('shows the star lit for a product the shopper keeps, and plain for one they do not', async () => {
    expect(star(await open('p-serum'))).toEqual({ text: '已收藏', icon: 'star' });
    expect(star(await open('p-foundation'))).toEqual({ text: '收藏', icon: 'star-o' });
  });

  it('a tap keeps the product, a second takes it off, each saying so', async () => {
    const comp = await open('p-foundation');
    await pressStar(comp);
    expect(mp.callsTo('mall', 'favorite').map((c) => c.data)).toEqual([{ productId: 'p-foundation', on: true }]);
    expect(star(comp)).toEqual({ text: '已收藏', icon: 'star' });
    expect(mp.of('showToast').at(-1)).toEqual({ title: '收藏成功', icon: 'success' });
    expect(await kept()).toBe(1);

    await pressStar(comp);
    expect(mp.callsTo('mall', 'favorite').map((c) => c.data)).toEqual([
      { productId: 'p-foundation', on: true },
      { productId: 'p-foundation', on: false },
    ]);
    expect(star(comp)).toEqual({ text: '收藏', icon: 'star-o' });
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已取消收藏', icon: 'none' });
    expect(await kept()).toBe(0);
  });

  it('lights the star at once, ignores taps while the call is on its way, and turns it back when refused', async () => {
    const pending = new PendingCalls<unknown, Reply>();
    mp.intercept('mall', 'favorite', (call) => pending.call(call.data), 1);
    const comp = await open('p-foundation');
    const nodes = comp.querySelectorAll('.actions__favorite >>> .van-button');
    nodes[0].dispatchEvent('tap');
    nodes[0].dispatchEvent('tap');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(star(comp)).toEqual({ text: '已收藏', icon: 'star' });
    expect(pending.asked).toEqual([{ productId: 'p-foundation', on: true }]);
    await pending.answer(0, { ok: false, error: { code: 'PRODUCT_NOT_FOUND', message: 'gone' } });
    await mp.settle();
    expect(star(comp)).toEqual({ text: '收藏', icon: 'star-o' });
    expect(mp.of('showToast').at(-1)).toEqual({ title: expect.any(String), icon: 'none' });
    expect(mp.callsTo('mall', 'favorite')).toHaveLength(1);
  });

  it('a reload that began before the tap answered does not put the star back', async () => {
    const comp = await open('p-foundation');
    const reads = new PendingCalls<unknown, Reply>();
    mp.intercept('mall', 'getProduct', (call) => reads.call(call.data), 1);
    page(comp).onShow(); // back on screen: the product is read again
    await new Promise((resolve) => setTimeout(resolve, 0));
    comp.querySelectorAll('.actions__favorite >>> .van-button')[0].dispatchEvent('tap');
    // the tap's call answers while the read is still on its way
    for (let i = 0; i < 50 && mp.of('showToast').length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(mp.of('showToast').at(-1)).toEqual({ title: '收藏成功', icon: 'success' });
    // the read made before the tap says what the server had then
    const before = await rt.as('other')('mall', 'getProduct', { productId: 'p-foundation' });
    await reads.answer(0, before as Reply);
    await mp.settle();
    expect(star(comp)).toEqual({ text: '已收藏', icon: 'star' });
    // a read made after it says what the server has now
    page(comp).onShow();
    await mp.settle();
    expect(star(comp)).toEqual({ text: '已收藏', icon: 'star' });
    expect(await kept()).toBe(1);
  });
});
