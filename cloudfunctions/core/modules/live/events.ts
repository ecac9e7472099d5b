import type { TrackEventInput } from '../../../../typings/contract';
import type { LiveStatsDoc } from '../../schema';

/**
 * Folding client events into per-user, per-live aggregates, as pure functions.
 * Watch time is counted in minute buckets from heartbeats: a minute counts once however many
 * heartbeats (or tabs) cover it. Events stamped too far from the server's clock are ignored, so a
 * forged timestamp cannot buy watch minutes.
 */
export const ACCEPT_PAST_MS = 10 * 60_000;
export const ACCEPT_FUTURE_MS = 60_000;

export type LiveEvent = Exclude<TrackEventInput, { type: 'product_view' }>;

export const inWindow = (at: number, now: number) => at >= now - ACCEPT_PAST_MS && at <= now + ACCEPT_FUTURE_MS;

export function keywordHits(text: string, keywords: string[]): number {
  return keywords.filter((k) => k && text.includes(k)).length;
}

export function emptyStats(liveId: string, userId: string, at: number): Omit<LiveStatsDoc, '_id'> {
  return { liveId, userId, watchMinutes: 0, lastMinute: -1, cardTaps: 0, comments: 0, keywordHits: 0, addToCart: 0, consultTaps: 0, firstAt: at, lastAt: at };
}

/** The aggregate after one live's events (already filtered to the window), in any order. */
export function foldEvents<T extends Omit<LiveStatsDoc, '_id'>>(current: T, events: LiveEvent[], keywords: string[]): T {
  const next = { ...current };
  const minutes = [...new Set(events.filter((e) => e.type === 'heartbeat').map((e) => Math.floor(e.at / 60_000)))].sort((a, b) => a - b);
  for (const m of minutes) {
    if (m > next.lastMinute) {
      next.watchMinutes += 1;
      next.lastMinute = m;
    }
  }
  for (const e of events) {
    if (e.type === 'comment') {
      next.comments += 1;
      next.keywordHits += keywordHits(e.text, keywords);
    } else if (e.type === 'card_tap') {
      next.cardTaps += 1;
      next.tappedCards = { ...next.tappedCards, [e.cardId]: (next.tappedCards?.[e.cardId] ?? 0) + 1 };
    } else if (e.type === 'add_to_cart') next.addToCart += 1;
    else if (e.type === 'consult_tap') next.consultTaps += 1;
    next.firstAt = Math.min(next.firstAt, e.at);
    next.lastAt = Math.max(next.lastAt, e.at);
  }
  return next;
}

export function byLive(events: TrackEventInput[]): Map<string, LiveEvent[]> {
  const map = new Map<string, LiveEvent[]>();
  for (const e of events) {
    if (e.type === 'product_view') continue;
    if (!map.has(e.liveId)) map.set(e.liveId, []);
    map.get(e.liveId)!.push(e);
  }
  return map;
}
