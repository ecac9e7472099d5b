import type { Db, PaymentResult } from '../../ports';
import { isDuplicateKey } from '../../ports';

/** A verified payment result, recorded once by its platform transaction id (a repeat is a no-op). */
export async function recordPayment(db: Db, result: PaymentResult, orderId: string, paidAt: number, method: string, now: number): Promise<void> {
  try {
    await db.collection('payments').insert({
      _id: result.transactionId,
      orderId,
      amountFen: result.amountFen,
      paidAt,
      receivedAt: now,
      method,
      orphan: false,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** The money arrived for an order that had already closed: kept, flagged for a refund by staff. */
export async function markOrphan(db: Db, transactionId: string): Promise<void> {
  await db.collection('payments').update({ _id: transactionId }, { $set: { orphan: true } });
}
