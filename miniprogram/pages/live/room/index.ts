import type { Broadcast, LiveDetail, LiveState, TrackEventInput } from '../../../../typings/contract/index';
import { assetUrl } from '../../../services/call';
import { getLive, listBroadcasts, track } from '../../../services/live';
import { rafflesForLive } from '../../../services/raffle';
import { parseEntry } from '../../../utils/attribution';
import { errorCode, errorText } from '../../../utils/errors';
import { EventBatcher } from '../../../utils/event-batcher';
import { instanceState } from '../../../utils/instance-state';
import { changes, isEmpty } from '../../../utils/set-data';
import { clockTime, formatStart } from '../../../utils/time';
import { shareLive } from '../share';
import type { RoomBannerClose, RoomBannerOpen } from './components/room-banner/index';
import type { RoomCardConsult, RoomCardSelect } from './components/room-card/index';
import type { RoomCouponsMethods } from './components/room-coupons/index';
import type { RoomQuestionsMethods } from './components/room-questions/index';
import {
  bannerView,
  cardsPatch,
  currentBroadcast,
  raffleView,
  rerunPatch,
  roomCardView,
  type BannerView,
  type RaffleView,
  type RoomCardView,
} from './utils';

/** How often the room asks for broadcasts, beats, flushes events and ticks its countdowns. */
export const POLL_MS = 3_000;
export const HEARTBEAT_MS = 30_000;
export const FLUSH_MS = 15_000;
export const TICK_MS = 1_000;

type PageState = 'loading' | 'ready' | 'not_found' | 'error';

/** Kinds that mean a card's stock or re-run changed: the cards are read again when one arrives. */
const CARD_KINDS: ReadonlySet<string> = new Set(['stock_warning', 'rerun']);

/** What the room keeps off `data`: timers, the event queue, the server clock estimate, raw answers. */
const local = instanceState(() => ({
  liveId: '',
  token: 0,
  visible: false,
  /** hidden since shown: the next show is a return */
  hidden: false,
  /** server time of the last tick: a re-run between it and now has just come due */
  lastTick: 0,
  timers: [] as number[],
  /** server clock − device clock, from the broadcasts answer */
  offset: 0,
  polling: false,
  refreshing: false,
  broadcasts: [] as Broadcast[],
  seen: new Set<string>(),
  dismissed: new Set<string>(),
  batcher: null as EventBatcher | null,
}));

type Local = ReturnType<typeof local>;

const serverNow = (state: Local) => Date.now() + state.offset;

function batcherOf(state: Local): EventBatcher {
  if (!state.batcher) state.batcher = new EventBatcher((batchId, events) => track(batchId, events));
  return state.batcher;
}

/**
 * The live companion page (直播伴侣页): beside the Channels live, it shows the product cards at
 * their live price with stock and re-run countdowns, staff broadcasts, live coupons, raffles,
 * consult and WeCom entries, and viewer questions. While visible it polls broadcasts, sends a
 * watch heartbeat, and flushes the event queue; all of that stops when it hides.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    liveId: '',
    title: '',
    liveState: 'scheduled' as LiveState,
    startText: '',
    /** the viewer holds a reservation for this live */
    reserved: false,
    finderUserName: '',
    externalUrl: '',
    cards: [] as RoomCardView[],
    banner: null as BannerView | null,
    raffles: [] as RaffleView[],
    wecomContact: '',
    wecomGroup: '',
  },
  lifetimes: {
    detached() {
      this.leave();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      // the live id from the query or a wxacode scene (l=<liveId>)
      const liveId = parseEntry(options).attribution.liveId ?? '';
      local(this).liveId = liveId;
      if (liveId) this.setData({ liveId });
      void this.load();
    },

    onShow() {
      const state = local(this);
      const returning = state.hidden && this.data.state === 'ready';
      state.visible = true;
      state.hidden = false;
      if (this.data.state === 'ready') this.startTimers();
      // back from reserving on the live's page or joining the fan group on WeCom: read them again
      if (returning) {
        void this.refreshLive().then(() => this.loadRaffles());
      }
    },

    onHide() {
      local(this).visible = false;
      local(this).hidden = true;
      this.stopTimers();
      void batcherOf(local(this)).flush();
    },

    onUnload() {
      this.leave();
    },

    /** Unload / detach: stop everything and send what is queued. */
    leave() {
      const state = local(this);
      state.visible = false;
      this.stopTimers();
      if (state.batcher?.size) void state.batcher.flush();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.liveId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const live = await getLive(state.liveId);
        if (token !== state.token) return;
        this.applyLive(live);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'LIVE_NOT_FOUND') this.setData({ state: 'not_found' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
        return;
      }
      void this.questions()?.load();
      void this.coupons()?.load();
      void this.loadRaffles();
      if (state.visible) this.startTimers();
    },

    applyLive(live: LiveDetail) {
      const now = serverNow(local(this));
      const patch = changes(this.data, {
        state: 'ready' as PageState,
        title: live.title,
        liveState: live.state,
        reserved: live.reserved,
        startText: `${formatStart(live.startAt, now)} 开播 · ${clockTime(live.startAt)}-${clockTime(live.endAt)}`,
        finderUserName: live.channelsFinderUserName ?? '',
        externalUrl: live.externalUrl ?? '',
        wecomContact: live.wecom.contactUrl ?? '',
        wecomGroup: live.wecom.groupUrl ?? '',
      });
      Object.assign(patch, cardsPatch(this.data.cards, live.cards.map((c) => roomCardView(c, assetUrl(c.image), live, now))));
      if (!isEmpty(patch)) this.setData(patch);
    },

    /** Reads the cards again (stock, re-runs, state) without a loading state; failures keep what is shown. */
    async refreshLive(): Promise<void> {
      const state = local(this);
      if (state.refreshing) return;
      state.refreshing = true;
      try {
        this.applyLive(await getLive(state.liveId));
      } catch {
        // the next refresh tries again
      } finally {
        state.refreshing = false;
      }
    },

    /** The sections that read their own data when the page asks; they are there once the live shows. */
    coupons(): RoomCouponsMethods | null {
      return this.data.state === 'ready' ? (this.selectComponent('.room__coupons') as unknown as RoomCouponsMethods) : null;
    },

    questions(): RoomQuestionsMethods | null {
      return this.data.state === 'ready' ? (this.selectComponent('.room__questions') as unknown as RoomQuestionsMethods) : null;
    },

    startTimers() {
      const state = local(this);
      if (state.timers.length || !state.visible) return;
      const every = (ms: number, fn: () => void) => state.timers.push(setInterval(fn, ms) as unknown as number);
      state.lastTick = serverNow(state);
      every(TICK_MS, () => this.tick());
      every(POLL_MS, () => void this.pollBroadcasts());
      every(FLUSH_MS, () => void batcherOf(state).flush());
      every(HEARTBEAT_MS, () => {
        this.heartbeat();
        void this.refreshLive();
        void this.questions()?.load();
      });
      this.heartbeat();
      void this.pollBroadcasts();
    },

    stopTimers() {
      const state = local(this);
      for (const t of state.timers) clearInterval(t);
      state.timers = [];
    },

    record(event: TrackEventInput) {
      batcherOf(local(this)).add(event);
    },

    /** Watch time is counted from these: one every 30 s while the page is visible and the live is on. */
    heartbeat() {
      const state = local(this);
      if (this.data.liveState !== 'live') return;
      this.record({ type: 'heartbeat', liveId: state.liveId, at: serverNow(state) });
    },

    async pollBroadcasts(): Promise<void> {
      const state = local(this);
      if (state.polling) return;
      state.polling = true;
      try {
        const { items, now } = await listBroadcasts(state.liveId);
        state.offset = now - Date.now();
        state.broadcasts = items;
        const arrived = items.filter((b) => !state.seen.has(b._id));
        for (const b of arrived) state.seen.add(b._id);
        this.renderBanner();
        if (arrived.some((b) => CARD_KINDS.has(b.kind))) void this.refreshLive();
        if (arrived.some((b) => b.kind === 'coupon_drop')) void this.coupons()?.load();
      } catch {
        // polling goes on; a banner still expires on the tick
      } finally {
        state.polling = false;
      }
    },

    renderBanner() {
      const state = local(this);
      const banner = bannerView(currentBroadcast(state.broadcasts, serverNow(state), state.dismissed));
      if ((banner?.id ?? '') !== (this.data.banner?.id ?? '')) this.setData({ banner });
    },

    /** Once a second: re-run countdowns and the banner's expiry; a card whose re-run is due is read again for its stock. */
    tick() {
      const state = local(this);
      const now = serverNow(state);
      this.renderBanner();
      const { patch, due } = rerunPatch(this.data.cards, now, state.lastTick);
      state.lastTick = now;
      if (!isEmpty(patch)) this.setData(patch);
      if (due) void this.refreshLive();
    },

    onBannerClose(e: WechatMiniprogram.CustomEvent<RoomBannerClose>) {
      local(this).dismissed.add(e.detail.id);
      this.renderBanner();
    },

    /** A stock warning or re-run opens its card; a coupon drop claims its coupon, asking consent in this tap. */
    onBannerOpen(e: WechatMiniprogram.CustomEvent<RoomBannerOpen>) {
      const { cardId, couponTemplateId } = e.detail;
      if (cardId) {
        const card = this.data.cards.find((c) => c.cardId === cardId);
        if (card) this.openCard(card.cardId, card.productId);
      } else if (couponTemplateId) {
        void this.coupons()?.claim(couponTemplateId);
      }
    },

    onCardSelect(e: WechatMiniprogram.CustomEvent<RoomCardSelect>) {
      this.openCard(e.detail.cardId, e.detail.productId);
    },

    /**
     * A card opens its product with the live's attribution: the live price applies while the live
     * is on. The product page records the card tap when it lands (a card path is also opened from
     * QR codes and WeCom), so the room does not record it again.
     */
    openCard(cardId: string, productId: string) {
      const state = local(this);
      const q = (v: string) => encodeURIComponent(v);
      wx.navigateTo({ url: `/pages/product/index?id=${q(productId)}&live=${q(state.liveId)}&card=${q(cardId)}` });
    },

    onConsult(e: WechatMiniprogram.CustomEvent<RoomCardConsult>) {
      const state = local(this);
      this.record({ type: 'consult_tap', liveId: state.liveId, cardId: e.detail.cardId, at: serverNow(state) });
    },

    async loadRaffles(): Promise<void> {
      try {
        const state = local(this);
        const items = await rafflesForLive(state.liveId);
        const now = serverNow(state);
        const { reserved, liveState } = this.data;
        const patch = changes(this.data, { raffles: items.map((r) => raffleView(r, now, reserved, liveState)) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // no raffle entry rather than a broken one
      }
    },

    /** An entry was answered: the raffles are read again for their counts and what is left to enter. */
    onRaffleEntry() {
      void this.loadRaffles();
    },

    onRetry() {
      void this.load();
    },

    /** Shares the live's page (with the sharer's code); it leads into this room while the live is on. */
    onShareAppMessage() {
      const { title, liveState } = this.data;
      return shareLive(local(this).liveId, liveState === 'live' ? `正在直播：${title}` : title || '直播间', '');
    },
  },
});
