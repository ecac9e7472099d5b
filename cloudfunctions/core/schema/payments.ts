import type { BaseDoc } from './base';

/** A verified payment result, `_id` = the platform's transaction id. */
/**
 * Applying a verified payment result to its order, idempotent by transaction id:
 * - only SUCCESS for the order's exact payable amount pays it;
 * - created → paid happens once; a repeat, or a late one after shipping, changes nothing;
 * - money for an order that was already closed is recorded as an orphan to refund.
 */
export interface PaymentDoc extends BaseDoc {
  orderId: string;
  amountFen: number;
  paidAt: number;
  receivedAt: number;
  method: string;
  /** paid for an order that was no longer payable: to be refunded */
  orphan: boolean;
}
