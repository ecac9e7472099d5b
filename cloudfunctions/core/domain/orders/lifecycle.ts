import type { OrderStatus } from '../../../../typings/contract';
import type { Db, Update } from '../../ports';
import type { ProductDoc, SkuDoc } from '../catalog/model';
import type { OrderDoc } from './model';
import { movableFrom } from './state';

/**
 * Moves between order states and their side effects, each exactly once:
 * - a move is a conditional update from the states the machine allows, so repeats and late events
 *   change nothing;
 * - closing an unpaid order (cancel, expire) or refunding returns its stock in the same
 *   transaction as the move.
 */
export async function move(db: Db, orderId: string, to: OrderStatus, set: Record<string, unknown>): Promise<boolean> {
  const update: Update = { $set: { status: to, ...set } };
  return (await db.collection<OrderDoc>('orders').update({ _id: orderId, status: { $in: movableFrom(to) } }, update)) === 1;
}

/** created → cancelled | expired, or refunding → refunded: the move and the stock return in one transaction. */
export async function closeAndReturnStock(
  db: Db,
  orderId: string,
  from: OrderStatus,
  to: 'cancelled' | 'expired' | 'refunded',
  now: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const order = await tx.get<OrderDoc>('orders', orderId);
    if (!order || order.status !== from) return false;
    await tx.update('orders', orderId, { $set: { status: to, closedAt: now, stockReturnedAt: now } });
    for (const line of order.lines) await tx.update('skus', line.skuId, { $inc: { stock: line.quantity } });
    return true;
  });
}

/** Effects of a payment that must happen once: sales counters. Guarded by `paidEffectsAt`. */
export async function afterPaid(db: Db, order: OrderDoc, now: number): Promise<void> {
  const first = await db.collection<OrderDoc>('orders').update({ _id: order._id, paidEffectsAt: null }, { $set: { paidEffectsAt: now } });
  if (!first) return;
  for (const line of order.lines) {
    await db.collection<ProductDoc>('products').update({ _id: line.productId }, { $inc: { sales: line.quantity } });
  }
}

export type { SkuDoc };
