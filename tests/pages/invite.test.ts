import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const TONIGHT = 'live-tonight';

describe('invite task page', () => {
  let rt: TestRuntime;
  let id: string;
  let taskId: string;
  beforeAll(() => {
    id = load('pages/invite/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    jest.useFakeTimers({ now: rt.clock.now(), doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
    const made = await rt.as('demo-staff')<{ taskId: string }>('admin', 'createFissionTask', {
      liveId: TONIGHT,
      requiredInvites: 3,
      giftStock: 2,
      gift: { kind: 'points', points: 100 },
    });
    if (!made.ok) throw new Error(made.error.code);
    taskId = made.data.taskId;
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  async function open(options: Record<string, string>, openid = 'demo-shopper') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  const claimButton = (comp: Rendered) => find(comp, '.progress__claim')[0];

  async function reserveThrough(code: string, friend: string) {
    const r = await rt.as(friend)('live', 'reserve', { liveId: TONIGHT, inviteCode: code });
    expect(r.ok).toBe(true);
  }

  async function balance(): Promise<number> {
    const r = await rt.as('demo-shopper')<{ balance: number }>('points', 'balance', {});
    if (!r.ok) throw new Error(r.error.code);
    return r.data.balance;
  }

  async function shareCode(): Promise<string> {
    const r = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', { liveId: TONIGHT });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.code;
  }

  it("opens the live's task: progress, the rules in full, and a claim button that waits", async () => {
    const comp = await open({ live: TONIGHT });
    expect(mp.callsTo('referral', 'listTasks').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(text(comp, '.invite__title')).toBe('邀请 3 位好友预约直播，领100 积分');
    expect(text(comp, '.progress__count')).toBe('0');
    expect(text(comp, '.progress__hint')).toBe('还差 3 位好友 · 奖励剩余 2 份');
    expect(text(comp, '.invitees__empty')).toBe('还没有好友通过你的邀请预约');

    const task = await rt.as('demo-shopper')<{ rules: string[] }>('referral', 'getTask', { taskId });
    if (!task.ok) throw new Error('no task');
    expect(task.data.rules.length).toBeGreaterThan(2);
    expect(texts(comp, '.rules__text')).toEqual(task.data.rules.map((r) => r.replace(/\s+/g, ' ').trim()));

    expect(hasClass(claimButton(comp), 'btn-disabled')).toBe(true);
    expect(text(comp, '.progress__claim')).toBe('邀请达标后可领取');
    await tap(comp, '.progress__claim');
    expect(mp.callsTo('referral', 'claimGift')).toEqual([]);
  });

  it('counts friends who reserve through the code; the same friend twice and the inviter do not count', async () => {
    const comp = await open({ live: TONIGHT, task: taskId });
    const code = await shareCode();
    await reserveThrough(code, 'friend-a');
    await reserveThrough(code, 'friend-a');
    await reserveThrough(code, 'demo-shopper');
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.progress__count')).toBe('1');
    expect(texts(comp, '.invitees__name')).toHaveLength(1);
    expect(texts(comp, '.invitees__name')[0]).toMatch(/\*/);

    await reserveThrough(code, 'friend-b');
    await reserveThrough(code, 'friend-c');
    page(comp).onPullDownRefresh();
    await mp.settle();
    expect(text(comp, '.progress__count')).toBe('3');
    expect(text(comp, '.progress__hint')).toBe('已达标 · 奖励剩余 2 份');
    expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
  });

  it('enables the claim once unlocked, claims once, then shows it claimed', async () => {
    const comp = await open({ task: taskId });
    const code = await shareCode();
    for (const f of ['friend-a', 'friend-b', 'friend-c']) await reserveThrough(code, f);
    page(comp).onShow();
    await mp.settle();
    expect(hasClass(claimButton(comp), 'btn-disabled')).toBe(false);
    expect(text(comp, '.progress__claim')).toBe('领取奖励');
    const before = await balance();

    await tap(comp, '.progress__claim');
    await tap(comp, '.progress__claim');
    await mp.settle();
    expect(mp.callsTo('referral', 'claimGift').map((c) => c.data)).toEqual([{ taskId }]);
    expect(mp.of('showToast')).toEqual([{ title: '已领取 100 积分', icon: 'success' }]);
    expect(text(comp, '.progress__claim')).toBe('已领取');
    expect(hasClass(claimButton(comp), 'btn-disabled')).toBe(true);
    expect(text(comp, '.progress__hint')).toBe('已达标 · 奖励剩余 1 份');
    expect((await balance()) - before).toBe(100);
  });

  it('shares the live page with the inviter code and opens the poster for it', async () => {
    const comp = await open({ live: TONIGHT });
    const code = await shareCode();
    expect(mp.callsTo('referral', 'myCode').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(page(comp).onShareAppMessage()).toEqual({ title: '邀你预约直播：底妆专场：粉底液 + 散粉直播间专享价', path: `/pages/live/detail/index?live=${TONIGHT}&code=${code}` });
    await tap(comp, '.invite__poster');
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/poster/index?code=${code}` }]);
  });

  it('shows a live without a task as empty, an unknown task as not found, and a failure with retry', async () => {
    const past = await open({ live: 'live-past' });
    expect(text(past, '.invite >>> .state__text')).toBe('这场直播暂时没有邀请活动');
    unmountAll();
    const unknown = await open({ task: 'no-such-task' });
    expect(text(unknown, '.invite >>> .state__text')).toBe('邀请活动不存在或已下线');
    unmountAll();
    mp.intercept('referral', 'progress', 'network', 1);
    const comp = await open({ task: taskId });
    expect(text(comp, '.invite >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.invite >>> .state__action');
    await mp.settle();
    expect(text(comp, '.progress__count')).toBe('0');
  });
});
