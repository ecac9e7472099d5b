import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

/** Best sellers first, as the kernel orders them. */
async function expectedTitles(rt: TestRuntime, query: Record<string, unknown>): Promise<string[]> {
  const r = await rt.as('demo-shopper')<{ items: Array<{ title: string }> }>('mall', 'listProducts', query);
  if (!r.ok) throw new Error(r.error.code);
  return r.data.items.map((i) => i.title);
}

describe('home page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/home/index');
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

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it('shows a loading state until the first answers arrive', async () => {
    const comp = mount(id);
    page(comp).onLoad({});
    expect(text(comp, '.home >>> .state__text')).toBe('加载中…');
    await mp.settle();
    expect(comp.querySelector('.home >>> .state--loading')).toBeUndefined();
  });

  it('renders the seeded banners, live entry, categories and first page of products', async () => {
    const comp = await open();
    expect(comp.querySelectorAll('.banner')).toHaveLength(2);
    expect(text(comp, '.home__live >>> .live__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
    expect(text(comp, '.home__live >>> .live__badge')).toBe('预告');
    expect(text(comp, '.home__live >>> .live__start')).toBe('今天 20:00 开播');
    expect(texts(comp, '.category__name')).toEqual(['全部', '护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);
    expect(texts(comp, '.grid__cell >>> .card__title')).toEqual(await expectedTitles(rt, { page: 1, pageSize: 10 }));
    // prices as yuan with two decimals: the best seller is the 29-yuan sponge
    expect(texts(comp, '.grid__cell >>> .price__value')[0]).toBe('29.00');
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(1);
    expect(mp.callsTo('mall', 'listProducts').map((c) => c.data)).toEqual([{ page: 1, pageSize: 10 }]);
  });

  it('calls the local runtime over HTTP as the dev identity', async () => {
    await open();
    const [first] = mp.calls;
    expect(first.transport).toBe('request');
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/api\/mall$/);
    expect(first.openid).toBe('demo-shopper');
  });

  it('loads the next page on reaching the bottom, until every product is shown', async () => {
    const comp = await open();
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts').map((c) => c.data)).toEqual([
      { page: 1, pageSize: 10 },
      { page: 2, pageSize: 10 },
    ]);
    expect(texts(comp, '.grid__cell >>> .card__title')).toEqual(await expectedTitles(rt, { page: 1, pageSize: 20 }));

    page(comp).onReachBottom();
    await mp.settle();
    page(comp).onReachBottom();
    await mp.settle();
    const all = await expectedTitles(rt, { page: 1, pageSize: 50 });
    expect(texts(comp, '.grid__cell >>> .card__title')).toEqual(all);
    expect(text(comp, '.more')).toBe('没有更多了');

    // nothing left: no further request
    const before = mp.callsTo('mall', 'listProducts').length;
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(before);
  });

  it('sends one request when the bottom is reached twice before the answer', async () => {
    const comp = await open();
    page(comp).onReachBottom();
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(2);
    expect(texts(comp, '.grid__cell >>> .card__title')).toHaveLength(20);
  });

  it('filters by a tapped category from page 1, and ignores a tap on the active one', async () => {
    const comp = await open();
    await tap(comp, '.category', { 'data-id': 'cat-fragrance' });
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts').at(-1)!.data).toEqual({ categoryId: 'cat-fragrance', page: 1, pageSize: 10 });
    expect(texts(comp, '.grid__cell >>> .card__title')).toEqual(await expectedTitles(rt, { categoryId: 'cat-fragrance' }));
    expect(text(comp, '.category--active')).toBe('香氛');
    expect(text(comp, '.more')).toBe('没有更多了');

    await tap(comp, '.category', { 'data-id': 'cat-fragrance' });
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(2);
  });

  it('drops a slow answer for a category the shopper already left', async () => {
    const comp = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    mp.intercept(
      'mall',
      'listProducts',
      async () => {
        await gate;
        return { ok: true, data: { items: [], total: 0 } };
      },
      1,
    );
    await tap(comp, '.category', { 'data-id': 'cat-gift' });
    await tap(comp, '.category', { 'data-id': 'cat-tools' });
    await new Promise((r) => setTimeout(r, 5));
    release();
    await mp.settle();
    expect(text(comp, '.category--active')).toBe('美妆工具');
    expect(texts(comp, '.grid__cell >>> .card__title')).toEqual(await expectedTitles(rt, { categoryId: 'cat-tools' }));
  });

  it('shows the empty state when the backend returns no products', async () => {
    mp.intercept('mall', 'listProducts', { ok: true, data: { items: [], total: 0 } });
    const comp = await open();
    expect(text(comp, '.grid-wrap >>> .state--empty .state__text')).toBe('暂无商品');
    expect(comp.querySelectorAll('.grid__cell')).toHaveLength(0);
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(1);
  });

  it('shows the error state when the network fails, and recovers on retry', async () => {
    mp.intercept('mall', 'getHome', 'network', 1);
    mp.intercept('mall', 'listProducts', 'network', 1);
    const comp = await open();
    expect(text(comp, '.home >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    expect(comp.querySelectorAll('.grid__cell')).toHaveLength(0);

    await tap(comp, '.home >>> .state__action');
    await mp.settle();
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(2);
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(2);
    expect(texts(comp, '.grid__cell >>> .card__title')).toHaveLength(10);
  });

  it('shows a server failure as an error with the retry button', async () => {
    mp.intercept('mall', 'getHome', { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong, please try again' } }, 1);
    const comp = await open();
    expect(text(comp, '.home >>> .state__text')).toBe('服务开小差了，请稍后重试');
    expect(text(comp, '.home >>> .state__action')).toBe('重试');
  });

  it('offers a retry when a further page fails, without losing the shown products', async () => {
    const comp = await open();
    mp.intercept('mall', 'listProducts', 'network', 1);
    page(comp).onReachBottom();
    await mp.settle();
    expect(text(comp, '.more')).toBe('加载失败，点击重试');
    expect(texts(comp, '.grid__cell >>> .card__title')).toHaveLength(10);
    await tap(comp, '.more__retry');
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts').map((c) => c.data)).toEqual([
      { page: 1, pageSize: 10 },
      { page: 2, pageSize: 10 },
      { page: 2, pageSize: 10 },
    ]);
    expect(texts(comp, '.grid__cell >>> .card__title')).toHaveLength(20);
  });

  it('refreshes on pull-down and stops the refresh indicator once', async () => {
    const comp = await open();
    page(comp).onReachBottom();
    await mp.settle();
    page(comp).onPullDownRefresh();
    await mp.settle();
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(2);
    expect(mp.callsTo('mall', 'listProducts').at(-1)!.data).toEqual({ page: 1, pageSize: 10 });
    expect(texts(comp, '.grid__cell >>> .card__title')).toHaveLength(10);
    expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
  });

  it('keeps the page on a failed refresh and says why', async () => {
    const comp = await open();
    mp.intercept('mall', 'getHome', 'network', 1);
    page(comp).onPullDownRefresh();
    await mp.settle();
    expect(comp.querySelectorAll('.banner')).toHaveLength(2);
    expect(text(comp, '.home__live >>> .live__badge')).toBe('预告');
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
  });

  it("refreshes the live entry when its countdown reaches the start", async () => {
    const comp = await open();
    rt.clock.set(T0 + 10 * 3600_000);
    page(comp).onLiveStarted();
    await mp.settle();
    expect(text(comp, '.home__live >>> .live__badge')).toBe('直播中');
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(2);
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(1);
  });

  it('sends only what changed when a refresh brings the same home', async () => {
    const comp = await open();
    const setData = jest.spyOn(comp.instance, 'setData');
    await (page(comp).loadHome() as Promise<void>);
    expect(setData).not.toHaveBeenCalled();
  });

  it('opens the product, the live tab, a banner path and the coupon centre', async () => {
    const comp = await open();
    const first = (await expectedTitles(rt, { page: 1, pageSize: 1 }))[0];
    expect(first).toBe('美妆蛋');
    await tap(comp, '.grid__cell >>> .card', { 'data-id': 'p-sponge' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-sponge' }]);

    await tap(comp, '.home__live >>> .live');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/live/index' }]);

    // the 新人礼 banner opens the coupon centre
    await tap(comp, '.banner', { 'data-path': '/pages/coupon-center/index' });
    await tap(comp, '.home__coupons');
    expect(mp.of('navigateTo')).toEqual([
      { url: '/pages/product/index?id=p-sponge' },
      { url: '/pages/coupon-center/index' },
      { url: '/pages/coupon-center/index' },
    ]);
    expect(text(comp, '.home__coupons-title')).toBe('领券中心');
  });

  it('opens the category page from the end of the category row, on the category chosen', async () => {
    const comp = await open();
    await tap(comp, '.category-more');
    await tap(comp, '.category', { 'data-id': 'cat-gift' });
    await mp.settle();
    await tap(comp, '.category-more');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/category/index' }, { url: '/pages/category/index?id=cat-gift' }]);
  });

  it('resolves image paths against the local runtime', async () => {
    const comp = await open();
    expect(page(comp).data.banners).toEqual([
      expect.objectContaining({ image: 'http://127.0.0.1:8787/assets/banner/live.svg' }),
      expect.objectContaining({ image: 'http://127.0.0.1:8787/assets/banner/new.svg' }),
    ]);
    expect((page(comp).data.products as Array<{ image: string }>)[0].image).toBe('http://127.0.0.1:8787/assets/p/p-sponge.svg');
  });
});
