import { DAY, HOUR } from '../../cloudfunctions/core/kernel/time';
import { historyRow } from '../../miniprogram/pages/history/utils';
import { T0, type TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach, openPage } from './helpers/fresh-runtime';
import { load, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { mp } from './helpers/wx';

describe('浏览足迹 page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/history/index');
  });
  freshRuntimeEach((r) => (rt = r));

  const open = (openid = 'demo-shopper') => openPage(id, openid);
  /** The headings and rows as the shopper reads them, top to bottom. */
  const lines = (comp: Rendered) =>
    comp.querySelectorAll('.day, .visit >>> .shelf__title').map((n) => (n.dom?.textContent ?? '').trim());
  let batch = 0;
  const view = (openid: string, productId: string) =>
    rt.as(openid)('live', 'track', { batchId: `page-view-${++batch}`, events: [{ type: 'product_view', productId, at: rt.clock.now() }] });

  it('groups the views under 今天, 昨天 and the date, in China time, last viewed first', async () => {
    // the seed's 10:00 Shanghai: two views this morning, two last night, one three days ago
    const comp = await open();
    expect(mp.callsTo('mall', 'listHistory').map((c) => c.data)).toEqual([{ page: 1 }]);
    expect(lines(comp)).toEqual(['今天', '柔雾持妆粉底液', '丝绒哑光口红', '昨天', '水光气垫霜', '轻盈定妆散粉', '11月21日', '补水面膜']);
    expect(text(comp, '.toolbar')).toBe('仅保留最近 100 件商品的浏览记录清空');
  });

  it('puts a view just after midnight in Shanghai under 今天 and one just before under 昨天', () => {
    const midnight = T0 - 10 * HOUR; // 00:00 on the seed's day, Shanghai
    const item = (viewedAt: number) => ({ productId: 'p', title: 't', image: '', priceFen: 1, stock: 1, onSale: true, viewedAt });
    expect(historyRow(item(midnight + 1000), T0)).toMatchObject({ day: '2026-11-24', dayLabel: '今天' });
    expect(historyRow(item(midnight - 1000), T0)).toMatchObject({ day: '2026-11-23', dayLabel: '昨天' });
    expect(historyRow(item(T0 - 400 * DAY), T0)).toMatchObject({ dayLabel: '2025年10月20日' });
  });

  it('a product viewed again moves to the top of today', async () => {
    rt.clock.advance(HOUR);
    await view('demo-shopper', 'p-mask');
    const comp = await open();
    expect(lines(comp)).toEqual(['今天', '补水面膜', '柔雾持妆粉底液', '丝绒哑光口红', '昨天', '水光气垫霜', '轻盈定妆散粉']);
  });

  it('opens a product on sale; one taken off sale is marked and says so', async () => {
    await rt.db.collection('products').update({ _id: 'p-lipstick' }, { $set: { status: 'off_shelf' } });
    const comp = await open();
    expect(texts(comp, '.visit >>> .shelf__mark')).toEqual(['已下架']);
    const mains = comp.querySelectorAll('.visit >>> .shelf__main');
    mains[0].dispatchEvent('tap');
    mains[1].dispatchEvent('tap');
    await tick();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-foundation' }]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '该商品已下架', icon: 'none' });
  });

  it('clears everything only once the shopper confirms, then shows the empty state', async () => {
    const comp = await open();
    mp.answer('showModal', { confirm: false });
    await tap(comp, '.toolbar__clear');
    await mp.settle();
    expect(mp.of('showModal').at(-1)).toMatchObject({ title: '清空足迹', confirmText: '清空' });
    expect(mp.callsTo('mall', 'clearHistory')).toEqual([]);
    expect(lines(comp)).toHaveLength(8);

    mp.answer('showModal', { confirm: true });
    await tap(comp, '.toolbar__clear');
    await mp.settle();
    expect(mp.callsTo('mall', 'clearHistory')).toHaveLength(1);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '足迹已清空', icon: 'none' });
    expect(text(comp, '.history__empty >>> .state__text')).toBe('还没有浏览足迹');
    expect(await rt.db.collection('browse_history').count({ userId: 'demo-shopper' })).toBe(0);
  });

  it('keeps the list and says why when clearing fails', async () => {
    mp.intercept('mall', 'clearHistory', 'network', 1);
    const comp = await open();
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.toolbar__clear');
    await mp.settle();
    expect(mp.of('showToast').at(-1)).toEqual({ title: '网络不给力，请检查网络后重试', icon: 'none' });
    expect(lines(comp)).toHaveLength(8);
  });

  it('shows only the caller’s own views', async () => {
    await view('someone', 'p-serum');
    const comp = await open('someone');
    expect(lines(comp)).toEqual(['今天', '修护精华液']);
  });

  it('a shopper who has viewed nothing sees the empty state and a way to the shop', async () => {
    const comp = await open('fresh-shopper');
    expect(text(comp, '.history__empty >>> .state__text')).toBe('还没有浏览足迹');
    await tap(comp, '.history__empty >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('shows the error with retry when the list cannot be read', async () => {
    mp.intercept('mall', 'listHistory', 'network', 1);
    const comp = await open();
    expect(text(comp, '.history >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.history >>> .state__action');
    await mp.settle();
    expect(lines(comp)).toHaveLength(8);
  });

  it('keeps one heading for a day that goes on onto the next page', async () => {
    for (const productId of ['p-serum', 'p-cream', 'p-toner', 'p-cleanser', 'p-sunscreen', 'p-eyecream', 'p-essence', 'p-perfume-rose', 'p-perfume-wood', 'p-candle', 'p-diffuser', 'p-shampoo', 'p-conditioner', 'p-bodywash', 'p-handcream', 'p-lipbalm', 'p-sponge', 'p-brushset']) {
      rt.clock.advance(5000);
      await view('demo-shopper', productId);
    }
    const comp = await open();
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listHistory').at(-1)?.data).toEqual({ page: 2 });
    const shown = lines(comp);
    expect(shown.filter((l) => l === '今天')).toHaveLength(1);
    expect(shown.filter((l) => !['今天', '昨天', '11月21日'].includes(l))).toHaveLength(23);
  });
});
