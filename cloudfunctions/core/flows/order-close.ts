import type { OrderStatus } from '../../../typings/contract';
import { bind, type Ctx } from '../kernel/define';
import { fail } from '../kernel/errors';
import { paidKey, recordEvent } from '../kernel/events';
import type { Db } from '../ports';
import { orderCouponIds, type OrderDoc } from '../schema';
import { clearReturnMarks, clearSaleMarks, countSales, returnStockOnce, uncountSales } from '../modules/catalog';
import { consumeCoupons, returnCouponsTx } from '../modules/coupons';
import { pointsOnPaid } from '../modules/points';
import { closeStockReturn, closeTx, markPaidEffects, markStockReturned, ownOrder } from '../modules/orders';
import { applyPayment } from './payment';
import { orderPaid } from './order-notices';

/**
 * An order's side effects, each exactly once:
 * - closing an unpaid order (cancel, expire) moves it and returns its coupons (coupons) and purchase
 *   limits in one transaction; its stock (catalog) goes back after it, without a transaction on the
 *   SKUs checkouts are taking from: per SKU under the order's mark, then `stockReturnedAt`, then the
 *   marks go and `stockReturnOpen` with them. A return a crash cut short is finished by `repairCheckouts` (a refund's are in
 *   flows/refund.ts);
 * - a payment consumes the coupons, earns the points, records the event and (once, guarded by
 *   per-product marks and `paidEffectsAt`) counts the sales.
 */
export async function closeAndReturnStock(db: Db, orderId: string, from: OrderStatus, to: 'cancelled' | 'expired', now: number): Promise<boolean> {
  const closed = await db.transaction(async (tx) => {
    const order = await closeTx(tx, orderId, from, to, now, { stockReturnOpen: true });
    if (!order) return null;
    await returnCouponsTx(tx, orderId, orderCouponIds(order), to, now);
    return order;
  });
  if (!closed) return false;
  await finishStockReturn(db, { ...closed, stockReturnedAt: null }, now);
  return true;
}

/**
 * Gives back the stock of an order closed unpaid, once whatever is repeated: the SKUs under the
 * order's mark while `stockReturnedAt` is unset (a mark already there gives nothing), then the
 * order's `stockReturnedAt`, then the marks go and the return is closed. Once `stockReturnedAt` is
 * set only the marks are left to clear, so a repeat never gives a unit twice.
 */
export async function finishStockReturn(db: Db, order: Pick<OrderDoc, '_id' | 'lines' | 'stockReturnedAt'>, now: number): Promise<void> {
  if (order.stockReturnedAt === null) {
    await returnStockOnce(db, order._id, order.lines, now);
    await markStockReturned(db, order._id, now);
  }
  await clearReturnMarks(db, order._id, order.lines);
  await closeStockReturn(db, order._id);
}

/**
 * Effects of a payment that must happen once. Coupons (locked → used) and points (entry
 * `earn:<orderId>`) are idempotent on their own, so they run on every delivery: one that stopped
 * half-way is finished by the platform's retry. Sales counters are counted per product under the
 * order's mark, then the order records them counted (`paidEffectsAt`) and the marks go: a delivery
 * after a crash counts only what was not; one that finds the order recorded by another call
 * meanwhile takes back what it counted. No transaction, so a burst of payments for one product never
 * conflicts on it.
 */
export async function afterPaid(db: Db, order: OrderDoc, now: number): Promise<void> {
  await consumeCoupons(db, order._id, orderCouponIds(order), now);
  await pointsOnPaid(db, order, now);
  await recordEvent(db, { _id: paidKey(order._id), userId: order.userId, type: 'order_paid', at: now, ref: order._id });
  const current = await db.collection('orders').get(order._id);
  if (!current) return;
  if (current.paidEffectsAt == null) {
    const counted = await countSales(db, order._id, order.lines, now);
    if (!(await markPaidEffects(db, order._id, now))) await uncountSales(db, order._id, order.lines, counted);
  }
  await clearSaleMarks(db, order._id, order.lines);
}

/**
 * Closes an unpaid order (cancel or expiry). The payment platform order is closed first so no late
 * payment can land; if it turns out to be paid, the payment is applied instead.
 */
export async function closeUnpaid(ctx: Pick<Ctx, 'db' | 'payment' | 'messaging' | 'now'>, orderId: string, to: 'cancelled' | 'expired'): Promise<'closed' | 'paid' | 'unchanged'> {
  const paid = await ctx.payment.query(orderId);
  if (paid?.state === 'SUCCESS') {
    // a payment that landed without its notification: told as the notification would have
    if ((await applyPayment(ctx.db, paid, ctx.payment.method, ctx.now)).kind === 'paid') await orderPaid(ctx, orderId);
    return 'paid';
  }
  await ctx.payment.close(orderId);
  return (await closeAndReturnStock(ctx.db, orderId, 'created', to, ctx.now)) ? 'closed' : 'unchanged';
}

export const orderCloseActions = bind<'mall'>()({
  cancelOrder: {
    write: true,
    handler: async (ctx, { orderId }) => {
      const order = await ownOrder(ctx, orderId);
      if (order.status === 'cancelled') return { status: order.status };
      if (order.status !== 'created') return fail('ORDER_STATE_INVALID');
      await closeUnpaid(ctx, orderId, 'cancelled');
      const after = await ownOrder(ctx, orderId);
      if (after.status !== 'cancelled') return fail('ORDER_STATE_INVALID');
      return { status: after.status };
    },
  },
});
