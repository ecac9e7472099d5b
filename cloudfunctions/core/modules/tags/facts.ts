import { DAY, MINUTE } from '../../kernel/time';
import type { Db } from '../../ports';
import type { LiveStatsDoc } from '../../schema';
import type { CartItemDoc, OrderDoc } from '../../schema';
import { emptyFacts, type FactName, type UserFacts } from './expr';
import { PAID_STATUSES, PAYMENT_WINDOW_MS } from '../orders';

/**
 * Per-user facts for rules, loaded for a batch of users with indexed `$in` queries, and only the
 * groups of facts the rules read: live activity (live_stats of the last 30 days), the cart (its
 * lines and whether each was paid since it was added), orders, reservations.
 */
export const FACT_WINDOW_MS = 30 * DAY;

const LIVE_FACTS: FactName[] = ['watch_minutes', 'lives_watched', 'card_taps', 'comments', 'keyword_hits', 'add_to_cart', 'consult_taps', 'interactions'];
const CART_FACTS: FactName[] = ['cart_lines', 'cart_unpaid_hours', 'cart_unpaid'];
const ORDER_FACTS: FactName[] = ['paid_orders', 'days_since_last_paid'];

const needs = (needed: ReadonlySet<FactName>, group: FactName[]) => group.some((f) => needed.has(f));

/** Live facts folded from the user's per-live aggregates within the window. */
export function liveFacts(stats: Array<Pick<LiveStatsDoc, 'watchMinutes' | 'cardTaps' | 'comments' | 'keywordHits' | 'addToCart' | 'consultTaps' | 'lastAt'>>, now: number) {
  const out = { watch_minutes: 0, lives_watched: 0, card_taps: 0, comments: 0, keyword_hits: 0, add_to_cart: 0, consult_taps: 0, interactions: 0 };
  for (const s of stats) {
    if (s.lastAt < now - FACT_WINDOW_MS) continue;
    out.watch_minutes += s.watchMinutes;
    if (s.watchMinutes > 0) out.lives_watched += 1;
    out.card_taps += s.cardTaps;
    out.comments += s.comments;
    out.keyword_hits += s.keywordHits;
    out.add_to_cart += s.addToCart;
    out.consult_taps += s.consultTaps;
  }
  out.interactions = out.card_taps + out.comments + out.add_to_cart + out.consult_taps;
  return out;
}

/**
 * Cart facts: a line is unpaid unless an order containing its SKU was paid after the line was
 * added. `cart_unpaid_hours` is the age of the oldest unpaid line, to the minute.
 */
export function cartFacts(lines: Array<Pick<CartItemDoc, 'skuId' | 'createdAt'>>, paid: Array<Pick<OrderDoc, 'lines' | 'paidAt'>>, now: number) {
  const unpaid = lines.filter((line) => !paid.some((o) => (o.paidAt ?? 0) >= line.createdAt && o.lines.some((l) => l.skuId === line.skuId)));
  const oldest = unpaid.length ? Math.min(...unpaid.map((l) => l.createdAt)) : null;
  return {
    cart_lines: lines.length,
    cart_unpaid: unpaid.length > 0,
    cart_unpaid_hours: oldest === null ? 0 : Math.floor((now - oldest) / MINUTE) / 60,
  };
}

export async function loadFacts(db: Db, userIds: string[], now: number, needed: ReadonlySet<FactName>): Promise<Map<string, UserFacts>> {
  const facts = new Map(userIds.map((u) => [u, emptyFacts()]));
  if (!userIds.length) return facts;

  if (needs(needed, LIVE_FACTS)) {
    const stats = await db.collection('live_stats').find({ userId: { $in: userIds }, lastAt: { $gte: now - FACT_WINDOW_MS } });
    const byUser = groupBy(stats, (s) => s.userId);
    for (const [userId, list] of byUser) Object.assign(facts.get(userId)!, liveFacts(list, now));
  }

  if (needs(needed, CART_FACTS)) {
    const lines = await db.collection('cart_items').find({ userId: { $in: userIds } });
    for (const [userId, own] of groupBy(lines, (l) => l.userId)) {
      const since = Math.min(...own.map((l) => l.createdAt)) - PAYMENT_WINDOW_MS;
      const paid = await db
        .collection('orders')
        .find({ userId, status: { $in: [...PAID_STATUSES] }, createdAt: { $gte: since } }, { sort: [['createdAt', 'desc']], limit: 50 });
      Object.assign(facts.get(userId)!, cartFacts(own, paid, now));
    }
  }

  if (needs(needed, ORDER_FACTS)) {
    const orders = db.collection('orders');
    for (const userId of userIds) {
      const last = await orders.findOne({ userId, status: { $in: [...PAID_STATUSES] } }, { sort: [['createdAt', 'desc']] });
      if (!last) continue;
      const f = facts.get(userId)!;
      f.paid_orders = await orders.count({ userId, status: { $in: [...PAID_STATUSES] } });
      f.days_since_last_paid = Math.floor((now - (last.paidAt ?? last.createdAt)) / DAY);
    }
  }

  if (needed.has('reservations')) {
    const reservations = await db
      .collection('reservations')
      .find({ userId: { $in: userIds }, status: 'active', createdAt: { $gte: now - FACT_WINDOW_MS } });
    for (const [userId, list] of groupBy(reservations, (r) => r.userId)) facts.get(userId)!.reservations = list.length;
  }
  return facts;
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

