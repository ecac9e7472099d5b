import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const HOUR = 3600_000;
const MINUTE = 60_000;
const SHOPPER = 'demo-shopper';
const RAFFLE = 'raffle-tonight';
const GROUP_RAFFLE = 'raffle-tonight-group';
/** tonight's reservation raffle is drawn at 20:15 Shanghai; T0 is 10:00 */
const DRAW_AT = T0 + 10 * HOUR + 15 * MINUTE;
const TEMPLATE = 'local-tpl-raffle-result';
const MARKETING_TEMPLATE = 'local-tpl-marketing';

describe('raffle page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/raffle/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime({ now: T0 });
    // the page's clock is an interval (faked); setTimeout stays real so backend calls settle
    jest.useFakeTimers({ now: T0, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  /** Moves the phone's clock, the server's and the page's interval together. */
  async function advance(ms: number) {
    rt.clock.advance(ms);
    jest.advanceTimersByTime(ms);
    await mp.settle();
  }

  async function open(raffleId = RAFFLE) {
    const comp = mount(id);
    page(comp).onLoad({ id: raffleId });
    await mp.settle();
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  const reserve = (openid = SHOPPER) => rt.as(openid)('live', 'reserve', { liveId: 'live-tonight' }, `reserve-${openid}`);
  const enterCalls = () => mp.callsTo('raffle', 'enter');
  const toasts = () => mp.of('showToast').map((t) => (t as { title: string }).title);
  const serverView = async (raffleId = RAFFLE) => {
    const r = await rt.as(SHOPPER)<{ entryCount: number; myEntry: { entryId: string } | null }>('raffle', 'get', { raffleId });
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  };

  it('shows the raffle, its prizes and the countdown to the draw', async () => {
    await reserve();
    const comp = await open();
    expect(text(comp, '.head__kind')).toBe('预约抽奖');
    expect(text(comp, '.head__title')).toBe('预约抽奖：开播 15 分钟开奖');
    expect(text(comp, '.head__prizes')).toBe('奖品：满 199 减 30 券 ×3 · 200 积分 ×5');
    expect(text(comp, '.draw__clock')).toBe('10:15:00');
    expect(text(comp, '.draw__time')).toBe('今天 20:15 开奖 · 本轮 0 人参与');
    expect(text(comp, '.enter__button')).toBe('立即参与');
    expect(text(comp, '.draw__commitment')).toMatch(/^本轮承诺值（种子的 SHA-256）：[0-9a-f]{8}…[0-9a-f]{8}，/);
    expect(text(comp, '.draws__empty')).toBe('还没有开奖，开奖后在这里公布中奖名单');
    await advance(1000);
    expect(text(comp, '.draw__clock')).toBe('10:14:59');
  });

  it('enters an eligible reserver, asking the result-notice consent in the tap and recording it', async () => {
    await reserve();
    const comp = await open();
    await tap(comp, '.enter__button');
    // the dialog is asked synchronously in the tap, before any call
    expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: [TEMPLATE, MARKETING_TEMPLATE] }]);
    await mp.settle();
    expect(enterCalls().map((c) => c.data)).toEqual([{ raffleId: RAFFLE }]);
    expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { [TEMPLATE]: 'accept', [MARKETING_TEMPLATE]: 'accept' } }]);
    expect(toasts()).toEqual(['已参与，开奖结果会通知你']);
    expect(text(comp, '.enter__done')).toBe('已参与，等待开奖');
    expect(text(comp, '.draw__time')).toBe('今天 20:15 开奖 · 本轮 1 人参与');
    expect(texts(comp, '.mine__result')).toEqual(['待开奖']);
    const view = await serverView();
    expect(text(comp, '.mine__entry')).toBe(`参与编号 ${view.myEntry!.entryId}`);
  });

  it('enters without recording anything when the consent dialog is refused or fails', async () => {
    await reserve();
    mp.subscribeAnswer = 'fail';
    const comp = await open();
    await tap(comp, '.enter__button');
    await mp.settle();
    expect(enterCalls()).toHaveLength(1);
    expect(mp.callsTo('live', 'recordConsents')).toHaveLength(0);
    expect(toasts()).toEqual(['已参与，记得回来看开奖']);
    expect(text(comp, '.enter__done')).toBe('已参与，等待开奖');
  });

  it('tells a shopper who has not reserved how to become eligible, and links to the live', async () => {
    const comp = await open();
    expect(comp.querySelector('.enter__button')).toBeUndefined();
    expect(text(comp, '.enter__blocked')).toBe('开播前预约这场直播的用户才能参与抽奖');
    await tap(comp, '.enter__fix');
    expect(text(comp, '.enter__fix')).toBe('去预约直播');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/live/detail/index?live=live-tonight' }]);

    // back from reserving: the page reads again and the button is there
    await reserve();
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.enter__button')).toBe('立即参与');
  });

  it('asks a group-join raffle\'s visitor to join the fan group', async () => {
    const comp = await open(GROUP_RAFFLE);
    expect(text(comp, '.head__kind')).toBe('进群抽奖');
    expect(text(comp, '.head__rounds')).toBe('共 3 轮，当前第 1 轮，每轮奖品如上');
    expect(text(comp, '.enter__blocked')).toBe('加入粉丝群或通过直播添加客服企业微信后才能参与抽奖');
    expect(text(comp, '.enter__fix')).toBe('去加入粉丝群');
  });

  it('shows the eligibility message when the server refuses the entry, and records no consent', async () => {
    await reserve();
    const comp = await open();
    // cancelled on another page since: the server refuses
    await rt.as(SHOPPER)('live', 'cancelReservation', { liveId: 'live-tonight' }, 'cancel-1');
    await tap(comp, '.enter__button');
    await mp.settle();
    expect(enterCalls()).toHaveLength(1);
    expect(toasts()).toEqual(['开播前预约这场直播的用户才能参与抽奖']);
    expect(text(comp, '.enter__blocked')).toBe('开播前预约这场直播的用户才能参与抽奖');
    expect(mp.callsTo('live', 'recordConsents')).toHaveLength(0);
    expect((await serverView()).entryCount).toBe(0);
  });

  it('makes one entry however often the shopper taps, and none again once entered', async () => {
    await reserve();
    const comp = await open();
    const button = comp.querySelector('.enter__button')!;
    button.dispatchEvent('tap');
    button.dispatchEvent('tap');
    await mp.settle();
    expect(enterCalls()).toHaveLength(1);
    expect(mp.of('requestSubscribeMessage')).toHaveLength(1);

    // a second page (or a second phone) shows the entry and offers no button
    const again = await open();
    expect(text(again, '.enter__done')).toBe('已参与，等待开奖');
    expect(again.querySelector('.enter__button')).toBeUndefined();

    // and the server keeps one entry even when asked again directly
    const repeat = await rt.as(SHOPPER)<{ entryCount: number }>('raffle', 'enter', { raffleId: RAFFLE }, 'direct-1');
    expect(repeat.ok && repeat.data.entryCount).toBe(1);
    expect((await serverView()).entryCount).toBe(1);
  });

  it('shows an entry whose answer was lost as made once the page reads again', async () => {
    await reserve();
    const comp = await open();
    mp.intercept('raffle', 'enter', async (call) => {
      await rt.as(SHOPPER)('raffle', 'enter', call.data, call.requestId);
      return 'network' as const;
    }, 1);
    await tap(comp, '.enter__button');
    await mp.settle();
    // the page read again and found the entry the server had made
    expect(text(comp, '.enter__done')).toBe('已参与，等待开奖');
    expect((await serverView()).entryCount).toBe(1);
  });

  it('runs its clock only while shown, and clears it on hide, unload and detach', async () => {
    const comp = await open();
    expect(jest.getTimerCount()).toBe(1);
    page(comp).onHide();
    expect(jest.getTimerCount()).toBe(0);
    page(comp).onShow();
    await mp.settle();
    expect(jest.getTimerCount()).toBe(1);
    page(comp).onUnload();
    expect(jest.getTimerCount()).toBe(0);
    page(comp).onShow();
    await mp.settle();
    expect(jest.getTimerCount()).toBe(1);
    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits for the draw once its time has come, then shows the winners and the shopper\'s prize', async () => {
    await reserve();
    const comp = await open();
    await tap(comp, '.enter__button');
    await mp.settle();

    // to a second after the draw time (without running the ten hours of ticks in between)
    rt.clock.set(DRAW_AT);
    jest.setSystemTime(DRAW_AT);
    await advance(1000);
    expect(text(comp, '.draw__drawing')).toBe('开奖中，稍后公布结果…');
    const gets = mp.callsTo('raffle', 'get').length;

    // the timer draws it; the page asks again every 10 seconds until the winners are out
    const drawn = await rt.as('demo-staff')('admin', 'drawRaffle', { raffleId: RAFFLE }, 'draw-1');
    expect(drawn.ok).toBe(true);
    await advance(10_000);
    expect(mp.callsTo('raffle', 'get').length).toBe(gets + 1);
    expect(text(comp, '.draw__over')).toBe('全部开奖已结束');
    // the only entrant wins the first unit
    expect(texts(comp, '.mine__result')).toEqual(['中奖：满 199 减 30 券']);
    expect(texts(comp, '.mine__prize')).toEqual(['优惠券已放入卡包']);
    expect(texts(comp, '.winner__prize')).toEqual(['满 199 减 30 券']);
    expect(text(comp, '.winner--mine .winner__name')).toMatch(/（我）$/);
    // nothing left to count down to
    expect(jest.getTimerCount()).toBe(0);
  });

  it('lists past draws with masked winners and opens the verify view', async () => {
    const comp = await open('raffle-past');
    expect(text(comp, '.draw__over')).toBe('全部开奖已结束');
    expect(text(comp, '.enter__blocked')).toBe('抽奖已截止');
    expect(texts(comp, '.drawn__title')).toEqual(['开奖结果']);
    expect(texts(comp, '.winner__name')).toEqual(['C**酱', '栗*', '小**蜜', '云**糖']);
    expect(texts(comp, '.winner__prize')).toEqual(['全场 8 折券', '全场 8 折券', '全场 8 折券', '直播优先入场 30 天']);
    expect(text(comp, '.drawn__proof')).toBe('承诺 96eba1a0…a1a3f3d1 · 种子 7e9e2ed5…db90edab');
    expect(jest.getTimerCount()).toBe(0);
    await tap(comp, '.drawn__verify');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/raffle/verify/index?id=raffle-past&slot=1' }]);
  });

  it('lets a goods winner choose an address and claim the prize as a zero-price order', async () => {
    await reserve();
    const created = await rt.as('demo-staff')<{ raffleId: string }>('admin', 'createRaffle', {
      liveId: 'live-tonight',
      kind: 'reservation',
      title: '预约抽奖：润唇膏',
      draw: { type: 'once', at: T0 + HOUR },
      prizes: [{ kind: 'goods', title: '润唇膏 4g', stock: 1, skuId: 'p-lipbalm-1' }],
    }, 'create-1');
    if (!created.ok) throw new Error(created.error.code);
    const raffleId = created.data.raffleId;
    await rt.as(SHOPPER)('raffle', 'enter', { raffleId }, 'enter-1');
    rt.clock.advance(HOUR + MINUTE);
    jest.setSystemTime(rt.clock.now());
    await rt.as('demo-staff')('admin', 'drawRaffle', { raffleId }, 'draw-1');

    const comp = await open(raffleId);
    expect(texts(comp, '.mine__result')).toEqual(['中奖：润唇膏 4g']);
    expect(text(comp, '.mine__prize')).toMatch(/^请在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前填写收货地址$/);
    await tap(comp, '.mine__claim');
    await mp.settle();
    expect(texts(comp, '.raffle >>> .sheet__name')).toEqual(['林小美']);
    await tap(comp, '.raffle >>> .sheet__confirm');
    await mp.settle();
    const claims = mp.callsTo('raffle', 'claimPrize');
    expect(claims.map((c) => (c.data as { addressId: string }).addressId)).toEqual([`addr-${SHOPPER}`]);
    expect(toasts()).toEqual(['领取成功，等待发货']);
    expect(texts(comp, '.mine__prize')).toEqual(['已下单 · 待发货']);
    expect(comp.querySelector('.mine__claim')).toBeUndefined();
  });

  it('says so for an unknown raffle, and offers a retry when it cannot be read', async () => {
    const missing = await open('no-such-raffle');
    expect(text(missing, '.raffle >>> .state__text')).toBe('抽奖不存在或已下线');

    mp.intercept('raffle', 'get', 'network', 1);
    const comp = await open();
    expect(text(comp, '.raffle >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.raffle >>> .state__action');
    await mp.settle();
    expect(text(comp, '.head__title')).toBe('预约抽奖：开播 15 分钟开奖');
  });

  it('offers the verify view of a finished round with the shopper\'s entry id', async () => {
    await reserve();
    const comp = await open();
    await tap(comp, '.enter__button');
    await mp.settle();
    await rt.as('demo-staff')('admin', 'drawRaffle', { raffleId: RAFFLE }, 'draw-1');
    page(comp).onShow();
    await mp.settle();
    const entryId = (await rt.as(SHOPPER)<{ items: Array<{ entryId: string }> }>('raffle', 'myEntries', {}));
    if (!entryId.ok) throw new Error('entries');
    await tap(comp, '.drawn__verify', { 'data-slot': '1' });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/raffle/verify/index?id=${RAFFLE}&slot=1&entry=${entryId.data.items[0].entryId}` }]);
  });
});

