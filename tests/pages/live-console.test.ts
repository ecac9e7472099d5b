import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';

describe('staff live console (admin subpackage)', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('admin/pages/live-console/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    rt.clock.set(T0 + 10.5 * HOUR);
    jest.useFakeTimers({ now: rt.clock.now(), doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  async function open(openid: string, options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    page(comp).onShow();
    return comp;
  }

  /** A second live, tomorrow evening, with one card. */
  async function tomorrowLive(): Promise<string> {
    const created = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '明晚香氛专场',
      startAt: T0 + 34 * HOUR,
      endAt: T0 + 36 * HOUR,
      cards: [{ productId: 'p-candle', livePriceFen: 9900 }],
    });
    if (!created.ok) throw new Error(created.error.code);
    return created.data.liveId;
  }

  const chip = (comp: Rendered, selector: string, attrs: Record<string, string>) => tap(comp, selector, attrs);
  const on = (comp: Rendered, selector: string) => find(comp, selector).filter((n) => hasClass(n, 'chip--on')).map((n) => (n.dom?.textContent ?? '').trim());
  const input = (comp: Rendered, selector: string, value: string) => comp.querySelector(selector)!.dispatchEvent('input', { detail: { value } });

  it('shows NOT_STAFF to a shopper as staff-only, and asks nothing else', async () => {
    const comp = await open('demo-shopper');
    expect(text(comp, '.console >>> .state__text')).toBe('仅限店员使用');
    expect(mp.callsTo('live', 'list')).toEqual([]);
    expect(find(comp, '.push')).toHaveLength(0);
    await tap(comp, '.console >>> .state__action');
    expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
  });

  it('picks the live on now, and pushes a broadcast whose group copy can be copied', async () => {
    const comp = await open('demo-staff');
    expect(find(comp, '.live-option', { 'data-id': TONIGHT }).every((n) => hasClass(n, 'live-option--active'))).toBe(true);
    expect(texts(comp, '.push >>> .push-card')).toEqual(['柔雾持妆粉底液', '轻盈定妆散粉', '底妆礼盒', '丝绒哑光口红', '修护精华液', '水光气垫霜']);

    await chip(comp, '.push >>> .kind', { 'data-kind': 'stock_warning' });
    await tap(comp, '.push >>> .push__send');
    expect(mp.of('showToast')).toEqual([{ title: '请先选择商品', icon: 'none' }]);
    expect(mp.callsTo('admin', 'pushBroadcast')).toEqual([]);

    await chip(comp, '.push >>> .push-card', { 'data-id': 'card-3' });
    await chip(comp, '.push >>> .duration', { 'data-sec': '300' });
    expect(on(comp, '.push >>> .duration')).toEqual(['5 分钟']);
    await tap(comp, '.push >>> .push__send');
    await mp.settle();
    expect(mp.callsTo('admin', 'pushBroadcast').map((c) => c.data)).toEqual([{ liveId: TONIGHT, kind: 'stock_warning', durationSec: 300, cardId: 'card-3' }]);
    const copy = text(comp, '.push >>> .copy__text');
    expect(copy).toContain('底妆礼盒');
    expect(copy).toContain('¥199.00');
    expect(text(comp, '.push >>> .copy__expires')).toBe('20:35 前在直播间显示');
    await tap(comp, '.push >>> .copy__button');
    expect(mp.of('setClipboardData')).toEqual([{ data: copy }]);

    // the broadcast is what shoppers' rooms poll
    const shown = await rt.as('demo-shopper')<{ items: Array<{ kind: string; cardId: string }> }>('live', 'broadcasts', { liveId: TONIGHT });
    expect(shown.ok && shown.data.items.map((b) => [b.kind, b.cardId])).toEqual([['stock_warning', 'card-3']]);
  });

  it('a notice carries the typed text', async () => {
    const comp = await open('demo-staff');
    input(comp, '.push >>> .push__text', '整点抽奖马上开始');
    await tap(comp, '.push >>> .push__send');
    await mp.settle();
    expect(mp.callsTo('admin', 'pushBroadcast').map((c) => c.data)).toEqual([{ liveId: TONIGHT, kind: 'notice', durationSec: 120, text: '整点抽奖马上开始' }]);
    expect(text(comp, '.push >>> .copy__text')).toContain('整点抽奖马上开始');
  });

  it('customer service reads the questions and sees no controls the server would refuse', async () => {
    await rt.as('demo-shopper')('live', 'ask', { liveId: TONIGHT, text: '油皮适合哪个色号？' });
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: T0 });
    const comp = await open('cs-1');
    expect(text(comp, '.console__role')).toBe('客服');
    expect(text(comp, '.console__readonly')).toContain('你的角色只能查看直播间的提问');
    expect(texts(comp, '.questions >>> .question__text')).toEqual(['油皮适合哪个色号？']);
    for (const hidden of ['.push', '.push >>> .push__send', '.roles', '.clips', '.digest', '.questions >>> .question__pick', '.questions >>> .question__answer-btn']) expect(find(comp, hidden)).toHaveLength(0);
    // the server refuses as before
    expect(await rt.as('cs-1')('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'notice', durationSec: 120 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('an operator demoted while the console is open is told so, not thrown at', async () => {
    await rt.db.collection('staff').insert({ _id: 'op-1', role: 'operator', createdAt: T0 });
    const comp = await open('op-1');
    await rt.db.collection('staff').update({ _id: 'op-1' }, { $set: { role: 'cs' } });
    await tap(comp, '.push >>> .push__send');
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '你的角色无权进行此操作', icon: 'none' }]);
    expect(find(comp, '.push >>> .copy')).toHaveLength(0);
  });

  it('marks a card role', async () => {
    const comp = await open('demo-staff');
    const roleChips = () => find(comp, '.roles >>> .role', { 'data-card': 'card-2' });
    expect(roleChips().filter((n) => hasClass(n, 'chip--on')).map((n) => n.dom?.textContent?.trim())).toEqual(['不设']);
    await tap(comp, '.roles >>> .role', { 'data-card': 'card-2', 'data-role': 'traffic' });
    await mp.settle();
    expect(mp.callsTo('admin', 'setCardRole').map((c) => c.data)).toEqual([{ liveId: TONIGHT, cardId: 'card-2', role: 'traffic' }]);
    expect(roleChips().filter((n) => hasClass(n, 'chip--on')).map((n) => n.dom?.textContent?.trim())).toEqual(['引流款']);
    const live = await rt.db.collection('lives').get(TONIGHT);
    expect(live?.cards.find((c) => c.cardId === 'card-2')?.role).toBe('traffic');
  });

  it('works through questions: masked askers, pick, answer; new ones arrive while open', async () => {
    await rt.as('demo-shopper')('live', 'ask', { liveId: TONIGHT, text: '油皮适合哪个色号？' });
    const comp = await open('demo-staff');
    expect(texts(comp, '.questions >>> .question__text')).toEqual(['油皮适合哪个色号？']);
    expect(texts(comp, '.questions >>> .question__asker')).toEqual(['小*']);
    expect(texts(comp, '.questions >>> .question__status')).toEqual(['待处理']);

    await tap(comp, '.questions >>> .question__pick');
    await mp.settle();
    expect(texts(comp, '.questions >>> .question__status')).toEqual(['已选中']);
    await tap(comp, '.questions >>> .question__answer-btn');
    input(comp, '.questions >>> .answer__input', '油皮选 02 自然色');
    await tap(comp, '.questions >>> .question__submit');
    await mp.settle();
    expect(mp.callsTo('admin', 'markQuestion').map((c) => c.data)).toEqual([
      { questionId: expect.any(String), status: 'picked' },
      { questionId: expect.any(String), status: 'answered', answer: '油皮选 02 自然色' },
    ]);
    expect(texts(comp, '.questions >>> .question__status')).toEqual(['已回答']);
    expect(text(comp, '.questions >>> .question__answer')).toBe('答：油皮选 02 自然色');

    rt.clock.advance(10_000);
    await rt.as('viewer-2')('live', 'ask', { liveId: TONIGHT, text: '礼盒还会补货吗' });
    jest.advanceTimersByTime(10_000);
    await mp.settle();
    expect(texts(comp, '.questions >>> .question__text')).toEqual(['礼盒还会补货吗', '油皮适合哪个色号？']);

    await tap(comp, '.questions >>> .filter', { 'data-status': 'answered' });
    await mp.settle();
    expect(texts(comp, '.questions >>> .question__text')).toEqual(['油皮适合哪个色号？']);
  });

  it('an empty answer is not sent', async () => {
    await rt.as('demo-shopper')('live', 'ask', { liveId: TONIGHT, text: '这个怎么用' });
    const comp = await open('demo-staff');
    await tap(comp, '.questions >>> .question__answer-btn');
    await tap(comp, '.questions >>> .question__submit');
    expect(mp.of('showToast')).toEqual([{ title: '请填写回答', icon: 'none' }]);
    expect(mp.callsTo('admin', 'markQuestion')).toEqual([]);
  });

  it('adds a clip and publishes the digest post, which opens in the content pages', async () => {
    const asked = await rt.as('demo-shopper')<{ questionId: string }>('live', 'ask', { liveId: TONIGHT, text: '散粉会不会卡粉' });
    if (!asked.ok) throw new Error(asked.error.code);
    await rt.as('demo-staff')('admin', 'markQuestion', { questionId: asked.data.questionId, status: 'answered', answer: '薄涂不卡粉' });
    const comp = await open('demo-staff');
    input(comp, '.clips >>> .clip__title', '粉底液上脸实测');
    input(comp, '.clips >>> .clip__url', 'http://not-https.example.com/v.mp4');
    await tap(comp, '.clips >>> .clip__add');
    expect(mp.of('showToast')).toEqual([{ title: '视频链接需以 https:// 或 cloud:// 开头', icon: 'none' }]);
    input(comp, '.clips >>> .clip__url', 'https://video.example.com/clip-1.mp4');
    await tap(comp, '.clips >>> .clip-product', { 'data-id': 'p-foundation' });
    await tap(comp, '.clips >>> .clip__add');
    await mp.settle();
    expect(mp.callsTo('admin', 'addClip').map((c) => c.data)).toEqual([
      { liveId: TONIGHT, title: '粉底液上脸实测', videoUrl: 'https://video.example.com/clip-1.mp4', productIds: ['p-foundation'] },
    ]);
    expect(text(comp, '.clips >>> .clip__count')).toBe('本次已添加 1 个片段');

    await tap(comp, '.digest >>> .digest__publish');
    await mp.settle();
    expect(text(comp, '.digest >>> .digest__text')).toBe('已发布：1 个问答、1 个片段');
    await tap(comp, '.digest >>> .digest__open');
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/content/post/index?id=digest-${TONIGHT}` }]);
  });

  it('opens on the live named in the query, and switches live', async () => {
    const tomorrow = await tomorrowLive();
    const comp = await open('demo-staff', { live: tomorrow });
    expect(texts(comp, '.push >>> .push-card')).toEqual(['香薰蜡烛']);
    await tap(comp, '.live-option', { 'data-id': TONIGHT });
    await mp.settle();
    expect(texts(comp, '.push >>> .push-card')).toHaveLength(6);
  });

  it('polls questions only while visible, and stops on hide and detach', async () => {
    const comp = await open('demo-staff');
    expect(jest.getTimerCount()).toBe(1);
    page(comp).onHide();
    expect(jest.getTimerCount()).toBe(0);
    page(comp).onShow();
    expect(jest.getTimerCount()).toBe(1);
    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a question list that fails to load says so in its section and loads again on a tap', async () => {
    await rt.as('demo-shopper')('live', 'ask', { liveId: TONIGHT, text: '油皮适合哪个色号？' });
    mp.intercept('admin', 'listQuestions', 'network', 1);
    const comp = await open('demo-staff');
    expect(texts(comp, '.push >>> .push-card')).toHaveLength(6);
    expect(text(comp, '.questions >>> .questions__error-text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.questions >>> .questions__retry');
    await mp.settle();
    expect(find(comp, '.questions >>> .questions__error')).toHaveLength(0);
    expect(texts(comp, '.questions >>> .question__text')).toEqual(['油皮适合哪个色号？']);
  });

  it('what was typed or shown for one live does not carry over to another', async () => {
    const tomorrow = await tomorrowLive();
    const comp = await open('demo-staff', { live: TONIGHT });
    input(comp, '.push >>> .push__text', '整点抽奖');
    await tap(comp, '.push >>> .push__send');
    await mp.settle();
    expect(find(comp, '.push >>> .copy')).toHaveLength(1);
    await tap(comp, '.live-option', { 'data-id': tomorrow });
    await mp.settle();
    expect(find(comp, '.push >>> .copy')).toHaveLength(0);
    expect(texts(comp, '.push >>> .push-card')).toEqual(['香薰蜡烛']);
    expect(mp.callsTo('admin', 'listQuestions').map((c) => c.data)).toEqual([{ liveId: TONIGHT }, { liveId: tomorrow }]);
  });

  it('shows an error with retry when the console cannot load', async () => {
    mp.intercept('admin', 'whoami', 'network', 1);
    const comp = await open('demo-staff');
    expect(text(comp, '.console >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.console >>> .state__action');
    await mp.settle();
    expect(find(comp, '.push')).toHaveLength(1);
  });
});
