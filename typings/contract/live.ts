import { z } from 'zod';
import type { LiveBrief, LiveState } from './catalog';
import type { WecomEntry } from './room';
import { def, epochMs, fen, id, page, text } from './common';
import { MAX_TRACK_EVENTS } from './limits';

/** A product card in a live, as the companion page shows it. */
export interface LiveCardView {
  cardId: string;
  productId: string;
  title: string;
  image: string;
  /** the product's regular (lowest SKU) price */
  priceFen: number;
  livePriceFen: number;
  /** summed stock over the product's on-sale SKUs */
  stock: number;
  /** stock when the live began, for the stock bar (stock / initialStock) */
  initialStock: number;
  order: number;
  /** when a sold-out card is back ("back in mm:ss"), if staff scheduled a re-run */
  rerunAt: number | null;
  /** 引流款 traffic item / 信任款 trust item, set by staff */
  role: 'traffic' | 'trust' | null;
  /** high-price card: the page offers one-to-one consultation */
  consult: boolean;
}

export interface LiveDetail extends LiveBrief {
  /** 视频号 Channels: finder user name (for <channel-live> / wx.openChannelsLive) and reservation notice id */
  channelsFinderUserName: string | null;
  channelsNoticeId: string | null;
  /** a third-party or WeCom live opened by link, when not on Channels */
  externalUrl: string | null;
  cards: LiveCardView[];
  reserved: boolean;
  reservationCount: number;
  /** "add WeCom for live benefits": the live's channel state and its links */
  wecom: WecomEntry;
  /** once the live has ended: its highlight clips and its published digest (直播回顾); null before */
  replay: LiveReplay | null;
}

/** What an ended live leaves to watch. */
export interface LiveReplay {
  /** highlight clips staff added, oldest first */
  clips: Array<{ clipId: string; title: string; videoUrl: string }>;
  /** the live's digest post, once published */
  postId: string | null;
}

export interface LiveListItem extends LiveBrief {
  reservationCount: number;
  reserved: boolean;
  cardCount: number;
  /** an ended live's highlight clips (its replay); 0 before the end */
  clipCount: number;
}

/** One client event; batched by the page and sent with a batch id so a replayed batch counts once. */
export const TrackEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heartbeat'), liveId: id(), at: epochMs() }).strict(),
  z.object({ type: z.literal('comment'), liveId: id(), at: epochMs(), text: text(200, 1) }).strict(),
  z.object({ type: z.literal('card_tap'), liveId: id(), cardId: id(), at: epochMs() }).strict(),
  z.object({ type: z.literal('add_to_cart'), liveId: id(), cardId: id().optional(), at: epochMs() }).strict(),
  z.object({ type: z.literal('consult_tap'), liveId: id(), cardId: id().optional(), at: epochMs() }).strict(),
  z.object({ type: z.literal('product_view'), productId: id(), liveId: id().optional(), at: epochMs() }).strict(),
]);
export type TrackEventInput = z.output<typeof TrackEvent>;

/** Per-user, per-live aggregates the tags and metrics read. */
export interface LiveStats {
  liveId: string;
  userId: string;
  watchMinutes: number;
  cardTaps: number;
  comments: number;
  keywordHits: number;
  addToCart: number;
  consultTaps: number;
}

/** One subscribe template the shop sends, as 我的 › 消息提醒 lists it. */
export interface MessageTemplateSetting {
  templateId: string;
  /** the template's title in the mini program console, e.g. 直播开始提醒 */
  title: string;
  /** what it tells the shopper, in the shopper's words */
  note: string;
  /** sends allowed and not yet used: each accepted prompt allows one */
  credits: number;
}

export interface MessageSettings {
  templates: MessageTemplateSetting[];
  /** at most this many credits are kept per template */
  maxCredits: number;
  /** the shopper opted out of SMS (退订): no SMS is sent to them */
  smsOptedOut: boolean;
  /** the phone SMS goes to, masked (138****8000): the one bound through WeChat, else null */
  phone: string | null;
}

const CHANNELS_RESERVE_STATES = [0, 1, 2, 3, 4, 5, 6] as const;

export const SubscribeConsents = z
  .record(z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/), z.enum(['accept', 'reject', 'ban', 'filter']))
  .refine((r) => Object.keys(r).length <= 5, 'at most 5 templates');

export const live = {
  list: def<{ items: LiveListItem[] }>()(z.object({ state: z.enum(['scheduled', 'live', 'ended']).optional() }).strict()),
  get: def<LiveDetail>()(z.object({ liveId: id() }).strict()),
  /** our own reservation (预约), one per user and live; consents are what wx.requestSubscribeMessage answered */
  reserve: def<{ reserved: true; reservationCount: number }>()(
    z
      .object({
        liveId: id(),
        inviteCode: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).optional(),
        consents: SubscribeConsents.optional(),
      })
      .strict(),
  ),
  cancelReservation: def<{ reserved: false; reservationCount: number }>()(z.object({ liveId: id() }).strict()),
  /** the state wx.reserveChannelsLive reported for the live's Channels notice */
  recordChannelsReservation: def<{ recorded: boolean }>()(
    z.object({ liveId: id(), state: z.number().int().refine((n) => (CHANNELS_RESERVE_STATES as readonly number[]).includes(n)) }).strict(),
  ),
  /** subscribe-message consents granted outside reservation (e.g. a raffle result notice) */
  recordConsents: def<{ credits: Record<string, number> }>()(z.object({ consents: SubscribeConsents }).strict()),
  /** the caller's subscribe credits per template the shop sends, and their SMS choice */
  messageSettings: def<MessageSettings>()(z.object({}).strict()),
  /** SMS 退订 (optOut: true) or back on; the platform's "回 T 退订" leads here */
  setSmsOptOut: def<{ smsOptedOut: boolean }>()(z.object({ optOut: z.boolean() }).strict()),
  /** the phone behind a getPhoneNumber button's code becomes the member's SMS number; answers it masked */
  bindPhone: def<{ phone: string }>()(z.object({ code: z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/) }).strict()),
  track: def<{ accepted: number; duplicate: boolean }>()(
    z.object({ batchId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/), events: z.array(TrackEvent).min(1).max(MAX_TRACK_EVENTS) }).strict(),
  ),
  myStats: def<LiveStats>()(z.object({ liveId: id() }).strict()),
};

export const CardInput = z
  .object({
    productId: id(),
    /** the card's shown price; with `skus`, the lowest of their live prices */
    livePriceFen: fen(),
    /** live price per SKU; without it the card's price applies to the product's lowest-priced SKUs */
    skus: z.array(z.object({ skuId: id(), livePriceFen: fen() }).strict()).min(1).max(50).optional(),
    role: z.enum(['traffic', 'trust']).optional(),
  })
  .strict();

/** A live in the staff list. */
export interface StaffLiveRow {
  _id: string;
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  state: LiveState;
  /** started or ended by hand rather than by its times */
  manual: boolean;
  cardCount: number;
  reservationCount: number;
}

/** A live as its editor opens it: each card with its product's on-sale SKUs, their regular and live prices. */
export interface LiveDraft {
  _id: string;
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  state: LiveState;
  keywords: string[];
  /** the cards' version as read: send it back with `editLive` so a change made meanwhile is not overwritten */
  rev: number;
  cards: Array<{
    cardId: string;
    productId: string;
    title: string;
    image: string;
    livePriceFen: number;
    role: 'traffic' | 'trust' | null;
    rerunAt: number | null;
    skus: Array<{ skuId: string; specs: Record<string, string>; priceFen: number; livePriceFen: number | null }>;
  }>;
}

/** A card as the editor sends it: an existing one names its `cardId`. */
export const EditCardInput = CardInput.extend({ cardId: id().optional() }).strict();

export const liveAdmin = {
  /** every live, the latest start first, 20 a page; `state` narrows to one state */
  listStaffLives: def<{ items: StaffLiveRow[]; total: number }>()(
    z.object({ state: z.enum(['scheduled', 'live', 'ended']).optional(), page: page().optional() }).strict(),
  ),
  getLiveDraft: def<LiveDraft>()(z.object({ liveId: id() }).strict()),
  /**
   * Changes a live until it ends: before it starts anything; while it is on its title, cover, end and
   * cards, where a card already shown stays on (its product too) and may be repriced, and new cards are
   * added after it. `cards` is the whole list in its order.
   */
  editLive: def<LiveDraft>()(
    z
      .object({
        liveId: id(),
        title: text(60, 1).optional(),
        cover: text(300).optional(),
        startAt: epochMs().optional(),
        endAt: epochMs().optional(),
        cards: z.array(EditCardInput).min(1).max(50).optional(),
        /** the `rev` of the draft the edit was made on: LIVE_CHANGED when the cards changed since */
        rev: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  createLive: def<{ liveId: string }>()(
    z
      .object({
        title: text(60, 1),
        cover: text(300).optional(),
        startAt: epochMs(),
        endAt: epochMs(),
        channelsFinderUserName: z.string().min(1).max(64).optional(),
        channelsNoticeId: z.string().min(1).max(128).optional(),
        externalUrl: z.string().max(300).regex(/^https:\/\//).optional(),
        categoryIds: z.array(id()).max(10).optional(),
        cards: z.array(CardInput).min(1).max(50),
      })
      .strict()
      .refine((v) => v.endAt > v.startAt, { message: 'endAt must be after startAt', path: ['endAt'] }),
  ),
  /** staff start or end a live by hand; `auto` returns the state to the schedule */
  setLiveState: def<{ state: LiveState }>()(z.object({ liveId: id(), state: z.enum(['live', 'ended', 'auto']) }).strict()),
  /** a sold-out card is "back in N minutes" */
  scheduleRerun: def<{ rerunAt: number | null }>()(
    z.object({ liveId: id(), cardId: id(), inMinutes: z.number().int().min(0).max(180) }).strict(),
  ),
  /** interaction keywords counted in comments (e.g. 想要, 链接, 多少钱) */
  setLiveKeywords: def<{ keywords: string[] }>()(z.object({ liveId: id(), keywords: z.array(text(12, 1)).max(30) }).strict()),
};
