import type { TimerCtx } from '../kernel/define';
import { HOUR } from '../kernel/time';
import { CLOSED } from '../modules/orders';
import { consumeCoupons, unlockCoupons } from '../modules/coupons';

/** A lock older than this has outlived its order's 30-minute payment window and every retry. */
export const STALE_LOCK_MS = 2 * HOUR;
export const LOCK_BATCH = 200;

/**
 * Timer: heals coupons a crash left locked. The order paths move coupons themselves (in the
 * close transaction, in afterPaid); this only finds locks whose order never got written, closed,
 * or was paid without its coupon moving, and finishes the move with the same conditional updates.
 */
export async function releaseCouponLocks(ctx: TimerCtx): Promise<{ released: number; used: number }> {
  const stale = await ctx.db
    .collection('coupons')
    .find({ status: 'locked', lockedAt: { $lt: ctx.now - STALE_LOCK_MS } }, { sort: [['lockedAt', 'asc']], limit: LOCK_BATCH });
  const tally = { released: 0, used: 0 };
  for (const coupon of stale) {
    const order = coupon.orderId ? await ctx.db.collection('orders').get(coupon.orderId) : null;
    if (!order || CLOSED.includes(order.status)) {
      await unlockCoupons(ctx.db, [coupon._id], coupon.orderId ?? '');
      tally.released++;
    } else if (order.status !== 'created') {
      await consumeCoupons(ctx.db, order._id, [coupon._id], order.paidAt ?? ctx.now);
      tally.used++;
    }
  }
  return tally;
}
