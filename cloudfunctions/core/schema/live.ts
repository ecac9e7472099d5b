import type { BaseDoc } from './base';
import type { LiveState } from '../../../typings/contract';

/** A product card featured in a live: the product at its live price. */
export interface LiveCard {
  cardId: string;
  productId: string;
  /** the card's shown price: the lowest of its SKUs' live prices */
  livePriceFen: number;
  /**
   * The live price of each SKU, by SKU id. A SKU not listed sells at its regular price during the
   * live; a card without the map (written before prices were per SKU) gives no SKU a live price.
   */
  skuPrices?: Record<string, number>;
  order: number;
  /** 引流款 traffic item / 信任款 trust item */
  role?: 'traffic' | 'trust' | null;
  /** summed stock when the card was added or last restocked: the stock bar's 100 % */
  initialStock?: number;
  /** "back in N minutes": when the card's re-run starts */
  rerunAt?: number | null;
}

export interface LiveDoc extends BaseDoc {
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  /** set when staff start or end the live by hand; otherwise state follows the times */
  manualState?: LiveState;
  /** when staff started / ended it by hand (the on-air window then runs from / to these) */
  startedAt?: number;
  endedAt?: number;
  /** where the stream is watched: Channels (视频号) finder user name and reservation notice id */
  channelsFinderUserName?: string;
  channelsNoticeId?: string;
  /** a WeCom or third-party live, opened by link */
  externalUrl?: string;
  /** categories the live is about: who gets a personal invitation */
  categoryIds?: string[];
  /** interaction keywords counted in comments */
  keywords?: string[];
  cards: LiveCard[];
  /**
   * raised by every write to `cards` (edit, re-run, role), each conditional on the value it read:
   * a card written by its position never lands on another card after the list changed
   */
  cardsRev?: number;
  reservationCount?: number;
  /** WeCom contact and group-join links made for the live's channel state, cached once made */
  wecom?: { contactUrl: string | null; groupUrl: string | null } | null;
  createdAt: number;
}

export interface ReservationDoc extends BaseDoc {
  liveId: string;
  userId: string;
  status: 'active' | 'cancelled';
  /** the inviter's share code the reservation came through; the first one is kept */
  inviteCode: string | null;
  /** what wx.reserveChannelsLive reported, if the live has a Channels notice */
  channelsState: number | null;
  /** reserved before the live started: who the reservation raffle and reminders count */
  beforeStart: boolean;
  createdAt: number;
  updatedAt: number;
  remindedAt: number | null;
}

export interface LiveStatsDoc extends BaseDoc {
  liveId: string;
  userId: string;
  /** whole minutes of `watchMs` (or WeCom's own figure) */
  watchMinutes: number;
  /** the watch time credited so far, in ms */
  watchMs?: number;
  /** the latest heartbeat slot (30 s) counted, so a slot counts once however many heartbeats (or tabs) cover it */
  lastSlot: number;
  /** server time of the latest accepted heartbeat: watch time never outruns the wall clock */
  heardAt?: number;
  /** `wecom` once WeCom's own live statistics were imported: they replace the heartbeat count */
  watchSource?: 'heartbeats' | 'wecom';
  cardTaps: number;
  /** taps per card, `cardId` → count: which products the viewer looked at */
  tappedCards?: Record<string, number>;
  comments: number;
  keywordHits: number;
  addToCart: number;
  consultTaps: number;
  firstAt: number;
  lastAt: number;
}

export interface InterestDoc extends BaseDoc {
  userId: string;
  categoryId: string;
  score: number;
  updatedAt: number;
}

export const reservationId = (liveId: string, userId: string) => `${liveId}:${userId}`;
export const statsId = (liveId: string, userId: string) => `${liveId}:${userId}`;

/** A client event batch already counted, `_id` = userId:batchId: a replayed batch finds it and counts nothing. */
export interface EventBatchDoc extends BaseDoc {
  userId: string;
  count: number;
  createdAt: number;
}
