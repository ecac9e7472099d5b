import type { OrderStatus } from '../../../../typings/contract';
import type { Db, Update } from '../../ports';
import type { SkuDoc } from '../../schema';
import { consumeCoupons, returnCouponsTx } from '../coupons/lifecycle';
import { pointsOnPaid, pointsOnRefunded } from '../points/members';
import { paidKey, recordEvent } from '../../kernel/events';
import { orderCouponIds, type OrderDoc } from '../../schema';
import { movableFrom } from './state';

/**
 * Moves between order states and their side effects, each exactly once:
 * - a move is a conditional update from the states the machine allows, so repeats and late events
 *   change nothing;
 * - closing an unpaid order (cancel, expire) or refunding returns its stock and its coupons in the
 *   same transaction as the move (coupons: modules/coupons/lifecycle.ts);
 * - a completed refund then takes back the order's points and recomputes the tier, each idempotent
 *   by its own key.
 */
export async function move(db: Db, orderId: string, to: OrderStatus, set: Record<string, unknown>): Promise<boolean> {
  const update: Update = { $set: { status: to, ...set } };
  return (await db.collection('orders').update({ _id: orderId, status: { $in: movableFrom(to) } }, update)) === 1;
}

/** created → cancelled | expired, or refunding → refunded: the move, the stock and the coupons return in one transaction. */
export async function closeAndReturnStock(
  db: Db,
  orderId: string,
  from: OrderStatus,
  to: 'cancelled' | 'expired' | 'refunded',
  now: number,
): Promise<boolean> {
  const closed = await db.transaction(async (tx) => {
    const order = await tx.get('orders', orderId);
    if (!order || order.status !== from) return null;
    await tx.update('orders', orderId, { $set: { status: to, closedAt: now, stockReturnedAt: now } });
    for (const line of order.lines) await tx.update('skus', line.skuId, { $inc: { stock: line.quantity } });
    await returnCouponsTx(tx, orderId, orderCouponIds(order), to, now);
    return order;
  });
  if (closed && to === 'refunded') await afterRefunded(db, closed, now);
  return !!closed;
}

/** Effects of a completed refund, each idempotent by its own key: points taken back, tier recomputed. */
export async function afterRefunded(db: Db, order: OrderDoc, now: number): Promise<void> {
  await pointsOnRefunded(db, order, now);
}

/**
 * Effects of a payment that must happen once. Coupons (locked → used) and points (entry
 * `earn:<orderId>`) are idempotent on their own, so they run on every delivery: one that stopped
 * half-way is finished by the platform's retry. Sales counters are not, so `paidEffectsAt` guards them.
 */
export async function afterPaid(db: Db, order: OrderDoc, now: number): Promise<void> {
  await consumeCoupons(db, order._id, orderCouponIds(order), now);
  await pointsOnPaid(db, order, now);
  await recordEvent(db, { _id: paidKey(order._id), userId: order.userId, type: 'order_paid', at: now, ref: order._id });
  const first = await db.collection('orders').update({ _id: order._id, paidEffectsAt: null }, { $set: { paidEffectsAt: now } });
  if (!first) return;
  for (const line of order.lines) {
    await db.collection('products').update({ _id: line.productId }, { $inc: { sales: line.quantity } });
  }
}

export type { SkuDoc };
