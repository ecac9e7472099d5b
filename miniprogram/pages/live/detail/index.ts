import type { LiveDetail, LiveState } from '../../../../typings/contract/index';
import { recordEntry, resolveEntry } from '../../../behaviors/attribution';
import { assetUrl } from '../../../services/call';
import { cancelReservation, getLive, recordChannelsReservation, reserveLive, type ReserveInput } from '../../../services/live';
import { missingTargetState, parseEntry, sharerCode, type Entry } from '../../../utils/attribution';
import { reserveChannelsLive, type ConsentAnswer } from '../../../utils/channels';
import { accepted, askConsents } from '../../../utils/consents';
import { confirmDialog } from '../../../utils/dialog';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { changes, isEmpty } from '../../../utils/set-data';
import { cardPrice } from '../../../utils/live-price';
import { clockTime, formatStart } from '../../../utils/time';
import { shareLive } from '../share';

type PageState = 'loading' | 'ready' | 'not_found' | 'bad_code' | 'error';

const STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '预告', ended: '已结束' };
/** The page's title by the live's state: a preview, the live on now, or its replay. */
const PAGE_TITLE: Record<LiveState, string> = { live: '直播中', scheduled: '直播预告', ended: '直播回放' };

interface LiveView {
  _id: string;
  title: string;
  cover: string;
  state: LiveState;
  stateText: string;
  startText: string;
  windowText: string;
}

interface CardView {
  cardId: string;
  productId: string;
  title: string;
  image: string;
  priceFen: number;
  originalFen: number;
  /** "直播价", '' after the live */
  priceLabel: string;
  /** before the live: when the live price starts */
  priceNote: string;
}

interface ClipView {
  clipId: string;
  title: string;
  videoUrl: string;
}

const liveView = (l: LiveDetail, now: number): LiveView => ({
  _id: l._id,
  title: l.title,
  cover: assetUrl(l.cover),
  state: l.state,
  stateText: STATE_TEXT[l.state],
  startText: formatStart(l.startAt, now),
  windowText: `${clockTime(l.startAt)} - ${clockTime(l.endAt)}`,
});

function cardView(c: LiveDetail['cards'][number], live: LiveDetail, now: number): CardView {
  const price = cardPrice(live.state, c, live.startAt, now);
  return {
    cardId: c.cardId,
    productId: c.productId,
    title: c.title,
    image: assetUrl(c.image),
    priceFen: price.priceFen,
    originalFen: price.originalFen,
    priceLabel: price.label,
    priceNote: price.note,
  };
}

const clipView = (c: NonNullable<LiveDetail['replay']>['clips'][number]): ClipView => ({ clipId: c.clipId, title: c.title, videoUrl: assetUrl(c.videoUrl) });

const local = instanceState(() => ({
  entry: { attribution: { source: 'organic' } } as Entry,
  liveId: '',
  token: 0,
  noticeId: null as string | null,
  title: '',
}));

/** Whether an invite-task page is part of this build (then "invite friends" opens it instead of sharing). */
const INVITE_PAGE: string = 'pages/invite/index';

/**
 * A live's page before (and after) it airs. Before: countdown, featured products at their coming
 * live price, reserve / cancel, and inviting friends. After: the highlight clips and the digest
 * (直播回顾) when there are any, the products at their regular price, nothing to reserve.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    live: null as LiveView | null,
    countdownTarget: 0,
    cards: [] as CardView[],
    clips: [] as ClipView[],
    /** the clip playing in the hero, by index */
    playing: 0,
    digestPostId: '',
    reserved: false,
    reservationCount: 0,
    busy: false,
    invitePage: INVITE_PAGE !== '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const entry = parseEntry(options);
      local(this).entry = entry;
      // A shared link or a poster carries the sharer's code: it counts for the session (and this reservation).
      // The live id alone is not an attribution: browsing the schedule is not a card tap.
      const { inviteCode, share } = entry.attribution;
      if (inviteCode || share) recordEntry(getApp<IAppOption>(), { code: inviteCode, share });
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      // a poster's scene names only its code: the live is what the code opens
      if (!state.liveId) {
        const entry = await resolveEntry(getApp<IAppOption>(), state.entry);
        if (token !== state.token) return;
        state.liveId = entry.attribution.liveId ?? '';
        if (!state.liveId) {
          this.setData(missingTargetState(entry));
          return;
        }
      }
      try {
        const live = await getLive(state.liveId);
        if (token !== state.token) return;
        state.noticeId = live.channelsNoticeId;
        const now = Date.now();
        if (state.title !== PAGE_TITLE[live.state]) {
          state.title = PAGE_TITLE[live.state];
          wx.setNavigationBarTitle({ title: state.title });
        }
        const patch = changes(this.data, {
          state: 'ready' as PageState,
          live: liveView(live, now),
          countdownTarget: live.state === 'scheduled' ? live.startAt : 0,
          cards: live.cards.map((c) => cardView(c, live, now)),
          clips: (live.replay?.clips ?? []).map(clipView),
          playing: this.data.playing < (live.replay?.clips.length ?? 0) ? this.data.playing : 0,
          digestPostId: live.replay?.postId ?? '',
          reserved: live.reserved,
          reservationCount: live.reservationCount,
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'LIVE_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    /** The countdown reached the start: the server says what state the live is in now. */
    onStarted() {
      void this.load();
    },

    /**
     * Reserve or cancel. Reserving asks for the start-reminder consent first, synchronously in
     * the tap (WeChat shows the dialog only for a user gesture), then records our reservation with
     * the answers, then the Channels reservation when the live has a notice.
     */
    onReserveTap() {
      const live = this.data.live;
      if (!live || this.data.busy || live.state === 'ended') return;
      if (this.data.reserved) {
        void this.cancel();
        return;
      }
      const consents = live.state === 'scheduled' ? askConsents('reserve') : Promise.resolve({} as Record<string, ConsentAnswer>);
      void this.reserve(consents);
    },

    async reserve(consentsAsked: Promise<Record<string, ConsentAnswer>>): Promise<void> {
      const state = local(this);
      this.setData({ busy: true });
      const consents = await consentsAsked;
      const input: ReserveInput = { liveId: state.liveId };
      const inviteCode = sharerCode(state.entry.attribution) ?? sharerCode(getApp<IAppOption>()?.globalData?.attribution);
      if (inviteCode) input.inviteCode = inviteCode;
      if (Object.keys(consents).length) input.consents = consents;
      try {
        const result = await reserveLive(input);
        this.setData({ busy: false, reserved: true, reservationCount: result.reservationCount });
        const reminded = accepted(consents, 'liveStart');
        wx.showToast({ title: reminded ? '预约成功，开播前提醒你' : '预约成功', icon: 'success' });
      } catch (e) {
        this.setData({ busy: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
        if (errorCode(e) === 'LIVE_ENDED') void this.load();
        return;
      }
      if (state.noticeId) await this.reserveOnChannels(state.noticeId);
    },

    /** Channels keeps its own reservation (with its own start notice); we keep the state it reported. */
    async reserveOnChannels(noticeId: string): Promise<void> {
      const channelsState = await reserveChannelsLive(noticeId);
      if (channelsState === null) return;
      try {
        await recordChannelsReservation(local(this).liveId, channelsState);
      } catch {
        // our reservation stands; the Channels state is a detail for the reports
      }
    },

    /** Cancels after asking: a cancelled reservation gets no start reminder. */
    async cancel(): Promise<void> {
      this.setData({ busy: true });
      const sure = await confirmDialog({ title: '取消预约', content: '取消后将收不到开播提醒，确定取消吗？', confirmText: '取消预约', cancelText: '再想想' });
      if (!sure) {
        this.setData({ busy: false });
        return;
      }
      try {
        const result = await cancelReservation(local(this).liveId);
        this.setData({ busy: false, reserved: false, reservationCount: result.reservationCount });
        wx.showToast({ title: '已取消预约', icon: 'none' });
      } catch (e) {
        this.setData({ busy: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onEnterRoom() {
      wx.navigateTo({ url: `/pages/live/room/index?live=${encodeURIComponent(local(this).liveId)}` });
    },

    /**
     * A card lands with the live's card: while the live is on the product sells at the live price;
     * before it, the product page says when that price starts. After the live, plainly.
     */
    onCardTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { card: string; product: string }>) {
      const { card, product } = e.currentTarget.dataset;
      if (!product) return;
      const live = this.data.live;
      const query = live && live.state !== 'ended' ? `&live=${encodeURIComponent(live._id)}&card=${encodeURIComponent(card)}` : '';
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(product)}${query}` });
    },

    onClipTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (index >= 0 && index < this.data.clips.length && index !== this.data.playing) this.setData({ playing: index });
    },

    onDigestTap() {
      const postId = this.data.digestPostId;
      if (postId) wx.navigateTo({ url: `/pages/content/post/index?id=${encodeURIComponent(postId)}` });
    },

    onInviteTap() {
      if (INVITE_PAGE) wx.navigateTo({ url: `/${INVITE_PAGE}?live=${encodeURIComponent(local(this).liveId)}` });
    },

    onShareAppMessage() {
      const live = this.data.live;
      const title = !live ? '直播预告' : live.state === 'ended' ? `直播回放：${live.title}` : `${live.startText} 开播：${live.title}`;
      return shareLive(local(this).liveId, title, live?.cover ?? '');
    },
  },
});
