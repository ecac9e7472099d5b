import type { LiveCard } from '../../schema';
import { PAID_STATUSES } from '../orders';

/**
 * Post-live segmentation (分层) as a pure function over pre-loaded facts.
 * The audience is the live's reservers, its viewers, and anyone who paid for an order attributed to
 * it. A buyer is someone with a paid order (paid, shipped or completed) attributed to the live:
 * - first-time buyer: no paid order created before their first order in this live;
 * - repeat buyer: a paid order before it;
 * everyone else in the audience did not buy. The three sets partition the audience.
 */
export interface OrderFact {
  userId: string;
  status: string;
  createdAt: number;
  /** the live the order is attributed to, if any */
  liveId: string | null;
}

export interface AudienceFacts {
  liveId: string;
  reservers: string[];
  viewers: string[];
  /** the audience's orders in this live, and for each buyer at least one earlier paid order if there is one */
  orders: OrderFact[];
}

export interface Segments {
  nonBuyers: string[];
  firstTime: string[];
  repeat: string[];
}

export type Segment = 'non_buyer' | 'first_time' | 'repeat';

const isPaid = (o: OrderFact) => (PAID_STATUSES as readonly string[]).includes(o.status);

export function segmentOf(userId: string, liveId: string, orders: OrderFact[]): Segment {
  const own = orders.filter((o) => o.userId === userId && isPaid(o));
  const inLive = own.filter((o) => o.liveId === liveId);
  if (!inLive.length) return 'non_buyer';
  const first = Math.min(...inLive.map((o) => o.createdAt));
  return own.some((o) => o.createdAt < first) ? 'repeat' : 'first_time';
}

export function segmentAudience(f: AudienceFacts): Segments {
  const buyers = f.orders.filter((o) => o.liveId === f.liveId && isPaid(o)).map((o) => o.userId);
  const audience = [...new Set([...f.reservers, ...f.viewers, ...buyers])].sort();
  const out: Segments = { nonBuyers: [], firstTime: [], repeat: [] };
  for (const userId of audience) {
    const s = segmentOf(userId, f.liveId, f.orders);
    (s === 'non_buyer' ? out.nonBuyers : s === 'first_time' ? out.firstTime : out.repeat).push(userId);
  }
  return out;
}

/**
 * The live's best sellers the viewer looked at: products of the cards they tapped, best selling in
 * the live first; with no taps, the live's best sellers. Only products in `available`.
 */
export function bestSellersLookedAt(
  cards: LiveCard[],
  tappedCards: Record<string, number>,
  liveSales: ReadonlyMap<string, number>,
  available: ReadonlySet<string>,
  max = 3,
): string[] {
  const rank = (a: LiveCard, b: LiveCard) =>
    (liveSales.get(b.productId) ?? 0) - (liveSales.get(a.productId) ?? 0) || (tappedCards[b.cardId] ?? 0) - (tappedCards[a.cardId] ?? 0) || a.order - b.order;
  const shown = cards.filter((c) => available.has(c.productId));
  const tapped = shown.filter((c) => (tappedCards[c.cardId] ?? 0) > 0);
  return (tapped.length ? tapped : shown).sort(rank).slice(0, max).map((c) => c.productId);
}
