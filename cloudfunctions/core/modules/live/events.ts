import type { TrackEventInput } from '../../../../typings/contract';
import type { LiveStatsDoc } from '../../schema';

/**
 * Folding client events into per-user, per-live aggregates, as pure functions.
 * Watch time is counted from heartbeats the room page sends every 30 s: each 30-second slot counts
 * once however many heartbeats (or tabs) cover it. Events stamped too far from the server's clock
 * are ignored, and the server stands behind every millisecond it credits: only slots while the
 * live is on air, and never more per batch than the server's wall time since the previous accepted
 * heartbeat (capped at what a device may have queued offline). A first heartbeat opens the stream
 * and credits nothing.
 */
export const ACCEPT_PAST_MS = 10 * 60_000;
export const ACCEPT_FUTURE_MS = 60_000;
export const HEARTBEAT_SLOT_MS = 30_000;
/** the most one batch can credit: what a device queues while offline within the past window */
export const MAX_CREDIT_MS = ACCEPT_PAST_MS;

/** What the server knows when it credits heartbeats: its own clock and the live's on-air test. */
export interface WatchContext {
  now: number;
  onAir: (at: number) => boolean;
}

/** The watch time one batch adds: its new slots' length, bounded by the wall time since the previous heartbeat. */
export function creditedMs(heardAt: number | undefined, newSlots: number, now: number): number {
  if (heardAt === undefined) return 0;
  return Math.max(0, Math.min(newSlots * HEARTBEAT_SLOT_MS, now - heardAt, MAX_CREDIT_MS));
}

export const inWindow = (at: number, now: number) => at >= now - ACCEPT_PAST_MS && at <= now + ACCEPT_FUTURE_MS;

export type LiveEvent = Exclude<TrackEventInput, { type: 'product_view' }>;

export function keywordHits(text: string, keywords: string[]): number {
  return keywords.filter((k) => k && text.includes(k)).length;
}

export function emptyStats(liveId: string, userId: string, at: number): Omit<LiveStatsDoc, '_id'> {
  return { liveId, userId, watchMinutes: 0, watchMs: 0, lastSlot: -1, cardTaps: 0, comments: 0, keywordHits: 0, addToCart: 0, consultTaps: 0, firstAt: at, lastAt: at };
}

/**
 * The aggregate after one live's events (already filtered to the accept window), in any order.
 * Heartbeats credit watch time by creditedMs; slots passed over are not offered again. Once WeCom's
 * statistics replaced the count, heartbeats add nothing.
 */
export function foldEvents<T extends Omit<LiveStatsDoc, '_id'>>(current: T, events: LiveEvent[], keywords: string[], watch: WatchContext): T {
  const next = { ...current };
  const nowSlot = Math.floor(watch.now / HEARTBEAT_SLOT_MS);
  const slots = new Set(
    events
      .filter((e) => e.type === 'heartbeat' && watch.onAir(e.at))
      .map((e) => Math.floor(e.at / HEARTBEAT_SLOT_MS))
      .filter((slot) => slot > next.lastSlot && slot <= nowSlot),
  );
  if (slots.size && next.watchSource !== 'wecom') {
    next.watchMs = (next.watchMs ?? next.watchMinutes * 60_000) + creditedMs(next.heardAt, slots.size, watch.now);
    next.watchMinutes = Math.floor(next.watchMs / 60_000);
    next.lastSlot = Math.max(...slots);
    next.heardAt = watch.now;
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
