import type { Recommendation } from '../../typings/contract';
import { reasonText } from '../../miniprogram/components/recommend-list/utils';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

/** The "为你推荐" section on the home page, against the real kernel (the member centre's: me-recommend.test.ts). */
describe('为你推荐', () => {
  let rt: TestRuntime;
  let home: string;
  beforeAll(() => {
    // one page per file: a component module registers once per test file
    home = load('pages/home/index');
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

  async function expected(openid = 'demo-shopper'): Promise<Recommendation[]> {
    const r = await rt.as(openid)<{ items: Recommendation[] }>('recommend', 'forMe', { limit: 6 });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.items;
  }

  async function openHome() {
    const comp = mount(home);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it('home: below the product grid, each product with its reason; a tap opens the product', async () => {
    const comp = await openHome();
    const items = await expected();
    expect(items.length).toBeGreaterThan(0);
    expect(texts(comp, '.home__recs >>> .recs__title')).toEqual(['为你推荐']);
    expect(texts(comp, '.home__recs >>> .recs__name')).toEqual(items.map((i) => i.title));
    expect(texts(comp, '.home__recs >>> .recs__reason')).toEqual(items.map((i) => reasonText(i.reason)));
    // the demo shopper's orders meet the seeded co-purchases
    expect(texts(comp, '.home__recs >>> .recs__reason').some((t) => t.startsWith('因为你买过「'))).toBe(true);
    expect(mp.callsTo('recommend', 'forMe').map((c) => [c.data, c.openid])).toEqual([[{ limit: 6 }, 'demo-shopper']]);

    await tap(comp, '.home__recs >>> .recs__item', { 'data-id': items[0].productId });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/product/index?id=${items[0].productId}` }]);
  });

  it('a failed load says so and retries on tap', async () => {
    mp.intercept('recommend', 'forMe', 'network', 1);
    const comp = await openHome();
    expect(texts(comp, '.home__recs >>> .recs__retry')).toHaveLength(1);
    expect(texts(comp, '.home__recs >>> .recs__item')).toEqual([]);
    await tap(comp, '.home__recs >>> .recs__retry');
    await mp.settle();
    expect(texts(comp, '.home__recs >>> .recs__name')).toEqual((await expected()).map((i) => i.title));
    expect(mp.callsTo('recommend', 'forMe')).toHaveLength(2);
  });

  it('shows nothing when there is nothing to recommend', async () => {
    mp.intercept('recommend', 'forMe', { ok: true, data: { items: [], computedAt: null } });
    const comp = await openHome();
    expect(comp.querySelector('.home__recs >>> .recs')).toBeUndefined();
  });
});
