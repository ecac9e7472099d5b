import { isViewer } from '../live';
import type { Cohort, FunnelStage, LiveMetrics, Ratio } from '../../../../typings/contract';
import { DAY } from '../../kernel/time';

/**
 * The dashboard's metrics as pure functions over loaded facts. Each one follows its definition in
 * docs/METRICS.md word for word; the ids match.
 */
export interface PaidOrderFact {
  orderId: string;
  createdAt: number;
  paidAt: number;
  /** payable in fen; 0 once the order was refunded */
  netFen: number;
  grossFen: number;
  kind: 'live_card' | 'invite' | 'share' | 'organic';
  liveId: string | null;
  productIds: string[];
}

export interface UserFacts {
  createdAt: number;
  /** every paid order of the user, any source */
  paidOrders: PaidOrderFact[];
  /** first WeCom add-contact or group join through any live */
  firstWecomAt: number | null;
  /** first reservation or watched minute of a live other than the one measured */
  firstOtherLiveAt: number | null;
  /** Shanghai days (YYYY-MM-DD) with a visit */
  visitDays: Set<string>;
}

export interface LiveFacts {
  live: { _id: string; title: string; startAt: number; endAt: number; productIds: string[] };
  now: number;
  reservations: Array<{ userId: string; status: 'active' | 'cancelled'; createdAt: number; cancelledAt: number | null }>;
  stats: Array<{ userId: string; watchMinutes: number; cardTaps: number }>;
  /** this live's add-contact records: external contact and whether it was their first through any live */
  addContacts: Array<{ externalUserId: string; firstEver: boolean }>;
  /** every order attributed to the live (source.liveId), any status */
  liveOrders: Array<{ orderId: string; userId: string; createdAt: number; paidAt: number | null; grossFen: number; refundedFen: number; kind: PaidOrderFact['kind'] }>;
  users: Map<string, UserFacts>;
  /** users who first arrived in the baseline window and took no part in the live */
  baselineUserIds: string[];
  /** YYYY-MM-DD of a ms instant in Asia/Shanghai */
  dayOf: (ms: number) => string;
}

export const REPURCHASE_WINDOW_MS = 30 * DAY;
export const ACQUISITION_LEAD_MS = 7 * DAY;
export const CLV_WINDOW_MS = 30 * DAY;
export const BASELINE_SPAN_MS = 30 * DAY;
export const RETENTION_DAYS = 7;

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null };
}

export function cohort(totals: number[]): Cohort {
  const totalFen = totals.reduce((s, x) => s + x, 0);
  return { users: totals.length, totalFen, averageFen: totals.length ? Math.round(totalFen / totals.length) : null };
}

const empty: UserFacts = { createdAt: 0, paidOrders: [], firstWecomAt: null, firstOtherLiveAt: null, visitDays: new Set() };

/** In the private domain at `t`: had paid an order, joined the merchant's WeCom, or taken part in another live, before `t`. */
export function privateAt(u: UserFacts | undefined, t: number): boolean {
  if (!u) return false;
  return u.paidOrders.some((o) => o.paidAt < t) || (u.firstWecomAt !== null && u.firstWecomAt < t) || (u.firstOtherLiveAt !== null && u.firstOtherLiveAt < t);
}

/** Reservations that count: active, or cancelled only after the live started. */
export const countedReservations = (f: LiveFacts) =>
  f.reservations.filter((r) => r.status === 'active' || (r.cancelledAt !== null && r.cancelledAt >= f.live.startAt));

export function computeLiveMetrics(f: LiveFacts): LiveMetrics {
  const user = (id: string) => f.users.get(id) ?? empty;
  const reservations = countedReservations(f);
  const reservers = new Set(reservations.map((r) => r.userId));
  const watchers = new Set(f.stats.filter(isViewer).map((s) => s.userId));
  const stat = new Map(f.stats.map((s) => [s.userId, s]));

  // privateDomainReservationShare
  const privateReservations = reservations.filter((r) => privateAt(f.users.get(r.userId), r.createdAt)).length;

  // newWecomFriends
  const newFriends = new Set(f.addContacts.filter((a) => a.firstEver).map((a) => a.externalUserId)).size;

  // privateDomainOrderShare
  const paidLiveOrders = f.liveOrders.filter((o) => o.paidAt !== null);
  const privateOrders = paidLiveOrders.filter((o) => o.kind === 'invite' || o.kind === 'share' || privateAt(f.users.get(o.userId), o.createdAt)).length;

  // liveProductRepurchaseRate
  const firstLivePaid = new Map<string, number>();
  for (const o of paidLiveOrders) if (!firstLivePaid.has(o.userId) || o.paidAt! < firstLivePaid.get(o.userId)!) firstLivePaid.set(o.userId, o.paidAt!);
  const liveProducts = new Set(f.live.productIds);
  const liveOrderIds = new Set(f.liveOrders.map((o) => o.orderId));
  const repurchased = [...firstLivePaid].filter(([userId, first]) =>
    user(userId).paidOrders.some(
      (o) =>
        !liveOrderIds.has(o.orderId) &&
        o.paidAt > first &&
        o.paidAt <= first + REPURCHASE_WINDOW_MS &&
        o.kind !== 'live_card' &&
        o.productIds.some((p) => liveProducts.has(p)),
    ),
  ).length;

  // retention7d over the live-acquired cohort
  const acquired = [...new Set([...reservers, ...watchers])].filter((id) => {
    const created = f.users.get(id)?.createdAt;
    return created !== undefined && created >= f.live.startAt - ACQUISITION_LEAD_MS && created <= f.live.endAt;
  });
  const retentionDays = Array.from({ length: RETENTION_DAYS }, (_, i) => f.dayOf(f.live.endAt + (i + 1) * DAY));
  const retained = acquired.filter((id) => retentionDays.some((d) => user(id).visitDays.has(d))).length;

  // clv30
  const spend = (id: string, from: number) =>
    user(id)
      .paidOrders.filter((o) => o.paidAt >= from && o.paidAt < from + CLV_WINDOW_MS)
      .reduce((s, o) => s + o.netFen, 0);
  const liveAcquired = cohort(acquired.map((id) => spend(id, f.live.startAt)));
  const baseline = cohort(f.baselineUserIds.map((id) => spend(id, user(id).createdAt)));

  // funnel, each stage within the one before
  const reserved = [...reservers];
  const watched = reserved.filter((id) => (stat.get(id)?.watchMinutes ?? 0) >= 1);
  const tapped = watched.filter((id) => (stat.get(id)?.cardTaps ?? 0) >= 1);
  const orderedUsers = new Set(f.liveOrders.map((o) => o.userId));
  const ordered = tapped.filter((id) => orderedUsers.has(id));
  const paid = ordered.filter((id) => firstLivePaid.has(id));
  const again = paid.filter((id) => {
    const first = firstLivePaid.get(id)!;
    return user(id).paidOrders.some((o) => o.paidAt > first && o.paidAt <= first + REPURCHASE_WINDOW_MS && !liveOrderIds.has(o.orderId));
  });
  const funnel: FunnelStage[] = [
    { stage: 'reserved', users: reserved.length },
    { stage: 'watched', users: watched.length },
    { stage: 'tapped', users: tapped.length },
    { stage: 'ordered', users: ordered.length },
    { stage: 'paid', users: paid.length },
    { stage: 'repurchased', users: again.length },
  ];

  return {
    liveId: f.live._id,
    title: f.live.title,
    startAt: f.live.startAt,
    endAt: f.live.endAt,
    privateDomainReservationShare: ratio(privateReservations, reservations.length),
    newWecomFriends: newFriends,
    privateDomainOrderShare: ratio(privateOrders, paidLiveOrders.length),
    liveProductRepurchaseRate: ratio(repurchased, firstLivePaid.size),
    retention7d: ratio(retained, acquired.length),
    clv30: {
      liveAcquired,
      baseline,
      ratio: liveAcquired.averageFen !== null && baseline.averageFen ? Math.round((liveAcquired.averageFen / baseline.averageFen) * 100) / 100 : null,
      complete: f.now >= f.live.startAt + CLV_WINDOW_MS,
    },
    funnel,
    orders: ordersOf(f.liveOrders.length, paidLiveOrders),
    computedAt: f.now,
  };
}

/** Sums the parts of per-live ratios and cohorts across lives. */
export function sumRatios(rs: Ratio[]): Ratio {
  return ratio(
    rs.reduce((s, r) => s + r.numerator, 0),
    rs.reduce((s, r) => s + r.denominator, 0),
  );
}

export function sumCohorts(cs: Cohort[]): Cohort {
  const users = cs.reduce((s, c) => s + c.users, 0);
  const totalFen = cs.reduce((s, c) => s + c.totalFen, 0);
  return { users, totalFen, averageFen: users ? Math.round(totalFen / users) : null };
}

/** Orders, what the paid ones paid, what settled refunds returned of it, and the difference. */
export function ordersOf(count: number, paid: Array<{ grossFen: number; refundedFen: number }>): LiveMetrics['orders'] {
  const gmvFen = paid.reduce((s, o) => s + o.grossFen, 0);
  const refundedFen = paid.reduce((s, o) => s + o.refundedFen, 0);
  return { count, paid: paid.length, gmvFen, refundedFen, netGmvFen: gmvFen - refundedFen };
}
