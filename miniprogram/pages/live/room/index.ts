import type { Broadcast, ClaimableCoupon, LiveDetail, LiveRaffleItem, LiveState, MyQuestion, TrackEventInput } from '../../../../typings/contract/index';
import { assetUrl } from '../../../services/call';
import { listClaimable } from '../../../services/coupons';
import { ask, getLive, listBroadcasts, myQuestions, recordConsents, track } from '../../../services/live';
import { enterRaffle, rafflesForLive } from '../../../services/raffle';
import { CouponClaims } from '../../../utils/coupon-claims';
import { parseEntry } from '../../../utils/attribution';
import { openChannelsLive, type ConsentAnswer } from '../../../utils/channels';
import { accepted, askConsents } from '../../../utils/consents';
import { copyText } from '../../../utils/clipboard';
import { errorCode, errorText } from '../../../utils/errors';
import { EventBatcher } from '../../../utils/event-batcher';
import { QUESTION_MAX_CHARS, QUESTION_MIN_CHARS } from '../../../utils/generated/limits';
import { instanceState } from '../../../utils/instance-state';
import { changes, isEmpty } from '../../../utils/set-data';
import { clockTime, formatStart } from '../../../utils/time';
import { shareLive } from '../share';
import type { RoomCardConsult, RoomCardSelect } from './components/room-card/index';
import {
  BROADCAST_LABEL,
  QUESTION_STATUS_TEXT,
  couponValueText,
  currentBroadcast,
  raffleHint,
  rerunLabel,
  roomCardView,
  type RoomCardView,
} from './utils';

/** How often the room asks for broadcasts, beats, flushes events and ticks its countdowns. */
export const POLL_MS = 3_000;
export const HEARTBEAT_MS = 30_000;
export const FLUSH_MS = 15_000;
export const TICK_MS = 1_000;

type PageState = 'loading' | 'ready' | 'not_found' | 'error';

const STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '未开播', ended: '已结束' };

interface BannerView {
  id: string;
  kind: Broadcast['kind'];
  label: string;
  text: string;
  cardId: string;
  couponTemplateId: string;
}

interface CouponView {
  templateId: string;
  title: string;
  value: string;
  claimable: boolean;
  action: string;
}

interface RaffleView {
  raffleId: string;
  title: string;
  prize: string;
  drawText: string;
  entryCount: number;
  entered: boolean;
  open: boolean;
  eligible: boolean;
  /** what is left for the viewer to enter, or that they may */
  hint: string;
}

interface QuestionView {
  _id: string;
  text: string;
  status: string;
  answer: string;
}

const BLOCK_TEXT: Record<string, string> = {
  not_started: '未开始',
  ended: '已结束',
  limit_reached: '已领取',
  sold_out: '已抢光',
};
const ELIGIBILITY_TEXT: Record<string, string> = { group_join: '进群可领', reservers: '预约可领', viewers: '观看可领' };

function couponView(c: ClaimableCoupon): CouponView {
  // 直播优先入场: open before the start for this viewer only
  let action = c.early ? '优先领取' : '领取';
  if (!c.claimable) {
    if (c.reason === 'not_eligible') action = ELIGIBILITY_TEXT[c.eligibility] ?? '暂不可领';
    else action = (c.reason && BLOCK_TEXT[c.reason]) || '暂不可领';
  }
  return { templateId: c.templateId, title: c.title, value: couponValueText(c.rule), claimable: c.claimable, action };
}

function raffleView(r: LiveRaffleItem, now: number, reserved: boolean, liveState: LiveState): RaffleView {
  return {
    raffleId: r.raffleId,
    title: r.title,
    prize: r.prizes.map((p) => `${p.title}×${p.stock}`).join('、'),
    drawText: r.nextDrawAt ? `${formatStart(r.nextDrawAt, now)} 开奖` : r.state === 'drawn' ? '已开奖' : '',
    entryCount: r.entryCount,
    entered: r.entered,
    open: r.state === 'open',
    eligible: r.eligible,
    hint: r.entered || r.state !== 'open' ? '' : raffleHint(r.kind, r.eligible, reserved, liveState),
  };
}

const questionView = (q: MyQuestion): QuestionView => ({ _id: q._id, text: q.text, status: QUESTION_STATUS_TEXT[q.status], answer: q.answer ?? '' });

const bannerView = (b: Broadcast | null): BannerView | null =>
  b ? { id: b._id, kind: b.kind, label: BROADCAST_LABEL[b.kind], text: b.text, cardId: b.cardId ?? '', couponTemplateId: b.couponTemplateId ?? '' } : null;

/** Kinds that mean a card's stock or re-run changed: the cards are read again when one arrives. */
const CARD_KINDS: ReadonlySet<string> = new Set(['stock_warning', 'rerun']);

/** What the room keeps off `data`: timers, the event queue, the server clock estimate, raw answers. */
const local = instanceState(() => ({
  liveId: '',
  /** one claim per coupon on its way, a lost one retried with its request id */
  claims: new CouponClaims(),
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
  liveState: 'scheduled' as LiveState,
  /** the viewer holds a reservation for this live */
  reserved: false,
  /** raffle entries on the way, by raffle id */
  entering: new Set<string>(),
  finderUserName: null as string | null,
  externalUrl: null as string | null,
}));

type Local = ReturnType<typeof local>;

const serverNow = (state: Local) => Date.now() + state.offset;

/** The cards' patch: by index when the same cards are in the same order, so only changed cards travel. */
function cardsPatch(current: RoomCardView[], next: RoomCardView[]): Record<string, unknown> {
  const same = current.length === next.length && current.every((c, i) => c.cardId === next[i].cardId);
  if (!same) return { cards: next };
  const patch: Record<string, unknown> = {};
  next.forEach((card, i) => {
    if (JSON.stringify(card) !== JSON.stringify(current[i])) patch[`cards[${i}]`] = card;
  });
  return patch;
}

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
    stateText: '',
    startText: '',
    reserved: false,
    watch: '' as '' | 'channels' | 'link',
    externalUrl: '',
    cards: [] as RoomCardView[],
    banner: null as BannerView | null,
    coupons: [] as CouponView[],
    raffles: [] as RaffleView[],
    wecomContact: '',
    wecomGroup: '',
    questions: [] as QuestionView[],
    askText: '',
    askMin: QUESTION_MIN_CHARS,
    askMax: QUESTION_MAX_CHARS,
    asking: false,
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
      void this.loadQuestions();
      void this.loadCoupons();
      void this.loadRaffles();
      if (state.visible) this.startTimers();
    },

    applyLive(live: LiveDetail) {
      const state = local(this);
      const now = serverNow(state);
      state.liveState = live.state;
      state.reserved = live.reserved;
      state.finderUserName = live.channelsFinderUserName;
      state.externalUrl = live.externalUrl;
      const patch = changes(this.data, {
        state: 'ready' as PageState,
        title: live.title,
        liveState: live.state,
        stateText: STATE_TEXT[live.state],
        reserved: live.reserved,
        startText: `${formatStart(live.startAt, now)} 开播 · ${clockTime(live.startAt)}-${clockTime(live.endAt)}`,
        watch: (live.channelsFinderUserName ? 'channels' : live.externalUrl ? 'link' : '') as '' | 'channels' | 'link',
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
        void this.loadQuestions();
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
      if (state.liveState !== 'live') return;
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
        if (arrived.some((b) => b.kind === 'coupon_drop')) void this.loadCoupons();
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
      const patch: Record<string, string> = {};
      let rerunDue = false;
      this.data.cards.forEach((card, i) => {
        if (card.rerunAt === null) return;
        // the countdown just ran out: it says the card is back and reads the stock again at once
        // (the stock shown is from before the re-run; the read corrects the line if none came back)
        const due = card.rerunAt <= now && card.rerunAt > state.lastTick;
        const text = due ? rerunLabel(card.rerunAt, now, false) : rerunLabel(card.rerunAt, now, card.stock.soldOut);
        if (due) rerunDue = true;
        if (text === card.rerun) return;
        patch[`cards[${i}].rerun`] = text;
      });
      state.lastTick = now;
      if (!isEmpty(patch)) this.setData(patch);
      if (rerunDue) void this.refreshLive();
    },

    onCloseBanner() {
      const banner = this.data.banner;
      if (!banner) return;
      local(this).dismissed.add(banner.id);
      this.renderBanner();
    },

    onBannerTap() {
      const banner = this.data.banner;
      if (!banner) return;
      if (banner.cardId) {
        const card = this.data.cards.find((c) => c.cardId === banner.cardId);
        if (card) this.openCard(card.cardId, card.productId);
      } else if (banner.couponTemplateId) {
        void this.claim(banner.couponTemplateId, askConsents('couponClaim'));
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

    onOpenChannels() {
      const { finderUserName, externalUrl } = local(this);
      if (finderUserName) {
        void openChannelsLive(finderUserName).then((opened) => {
          if (!opened) wx.showToast({ title: '请在微信中打开视频号直播', icon: 'none' });
        });
      } else if (externalUrl) {
        void copyText(externalUrl);
      }
    },

    onReserve() {
      wx.navigateTo({ url: `/pages/live/detail/index?live=${encodeURIComponent(local(this).liveId)}` });
    },

    onCopyWecom(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { which: 'contact' | 'group' }>) {
      const url = e.currentTarget.dataset.which === 'group' ? this.data.wecomGroup : this.data.wecomContact;
      if (url) void copyText(url);
    },

    async loadCoupons(): Promise<void> {
      try {
        const items = await listClaimable(local(this).liveId);
        const patch = changes(this.data, { coupons: items.map(couponView) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // the strip is left out rather than shown broken
      }
    },

    onClaimTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const coupon = this.data.coupons.find((c) => c.templateId === id);
      if (coupon?.claimable) void this.claim(id, askConsents('couponClaim'));
    },

    /**
     * A live coupon is claimed at once, not after the consent dialog: stock goes in seconds. The
     * 活动通知 consent asked in the same tap is recorded once the coupon is the shopper's.
     */
    async claim(templateId: string, consentsAsked: Promise<Record<string, ConsentAnswer>>): Promise<void> {
      const claimed = await local(this).claims.claim(templateId);
      if (claimed === null) return;
      const recorded = claimed
        ? consentsAsked.then((consents) => (Object.values(consents).includes('accept') ? recordConsents(consents) : null)).catch(() => null)
        : null;
      await Promise.all([this.loadCoupons(), recorded]);
    },

    async loadRaffles(): Promise<void> {
      try {
        const state = local(this);
        const items = await rafflesForLive(state.liveId);
        const now = serverNow(state);
        const patch = changes(this.data, { raffles: items.map((r) => raffleView(r, now, state.reserved, state.liveState)) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // no raffle entry rather than a broken one
      }
    },

    /** The raffle's own page: next draw, past winners and the verify view. */
    onOpenRaffle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) void wx.navigateTo({ url: `/pages/raffle/index?id=${id}` });
    },

    /**
     * Enter, as the raffle's page does: the result-notice consent is asked first, synchronously in
     * the tap (WeChat shows the dialog only for a user gesture), and recorded once the entry stands.
     * A viewer the list says may not enter yet is asked nothing; the server decides all the same.
     */
    onEnterRaffle(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const raffle = this.data.raffles.find((r) => r.raffleId === id);
      const entering = local(this).entering;
      if (!raffle || raffle.entered || !raffle.open || entering.has(id)) return;
      entering.add(id);
      const consents = raffle.eligible ? askConsents('raffleEntry') : Promise.resolve({} as Record<string, ConsentAnswer>);
      void this.enterRaffle(raffle, consents);
    },

    async enterRaffle(raffle: RaffleView, consentsAsked: Promise<Record<string, ConsentAnswer>>): Promise<void> {
      const consents = await consentsAsked;
      try {
        await enterRaffle(raffle.raffleId);
        // each accept is one result notice the server may send
        if (Object.keys(consents).length) await recordConsents(consents).catch(() => undefined);
        const notified = accepted(consents, 'raffleResult');
        wx.showToast({ title: notified ? '已参与，开奖结果会通知你' : '已参与，记得回来看开奖', icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorCode(err) === 'RAFFLE_NOT_ELIGIBLE' ? raffle.hint || errorText(err) : errorText(err), icon: 'none' });
      } finally {
        local(this).entering.delete(raffle.raffleId);
      }
      await this.loadRaffles();
    },

    async loadQuestions(): Promise<void> {
      try {
        const items = await myQuestions(local(this).liveId);
        const patch = changes(this.data, { questions: items.map(questionView) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // kept as shown
      }
    },

    onAskInput(e: WechatMiniprogram.Input) {
      this.setData({ askText: e.detail.value });
    },

    async onAsk(): Promise<void> {
      const text = this.data.askText.trim();
      if (this.data.asking) return;
      if (text.length < QUESTION_MIN_CHARS) {
        wx.showToast({ title: `问题至少 ${QUESTION_MIN_CHARS} 个字`, icon: 'none' });
        return;
      }
      this.setData({ asking: true });
      try {
        await ask(local(this).liveId, text);
        this.setData({ asking: false, askText: '' });
        wx.showToast({ title: '已提交，主播会挑选回答', icon: 'none' });
        await this.loadQuestions();
      } catch (e) {
        this.setData({ asking: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
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
