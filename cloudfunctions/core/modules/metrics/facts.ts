import { isViewer, VIEWER_FILTER } from '../live';
import { refundedFenOf } from '../orders';
import type { Db, Query } from '../../ports';
import type { CollectionDocs, CollectionName } from '../../schema';
import type { LiveDoc } from '../../schema';
import type { OrderDoc } from '../../schema';
import { ACQUISITION_LEAD_MS, BASELINE_SPAN_MS, RETENTION_DAYS, type LiveFacts, type PaidOrderFact, type UserFacts } from './compute';
import { DAY, inShanghai } from '../../kernel/time';

/**
 * Loads what the metrics of one live need, in indexed queries over bounded chunks of users, never
 * whole collections.
 */
const CHUNK = 500;

async function inChunks<N extends CollectionName>(db: Db, collection: N, field: string, ids: string[], extra: Query = {}): Promise<CollectionDocs[N][]> {
  const out: CollectionDocs[N][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...(await db.collection(collection).find({ ...extra, [field]: { $in: ids.slice(i, i + CHUNK) } })));
  }
  return out;
}

/** Raffle prize orders (payable 0, paid by the draw) are deliveries, not sales: metrics leave them out. */
export const isSale = (o: OrderDoc) => o.paymentMethod !== 'raffle_prize';

export const dayOf = (ms: number) => inShanghai(ms).format('YYYY-MM-DD');

function paidFact(o: OrderDoc): PaidOrderFact {
  return {
    orderId: o._id,
    createdAt: o.createdAt,
    paidAt: o.paidAt!,
    grossFen: o.price.payableFen,
    netFen: o.price.payableFen - refundedFenOf(o),
    kind: o.source?.kind ?? 'organic',
    liveId: o.source?.liveId ?? null,
    productIds: o.lines.map((l) => l.productId),
  };
}

export async function loadLiveFacts(db: Db, live: LiveDoc, now: number): Promise<LiveFacts> {
  const [reservations, stats, joins, attributed] = await Promise.all([
    db.collection('reservations').find({ liveId: live._id }),
    db.collection('live_stats').find({ liveId: live._id }),
    db.collection('wecom_joins').find({ liveId: live._id }),
    db.collection('orders').find({ 'source.liveId': live._id }),
  ]);
  const liveOrders = attributed.filter(isSale);

  // first add-contact of each of this live's external contacts, over every live
  const adds = joins.filter((j) => j.type === 'add_contact');
  const firstAdd = new Map<string, number>();
  for (const j of await inChunks(db, 'wecom_joins', 'externalUserId', [...new Set(adds.map((a) => a.externalUserId))], { type: 'add_contact' })) {
    firstAdd.set(j.externalUserId, Math.min(firstAdd.get(j.externalUserId) ?? Infinity, j.at));
  }

  const participants = new Set<string>([...reservations.map((r) => r.userId), ...stats.filter(isViewer).map((s) => s.userId)]);
  const baselineFrom = live.startAt - ACQUISITION_LEAD_MS - BASELINE_SPAN_MS;
  const baselineUsers = (
    await db.collection('users').find({ createdAt: { $gte: baselineFrom, $lt: live.startAt - ACQUISITION_LEAD_MS } })
  ).filter((u) => !participants.has(u._id));
  const userIds = [...new Set([...participants, ...liveOrders.map((o) => o.userId), ...baselineUsers.map((u) => u._id)])];

  const [users, orders, wecom, otherReservations, otherStats, visits] = await Promise.all([
    inChunks(db, 'users', '_id', userIds),
    inChunks(db, 'orders', 'userId', userIds, { paidAt: { $gt: 0 } }).then((os) => os.filter(isSale)),
    inChunks(db, 'wecom_joins', 'userId', userIds),
    inChunks(db, 'reservations', 'userId', userIds, { liveId: { $ne: live._id } }),
    inChunks(db, 'live_stats', 'userId', userIds, { liveId: { $ne: live._id }, ...VIEWER_FILTER }),
    inChunks(db, 'visits', 'userId', userIds, {
      day: { $gt: dayOf(live.endAt), $lte: dayOf(live.endAt + RETENTION_DAYS * DAY) },
    }),
  ]);

  const facts = new Map<string, UserFacts>();
  for (const u of users) facts.set(u._id, { createdAt: u.createdAt, paidOrders: [], firstWecomAt: null, firstOtherLiveAt: null, visitDays: new Set() });
  const min = (a: number | null, b: number) => (a === null ? b : Math.min(a, b));
  for (const o of orders) facts.get(o.userId)?.paidOrders.push(paidFact(o));
  for (const j of wecom) if (j.userId && facts.has(j.userId)) facts.get(j.userId)!.firstWecomAt = min(facts.get(j.userId)!.firstWecomAt, j.at);
  for (const r of otherReservations) if (facts.has(r.userId)) facts.get(r.userId)!.firstOtherLiveAt = min(facts.get(r.userId)!.firstOtherLiveAt, r.createdAt);
  for (const s of otherStats) if (facts.has(s.userId)) facts.get(s.userId)!.firstOtherLiveAt = min(facts.get(s.userId)!.firstOtherLiveAt, s.firstAt);
  for (const v of visits) facts.get(v.userId)?.visitDays.add(v.day);

  return {
    live: { _id: live._id, title: live.title, startAt: live.startAt, endAt: live.endAt, productIds: live.cards.map((c) => c.productId) },
    now,
    reservations: reservations.map((r) => ({ userId: r.userId, status: r.status, createdAt: r.createdAt, cancelledAt: r.status === 'cancelled' ? r.updatedAt : null })),
    stats: stats.map((s) => ({ userId: s.userId, watchMinutes: s.watchMinutes, cardTaps: s.cardTaps })),
    addContacts: adds.map((a) => ({ externalUserId: a.externalUserId, firstEver: (firstAdd.get(a.externalUserId) ?? a.at) >= a.at })),
    liveOrders: liveOrders.map((o) => ({
      orderId: o._id,
      userId: o.userId,
      createdAt: o.createdAt,
      paidAt: o.paidAt,
      grossFen: o.price.payableFen,
      refundedFen: refundedFenOf(o),
      kind: o.source?.kind ?? 'organic',
    })),
    users: facts,
    baselineUserIds: baselineUsers.map((u) => u._id),
    dayOf,
  };
}

