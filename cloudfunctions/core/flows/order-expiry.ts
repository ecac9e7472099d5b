import type { TimerCtx } from '../kernel/define';
import { closeUnpaid } from './order-close';

/** Orders handled per timer run, so each run stays well inside a function's time limit. */
export const EXPIRY_BATCH = 200;

/**
 * Timer: unpaid orders past their payment window expire and return their stock, exactly once
 * (the move and the stock return share one transaction). Each is first checked with the payment
 * platform, so a payment whose notification went missing pays the order instead.
 */
export async function expireOrders(ctx: TimerCtx): Promise<{ expired: number; paid: number; failed: number }> {
  const due = await ctx.db
    .collection('orders')
    .find({ status: 'created', expiresAt: { $lte: ctx.now } }, { sort: [['expiresAt', 'asc']], limit: EXPIRY_BATCH });
  const tally = { expired: 0, paid: 0, failed: 0 };
  for (const order of due) {
    try {
      const outcome = await closeUnpaid(ctx, order._id, 'expired');
      if (outcome === 'closed') tally.expired++;
      if (outcome === 'paid') tally.paid++;
    } catch {
      // the platform could not be reached: the next run retries this order
      tally.failed++;
    }
  }
  return tally;
}
