import { T0, type TestRuntime } from '../helpers/runtime';
import { find, load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';
const START_TEMPLATE = 'local-tpl-live-start';
const MARKETING_TEMPLATE = 'local-tpl-marketing';

describe('live detail: countdown, featured products, reserve with consent and Channels', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/live/detail/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string>) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  /** Lets the reserve flow's dialogs and calls run to the end. */
  async function reserveTap(comp: Rendered) {
    await tap(comp, '.actions__reserve');
    await mp.settle();
    await mp.settle();
  }

  const credit = (userId: string, templateId: string) => rt.db.collection('consent_credits').get(`${userId}:${templateId}`);
  const reservation = (liveId: string, userId: string) =>
    rt.db.collection('reservations').get(`${liveId}:${userId}`);

  /** A live on WeCom or elsewhere: no Channels notice to reserve. */
  async function liveWithoutNotice(): Promise<string> {
    const r = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '企业微信直播：香氛专场',
      startAt: T0 + 30 * HOUR,
      endAt: T0 + 32 * HOUR,
      externalUrl: 'https://work.weixin.qq.com/live/demo',
      cards: [{ productId: 'p-candle', livePriceFen: 9900 }],
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.liveId;
  }

  it('shows the countdown, reservation count and featured products at their live price', async () => {
    const comp = await open({ live: TONIGHT });
    expect(text(comp, '.hero__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
    expect(text(comp, '.hero__state')).toBe('预告');
    expect(text(comp, '.hero__start')).toBe('今天 20:00 开播 · 20:00 - 23:00');
    expect(text(comp, '.hero__countdown >>> .countdown')).toBe('10:00:00');
    expect(text(comp, '.hero__count')).toBe('0 人已预约');
    expect(texts(comp, '.card__title')).toEqual(['柔雾持妆粉底液', '轻盈定妆散粉', '底妆礼盒', '丝绒哑光口红', '修护精华液', '水光气垫霜']);
    expect(texts(comp, '.card__price >>> .price__value')[0]).toBe('129.00');
    expect(texts(comp, '.card__price >>> .price__original')[0]).toBe('¥169.00');
    expect(text(comp, '.actions__reserve')).toBe('预约直播，开播提醒');
    expect(find(comp, '.actions__enter')).toHaveLength(0);
    expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '直播预告' }]);
  });

  it('reserve asks the start-reminder consent, records it as a credit, then reserves on Channels too', async () => {
    const comp = await open({ live: TONIGHT });
    await reserveTap(comp);
    expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: [START_TEMPLATE, MARKETING_TEMPLATE] }]);
    expect(mp.callsTo('live', 'reserve').map((c) => c.data)).toEqual([{ liveId: TONIGHT, consents: { [START_TEMPLATE]: 'accept', [MARKETING_TEMPLATE]: 'accept' } }]);
    expect(mp.callsTo('live', 'reserve')[0].requestId).toMatch(/^r-/);
    expect(await credit('demo-shopper', START_TEMPLATE)).toEqual(expect.objectContaining({ credits: 1 }));
    // the 活动通知 consent rides along, so the post-live follow-up can reach a reserver who did not buy
    expect(await credit('demo-shopper', MARKETING_TEMPLATE)).toEqual(expect.objectContaining({ credits: 1 }));
    expect(mp.of('reserveChannelsLive')).toEqual([{ noticeId: 'demo-notice-tonight' }]);
    expect(mp.callsTo('live', 'recordChannelsReservation').map((c) => c.data)).toEqual([{ liveId: TONIGHT, state: 6 }]);
    expect(await reservation(TONIGHT, 'demo-shopper')).toEqual(expect.objectContaining({ status: 'active', channelsState: 6 }));
    expect(text(comp, '.actions__reserve')).toBe('已预约 · 取消预约');
    expect(text(comp, '.hero__count')).toBe('1 人已预约');
    expect(mp.of('showToast')).toEqual([{ title: '预约成功，开播前提醒你', icon: 'success' }]);
  });

  it('a refused consent still reserves, with no credit', async () => {
    mp.subscribeAnswer = 'reject';
    const comp = await open({ live: TONIGHT });
    await reserveTap(comp);
    expect(mp.callsTo('live', 'reserve').map((c) => c.data)).toEqual([{ liveId: TONIGHT, consents: { [START_TEMPLATE]: 'reject', [MARKETING_TEMPLATE]: 'reject' } }]);
    expect(await credit('demo-shopper', START_TEMPLATE)).toBeNull();
    expect(await reservation(TONIGHT, 'demo-shopper')).toEqual(expect.objectContaining({ status: 'active' }));
    expect(mp.of('showToast')).toEqual([{ title: '预约成功', icon: 'success' }]);
  });

  it('a failed subscribe dialog reserves without consents', async () => {
    mp.subscribeAnswer = 'fail';
    const comp = await open({ live: TONIGHT });
    await reserveTap(comp);
    expect(mp.callsTo('live', 'reserve').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(text(comp, '.actions__reserve')).toBe('已预约 · 取消预约');
  });

  it('calls wx.reserveChannelsLive only when the live has a Channels notice', async () => {
    const liveId = await liveWithoutNotice();
    const comp = await open({ live: liveId });
    await reserveTap(comp);
    expect(mp.callsTo('live', 'reserve')).toHaveLength(1);
    expect(await credit('demo-shopper', START_TEMPLATE)).toEqual(expect.objectContaining({ credits: 1 }));
    expect(mp.of('reserveChannelsLive')).toEqual([]);
    expect(mp.callsTo('live', 'recordChannelsReservation')).toEqual([]);
  });

  it('a failed Channels dialog keeps our reservation and records no Channels state', async () => {
    mp.channelsState = 'fail';
    const comp = await open({ live: TONIGHT });
    await reserveTap(comp);
    expect(mp.of('reserveChannelsLive')).toHaveLength(1);
    expect(mp.callsTo('live', 'recordChannelsReservation')).toEqual([]);
    expect(await reservation(TONIGHT, 'demo-shopper')).toEqual(expect.objectContaining({ status: 'active', channelsState: null }));
  });

  it('a shared link carries the sharer code into the reservation', async () => {
    const comp = await open({ live: TONIGHT, code: 'Inviter01' });
    expect(mp.app.globalData.attribution).toEqual({ inviteCode: 'Inviter01', source: 'invite' });
    await reserveTap(comp);
    expect(mp.callsTo('live', 'reserve')[0].data).toEqual({ liveId: TONIGHT, inviteCode: 'Inviter01', consents: { [START_TEMPLATE]: 'accept', [MARKETING_TEMPLATE]: 'accept' } });
    expect(await reservation(TONIGHT, 'demo-shopper')).toEqual(expect.objectContaining({ inviteCode: 'Inviter01' }));
  });

  describe('opened from a poster scan (scene c=<code>)', () => {
    async function posterCode(): Promise<string> {
      const made = await rt.as('demo-shopper')<{ code: string; scene: string }>('referral', 'myCode', { liveId: TONIGHT });
      if (!made.ok) throw new Error(made.error.code);
      return made.data.code;
    }
    const progress = async () => {
      const r = await rt.as('demo-shopper')<{ count: number }>('referral', 'progress', { taskId: 'task-tonight' });
      if (!r.ok) throw new Error(r.error.code);
      return r.data.count;
    };

    it('shows the live the code names, and reserving counts the friend for the inviter', async () => {
      const code = await posterCode();
      mp.storage.set('devOpenid', JSON.stringify('poster-friend'));
      const comp = await open({ scene: encodeURIComponent(`c=${code}`) });
      expect(text(comp, '.hero__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
      expect(mp.callsTo('referral', 'resolveCode').map((c) => c.data)).toEqual([{ code }]);
      await reserveTap(comp);
      expect(mp.callsTo('live', 'reserve').map((c) => c.data)).toEqual([{ liveId: TONIGHT, inviteCode: code, consents: { [START_TEMPLATE]: 'accept', [MARKETING_TEMPLATE]: 'accept' } }]);
      expect(await reservation(TONIGHT, 'poster-friend')).toEqual(expect.objectContaining({ inviteCode: code, status: 'active' }));
      expect(await progress()).toBe(1);
    });

    it('an unknown code says so instead of a missing live', async () => {
      const comp = await open({ scene: encodeURIComponent('c=Unknown99') });
      expect(text(comp, '.detail >>> .state__text')).toBe('分享码无效或已失效');
      expect(mp.callsTo('live', 'get')).toEqual([]);
    });

    it('a failed look-up is an error with retry, which asks again', async () => {
      const code = await posterCode();
      mp.intercept('referral', 'resolveCode', 'network', 1);
      const comp = await open({ scene: encodeURIComponent(`c=${code}`) });
      expect(text(comp, '.detail >>> .state__text')).toBe('网络不给力，请检查网络后重试');
      await tap(comp, '.detail >>> .state__action');
      await mp.settle();
      expect(text(comp, '.hero__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
      expect(mp.callsTo('referral', 'resolveCode')).toHaveLength(2);
    });
  });

  it('opening from the schedule records no attribution', async () => {
    await open({ live: TONIGHT });
    expect(mp.app.globalData.attribution).toBeNull();
  });

  it('cancels on the second tap after asking, without asking consent again', async () => {
    const comp = await open({ live: TONIGHT });
    await reserveTap(comp);
    // answered 再想想: the reservation stands
    await tap(comp, '.actions__reserve');
    await mp.settle();
    expect(mp.of('showModal')).toEqual([{ title: '取消预约', content: '取消后将收不到开播提醒，确定取消吗？', confirmText: '取消预约', cancelText: '再想想' }]);
    expect(mp.callsTo('live', 'cancelReservation')).toHaveLength(0);
    expect(text(comp, '.actions__reserve')).toBe('已预约 · 取消预约');
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.actions__reserve');
    await mp.settle();
    expect(mp.callsTo('live', 'cancelReservation').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(mp.of('requestSubscribeMessage')).toHaveLength(1);
    expect(await reservation(TONIGHT, 'demo-shopper')).toEqual(expect.objectContaining({ status: 'cancelled' }));
    expect(text(comp, '.actions__reserve')).toBe('预约直播，开播提醒');
    expect(text(comp, '.hero__count')).toBe('0 人已预约');
  });

  it('ignores taps while a reservation is in flight', async () => {
    const comp = await open({ live: TONIGHT });
    await tap(comp, '.actions__reserve');
    await tap(comp, '.actions__reserve');
    await mp.settle();
    await mp.settle();
    expect(mp.callsTo('live', 'reserve')).toHaveLength(1);
    expect(mp.callsTo('live', 'cancelReservation')).toHaveLength(0);
  });

  it('during the live: enter the room; cards land with the live attribution', async () => {
    rt.clock.set(T0 + 10.5 * HOUR);
    const comp = await open({ live: TONIGHT });
    expect(text(comp, '.hero__state')).toBe('直播中');
    expect(find(comp, '.hero__countdown')).toHaveLength(0);
    await tap(comp, '.actions__enter');
    await tap(comp, '.card', { 'data-card': 'card-2' });
    expect(mp.of('navigateTo')).toEqual([
      { url: `/pages/live/room/index?live=${TONIGHT}` },
      { url: `/pages/product/index?id=p-powder&live=${TONIGHT}&card=card-2` },
    ]);
    // reserving during the live asks no start reminder
    await reserveTap(comp);
    expect(mp.of('requestSubscribeMessage')).toEqual([]);
    expect(mp.callsTo('live', 'reserve').map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
  });

  it('before the live, a card says when its live price starts and lands with the card', async () => {
    const comp = await open({ live: TONIGHT });
    expect(texts(comp, '.card__label')[0]).toBe('直播价');
    expect(texts(comp, '.card__note')).toEqual(Array(6).fill('20:00 开播后生效'));
    await tap(comp, '.card', { 'data-card': 'card-1' });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/product/index?id=p-foundation&live=${TONIGHT}&card=card-1` }]);
  });

  it('a live on another day says which day its price starts', async () => {
    const liveId = await liveWithoutNotice();
    const comp = await open({ live: liveId });
    expect(texts(comp, '.card__note')).toEqual(['明天 16:00 开播后生效']);
  });

  describe('after the live', () => {
    const afterEnd = () => rt.clock.set(T0 + 13.5 * HOUR);

    it('plays the highlight clips, lists the products at their regular price, and offers nothing to reserve or invite', async () => {
      const staff = rt.as('demo-staff');
      for (const [n, title] of ['粉底液上脸实测', '散粉定妆 8 小时'].entries()) {
        await staff('admin', 'addClip', { liveId: TONIGHT, title, videoUrl: `https://cdn.example.com/clip-${n + 1}.mp4`, productIds: ['p-foundation'] });
      }
      const playing = (comp: Rendered) => {
        const { clips, playing: at } = page(comp).data as { clips: Array<{ videoUrl: string }>; playing: number };
        return [find(comp, '.hero__video').length, clips[at].videoUrl];
      };
      afterEnd();
      const comp = await open({ live: TONIGHT });
      expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '直播回放' }]);
      expect(text(comp, '.hero__state')).toBe('已结束');
      expect(text(comp, '.hero__start')).toBe('今天 20:00 播出 · 20:00 - 23:00');
      expect(find(comp, '.hero__countdown')).toHaveLength(0);
      expect(find(comp, '.hero__count')).toHaveLength(0);
      expect(playing(comp)).toEqual([1, 'https://cdn.example.com/clip-1.mp4']);
      expect(texts(comp, '.clip__title')).toEqual(['粉底液上脸实测', '散粉定妆 8 小时']);
      expect(texts(comp, '.clip__mark')).toEqual(['播放中', '片段']);
      await tap(comp, '.clip', { 'data-index': '1' });
      expect(playing(comp)).toEqual([1, 'https://cdn.example.com/clip-2.mp4']);
      expect(texts(comp, '.clip__mark')).toEqual(['片段', '播放中']);
      expect(find(comp, '.replay__digest')).toHaveLength(0);

      expect(texts(comp, '.section-title')).toEqual(['精彩回放', '直播同款']);
      expect(texts(comp, '.card__price >>> .price__value')[0]).toBe('169.00');
      expect(find(comp, '.card__price >>> .price__original')).toHaveLength(0);
      expect(find(comp, '.card__label')).toHaveLength(0);
      expect(find(comp, '.card__note')).toHaveLength(0);
      for (const gone of ['.actions__reserve', '.actions__invite', '.actions__share', '.actions__enter']) expect(find(comp, gone)).toHaveLength(0);
      await tap(comp, '.card', { 'data-card': 'card-1' });
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-foundation' }]);
      const share = page(comp).onShareAppMessage() as { title: string };
      expect(share.title).toBe('直播回放：底妆专场：粉底液 + 散粉直播间专享价');
    });

    it('opens the published digest', async () => {
      afterEnd();
      const published = await rt.as('demo-staff')<{ postId: string }>('admin', 'publishLiveDigest', { liveId: TONIGHT });
      const comp = await open({ live: TONIGHT });
      await tap(comp, '.replay__digest');
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/content/post/index?id=${published.ok ? published.data.postId : 'missing'}` }]);
    });

    it('without clips or a digest, says the live has ended and the products are still for sale', async () => {
      afterEnd();
      const comp = await open({ live: TONIGHT });
      expect(find(comp, '.hero__video')).toHaveLength(0);
      expect(text(comp, '.hero__ended-text')).toBe('直播已结束');
      expect(text(comp, '.replay__none')).toBe('本场暂无回放，直播商品仍可按日常价购买');
      expect(find(comp, '.actions__reserve')).toHaveLength(0);
    });
  });

  it('shares the live with the sharer code from the server', async () => {
    const comp = await open({ live: TONIGHT });
    const share = page(comp).onShareAppMessage() as { title: string; path: string; promise: Promise<{ path: string }> };
    expect(share.title).toBe('今天 20:00 开播：底妆专场：粉底液 + 散粉直播间专享价');
    expect(share.path).toBe(`/pages/live/detail/index?live=${TONIGHT}`);
    const resolved = await share.promise;
    const code = mp.callsTo('referral', 'myCode');
    expect(code.map((c) => c.data)).toEqual([{ liveId: TONIGHT }]);
    expect(resolved.path).toMatch(new RegExp(`^/pages/live/detail/index\\?live=${TONIGHT}&code=[A-Za-z0-9]{8}$`));
  });

  it('shares the plain path when the code cannot be had', async () => {
    mp.intercept('referral', 'myCode', 'network');
    const comp = await open({ live: TONIGHT });
    const share = page(comp).onShareAppMessage() as { promise: Promise<{ path: string }> };
    expect((await share.promise).path).toBe(`/pages/live/detail/index?live=${TONIGHT}`);
  });

  it('shows not found for an unknown live, and an error with retry', async () => {
    const missing = await open({ live: 'no-such-live' });
    expect(text(missing, '.detail >>> .state__text')).toBe('直播不存在或已下线');
    mp.intercept('live', 'get', 'network', 1);
    const comp = await open({ live: TONIGHT });
    expect(text(comp, '.detail >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.detail >>> .state__action');
    await mp.settle();
    expect(text(comp, '.hero__state')).toBe('预告');
  });

  it('reserving an ended live says so and shows the live as ended', async () => {
    const comp = await open({ live: TONIGHT });
    rt.clock.set(T0 + 13.5 * HOUR);
    await rt.as('demo-staff')('admin', 'setLiveState', { liveId: TONIGHT, state: 'ended' });
    await reserveTap(comp);
    expect(mp.of('showToast')).toEqual([{ title: '直播已结束', icon: 'none' }]);
    await mp.settle();
    expect(text(comp, '.hero__state')).toBe('已结束');
    expect(find(comp, '.actions__reserve')).toHaveLength(0);
  });
});
