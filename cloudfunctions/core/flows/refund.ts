import { bind, type TimerCtx } from '../kernel/define';
import { fail } from '../kernel/errors';
import type { Db, Ports, RefundResult } from '../ports';
import type { OrderDoc } from '../schema';
import { loadOrder, move, orderView, processingRefunds, refundClosed, setRefundState } from '../modules/orders';
import { closeAndReturnStock } from './order-close';

/**
 * A refund of a whole order, as WeChat Pay runs it:
 *  1. paid → refunding with the refund recorded PROCESSING (orders; a conditional move);
 *  2. the platform is asked (payment port; it deduplicates by `refundId`, so asking again is safe),
 *     with our notify URL; it usually answers PROCESSING and settles later;
 *  3. the result — from that answer, a REFUND.* notification (`applyRefund`, through the payment
 *     notification endpoint) or the `queryRefunds` timer — is applied once, for the refund it names:
 *     SUCCESS closes the order with its stock, coupons and points back (order-close); CLOSED makes it
 *     paid again (staff may refund again, under a new refund number); ABNORMAL stays refunding and
 *     is shown to staff, who settle it in the merchant platform.
 * A ¥0 order (a raffle prize) has nothing to refund on the platform: it is closed at once.
 */
export const refundId = (orderId: string, attempt: number) => (attempt <= 1 ? `R${orderId}` : `R${orderId}-${attempt}`);

export type RefundOutcome = 'refunded' | 'processing' | 'abnormal' | 'closed' | 'unchanged';

/** Applies the platform's word on a refund, once; a result for another refund of the order changes nothing. */
export async function applyRefund(db: Db, r: RefundResult & { settledAt?: number | null }, now: number): Promise<RefundOutcome> {
  const order = await loadOrder(db, r.orderId);
  if (!order || order.status !== 'refunding' || order.refund?.refundId !== r.refundId) return 'unchanged';
  switch (r.state) {
    case 'SUCCESS': {
      // the refund's state moves with the close, in its transaction
      const settled = { 'refund.state': 'SUCCESS', 'refund.settledAt': r.settledAt ?? now };
      return (await closeAndReturnStock(db, r.orderId, 'refunding', 'refunded', now, settled)) ? 'refunded' : 'unchanged';
    }
    case 'CLOSED':
      return (await refundClosed(db, r.orderId, r.refundId, r.settledAt ?? now)) ? 'closed' : 'unchanged';
    case 'ABNORMAL':
      if (order.refund.state === 'ABNORMAL') return 'unchanged';
      return (await setRefundState(db, r.orderId, r.refundId, 'ABNORMAL', r.settledAt ?? now)) ? 'abnormal' : 'unchanged';
    case 'PROCESSING':
      return 'processing';
  }
}

/** Asks the platform (or, for ¥0, nobody) and applies what it answers; a platform error leaves it for the timer. */
async function askPlatform(ports: Pick<Ports, 'db' | 'payment'>, order: OrderDoc, now: number): Promise<void> {
  const refund = order.refund!;
  if (order.price.payableFen === 0) {
    await applyRefund(ports.db, { refundId: refund.refundId, orderId: order._id, state: 'SUCCESS' }, now);
    return;
  }
  const result = await ports.payment
    .refund({ orderId: order._id, refundId: refund.refundId, amountFen: order.price.payableFen, totalFen: order.price.payableFen, reason: refund.reason })
    .catch(() => null);
  if (result) await applyRefund(ports.db, result, now);
}

export const refundActions = bind<'admin'>()({
  refundOrder: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { orderId, reason }) => {
      const before = await loadOrder(ctx.db, orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      if (before.status === 'paid') {
        // a refund the platform closed is asked again under a new number
        const attempt = before.refund?.state === 'CLOSED' ? (before.refund.attempt ?? 1) + 1 : 1;
        const refund: OrderDoc['refund'] = { refundId: refundId(orderId, attempt), attempt, reason, requestedAt: ctx.now, state: 'PROCESSING', settledAt: null };
        if (!(await move(ctx.db, orderId, 'refunding', { refund }))) return fail('ORDER_STATE_INVALID');
      } else if (before.status !== 'refunding' || before.refund?.state === 'ABNORMAL') {
        // an ABNORMAL refund is the merchant platform's to settle; asking again would not change it
        return fail('ORDER_STATE_INVALID');
      }
      const pending = (await loadOrder(ctx.db, orderId))!;
      await askPlatform(ctx, pending, ctx.now);
      const after = await loadOrder(ctx.db, orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: after!.status, refund: after!.refund ? orderView(after!).refund : null };
    },
  },
});

/** Refunds asked for this long ago and still PROCESSING are asked about (their notification may be lost). */
export const REFUND_QUERY_AFTER_MS = 5 * 60_000;
export const REFUND_QUERY_BATCH = 100;

/**
 * Timer: refunds still PROCESSING. Each is queried on the platform and what it says is applied; one
 * the platform has no record of (the request never reached it) is asked again under the same number.
 */
export async function queryRefunds(ctx: Pick<TimerCtx, 'db' | 'payment' | 'now'>): Promise<Record<RefundOutcome | 'asked', number>> {
  const tally: Record<RefundOutcome | 'asked', number> = { refunded: 0, processing: 0, abnormal: 0, closed: 0, unchanged: 0, asked: 0 };
  for (const order of await processingRefunds(ctx.db, ctx.now - REFUND_QUERY_AFTER_MS, REFUND_QUERY_BATCH)) {
    const refund = order.refund!;
    const known = order.price.payableFen === 0 ? null : await ctx.payment.queryRefund(refund.refundId, order._id).catch(() => undefined);
    if (known === undefined) continue;
    if (known === null) {
      await askPlatform(ctx, order, ctx.now);
      tally.asked++;
      continue;
    }
    tally[await applyRefund(ctx.db, known, ctx.now)]++;
  }
  return tally;
}
