import { T0, type TestRuntime } from '../helpers/runtime';
import { find, load, mount, page, tap, text, texts } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';

describe('content post page', () => {
  let rt: TestRuntime;
  let postId: string;
  beforeAll(() => {
    postId = load('pages/content/post/index');
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

  async function openPost(id: string) {
    const comp = mount(postId);
    page(comp).onLoad({ id });
    await mp.settle();
    return comp;
  }

  it('a post shows its clips with their products, the answered questions and the live products', async () => {
    const published = await publishTonight();
    const comp = await openPost(published);
    expect(text(comp, '.post__title')).toContain('底妆专场');
    expect(texts(comp, '.clip__title')).toEqual(['散粉上脸实测']);
    expect(find(comp, '.clip__video')).toHaveLength(1);
    expect((page(comp).data.clips as Array<{ videoUrl: string }>).map((c) => c.videoUrl)).toEqual(['https://video.example.com/powder.mp4']);
    expect(find(comp, '.clip__product').map((n) => n.dom?.getAttribute('data-id'))).toEqual(['p-powder']);
    expect(texts(comp, '.qa__q')).toEqual(['问：散粉会不会卡粉']);
    expect(texts(comp, '.qa__a')).toEqual(['答：薄涂不卡粉']);
    expect(find(comp, '.post__product').map((n) => n.dom?.getAttribute('data-id'))).toEqual(
      expect.arrayContaining(['p-foundation', 'p-powder', 'p-gift-base', 'p-lipstick', 'p-serum', 'p-cushion']),
    );
    await tap(comp, '.clip__product', { 'data-id': 'p-powder' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-powder' }]);
  });

  it('shows not found for an unknown post', async () => {
    const comp = await openPost('no-such-post');
    expect(text(comp, '.post-page >>> .state__text')).toBe('内容不存在或已下线');
  });
});
