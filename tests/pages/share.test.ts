import { HOUR } from '../../cloudfunctions/core/kernel/time';
import { T0, type TestRuntime } from '../helpers/runtime';
import { load, mount, page } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

type Share = { title: string; path: string; imageUrl?: string; promise: Promise<{ title: string; path: string }> };
type Timeline = { title: string; query: string };

/** 2026-11-24 20:30 Shanghai: tonight's live is on. */
const DURING_LIVE = T0 + 10.5 * HOUR;

describe('sharing the shop, a category and a product', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    for (const name of ['home', 'category', 'product']) {
      jest.resetModules();
      ids[name] = load(`pages/${name}/index`);
    }
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(name: string, options: Record<string, string> = {}) {
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  /** The sharer's own code, as the server makes it for a target. */
  async function codeFor(target: Record<string, string> = {}) {
    const r = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', target);
    if (!r.ok) throw new Error(r.error.code);
    return r.data.code;
  }

  it('home shares the shop with the sharer’s code, and to 朋友圈', async () => {
    const comp = await open('home');
    const share = page(comp).onShareAppMessage() as Share;
    expect([share.title, share.path]).toEqual(['直播好物：直播专享价，预约有礼', '/pages/home/index']);
    const resolved = await share.promise;
    expect(mp.callsTo('referral', 'myCode').map((c) => c.data)).toEqual([{}]);
    expect(resolved.path).toBe(`/pages/home/index?code=${await codeFor()}`);
    expect(page(comp).onShareTimeline() as Timeline).toEqual({ title: '直播好物：直播专享价，预约有礼', query: '' });
  });

  it('category shares the category shown', async () => {
    const comp = await open('category', { id: 'cat-skincare' });
    const share = page(comp).onShareAppMessage() as Share;
    expect(share.title).toBe('直播好物 · 护肤');
    expect(share.path).toBe('/pages/category/index?id=cat-skincare');
    expect((await share.promise).path).toBe(`/pages/category/index?id=cat-skincare&code=${await codeFor()}`);
    expect(page(comp).onShareTimeline() as Timeline).toEqual({ title: '直播好物 · 护肤', query: 'id=cat-skincare' });
  });

  it('a product from a live card shares the card while its price is on, with the sharer’s code', async () => {
    rt.clock.set(DURING_LIVE);
    const comp = await open('product', { id: 'p-foundation', live: 'live-tonight', card: 'card-1' });
    const share = page(comp).onShareAppMessage() as Share;
    expect(share.title).toBe('柔雾持妆粉底液');
    expect(share.path).toBe('/pages/product/index?id=p-foundation&live=live-tonight&card=card-1');
    const resolved = await share.promise;
    expect(mp.callsTo('referral', 'myCode').map((c) => c.data)).toEqual([{ productId: 'p-foundation', liveId: 'live-tonight' }]);
    expect(resolved.path).toBe(`/pages/product/index?id=p-foundation&live=live-tonight&card=card-1&code=${await codeFor({ productId: 'p-foundation', liveId: 'live-tonight' })}`);
    expect(page(comp).onShareTimeline() as Timeline).toEqual({ title: '柔雾持妆粉底液', query: 'id=p-foundation' });
  });

  it('a product shared off the live carries no card, and the plain path when the code cannot be had', async () => {
    const comp = await open('product', { id: 'p-foundation' });
    mp.intercept('referral', 'myCode', 'network', 1);
    const share = page(comp).onShareAppMessage() as Share;
    expect(share.path).toBe('/pages/product/index?id=p-foundation');
    expect((await share.promise).path).toBe('/pages/product/index?id=p-foundation');
  });
});
