import type { Db, PaymentResult } from '../ports';
import { isDuplicateKey } from '../ports';
import { afterPaid, move } from '../modules/orders/lifecycle';


export type ApplyOutcome =
  | { kind: 'paid' }
  | { kind: 'duplicate' }
  | { kind: 'not_success'; state: PaymentResult['state'] }
  | { kind: 'orphan'; status: string }
  | { kind: 'rejected'; reason: 'unknown_order' | 'amount_mismatch' | 'transaction_mismatch' };

export async function applyPayment(db: Db, result: PaymentResult, method: string, now: number): Promise<ApplyOutcome> {
  if (result.state !== 'SUCCESS') return { kind: 'not_success', state: result.state };
  const orders = db.collection('orders');
  const order = await orders.get(result.orderId);
  if (!order) return { kind: 'rejected', reason: 'unknown_order' };
  if (result.amountFen !== order.price.payableFen) return { kind: 'rejected', reason: 'amount_mismatch' };
  if (order.transactionId && order.transactionId !== result.transactionId) return { kind: 'rejected', reason: 'transaction_mismatch' };

  const paidAt = result.paidAt ?? now;
  try {
    await db.collection('payments').insert({
      _id: result.transactionId,
      orderId: order._id,
      amountFen: result.amountFen,
      paidAt,
      receivedAt: now,
      method,
      orphan: false,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }

  const paid = await move(db, order._id, 'paid', { paidAt, transactionId: result.transactionId, paymentMethod: method });
  const current = paid ? { ...order, status: 'paid' as const, transactionId: result.transactionId } : await orders.get(order._id);
  if (!current) return { kind: 'rejected', reason: 'unknown_order' };
  if (current.transactionId !== result.transactionId) {
    // the order closed before the money arrived
    await db.collection('payments').update({ _id: result.transactionId }, { $set: { orphan: true } });
    return { kind: 'orphan', status: current.status };
  }
  // effects run (once) whether this delivery moved the order or an earlier one did
  await afterPaid(db, current, now);
  return paid ? { kind: 'paid' } : { kind: 'duplicate' };
}
