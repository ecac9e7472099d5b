import { bind, type TimerCtx } from '../kernel/define';
import { fail } from '../kernel/errors';
import type { Db, MessagingPort, Ports, RefundResult } from '../ports';
import { tellOrder } from './order-notices';
import { orderCouponIds, type OrderDoc } from '../schema';
import { returnStockTx } from '../modules/catalog';
import { returnCouponsTx } from '../modules/coupons';
import { pointsOnRefundTx, recomputeTier } from '../modules/points';
import {
  addRefunded,
  afterSaleRefundClosedTx,
  afterSaleRefundedTx,
  afterSaleRefundState,
  closeTx,
  loadOrder,
  orderView,
  planRefund,
  processingRefunds,
  REFUNDABLE_STATUSES,
  refundClosedTx,
  refundLinesOf,
  refundView,
  setRefundState,
  settlePartRefundTx,
  startRefund,
  UNSETTLED_REFUND,
  unsettledRefundTx,
  type RefundPlan,
} from '../modules/orders';

/**
 * A refund, of some lines or of all that is left of an order, as WeChat Pay runs it:
 *  1. the refund recorded PROCESSING with its lines and amount (orders; `modules/orders/refunds.ts`
 *     says what each line returns), conditional on the order as it was read; of all that is left
 *     the order moves to refunding, of a part it keeps its state;
 *  2. the platform is asked (payment port; it deduplicates by `refundId`, so asking again is safe),
 *     with our notify URL; it usually answers PROCESSING and settles later;
 *  3. the result — from that answer, a REFUND.* notification (`applyRefund`, through the payment
 *     notification endpoint) or the `queryRefunds` timer — is applied once, for the refund it names:
 *     SUCCESS returns the lines' stock and purchase-limit units and takes back their share of the
 *     points in one transaction (of all that is left, the order closes as refunded and its coupons
 *     come back too); CLOSED leaves the order as it was (staff may refund again, under a new refund
 *     number); ABNORMAL stays unsettled and is shown to staff, who settle it in the merchant platform.
 * One refund of an order is with the platform at a time. A refund of ¥0 (a raffle prize) has nothing
 * to ask the platform: it settles at once.
 */
export const refundId = (orderId: string, attempt: number) => (attempt <= 1 ? `R${orderId}` : `R${orderId}-${attempt}`);

/** The attempt number of the order's next refund. */
export const nextAttempt = (order: Pick<OrderDoc, 'refund'>) => (order.refund ? (order.refund.attempt ?? 1) + 1 : 1);

/** The order's next refund, PROCESSING, of what the plan returns. */
export function newRefund(order: Pick<OrderDoc, '_id' | 'refund'>, plan: RefundPlan, reason: string, now: number): NonNullable<OrderDoc['refund']> {
  const attempt = nextAttempt(order);
  return {
    refundId: refundId(order._id, attempt),
    attempt,
    reason,
    requestedAt: now,
    state: 'PROCESSING',
    settledAt: null,
    amountFen: plan.amountFen,
    lines: plan.lines,
    whole: plan.whole,
  };
}

export type RefundOutcome = 'refunded' | 'processing' | 'abnormal' | 'closed' | 'unchanged';

/**
 * A refund settled: one transaction for the refund's mark, its lines' stock, their points (and of all
 * that is left, the close with the coupons). The tier is recomputed after it (derived, safe to lose).
 */
async function settleRefund(db: Db, orderId: string, refundNo: string, settledAt: number, now: number): Promise<boolean> {
  const settled = await db.transaction(async (tx) => {
    const order = await unsettledRefundTx(tx, orderId, refundNo);
    if (!order) return null;
    const refund = order.refund!;
    const whole = refund.whole ?? true;
    const lines = refundLinesOf(order);
    const goodsFen = lines.reduce((s, l) => s + l.amountFen, 0);
    const amountFen = refund.amountFen ?? order.price.payableFen;
    const points = await pointsOnRefundTx(tx, order, goodsFen, whole, now);
    const refunded = addRefunded(order, lines, amountFen, points);
    if (whole) {
      const closed = await closeTx(tx, orderId, 'refunding', 'refunded', now, { 'refund.state': 'SUCCESS', 'refund.settledAt': settledAt, refunded, stockReturnedAt: now });
      if (!closed) return null;
      await returnCouponsTx(tx, orderId, orderCouponIds(order), 'refunded', now);
    } else {
      await settlePartRefundTx(tx, order, refunded, settledAt);
    }
    await returnStockTx(tx, lines);
    await afterSaleRefundedTx(tx, order, points, settledAt, now);
    return order;
  });
  if (settled) await recomputeTier(db, settled.userId, now);
  return !!settled;
}

/** Applies the platform's word on a refund, once; a result for another refund of the order changes nothing. */
export async function applyRefund(db: Db, r: RefundResult & { settledAt?: number | null }, now: number, messaging?: MessagingPort): Promise<RefundOutcome> {
  const order = await loadOrder(db, r.orderId);
  if (!order?.refund || order.refund.refundId !== r.refundId || !UNSETTLED_REFUND.includes(order.refund.state)) return 'unchanged';
  switch (r.state) {
    case 'SUCCESS': {
      if (!(await settleRefund(db, r.orderId, r.refundId, r.settledAt ?? now, now))) return 'unchanged';
      if (messaging) await tellOrder({ db, messaging, now }, r.orderId, { kind: 'refunded', refundId: r.refundId, amountFen: order.refund.amountFen ?? order.price.payableFen });
      return 'refunded';
    }
    case 'CLOSED':
      return (await db.transaction(async (tx) => {
        const closed = await refundClosedTx(tx, r.orderId, r.refundId, r.settledAt ?? now);
        if (closed) await afterSaleRefundClosedTx(tx, closed, now);
        return !!closed;
      }))
        ? 'closed'
        : 'unchanged';
    case 'ABNORMAL':
      if (order.refund.state === 'ABNORMAL') return 'unchanged';
      if (!(await setRefundState(db, r.orderId, r.refundId, 'ABNORMAL', r.settledAt ?? now))) return 'unchanged';
      await afterSaleRefundState(db, order, 'ABNORMAL');
      return 'abnormal';
    case 'PROCESSING':
      return 'processing';
  }
}

/** Asks the platform (or, for ¥0, nobody) and applies what it answers; a platform error leaves it for the timer. */
export async function askPlatform(ports: Pick<Ports, 'db' | 'payment' | 'messaging'>, order: OrderDoc, now: number): Promise<void> {
  const refund = order.refund!;
  const amountFen = refund.amountFen ?? order.price.payableFen;
  if (amountFen === 0) {
    await applyRefund(ports.db, { refundId: refund.refundId, orderId: order._id, state: 'SUCCESS' }, now, ports.messaging);
    return;
  }
  const result = await ports.payment
    .refund({ orderId: order._id, refundId: refund.refundId, amountFen, totalFen: order.price.payableFen, reason: refund.reason })
    .catch(() => null);
  if (result) await applyRefund(ports.db, result, now, ports.messaging);
}

const sameLines = (a: Array<{ skuId: string; quantity: number }>, b: Array<{ skuId: string; quantity: number }>) =>
  a.length === b.length && a.every((l) => b.some((m) => m.skuId === l.skuId && m.quantity === l.quantity));

export const refundActions = bind<'admin'>()({
  refundOrder: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { orderId, reason, lines }) => {
      const before = await loadOrder(ctx.db, orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const inFlight = before.refund && UNSETTLED_REFUND.includes(before.refund.state) ? before.refund : null;
      if (inFlight) {
        // an ABNORMAL refund is the merchant platform's to settle; asking again would not change it
        if (inFlight.state === 'ABNORMAL') return fail('ORDER_STATE_INVALID');
        // the same refund asked again (a retry) goes to the platform again under its number
        if (lines && !sameLines(lines, refundLinesOf(before))) return fail('REFUND_IN_PROGRESS');
      } else {
        if (!REFUNDABLE_STATUSES.includes(before.status)) return fail('ORDER_STATE_INVALID');
        const plan = planRefund(before, lines);
        if ('error' in plan) return fail('REFUND_LINES_INVALID', plan.skuId ? `${plan.error}: ${plan.skuId}` : plan.error, 'lines');
        const refund = newRefund(before, plan, reason, ctx.now);
        if (!(await startRefund(ctx.db, before, refund))) return fail('ORDER_STATE_INVALID');
      }
      const pending = (await loadOrder(ctx.db, orderId))!;
      await askPlatform(ctx, pending, ctx.now);
      const after = (await loadOrder(ctx.db, orderId))!;
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: orderView(after) });
      return { status: after.status, refund: refundView(after) };
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
export async function queryRefunds(ctx: Pick<TimerCtx, 'db' | 'payment' | 'messaging' | 'now'>): Promise<Record<RefundOutcome | 'asked', number>> {
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
    tally[await applyRefund(ctx.db, known, ctx.now, ctx.messaging)]++;
  }
  return tally;
}
