import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const TONIGHT = 'live-tonight';

describe('promoter centre', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/promoter/index');
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

  async function open(openid = 'demo-shopper') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  /** `friend` reserved tonight through the promoter's code and watched `minutes` of it. */
  async function invite(promoter: string, friend: string, minutes: number) {
    const code = await rt.as(promoter)<{ code: string }>('referral', 'myCode', { liveId: TONIGHT });
    if (!code.ok) throw new Error(code.error.code);
    await rt.as(friend)('live', 'reserve', { liveId: TONIGHT, inviteCode: code.data.code });
    if (minutes > 0) {
      await rt.db.collection('live_stats').insert({
        _id: `${TONIGHT}:${friend}`,
        liveId: TONIGHT,
        userId: friend,
        watchMinutes: minutes,
        lastSlot: 0,
        cardTaps: 0,
        comments: 0,
        keywordHits: 0,
        addToCart: 0,
        consultTaps: 0,
        firstAt: 0,
        lastAt: 0,
      });
    }
  }

  it('lets a shopper opt in, once', async () => {
    const comp = await open();
    expect(find(comp, '.join__button')).toHaveLength(1);
    expect(text(comp, '.join .section-title')).toBe('成为推广员');
    // the shop's own numbers, before opting in
    expect(text(comp, '.join__text')).toBe('分享直播给好友：好友通过你的分享预约并观看满 10 分钟，你得 20 积分；同一位好友每场直播计一次，每天最多奖励 30 位好友。只看好友的真实观看，不看分享次数。');
    expect(find(comp, '.summary')).toHaveLength(0);
    page(comp).onJoin();
    page(comp).onJoin();
    await mp.settle();
    expect(mp.callsTo('referral', 'becomePromoter')).toHaveLength(1);
    expect(mp.of('showToast')).toEqual([{ title: '已成为推广员', icon: 'success' }]);
    expect(text(comp, '.summary__value')).toBe('0');
    expect(text(comp, '.invitees__empty')).toBe('还没有好友通过你的分享预约直播');
    expect(find(comp, '.join__button')).toHaveLength(0);
  });

  it('shows earnings, each invitee with their status, and the live leaderboard', async () => {
    await rt.as('demo-shopper')('referral', 'becomePromoter', {});
    await rt.as('rival')('referral', 'becomePromoter', {});
    await invite('demo-shopper', 'friend-a', 12);
    await invite('demo-shopper', 'friend-b', 3);
    await invite('demo-shopper', 'friend-c', 0);
    await invite('rival', 'friend-d', 15);
    rt.clock.set((await rt.db.collection('lives').get(TONIGHT))!.startAt + 3600_000);
    await rt.runTimer('referral', 'rewardPromoters');

    const comp = await open();
    expect(text(comp, '.summary__value')).toBe('20');
    const rows = texts(comp, '.invitee__status');
    expect([...rows].sort()).toEqual(['已奖励', '已预约，待观看', '观看中'].sort());
    expect(texts(comp, '.invitee__points')).toEqual(['+20 积分']);
    expect(text(comp, '.summary__rules')).toContain('观看满 10 分钟，你得 20 积分');
    // progress toward the watch time the reward needs
    expect(texts(comp, '.invitee__meta').some((t) => t.includes('已看 3/10 分钟'))).toBe(true);

    await tap(comp, '.board__live', { 'data-id': TONIGHT });
    await mp.settle();
    expect(mp.callsTo('referral', 'leaderboard').map((c) => c.data)).toContainEqual({ liveId: TONIGHT });
    expect(texts(comp, '.rank__points')).toEqual(['20 积分', '20 积分']);
    const mine = find(comp, '.rank').filter((r) => hasClass(r, 'rank--me'));
    expect(mine).toHaveLength(1);
    expect(mine[0].dom?.textContent).toContain('（我）');
  });

  it('shows a leaderboard without promoters as empty, and a failed load with retry', async () => {
    mp.intercept('referral', 'promoterCenter', 'network', 1);
    const comp = await open();
    expect(text(comp, '.promoter >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.promoter >>> .state__action');
    await mp.settle();
    expect(text(comp, '.join .section-title')).toBe('成为推广员');
    // the shop's own numbers, before opting in
    expect(text(comp, '.join__text')).toBe('分享直播给好友：好友通过你的分享预约并观看满 10 分钟，你得 20 积分；同一位好友每场直播计一次，每天最多奖励 30 位好友。只看好友的真实观看，不看分享次数。');
    expect(text(comp, '.board__empty')).toBe('这场直播还没有上榜的推广员');
  });
});
