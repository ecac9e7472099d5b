import { pointsToReverse, SPEND_STATUSES } from '../orders';
import type { Privilege, Tier } from '../../../../typings/contract';
import type { Db, Tx } from '../../ports';
import type { OrderDoc } from '../../schema';
import { earnPoints, ensureAccount, reverseEarningTx } from './ledger';
import { paidGoodsFen, pointsForOrder, rollingSpend, spendWindowStart, tierFor } from './tiers';

/** The member side of orders: rolling spend, tier, points earned and reversed, privileges. */

export async function memberSpend(db: Db, userId: string, now: number): Promise<number> {
  const orders = await db
    .collection('orders')
    .find({ userId, status: { $in: [...SPEND_STATUSES] }, paidAt: { $gte: spendWindowStart(now) } });
  return rollingSpend(orders, now);
}

/** The tier as of now, from the orders themselves (the stored tier may lag a rolling window). */
export async function currentTier(db: Db, userId: string, now: number): Promise<{ tier: Tier; spendFen: number }> {
  const spendFen = await memberSpend(db, userId, now);
  return { tier: tierFor(spendFen), spendFen };
}

/** Recomputes and stores the tier; run when an order is paid or refunded. */
export async function recomputeTier(db: Db, userId: string, now: number): Promise<Tier> {
  const { tier, spendFen } = await currentTier(db, userId, now);
  await ensureAccount(db, userId, now);
  await db.collection('member_accounts').update({ _id: userId }, { $set: { tier: tier.id, spendFen, tierComputedAt: now } });
  return tier;
}

export const earnKey = (orderId: string) => `earn:${orderId}`;
export const refundKey = (orderId: string) => `refund:${orderId}`;

/** The points an order earned, and how many its refund took back (spent ones it could not are not counted). */
export async function orderPoints(db: Db, orderId: string): Promise<{ earned: number; reversed: number }> {
  // both entries in one read
  const found = await db.collection('points_entries').find({ _id: { $in: [earnKey(orderId), refundKey(orderId)] } });
  const earn = found.find((e) => e._id === earnKey(orderId));
  const refund = found.find((e) => e._id === refundKey(orderId));
  return { earned: earn?.delta ?? 0, reversed: refund ? -refund.delta : 0 };
}

/** A paid order earns points once, at the tier reached with it (entry `earn:<orderId>`). */
export async function pointsOnPaid(db: Db, order: OrderDoc, now: number): Promise<void> {
  if (await db.collection('points_entries').get(earnKey(order._id))) return;
  const tier = await recomputeTier(db, order.userId, now);
  await earnPoints(db, {
    userId: order.userId,
    key: earnKey(order._id),
    amount: pointsForOrder(paidGoodsFen(order), tier),
    source: 'order',
    ref: order._id,
    label: '购物得积分',
    now,
  });
}

/**
 * A refund takes the order's points back once, in the transaction that settles it: of all that is left
 * of the order, whatever earlier partial refunds did not take (entry `refund:<orderId>`); of a part, in
 * proportion to the goods it returns (entry `refund:<refundId>`). How many it took back (or, spent
 * already, could not). The order then counts toward the tier without them (`recomputeTier` after the
 * transaction: the tier is derived from the orders, so one a crash left stale is recomputed on the next order).
 */
export async function pointsOnRefundTx(tx: Tx, order: OrderDoc, refundGoodsFen: number, whole: boolean, now: number): Promise<number> {
  const key = whole ? refundKey(order._id) : `refund:${order.refund!.refundId}`;
  const already = order.refunded?.points ?? 0;
  const paidGoods = paidGoodsFen({ status: order.status, paidAt: order.paidAt, price: order.price });
  return reverseEarningTx(tx, earnKey(order._id), { userId: order.userId, key, source: 'refund', ref: order._id, label: '退款扣回积分', now }, (earned) =>
    pointsToReverse(earned, paidGoods, refundGoodsFen, already, whole),
  );
}

export async function activePrivileges(db: Db, userId: string, now: number): Promise<Privilege[]> {
  const docs = await db.collection('privileges').find({ userId, until: { $gt: now } }, { sort: [['until', 'asc']], limit: 50 });
  return docs.filter((p) => p.from <= now).map(({ kind, from, until }) => ({ kind, from, until }));
}

/** Live priority access (直播优先入场): from the tier, or a redeemed privilege in force. */
export async function hasPriorityAccess(db: Db, userId: string, now: number): Promise<boolean> {
  if ((await currentTier(db, userId, now)).tier.priorityAccess) return true;
  return (await activePrivileges(db, userId, now)).some((p) => p.kind === 'live_priority');
}
