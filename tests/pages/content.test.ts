import { T0, type TestRuntime } from '../helpers/runtime';
import { find, load, mount, page, tap, text, texts } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';

describe('content feed', () => {
  let rt: TestRuntime;
  let feedId: string;
  beforeAll(() => {
    feedId = load('pages/content/index');
  });
  freshRuntimeEach((r) => (rt = r), (r) => r.clock.set(T0 + 13.5 * HOUR));

  const staff = () => rt.as('demo-staff');

  /** Tonight's live leaves an answered question and a clip, published as its digest. */
  async function publishTonight(): Promise<string> {
    const asked = await rt.as('demo-shopper')<{ questionId: string }>('live', 'ask', { liveId: TONIGHT, text: '散粉会不会卡粉' });
    if (!asked.ok) throw new Error(asked.error.code);
    await staff()('admin', 'markQuestion', { questionId: asked.data.questionId, status: 'answered', answer: '薄涂不卡粉' });
    await staff()('admin', 'addClip', { liveId: TONIGHT, title: '散粉上脸实测', videoUrl: 'https://video.example.com/powder.mp4', productIds: ['p-powder'] });
    const published = await staff()<{ postId: string }>('admin', 'publishLiveDigest', { liveId: TONIGHT });
    if (!published.ok) throw new Error(published.error.code);
    return published.data.postId;
  }

  async function openFeed() {
    const comp = mount(feedId);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it('lists published posts and opens one', async () => {
    const published = await publishTonight();
    const comp = await openFeed();
    const titles = texts(comp, '.post__title');
    const index = find(comp, '.post').findIndex((n) => n.dom?.getAttribute('data-id') === published);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(titles[index]).toContain('底妆专场');
    expect(texts(comp, '.post__count')[index]).toBe('1 个精彩片段 · 1 个问答');
    await tap(comp, '.post', { 'data-id': published });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/content/post/index?id=${published}` }]);
  });

  it('shows the empty state before any live is published', async () => {
    mp.intercept('live', 'listPosts', { ok: true, data: { items: [], total: 0 } });
    const comp = await openFeed();
    expect(text(comp, '.feed >>> .state__text')).toBe('直播结束后，精彩片段和问答会出现在这里');
  });

  it('loads the next page at the bottom', async () => {
    const item = (n: number) => ({ _id: `post-${n}`, title: `内容 ${n}`, cover: '', liveId: null, publishedAt: T0, clipCount: 0, questionCount: 1 });
    mp.intercept('live', 'listPosts', (call) => {
      const p = (call.data as { page?: number }).page ?? 1;
      const items = p === 1 ? Array.from({ length: 10 }, (_, i) => item(i + 1)) : [item(11)];
      return { ok: true, data: { items, total: 11 } };
    });
    const comp = await openFeed();
    expect(find(comp, '.post')).toHaveLength(10);
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('live', 'listPosts').map((c) => c.data)).toEqual([{ page: 1 }, { page: 2 }]);
    expect(find(comp, '.post')).toHaveLength(11);
    expect(text(comp, '.more')).toBe('没有更多了');
    page(comp).onReachBottom();
    await mp.settle();
    expect(mp.callsTo('live', 'listPosts')).toHaveLength(2);
  });

  it('shows an error with retry', async () => {
    mp.intercept('live', 'listPosts', 'network', 1);
    const comp = await openFeed();
    expect(text(comp, '.feed >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.feed >>> .state__action');
    await mp.settle();
    expect(mp.callsTo('live', 'listPosts')).toHaveLength(2);
  });

});
