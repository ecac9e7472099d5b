import type { OrderStatus } from '../../../typings/contract';
import { bind, type Ctx } from '../kernel/define';
import { fail } from '../kernel/errors';
import { paidKey, recordEvent } from '../kernel/events';
import type { Db } from '../ports';
import { orderCouponIds, type OrderDoc } from '../schema';
import { clearReturnMarks, clearSaleMarks, countSales, returnStockOnce } from '../modules/catalog';
import { consumeCoupons, returnCouponsTx } from '../modules/coupons';
import { pointsOnPaid } from '../modules/points';
import { claimPaidEffects, closeMove, closeTx, markMoveDone, ownOrder, SALES_COUNT, STOCK_RETURN, type OrderMove } from '../modules/orders';
import { applyPayment } from './payment';
import { orderPaid } from './order-notices';

/**
 * An order's side effects, each exactly once:
 * - closing an unpaid order (cancel, expire) moves it and returns its coupons (coupons) and purchase
 *   limits in one transaction; its stock (catalog) goes back after it, without a transaction on the
 *   SKUs checkouts are taking from: per SKU under the order's mark, then `stockReturnedAt`, then the
 *   marks go and `stockReturnOpen` with them. A return a crash cut short is finished by `repairCheckouts` (a refund's are in
 *   flows/refund.ts);
 * - a payment consumes the coupons, earns the points, records the event and (once: claimed by
 *   `paidEffectsAt`, per product under the order's mark) counts the sales.
 */
export async function closeAndReturnStock(db: Db, orderId: string, from: OrderStatus, to: 'cancelled' | 'expired', now: number): Promise<boolean> {
  const closed = await db.transaction(async (tx) => {
    const order = await closeTx(tx, orderId, from, to, now, { [STOCK_RETURN.open]: true });
    if (!order) return null;
    await returnCouponsTx(tx, orderId, orderCouponIds(order), to, now);
    return order;
  });
  if (!closed) return false;
  await finishStockReturn(db, closed, now);
  return true;
}

/**
 * An order's move on other documents, once whatever is repeated: the counters under the order's
 * mark while the move is not done (a mark already there moves nothing), then done, then the marks
 * go and the move is closed. Once done only the marks are left to clear, so a repeat never moves a
 * counter twice. Run by the call that opened it, or after it died by the repair, never by two at once.
 */
async function finishMove(db: Db, order: OrderDoc, move: OrderMove, apply: () => Promise<void>, clear: () => Promise<void>, now: number): Promise<void> {
  if (order[move.done] == null) {
    await apply();
    await markMoveDone(db, order._id, move, now);
  }
  await clear();
  await closeMove(db, order._id, move);
}

/** Gives back the stock of an order closed unpaid. */
export const finishStockReturn = (db: Db, order: OrderDoc, now: number) =>
  finishMove(db, order, STOCK_RETURN, () => returnStockOnce(db, order._id, order.lines, now), () => clearReturnMarks(db, order._id, order.lines), now);

/** Counts a paid order's sales on its products. */
export const finishSalesCount = (db: Db, order: OrderDoc, now: number) =>
  finishMove(db, order, SALES_COUNT, () => countSales(db, order._id, order.lines, now), () => clearSaleMarks(db, order._id, order.lines), now);

/**
 * Effects of a payment that must happen once. Coupons (locked → used) and points (entry
 * `earn:<orderId>`) are idempotent on their own, so they run on every delivery: one that stopped
 * half-way is finished by the platform's retry. The sales count is claimed by one delivery
 * (`paidEffectsAt`, with `salesOpen`) and done by it without a transaction on the products, a
 * live's hottest documents (`finishSalesCount`); a delivery that finds it claimed leaves it to the
 * claimer, and one whose claimer died is finished by `repairCheckouts`.
 */
export async function afterPaid(db: Db, order: OrderDoc, now: number): Promise<void> {
  await consumeCoupons(db, order._id, orderCouponIds(order), now);
  await pointsOnPaid(db, order, now);
  await recordEvent(db, { _id: paidKey(order._id), userId: order.userId, type: 'order_paid', at: now, ref: order._id });
  if (await claimPaidEffects(db, order._id, now)) await finishSalesCount(db, order, now);
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
