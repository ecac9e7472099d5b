import type { TimerCtx } from '../kernel/define';
import { releaseHolds, returnHeldStock } from '../modules/catalog';
import { unlockCoupons } from '../modules/coupons';
import { abandonCheckout, closeCheckout, openMoves, SALES_COUNT, STALE_CHECKOUT_MS, staleCheckouts, STOCK_RETURN } from '../modules/orders';
import { finishSalesCount, finishStockReturn } from './order-close';

/** Checkouts settled per timer run. */
export const REPAIR_BATCH = 100;

/**
 * Timer: checkouts a crash left unsettled (see flows/checkout.ts). One whose order was written keeps
 * its stock and loses its hold marks; one whose order never was is abandoned first (so a late order
 * is refused), then what its holds took goes back and its coupons are unlocked. Each step is safe to
 * run again, so a repair cut short is finished by the next run. The same run finishes the stock
 * return of orders closed unpaid and the sales count of paid orders that a crash cut short. At local start-up (`olderThanMs` 0) every
 * open checkout is the previous process's.
 */
export async function repairCheckouts(
  ctx: Pick<TimerCtx, 'db' | 'now'>,
  olderThanMs?: number,
): Promise<{ settled: number; givenBack: number; stockReturned: number; salesCounted: number }> {
  const tally = { settled: 0, givenBack: 0, stockReturned: 0, salesCounted: 0 };
  // orders closed unpaid whose stock return, or paid whose sales count, stopped half-way (flows/order-close.ts)
  for (const order of await openMoves(ctx.db, STOCK_RETURN, ctx.now, olderThanMs ?? STALE_CHECKOUT_MS, REPAIR_BATCH)) {
    await finishStockReturn(ctx.db, order, ctx.now);
    tally.stockReturned++;
  }
  for (const order of await openMoves(ctx.db, SALES_COUNT, ctx.now, olderThanMs ?? STALE_CHECKOUT_MS, REPAIR_BATCH)) {
    await finishSalesCount(ctx.db, order, ctx.now);
    tally.salesCounted++;
  }
  for (const intent of await staleCheckouts(ctx.db, ctx.now, REPAIR_BATCH, olderThanMs)) {
    if (intent.placedAt !== null) {
      await releaseHolds(ctx.db, intent.lines, intent._id);
      await closeCheckout(ctx.db, intent._id);
      tally.settled++;
      continue;
    }
    // placed meanwhile: the next run settles it
    if (!(await abandonCheckout(ctx.db, intent._id, ctx.now))) continue;
    await returnHeldStock(ctx.db, intent.lines, intent._id);
    await unlockCoupons(ctx.db, intent.couponIds, intent._id);
    await closeCheckout(ctx.db, intent._id);
    tally.givenBack++;
  }
  return tally;
}
