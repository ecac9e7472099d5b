import type { Recommendation } from '../../typings/contract';
import { reasonText } from '../../miniprogram/components/recommend-list/utils';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

/** The "为你推荐" section in the member centre, against the real kernel. */
describe('me page: 为你推荐', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/me/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  it('shows the caller’s recommendations with their reasons; a tap opens the product', async () => {
    const comp = mount(id);
    page(comp).onShow();
    await mp.settle();
    const r = await rt.as('demo-shopper')<{ items: Recommendation[] }>('recommend', 'forMe', { limit: 6 });
    const items = r.ok ? r.data.items : [];
    expect(items.length).toBeGreaterThan(0);
    expect(texts(comp, '.me__recs >>> .recs__name')).toEqual(items.map((i) => i.title));
    expect(texts(comp, '.me__recs >>> .recs__reason')).toEqual(items.map((i) => reasonText(i.reason)));
    expect(items.map((i) => i.productId)).not.toContain('p-serum');

    await tap(comp, '.me__recs >>> .recs__item', { 'data-id': items[1].productId });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/product/index?id=${items[1].productId}` }]);
  });

  it('another identity gets their own list', async () => {
    mp.storage.set('devOpenid', JSON.stringify('brand-new'));
    const comp = mount(id);
    page(comp).onShow();
    await mp.settle();
    expect(mp.callsTo('recommend', 'forMe').map((c) => c.openid)).toEqual(['brand-new']);
    expect(texts(comp, '.me__recs >>> .recs__reason').every((t) => t === '热销好物')).toBe(true);
  });
});
