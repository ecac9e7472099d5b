import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const HOUR = 3600_000;
const SHOPPER = 'demo-shopper';

describe('my raffle entries page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/raffle/entries/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime({ now: T0 });
    useRuntime(rt);
    await rt.as(SHOPPER)('live', 'reserve', { liveId: 'live-tonight' }, 'reserve-1');
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  let created = 0;
  async function raffle(title: string, at: number): Promise<string> {
    const r = await rt.as('demo-staff')<{ raffleId: string }>('admin', 'createRaffle', {
      liveId: 'live-tonight',
      kind: 'reservation',
      title,
      draw: { type: 'once', at },
      prizes: [{ kind: 'points', title: '50 积分', stock: 1, points: 50 }],
    }, `create-${++created}`);
    if (!r.ok) throw new Error(r.error.code);
    return r.data.raffleId;
  }

  it('lists the entries with their result and prize, and opens a raffle', async () => {
    await rt.as(SHOPPER)('raffle', 'enter', { raffleId: 'raffle-tonight' }, 'enter-1');
    rt.clock.advance(1000);
    const early = await raffle('早场抽奖', T0 + HOUR);
    await rt.as(SHOPPER)('raffle', 'enter', { raffleId: early }, 'enter-2');
    await rt.as('demo-staff')('admin', 'drawRaffle', { raffleId: early }, 'draw-1');

    const comp = await open();
    expect(texts(comp, '.entry__title')).toEqual(['早场抽奖', '预约抽奖：开播 15 分钟开奖']);
    expect(texts(comp, '.entry__kind')).toEqual(['预约抽奖', '预约抽奖']);
    expect(texts(comp, '.entry__result')).toEqual(['中奖：50 积分', '待开奖']);
    expect(texts(comp, '.entry__prize')).toEqual(['50 积分已到账']);
    expect(texts(comp, '.entry__draw')).toEqual(['第 1 轮 · 2026-11-24 11:00 开奖', '第 1 轮 · 2026-11-24 20:15 开奖']);
    await tap(comp, '.entry', { 'data-raffle': early });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/raffle/index?id=${early}` }]);
  });

  it('pages through more than ten entries', async () => {
    for (let i = 0; i < 11; i++) {
      // ten seconds apart: one shopper's entries stay within their rate budget
      rt.clock.advance(10_000);
      const raffleId = await raffle(`抽奖 ${i + 1}`, T0 + HOUR + i * 60_000);
      await rt.as(SHOPPER)('raffle', 'enter', { raffleId }, `enter-${i}`);
    }
    const comp = await open();
    expect(comp.querySelectorAll('.entry')).toHaveLength(10);
    expect(texts(comp, '.entry__title')[0]).toBe('抽奖 11');
    page(comp).onReachBottom();
    await mp.settle();
    expect(texts(comp, '.entry__title')).toHaveLength(11);
    expect(text(comp, '.more')).toBe('没有更多了');
    expect(mp.callsTo('raffle', 'myEntries').map((c) => c.data)).toEqual([{ page: 1 }, { page: 2 }]);
  });

  it('says so when the shopper has entered nothing, and offers the lives', async () => {
    const comp = await open();
    expect(text(comp, '.entries >>> .state__text')).toBe('还没有参与抽奖，预约直播或加入粉丝群即可参与');
    await tap(comp, '.entries >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/live/index' }]);
  });

  it('shows an error with a retry', async () => {
    await rt.as(SHOPPER)('raffle', 'enter', { raffleId: 'raffle-tonight' }, 'enter-1');
    mp.intercept('raffle', 'myEntries', 'network', 1);
    const comp = await open();
    expect(text(comp, '.entries >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.entries >>> .state__action');
    await mp.settle();
    expect(texts(comp, '.entry__result')).toEqual(['待开奖']);
  });
});
