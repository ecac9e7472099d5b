import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime, type BackendCall } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';
const RESULT_TEMPLATE = 'local-tpl-raffle-result';
const MARKETING_TEMPLATE = 'local-tpl-marketing';
/** 20:30:45 Shanghai: tonight's live is on. */
const ON_AIR = T0 + 10.5 * HOUR + 45_000;

type TrackData = { batchId: string; events: Array<Record<string, unknown>> };

describe('live companion room', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/live/room/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime({ now: T0 });
    rt.clock.set(ON_AIR);
    // intervals are faked (the room's polling, heartbeats, flushes and ticks); setTimeout stays real
    // so the backend calls settle as usual
    jest.useFakeTimers({ now: ON_AIR, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  /** Moves the device clock, the server clock and the room's intervals together. */
  async function advance(ms: number) {
    rt.clock.advance(ms);
    jest.advanceTimersByTime(ms);
    await mp.settle();
  }

  async function open(options: Record<string, string> = { live: TONIGHT }, visible = true) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    if (visible) {
      page(comp).onShow();
      await mp.settle();
    }
    return comp;
  }

  const staff = () => rt.as('demo-staff');
  const cards = (comp: Rendered) => comp.querySelectorAll('.cards__item >>> .rc');
  const trackCalls = (): TrackData[] => mp.callsTo('live', 'track').map((c: BackendCall) => c.data as TrackData);
  const stats = () => rt.db.collection('live_stats').get(`${TONIGHT}:demo-shopper`);

  it('renders the cards at their live price with stock bars, low-stock warnings and consult on high-price cards', async () => {
    await rt.db.collection('skus').update({ _id: 'p-gift-base-1' }, { $set: { stock: 15 } });
    await rt.db.collection('skus').update({ productId: 'p-lipstick' }, { $set: { stock: 0 } });
    const comp = await open();
    expect(text(comp, '.room__head >>> .head__state')).toBe('直播中');
    expect(text(comp, '.room__head >>> .head__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
    expect(texts(comp, '.cards__item >>> .rc__title')).toEqual(['柔雾持妆粉底液', '轻盈定妆散粉', '底妆礼盒', '丝绒哑光口红', '修护精华液', '水光气垫霜']);
    expect(texts(comp, '.cards__item >>> .price__value')).toEqual(['129.00', '99.00', '199.00', '69.00', '239.00', '119.00']);
    expect(texts(comp, '.cards__item >>> .price__original')).toEqual(['¥169.00', '¥129.00', '¥299.00', '¥99.00', '¥299.00', '¥159.00']);
    expect(texts(comp, '.cards__item >>> .rc__stock-text')).toEqual([
      '剩余 900 件',
      '剩余 600 件',
      '仅剩 15 件，手慢无',
      '已抢光',
      '剩余 400 件',
      '剩余 1500 件',
    ]);
    const fills = comp.querySelectorAll('.cards__item >>> .rc__fill');
    expect(fills[2].dom?.getAttribute('style')).toContain('width: 15%');
    expect(hasClass(fills[2], 'rc__fill--low')).toBe(true);
    expect(hasClass(fills[0], 'rc__fill--low')).toBe(false);
    expect(texts(comp, '.cards__item >>> .rc__buy')[3]).toBe('已抢光');
    // consultation from ¥200 live price: the serum only
    expect(comp.querySelectorAll('.cards__item >>> .rc__consult')).toHaveLength(1);
    expect(texts(comp, '.cards__item >>> .rc__consult')).toEqual(['一对一咨询']);
  });

  it('counts down "back in mm:ss" for a card staff scheduled a re-run for, and reads the cards again when it is due', async () => {
    await staff()('admin', 'scheduleRerun', { liveId: TONIGHT, cardId: 'card-4', inMinutes: 1 });
    const comp = await open();
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual(['01:00 后返场']);
    await advance(1000);
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual(['00:59 后返场']);
    const gets = mp.callsTo('live', 'get').length;
    await advance(59_000);
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual(['已返场']);
    expect(mp.callsTo('live', 'get').length).toBeGreaterThan(gets);
    // the line goes after a while
    await advance(10 * 60_000);
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual([]);
  });

  it('a re-run that comes due still sold out says it is being restocked, and shows the stock once it is back', async () => {
    await rt.db.collection('skus').update({ productId: 'p-lipstick' }, { $set: { stock: 0 } });
    await staff()('admin', 'scheduleRerun', { liveId: TONIGHT, cardId: 'card-4', inMinutes: 1 });
    const comp = await open();
    const lipstick = () => texts(comp, '.cards__item >>> .rc__stock-text')[3];
    expect(lipstick()).toBe('已抢光');
    const gets = mp.callsTo('live', 'get').length;
    await advance(60_000);
    await mp.settle();
    expect(mp.callsTo('live', 'get')).toHaveLength(gets + 1);
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual(['补货中，稍后再来']);
    await rt.db.collection('skus').update({ _id: 'p-lipstick-1' }, { $set: { stock: 50 } });
    await advance(30_000);
    await mp.settle();
    expect(texts(comp, '.cards__item >>> .rc__rerun')).toEqual(['已返场']);
    expect(lipstick()).not.toBe('已抢光');
  });

  it('a broadcast staff push reaches the open page on the next poll, and goes when it expires (issue 6)', async () => {
    const comp = await open();
    expect(find(comp, '.room__banner >>> .banner')).toHaveLength(0);
    const pushed = await staff()<{ expiresAt: number }>('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'notice', text: '主播马上抽奖，别走开', durationSec: 10 });
    expect(pushed.ok).toBe(true);
    await advance(3000);
    expect(text(comp, '.room__banner >>> .banner__label')).toBe('直播间公告');
    expect(text(comp, '.room__banner >>> .banner__text')).toBe('主播马上抽奖，别走开');
    await advance(6000);
    expect(find(comp, '.room__banner >>> .banner')).toHaveLength(1);
    // past its time the banner goes, on the page's own clock even while polls fail
    mp.intercept('live', 'broadcasts', 'network');
    await advance(2000);
    expect(find(comp, '.room__banner >>> .banner')).toHaveLength(0);
  });

  it('shows the newest broadcast; closing it shows the one before; a stock warning reads the cards again', async () => {
    const comp = await open();
    await staff()('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'notice', text: '欢迎来到直播间', durationSec: 600 });
    rt.clock.advance(1000);
    await staff()('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'stock_warning', cardId: 'card-3', durationSec: 600 });
    const gets = mp.callsTo('live', 'get').length;
    await advance(3000);
    expect(text(comp, '.room__banner >>> .banner__label')).toBe('库存告急');
    expect(text(comp, '.room__banner >>> .banner__text')).toContain('底妆礼盒');
    expect(mp.callsTo('live', 'get').length).toBe(gets + 1);
    await tap(comp, '.room__banner >>> .banner__close');
    expect(text(comp, '.room__banner >>> .banner__text')).toBe('欢迎来到直播间');
    await tap(comp, '.room__banner >>> .banner__close');
    expect(find(comp, '.room__banner >>> .banner')).toHaveLength(0);
    await advance(3000);
    expect(find(comp, '.room__banner >>> .banner')).toHaveLength(0);
  });

  it('batches heartbeats into live.track and resends a failed batch with the same id', async () => {
    mp.intercept('live', 'track', 'network', 1);
    await open();
    // one heartbeat on show, then every 30 s; a flush every 15 s
    await advance(15_000);
    await advance(15_000);
    await advance(15_000);
    const calls = trackCalls();
    expect(calls).toHaveLength(3);
    const first = { type: 'heartbeat', liveId: TONIGHT, at: ON_AIR };
    expect(calls[0]).toEqual({ batchId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), events: [first] });
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2].batchId).not.toBe(calls[0].batchId);
    expect(calls[2].events).toEqual([{ type: 'heartbeat', liveId: TONIGHT, at: ON_AIR + 30_000 }]);
    // 20:30:45 opened the stream and 20:31:15 came 30 s later: the server credits no more than that
    const early = await stats();
    expect(early!.watchMs).toBeLessThanOrEqual(30_000);
    expect(early!.watchMinutes).toBe(0);
    // two more minutes on the page: two more minutes credited, never more than the page was open
    for (let i = 0; i < 8; i++) await advance(15_000);
    const later = await stats();
    expect(later!.watchMinutes).toBe(2);
    expect(later!.watchMs).toBeLessThanOrEqual(45_000 + 120_000);
  });

  it('clears its intervals on hide and on detach, flushing the queue on hide', async () => {
    const comp = await open();
    expect(jest.getTimerCount()).toBe(4);
    page(comp).onHide();
    expect(jest.getTimerCount()).toBe(0);
    await mp.settle();
    expect(trackCalls().map((c) => c.events.map((e) => e.type))).toEqual([['heartbeat']]);
    await advance(60_000);
    expect(trackCalls()).toHaveLength(1);
    page(comp).onShow();
    expect(jest.getTimerCount()).toBe(4);
    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a card opens its product with the live attribution; the landing, not the room, records the tap', async () => {
    const comp = await open();
    cards(comp)[1].dispatchEvent('tap');
    await mp.settle();
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/product/index?id=p-powder&live=${TONIGHT}&card=card-2` }]);
    page(comp).onHide();
    await mp.settle();
    expect(trackCalls()).toHaveLength(1);
    expect(trackCalls()[0].events).toEqual([{ type: 'heartbeat', liveId: TONIGHT, at: ON_AIR }]);
  });

  it('the consult button records a consult tap without opening the product', async () => {
    const comp = await open();
    const consult = comp.querySelectorAll('.cards__item >>> .rc__consult');
    consult[0].dispatchEvent('tap');
    await mp.settle();
    expect(mp.of('navigateTo')).toEqual([]);
    page(comp).onHide();
    await mp.settle();
    expect(trackCalls()[0].events).toContainEqual({ type: 'consult_tap', liveId: TONIGHT, cardId: 'card-5', at: ON_AIR });
    expect(await stats()).toEqual(expect.objectContaining({ consultTaps: 1 }));
  });

  it('opens the Channels live, and offers the WeCom links carrying the live channel state', async () => {
    const comp = await open();
    await tap(comp, '.room__head >>> .head__watch');
    expect(mp.of('openChannelsLive')).toEqual([{ finderUserName: 'sphDemoFinder' }]);
    const urls = texts(comp, '.room__wecom >>> .wecom__url');
    expect(urls).toHaveLength(2);
    for (const url of urls) expect(url).toContain(`state=lv_${TONIGHT}`);
    await tap(comp, '.room__wecom >>> .wecom__copy', { 'data-which': 'group' });
    expect(mp.of('setClipboardData')).toEqual([{ data: urls[1] }]);
  });

  it('a live watched by link offers to copy the link', async () => {
    const created = await staff()<{ liveId: string }>('admin', 'createLive', {
      title: '第三方直播',
      startAt: ON_AIR - HOUR,
      endAt: ON_AIR + HOUR,
      externalUrl: 'https://live.example.com/room/1',
      cards: [{ productId: 'p-candle', livePriceFen: 9900 }],
    });
    if (!created.ok) throw new Error(created.error.code);
    const comp = await open({ live: created.data.liveId });
    expect(find(comp, '.room__head >>> .head__watch')).toHaveLength(0);
    expect(text(comp, '.room__head >>> .head__url')).toBe('https://live.example.com/room/1');
    await tap(comp, '.room__head >>> .head__copy');
    expect(mp.of('setClipboardData')).toEqual([{ data: 'https://live.example.com/room/1' }]);
  });

  it('asks a question and shows the answer once staff give it', async () => {
    const comp = await open();
    expect(text(comp, '.room__questions >>> .questions__empty')).toBe('还没有提问');
    await tap(comp, '.room__questions >>> .ask__send');
    expect(mp.of('showToast')).toEqual([{ title: '问题至少 2 个字', icon: 'none' }]);
    comp.querySelector('.room__questions >>> .ask__input')!.dispatchEvent('input', { detail: { value: '油皮适合哪个色号？' } });
    await tap(comp, '.room__questions >>> .ask__send');
    await mp.settle();
    expect(mp.callsTo('live', 'ask').map((c) => c.data)).toEqual([{ liveId: TONIGHT, text: '油皮适合哪个色号？' }]);
    expect(texts(comp, '.room__questions >>> .question__text')).toEqual(['油皮适合哪个色号？']);
    expect(texts(comp, '.room__questions >>> .question__status')).toEqual(['待回答']);
    const mine = await rt.as('demo-shopper')<{ items: Array<{ _id: string }> }>('live', 'myQuestions', { liveId: TONIGHT });
    if (!mine.ok) throw new Error(mine.error.code);
    await staff()('admin', 'markQuestion', { questionId: mine.data.items[0]._id, status: 'answered', answer: '油皮选 02 自然色' });
    await advance(30_000);
    expect(texts(comp, '.room__questions >>> .question__status')).toEqual(['已回答']);
    expect(text(comp, '.room__questions >>> .question__answer')).toBe('答：油皮选 02 自然色');
  });

  it('says when the viewer has too many open questions', async () => {
    for (let i = 0; i < 5; i++) await rt.as('demo-shopper')('live', 'ask', { liveId: TONIGHT, text: `问题 ${i + 1}` });
    const comp = await open();
    comp.querySelector('.room__questions >>> .ask__input')!.dispatchEvent('input', { detail: { value: '还有一个问题' } });
    await tap(comp, '.room__questions >>> .ask__send');
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '你已有 5 个问题待回答，稍后再问吧', icon: 'none' }]);
  });

  /** One row's text in a list of rows keyed by data-id. */
  function cell(comp: Rendered, row: string, id: string, selector: string): string | undefined {
    const index = find(comp, row).findIndex((n) => n.dom?.getAttribute('data-id') === id);
    return index < 0 ? undefined : texts(comp, selector)[index];
  }

  it('shows the live coupons with what blocks a claim; a reservers-only coupon is claimable once the viewer reserved', async () => {
    const created = await staff()<{ templateId: string }>('admin', 'createCouponTemplate', {
      title: '预约专享 50 元券',
      kind: 'no_threshold',
      valueFen: 5000,
      totalStock: 100,
      perUserLimit: 1,
      validDays: 7,
      liveId: TONIGHT,
      eligibility: 'reservers',
    });
    if (!created.ok) throw new Error(created.error.code);
    const tpl = created.data.templateId;
    const comp = await open();
    expect(cell(comp, '.room__coupons >>> .coupon', tpl, '.room__coupons >>> .coupon__value')).toBe('¥50.00 无门槛');
    expect(cell(comp, '.room__coupons >>> .coupon', tpl, '.room__coupons >>> .coupon__title')).toBe('预约专享 50 元券');
    expect(cell(comp, '.room__coupons >>> .coupon', tpl, '.room__coupons >>> .coupon__action')).toBe('预约可领');
    await tap(comp, '.room__coupons >>> .coupon', { 'data-id': tpl });
    expect(mp.callsTo('coupons', 'claim')).toHaveLength(0);

    await rt.as('demo-shopper')('live', 'reserve', { liveId: TONIGHT });
    // a coupon drop broadcast makes the strip read again
    await staff()('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'coupon_drop', couponTemplateId: tpl });
    await advance(3000);
    expect(cell(comp, '.room__coupons >>> .coupon', tpl, '.room__coupons >>> .coupon__action')).toBe('领取');
    // the first claim is lost on the way: the retry sends the same request id
    mp.intercept('coupons', 'claim', 'network', 1);
    await tap(comp, '.room__coupons >>> .coupon', { 'data-id': tpl });
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    // a double tap sends one claim
    await tap(comp, '.room__coupons >>> .coupon', { 'data-id': tpl });
    await tap(comp, '.room__coupons >>> .coupon', { 'data-id': tpl });
    await mp.settle();
    const claims = mp.callsTo('coupons', 'claim');
    expect(claims.map((c) => c.data)).toEqual([{ templateId: tpl }, { templateId: tpl }]);
    expect(claims[1].requestId).toBe(claims[0].requestId);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '领取成功', icon: 'success' });
    // the 活动通知 consent is asked in each claiming tap and recorded only once a claim stood
    expect(mp.of('requestSubscribeMessage')).toContainEqual({ tmplIds: [MARKETING_TEMPLATE] });
    expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { [MARKETING_TEMPLATE]: 'accept' } }]);
    expect(await rt.db.collection('consent_credits').find({ userId: 'demo-shopper', templateId: MARKETING_TEMPLATE })).toEqual([
      expect.objectContaining({ credits: 1 }),
    ]);
    expect(cell(comp, '.room__coupons >>> .coupon', tpl, '.room__coupons >>> .coupon__action')).toBe('已领取');
  });

  it('the coupon-drop banner claims its coupon when tapped', async () => {
    const created = await staff()<{ templateId: string }>('admin', 'createCouponTemplate', {
      title: '直播间 20 元券',
      kind: 'no_threshold',
      valueFen: 2000,
      totalStock: 10,
      perUserLimit: 1,
      validDays: 7,
      liveId: TONIGHT,
    });
    if (!created.ok) throw new Error(created.error.code);
    const comp = await open();
    await staff()('admin', 'pushBroadcast', { liveId: TONIGHT, kind: 'coupon_drop', couponTemplateId: created.data.templateId });
    await advance(3000);
    expect(text(comp, '.room__banner >>> .banner__label')).toBe('发券啦');
    await tap(comp, '.room__banner >>> .banner');
    await mp.settle();
    expect(mp.callsTo('coupons', 'claim').map((c) => c.data)).toEqual([{ templateId: created.data.templateId }]);
    expect(cell(comp, '.room__coupons >>> .coupon', created.data.templateId, '.room__coupons >>> .coupon__action')).toBe('已领取');
  });

  it('leaves the coupon strip out when coupons cannot be read', async () => {
    mp.intercept('coupons', 'listClaimable', 'network');
    const comp = await open();
    expect(find(comp, '.room__coupons >>> .coupons')).toHaveLength(0);
    expect(text(comp, '.room__head >>> .head__state')).toBe('直播中');
  });

  /** A group-join raffle drawn in an hour. */
  async function groupRaffle(): Promise<string> {
    const created = await staff()<{ raffleId: string }>('admin', 'createRaffle', {
      liveId: TONIGHT,
      kind: 'group_join',
      title: '进群加抽',
      draw: { type: 'once', at: ON_AIR + HOUR },
      prizes: [{ kind: 'points', title: '100 积分', stock: 3, points: 100 }],
    });
    if (!created.ok) throw new Error(created.error.code);
    return created.data.raffleId;
  }

  /** The raffle's hint: its row's, checked to be on the page; undefined when the row has none. */
  const hintOf = (comp: Rendered, raffleId: string) => {
    const hint = (page(comp).data.raffles as Array<{ raffleId: string; hint: string }>).find((r) => r.raffleId === raffleId)?.hint;
    const shown = texts(comp, '.room__raffles >>> .raffle__hint');
    if (!hint) return undefined;
    expect(shown).toContain(hint);
    return hint;
  };

  it('shows the live raffles; an eligible viewer enters with the result-notice consent asked in the tap', async () => {
    const raffleId = await groupRaffle();
    const comp = await open();
    expect(cell(comp, '.room__raffles >>> .raffle', raffleId, '.room__raffles >>> .raffle__title')).toBe('进群加抽');
    expect(cell(comp, '.room__raffles >>> .raffle', raffleId, '.room__raffles >>> .raffle__prize')).toBe('100 积分×3');
    expect(cell(comp, '.room__raffles >>> .raffle', raffleId, '.room__raffles >>> .raffle__meta')).toBe('今天 21:30 开奖 · 0 人参与');
    expect(hintOf(comp, raffleId)).toBe('加入粉丝群即可参与');
    // not in the fan group yet: nothing to consent to; the server says no and the hint says why
    await tap(comp, '.room__raffles >>> .raffle__enter', { 'data-id': raffleId });
    await mp.settle();
    expect(mp.of('requestSubscribeMessage')).toEqual([]);
    expect(mp.of('showToast')).toEqual([{ title: '加入粉丝群即可参与', icon: 'none' }]);

    // joins on WeCom and comes back: the room reads the raffles again
    await rt.devWecom('join_group', 'demo-shopper', `lv_${TONIGHT}`);
    page(comp).onHide();
    page(comp).onShow();
    await mp.settle();
    expect(hintOf(comp, raffleId)).toBe('你已加入粉丝群，可参与抽奖');
    await tap(comp, '.room__raffles >>> .raffle__enter', { 'data-id': raffleId });
    await mp.settle();
    await mp.settle();
    expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: [RESULT_TEMPLATE, MARKETING_TEMPLATE] }]);
    expect(mp.callsTo('raffle', 'enter').map((c) => c.data)).toEqual([{ raffleId }, { raffleId }]);
    expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { [RESULT_TEMPLATE]: 'accept', [MARKETING_TEMPLATE]: 'accept' } }]);
    expect(await rt.db.collection('consent_credits').get(`demo-shopper:${RESULT_TEMPLATE}`)).toEqual(expect.objectContaining({ credits: 1 }));
    expect(mp.of('showToast').slice(-1)).toEqual([{ title: '已参与，开奖结果会通知你', icon: 'none' }]);
    expect(find(comp, '.room__raffles >>> .raffle__enter', { 'data-id': raffleId })).toHaveLength(0);
    expect(hintOf(comp, raffleId)).toBeUndefined();
    expect(cell(comp, '.room__raffles >>> .raffle', raffleId, '.room__raffles >>> .raffle__meta')).toBe('今天 21:30 开奖 · 1 人参与');
    await tap(comp, '.room__raffles >>> .raffle__body', { 'data-id': raffleId });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/raffle/index?id=${raffleId}` }]);
  });

  it('a refused consent still enters, and records nothing', async () => {
    const raffleId = await groupRaffle();
    await rt.devWecom('join_group', 'demo-shopper', `lv_${TONIGHT}`);
    mp.subscribeAnswer = 'reject';
    const comp = await open();
    await tap(comp, '.room__raffles >>> .raffle__enter', { 'data-id': raffleId });
    await mp.settle();
    await mp.settle();
    expect(mp.callsTo('raffle', 'enter')).toHaveLength(1);
    expect(await rt.db.collection('consent_credits').get(`demo-shopper:${RESULT_TEMPLATE}`)).toBeNull();
    expect(mp.of('showToast')).toEqual([{ title: '已参与，记得回来看开奖', icon: 'none' }]);
  });

  it('tells a reserver that only the fan group is missing for a group-join raffle', async () => {
    const raffleId = await groupRaffle();
    await rt.as('demo-shopper')('live', 'reserve', { liveId: TONIGHT });
    const comp = await open();
    expect(hintOf(comp, raffleId)).toBe('你已预约，还差加入粉丝群即可参与');
    await tap(comp, '.room__raffles >>> .raffle__enter', { 'data-id': raffleId });
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '你已预约，还差加入粉丝群即可参与', icon: 'none' }]);
  });

  it('leaves raffles out when they cannot be read', async () => {
    mp.intercept('raffle', 'listForLive', 'network');
    const comp = await open();
    expect(find(comp, '.room__raffles >>> .raffles')).toHaveLength(0);
  });

  it('before the live: offers to reserve and sends no heartbeat', async () => {
    rt.clock.set(T0);
    jest.setSystemTime(T0);
    const comp = await open();
    expect(text(comp, '.room__head >>> .head__state')).toBe('未开播');
    await advance(30_000);
    expect(trackCalls()).toEqual([]);
    await tap(comp, '.room__head >>> .head__reserve');
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/live/detail/index?live=${TONIGHT}` }]);
  });

  it('before the live: a reserver is told so instead of asked again; cards say when their live price starts', async () => {
    rt.clock.set(T0);
    jest.setSystemTime(T0);
    await rt.as('demo-shopper')('live', 'reserve', { liveId: TONIGHT });
    const comp = await open();
    expect(find(comp, '.room__head >>> .head__reserve')).toHaveLength(0);
    expect(text(comp, '.room__head >>> .head__reserved')).toBe('已预约，开播前提醒你');
    expect(texts(comp, '.cards__item >>> .rc__label')[0]).toBe('直播价');
    expect(texts(comp, '.cards__item >>> .rc__note')).toEqual(Array(6).fill('20:00 开播后生效'));
  });

  it('after the live: the cards at their regular price, with no live price label', async () => {
    rt.clock.set(T0 + 13.5 * HOUR);
    jest.setSystemTime(T0 + 13.5 * HOUR);
    const comp = await open();
    expect(text(comp, '.room__head >>> .head__ended')).toBe('直播已结束，商品仍可购买');
    expect(texts(comp, '.cards__item >>> .price__value')[0]).toBe('169.00');
    expect(find(comp, '.cards__item >>> .price__original')).toHaveLength(0);
    expect(find(comp, '.cards__item >>> .rc__label')).toHaveLength(0);
    expect(find(comp, '.cards__item >>> .rc__note')).toHaveLength(0);
  });

  it('opens from a wxacode scene, and shares the live page with the sharer code', async () => {
    const comp = await open({ scene: encodeURIComponent(`l=${TONIGHT}`) });
    expect(mp.callsTo('live', 'get').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(mp.app.globalData.attribution).toBeNull();
    const share = page(comp).onShareAppMessage() as { title: string; path: string; promise: Promise<{ path: string }> };
    expect(share.title).toBe('正在直播：底妆专场：粉底液 + 散粉直播间专享价');
    expect(share.path).toBe(`/pages/live/detail/index?live=${TONIGHT}`);
    expect((await share.promise).path).toMatch(new RegExp(`^/pages/live/detail/index\\?live=${TONIGHT}&code=[A-Za-z0-9]{8}$`));
  });

  it('shows not found for an unknown live and an error with retry; no timers run before it loads', async () => {
    const missing = await open({ live: 'no-such-live' });
    expect(text(missing, '.room >>> .state__text')).toBe('直播不存在或已下线');
    expect(jest.getTimerCount()).toBe(0);
    mp.intercept('live', 'get', 'network', 1);
    const comp = await open();
    expect(text(comp, '.room >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    expect(jest.getTimerCount()).toBe(0);
    await tap(comp, '.room >>> .state__action');
    await mp.settle();
    expect(text(comp, '.room__head >>> .head__state')).toBe('直播中');
    expect(jest.getTimerCount()).toBe(4);
  });
});
