import type { Db, PaymentResult } from '../ports';
import { loadOrder, move } from '../modules/orders';
import { markOrphan, recordPayment } from '../modules/payments';
import { afterPaid } from './order-close';

export type ApplyOutcome =
  | { kind: 'paid' }
  | { kind: 'duplicate' }
  | { kind: 'not_success'; state: PaymentResult['state'] }
  | { kind: 'orphan'; status: string }
  | { kind: 'rejected'; reason: 'unknown_order' | 'amount_mismatch' | 'transaction_mismatch' };

/**
 * A verified payment result applied to its order. Steps: record the payment (payments; a repeat is a
 * no-op), move the order to paid (orders; conditional), then the paid effects (order-close). Nothing
 * is compensated: a payment that arrives for a closed order is kept and flagged orphan for a refund.
 */
export async function applyPayment(db: Db, result: PaymentResult, method: string, now: number): Promise<ApplyOutcome> {
  if (result.state !== 'SUCCESS') return { kind: 'not_success', state: result.state };
  const order = await loadOrder(db, result.orderId);
  if (!order) return { kind: 'rejected', reason: 'unknown_order' };
  if (result.amountFen !== order.price.payableFen) return { kind: 'rejected', reason: 'amount_mismatch' };
  if (order.transactionId && order.transactionId !== result.transactionId) return { kind: 'rejected', reason: 'transaction_mismatch' };

  const paidAt = result.paidAt ?? now;
  await recordPayment(db, result, order._id, paidAt, method, now);

  const paid = await move(db, order._id, 'paid', { paidAt, transactionId: result.transactionId, paymentMethod: method });
  const current = paid ? { ...order, status: 'paid' as const, transactionId: result.transactionId } : await loadOrder(db, order._id);
  if (!current) return { kind: 'rejected', reason: 'unknown_order' };
  if (current.transactionId !== result.transactionId) {
    // the order closed before the money arrived
    await markOrphan(db, result.transactionId);
    return { kind: 'orphan', status: current.status };
  }
  // effects run (once) whether this delivery moved the order or an earlier one did
  await afterPaid(db, current, now);
  return paid ? { kind: 'paid' } : { kind: 'duplicate' };
}
