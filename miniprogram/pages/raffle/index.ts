import type { MyEntryItem, RaffleView } from '../../../typings/contract/index';
import { addressChoiceBehavior } from '../../behaviors/address-choice';
import { failureCode, newRequestId } from '../../services/call';
import { recordConsents } from '../../services/live';
import { claimPrize, enterRaffle, getRaffle, myRaffleEntries } from '../../services/raffle';
import { afterFailure, attemptFor, type Attempt } from '../../utils/attempt';
import type { ConsentAnswer } from '../../utils/channels';
import { accepted, askConsents } from '../../utils/consents';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { ELIGIBILITY_TEXT, shortHex } from '../../utils/raffle-text';
import { changes, isEmpty } from '../../utils/set-data';
import { formatCountdown } from '../../utils/time';
import { actionText, drawRows, drawTimeText, enterAction, mineRow, raffleHead, type DrawRow, type EnterAction, type MineRow, type RaffleHead } from './utils';

type PageState = 'loading' | 'ready' | 'not_found' | 'error';

const TICK_MS = 1000;
/** Once a draw's time has come, the page asks again this often (in ticks) until its winners are out. */
const POLL_TICKS = 10;
/** The caller's entries are read newest first, at most this many pages, to find this raffle's. */
const ENTRY_PAGES = 5;

const local = instanceState(() => ({
  raffleId: '',
  token: 0,
  view: null as RaffleView | null,
  entries: [] as MyEntryItem[],
  timer: null as number | null,
  ticksDue: 0,
  shown: false,
  loaded: false,
  busy: false,
  enterAttempt: null as Attempt | null,
  claimAttempt: null as Attempt | null,
}));

type SlotTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { slot: number }>;
type PrizeTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { prize: string }>;

/**
 * The caller's entries in one raffle, from raffle.myEntries (all raffles, newest first): pages are
 * read until they reach entries older than the raffle's first draw opened.
 */
async function entriesIn(view: RaffleView): Promise<MyEntryItem[]> {
  const opened = Math.min(...view.slots.map((s) => s.opensAt));
  const found: MyEntryItem[] = [];
  let read = 0;
  for (let page = 1; page <= ENTRY_PAGES; page++) {
    const { items, total } = await myRaffleEntries(page);
    found.push(...items.filter((e) => e.raffleId === view.raffleId));
    read += items.length;
    if (!items.length || read >= total || items[items.length - 1].createdAt < opened) break;
  }
  return found.sort((a, b) => b.slot - a.slot);
}

/**
 * A raffle (抽奖) of a live, the page a winner's notice opens: prizes, the countdown to the next
 * draw, entering (the result-notice consent is asked in the tap), why the caller may not enter and
 * where to fix it, the caller's results with prize claiming, and past draws with their winners and
 * a link to check each draw.
 */
Component({
  behaviors: [addressChoiceBehavior],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    head: null as RaffleHead | null,
    /** the next draw's time; 0 when none is left */
    drawAt: 0,
    drawTimeText: '',
    countdownText: '',
    /** the next draw's time has come and its winners are not out yet */
    drawing: false,
    entryCount: 0,
    commitmentText: '',
    action: 'enter' as EnterAction,
    actionText: '',
    eligibilityAction: '',
    busy: false,
    mine: [] as MineRow[],
    draws: [] as DrawRow[],
  },
  lifetimes: {
    detached() {
      this.stopClock();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).raffleId = options.id ?? '';
      void this.load();
    },

    /** Back from the live's page (reserved?) or from claiming: read again; the clock runs while shown. */
    onShow() {
      const state = local(this);
      state.shown = true;
      if (state.loaded) void this.load(true);
      this.syncClock();
    },

    onHide() {
      local(this).shown = false;
      this.stopClock();
    },

    onUnload() {
      local(this).shown = false;
      this.stopClock();
    },

    onPullDownRefresh() {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    async load(quiet = false): Promise<void> {
      const state = local(this);
      if (!state.raffleId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (!quiet && this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const view = await getRaffle(state.raffleId);
        // the caller's results are extra: without them the raffle still shows
        const entries = await entriesIn(view).catch(() => state.entries);
        if (token !== state.token) return;
        state.view = view;
        state.entries = entries;
        state.loaded = true;
        this.render();
        this.syncClock();
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'RAFFLE_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (this.data.state === 'ready') {
          if (!quiet) wx.showToast({ title: errorText(e), icon: 'none' });
        } else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    render() {
      const { view, entries } = local(this);
      if (!view) return;
      const now = Date.now();
      const action = enterAction(view);
      const mineIds = new Set(entries.map((e) => e.entryId));
      const patch = changes(this.data, {
        state: 'ready' as PageState,
        head: raffleHead(view),
        drawAt: view.nextDrawAt ?? 0,
        drawTimeText: view.nextDrawAt !== null ? drawTimeText(view.nextDrawAt, now) : '',
        countdownText: view.nextDrawAt !== null ? formatCountdown(view.nextDrawAt - now) : '',
        drawing: view.nextDrawAt !== null && now >= view.nextDrawAt,
        entryCount: view.entryCount,
        commitmentText: view.commitment ? shortHex(view.commitment) : '',
        action,
        actionText: actionText(action, view.kind),
        eligibilityAction: action === 'not_eligible' ? ELIGIBILITY_TEXT[view.kind].action : '',
        mine: entries.map((e) => mineRow(e, view.slots.length)),
        draws: drawRows(view, mineIds),
      });
      if (!isEmpty(patch)) this.setData(patch);
    },

    /** The clock runs while the page is shown and a draw is still to come. */
    syncClock() {
      const state = local(this);
      if (state.shown && state.view?.nextDrawAt != null) this.startClock();
      else this.stopClock();
    },

    startClock() {
      const state = local(this);
      if (state.timer !== null) return;
      state.ticksDue = 0;
      state.timer = setInterval(() => this.tick(), TICK_MS) as unknown as number;
    },

    stopClock() {
      const state = local(this);
      if (state.timer !== null) clearInterval(state.timer);
      state.timer = null;
    },

    /** Once a second: the countdown; past the draw time, a fresh read every few seconds until the winners are out. */
    tick() {
      const state = local(this);
      const drawAt = state.view?.nextDrawAt;
      if (drawAt == null) {
        this.stopClock();
        return;
      }
      const now = Date.now();
      const drawing = now >= drawAt;
      const patch = changes(this.data, { countdownText: formatCountdown(drawAt - now), drawing });
      if (!isEmpty(patch)) this.setData(patch);
      if (!drawing) return;
      state.ticksDue += 1;
      if (state.ticksDue % POLL_TICKS === 0) void this.load(true);
    },

    onRetry() {
      void this.load();
    },

    /**
     * Enter. The result-notice consent is asked first, synchronously in the tap (WeChat shows the
     * dialog only for a user gesture); the answers are recorded once the entry stands.
     */
    onEnterTap() {
      const state = local(this);
      if (this.data.action !== 'enter' || state.busy) return;
      state.busy = true;
      const consents = askConsents('raffleEntry');
      void this.enter(consents);
    },

    async enter(consentsAsked: Promise<Record<string, ConsentAnswer>>): Promise<void> {
      const state = local(this);
      const view = state.view;
      if (!view) {
        state.busy = false;
        return;
      }
      this.setData({ busy: true });
      const consents = await consentsAsked;
      const attempt = attemptFor(state.enterAttempt, view.raffleId, newRequestId);
      try {
        await enterRaffle(view.raffleId, attempt.requestId);
        state.enterAttempt = null;
        const notified = accepted(consents, 'raffleResult');
        if (Object.keys(consents).length) {
          // each accept is one result notice the server may send
          await recordConsents(consents).catch(() => undefined);
        }
        wx.showToast({ title: notified ? '已参与，开奖结果会通知你' : '已参与，记得回来看开奖', icon: 'none' });
      } catch (e) {
        const code = failureCode(e);
        state.enterAttempt = afterFailure(attempt, code);
        if (code === 'RAFFLE_NOT_ELIGIBLE') {
          this.setData({ action: 'not_eligible', actionText: ELIGIBILITY_TEXT[view.kind].text, eligibilityAction: ELIGIBILITY_TEXT[view.kind].action });
          wx.showToast({ title: ELIGIBILITY_TEXT[view.kind].text, icon: 'none' });
        } else wx.showToast({ title: errorText(e), icon: 'none' });
      } finally {
        state.busy = false;
        this.setData({ busy: false });
      }
      await this.load(true);
    },

    /** Reserving or joining the fan group happens on the live's page. */
    onOpenLive() {
      const view = local(this).view;
      if (view) wx.navigateTo({ url: `/pages/live/detail/index?live=${encodeURIComponent(view.liveId)}` });
    },

    onOpenVerify(e: SlotTap) {
      const state = local(this);
      const slot = Number(e.currentTarget.dataset.slot);
      if (!state.view || !slot) return;
      const mine = state.entries.find((x) => x.slot === slot);
      const query = `id=${encodeURIComponent(state.view.raffleId)}&slot=${slot}${mine ? `&entry=${encodeURIComponent(mine.entryId)}` : ''}`;
      wx.navigateTo({ url: `/pages/raffle/verify/index?${query}` });
    },

    /** A goods prize: where to ship it, then the zero-price order. */
    async onClaim(e: PrizeTap): Promise<void> {
      const state = local(this);
      const prizeId = e.currentTarget.dataset.prize;
      if (!prizeId || state.busy) return;
      state.busy = true;
      try {
        const addressId = await this.chooseShippingAddress('奖品寄到哪里', '确认领取');
        if (!addressId) return;
        const attempt = attemptFor(state.claimAttempt, `${prizeId}:${addressId}`, newRequestId);
        this.setData({ busy: true });
        try {
          await claimPrize(prizeId, addressId, attempt.requestId);
          state.claimAttempt = null;
          wx.showToast({ title: '领取成功，等待发货', icon: 'success' });
        } catch (err) {
          state.claimAttempt = afterFailure(attempt, failureCode(err));
          wx.showToast({ title: errorText(err), icon: 'none' });
        }
        this.setData({ busy: false });
        await this.load(true);
      } finally {
        state.busy = false;
      }
    },
  },
});
