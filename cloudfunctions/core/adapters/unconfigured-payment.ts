import { NotificationRejected, type PaymentPort } from '../ports/payment';

/**
 * The payment port when the deployment has no payment credentials: every attempt to take money is
 * refused (checkout answers PAYMENT_UNAVAILABLE), nothing is ever marked paid.
 */
export const unconfiguredPayment: PaymentPort = {
  method: 'wechatpay_v3',
  prepay: async () => {
    throw new Error('payment is not configured: set the WECHATPAY_* variables');
  },
  parseNotification: async () => {
    throw new NotificationRejected('payment is not configured');
  },
  query: async () => null,
  close: async () => undefined,
  refund: async () => {
    throw new Error('payment is not configured');
  },
  queryRefund: async () => null,
};
