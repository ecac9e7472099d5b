import type { LiveBrief, LiveState } from '../../../../typings/contract';
import type { LiveDoc } from '../../schema';

/** A live's state from its times, unless staff started or ended it by hand. */
export function liveState(live: Pick<LiveDoc, 'startAt' | 'endAt' | 'manualState'>, now: number): LiveState {
  if (live.manualState) return live.manualState;
  if (now < live.startAt) return 'scheduled';
  if (now < live.endAt) return 'live';
  return 'ended';
}

/**
 * When the live is on air: from its start (or the moment staff started it by hand) to its end (or
 * the moment staff ended it); a live started by hand and not ended stays on. `to` is exclusive.
 */
export function airWindow(live: Pick<LiveDoc, 'startAt' | 'endAt' | 'manualState' | 'startedAt' | 'endedAt'>): { from: number; to: number } {
  if (live.manualState === 'scheduled') return { from: Infinity, to: Infinity };
  const from = live.manualState === 'live' ? Math.min(live.startedAt ?? live.startAt, live.startAt) : live.startAt;
  const to = live.manualState === 'ended' ? Math.min(live.endedAt ?? live.endAt, live.endAt) : live.manualState === 'live' ? Infinity : live.endAt;
  return { from, to };
}

export const onAir = (live: Parameters<typeof airWindow>[0], at: number): boolean => {
  const { from, to } = airWindow(live);
  return at >= from && at < to;
};

export const liveBrief = (live: LiveDoc, now: number): LiveBrief => ({
  _id: live._id,
  title: live.title,
  cover: live.cover,
  startAt: live.startAt,
  endAt: live.endAt,
  state: liveState(live, now),
});

/** The live to feature: one on now, else the soonest upcoming. */
export function featuredLive(lives: LiveDoc[], now: number): LiveDoc | null {
  const on = lives.filter((l) => liveState(l, now) === 'live').sort((a, b) => a.startAt - b.startAt);
  if (on.length) return on[0];
  const upcoming = lives.filter((l) => liveState(l, now) === 'scheduled').sort((a, b) => a.startAt - b.startAt);
  return upcoming[0] ?? null;
}

/** A live card's price applies to its product only while its live is on. */
export interface LiveOffer {
  liveId: string;
  cardId: string;
  productId: string;
  livePriceFen: number;
}

export function liveOffer(live: LiveDoc | null, cardId: string | undefined, productId: string, now: number): LiveOffer | null {
  if (!live || !cardId || liveState(live, now) !== 'live') return null;
  const card = live.cards.find((c) => c.cardId === cardId && c.productId === productId);
  return card ? { liveId: live._id, cardId, productId, livePriceFen: card.livePriceFen } : null;
}

/** Counted in comments when staff set none. */
export const DEFAULT_KEYWORDS = ['想要', '链接', '多少钱', '怎么买', '上车', '已拍'];

/** Cards at or above this live price offer one-to-one consultation. */
export const CONSULT_FROM_FEN = 20000;
