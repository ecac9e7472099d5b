import {
  AFTER_SALE_DAYS,
  AFTER_SALE_REASONS,
  type AfterSaleKind,
  type AfterSaleState,
  type OrderLine,
  type OrderStatus,
} from '../../../../typings/contract';
import type { AfterSaleDoc, OrderDoc } from '../../schema';
import { refundable, unitsShare } from './refunds';

/**
 * After-sale rules (pure). What a line allows:
 *  - 仅退款 (refund) while the order is paid or shipped and not yet received;
 *  - 退货退款 (return) and 换货 (exchange) once shipped, and after receipt for the line's window: its
 *    product's own days when it set them (0: not after receipt), else the shop's (AFTER_SALE_DAYS
 *    until the shop sets its own);
 *  - at most the units not yet refunded, one open application per line at a time.
 * The application's own moves are the table below; each is written as a conditional update from the
 * states listed, so a second tap or a late event changes nothing.
 */

export const DAY_MS = 86_400_000;

const KINDS_BY_STATUS: Partial<Record<OrderStatus, readonly AfterSaleKind[]>> = {
  paid: ['refund'],
  shipped: ['refund', 'return', 'exchange'],
  completed: ['return', 'exchange'],
};

/** A line's window in days after receipt: what its product set when it was bought, else the shop's. */
export const lineWindowDays = (line: Pick<OrderLine, 'afterSaleDays'> | undefined, shopDays = AFTER_SALE_DAYS): number => line?.afterSaleDays ?? shopDays;

/** The last moment a return or exchange may be asked for: `days` after receipt (null before receipt). */
export const afterSaleDeadline = (order: Pick<OrderDoc, 'completedAt'>, days = AFTER_SALE_DAYS): number | null =>
  order.completedAt == null ? null : order.completedAt + days * DAY_MS;

/** The kinds a line with a window of `days` allows now. */
export function kindsAllowed(order: Pick<OrderDoc, 'status' | 'completedAt'>, now: number, days = AFTER_SALE_DAYS): AfterSaleKind[] {
  const kinds = KINDS_BY_STATUS[order.status] ?? [];
  const deadline = afterSaleDeadline(order, days);
  if (order.status === 'completed' && (days <= 0 || (deadline != null && now > deadline))) return [];
  return [...kinds];
}

/** Units of the line that can still be asked about, and what a refund of 1…n of them returns. */
export function lineRefundable(order: Pick<OrderDoc, 'lines' | 'price' | 'refunded'>, skuId: string): { quantity: number; amounts: number[] } | null {
  const i = order.lines.findIndex((l) => l.skuId === skuId);
  if (i < 0) return null;
  const left = refundable(order)[i];
  const shipping = order.price.shippingFen;
  const othersLeft = refundable(order).some((l, j) => j !== i && l.quantity > 0);
  const amounts = Array.from({ length: left.quantity }, (_, k) => unitsShare(left, k + 1) + (!othersLeft && k + 1 === left.quantity ? shipping : 0));
  return { quantity: left.quantity, amounts };
}

export type ApplyError = 'line_unknown' | 'kind_not_allowed' | 'quantity_over' | 'reason_unknown' | 'open';

/** Whether the shopper may apply: the line exists, the kind is allowed now, the reason is listed, the units are left, nothing is open. */
export function checkApply(
  order: Pick<OrderDoc, 'status' | 'completedAt' | 'lines' | 'price' | 'refunded' | 'afterSales'>,
  input: { skuId: string; kind: AfterSaleKind; quantity: number; reason: string },
  now: number,
  shopDays = AFTER_SALE_DAYS,
): { amountFen: number } | { error: ApplyError } {
  const line = lineRefundable(order, input.skuId);
  if (!line) return { error: 'line_unknown' };
  if (order.afterSales?.[input.skuId]) return { error: 'open' };
  const days = lineWindowDays(order.lines.find((l) => l.skuId === input.skuId), shopDays);
  if (!kindsAllowed(order, now, days).includes(input.kind)) return { error: 'kind_not_allowed' };
  if (!AFTER_SALE_REASONS[input.kind].includes(input.reason)) return { error: 'reason_unknown' };
  if (input.quantity > line.quantity) return { error: 'quantity_over' };
  return { amountFen: input.kind === 'exchange' ? 0 : line.amounts[input.quantity - 1] };
}

/** The moves an application may make, by what makes them. */
export type AfterSaleMove =
  | 'ask'
  | 'supplement'
  | 'reject'
  | 'cancel'
  | 'approve_refund'
  | 'approve_return'
  | 'send_back'
  | 'receive_return'
  | 'receive_exchange'
  | 'refund_settled'
  | 'refund_closed'
  | 'retry_refund';

export const MOVES: Record<AfterSaleMove, { from: readonly AfterSaleState[]; to: AfterSaleState }> = {
  ask: { from: ['requested'], to: 'needs_info' },
  supplement: { from: ['needs_info'], to: 'requested' },
  reject: { from: ['requested', 'needs_info'], to: 'rejected' },
  cancel: { from: ['requested', 'needs_info', 'awaiting_return'], to: 'cancelled' },
  approve_refund: { from: ['requested'], to: 'refunding' },
  approve_return: { from: ['requested'], to: 'awaiting_return' },
  send_back: { from: ['awaiting_return'], to: 'returning' },
  receive_return: { from: ['returning'], to: 'refunding' },
  receive_exchange: { from: ['returning'], to: 'exchanged' },
  refund_settled: { from: ['refunding'], to: 'refunded' },
  refund_closed: { from: ['refunding'], to: 'refund_failed' },
  retry_refund: { from: ['refund_failed'], to: 'refunding' },
};

/** States after which the line is free for another application. */
export const ENDED: readonly AfterSaleState[] = ['rejected', 'cancelled', 'refunded', 'exchanged'];

/** States staff still have to act on: the open queue. */
export const STAFF_OPEN: readonly AfterSaleState[] = ['requested', 'returning', 'refund_failed'];

/** The approval a kind takes. */
export const approvalOf = (kind: AfterSaleKind): AfterSaleMove => (kind === 'refund' ? 'approve_refund' : 'approve_return');

/** The receipt a kind takes. */
export const receiptOf = (kind: AfterSaleKind): AfterSaleMove => (kind === 'exchange' ? 'receive_exchange' : 'receive_return');

/** What an application is written with when it makes a move: its state, the queue flag and a step in its history. */
export function moveSet(doc: Pick<AfterSaleDoc, 'history'>, move: AfterSaleMove, by: 'shopper' | 'staff' | 'platform', note: string, now: number): Record<string, unknown> {
  const to = MOVES[move].to;
  return { state: to, staffOpen: STAFF_OPEN.includes(to), updatedAt: now, history: [...doc.history, { state: to, at: now, by, note }] };
}
