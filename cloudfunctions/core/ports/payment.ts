import type { PaymentParams } from '../../../typings/contract/orders';

/**
 * The Payment port. Adapters: WeChat Pay v3 direct (JSAPI), cloudPay (categories that may use it),
 * and the local simulator, which is the v3 adapter talking to a simulated WeChat Pay server.
 */
export interface PrepayRequest {
  orderId: string;
  amountFen: number;
  description: string;
  openid: string;
  /** epoch ms after which the payment platform refuses to take money */
  expiresAt: number;
}

/** A payment outcome as the platform reports it, after verification and decryption. */
export interface PaymentResult {
  transactionId: string;
  orderId: string;
  amountFen: number;
  /** SUCCESS is the only state that pays an order */
  state: 'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'REFUND' | 'PAYERROR' | 'USERPAYING' | 'REVOKED';
  paidAt: number | null;
  payerOpenid: string | null;
}

export interface RefundRequest {
  orderId: string;
  refundId: string;
  amountFen: number;
  totalFen: number;
  reason: string;
}

export interface RefundResult {
  refundId: string;
  orderId: string;
  /** PROCESSING until the platform settles it; SUCCESS, CLOSED (refund closed, money not moved) or ABNORMAL (the buyer's card refused it: the merchant handles it in the platform) */
  state: 'SUCCESS' | 'PROCESSING' | 'CLOSED' | 'ABNORMAL';
  /** how much the refund returns, when the platform says */
  amountFen?: number;
}

/** A refund result notification (REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED), after verification and decryption. */
export interface RefundNotice extends RefundResult {
  kind: 'refund';
  settledAt: number | null;
}

export const isRefundNotice = (r: PaymentResult | RefundNotice): r is RefundNotice => (r as RefundNotice).kind === 'refund';

export interface HttpNotification {
  headers: Record<string, string | undefined>;
  body: string;
  /**
   * Who invoked the function, as the platform's invocation context reports it (cloudPay's callback
   * is a direct invocation from `wx_paycallback`). Set only by an entry from that context; an HTTP
   * request has none, whatever headers it carries.
   */
  invokedBy?: string;
}

/** A notification that failed verification: bad signature, stale timestamp, undecryptable. */
export class NotificationRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotificationRejected';
  }
}

export interface PaymentPort {
  readonly method: 'wechatpay_v3' | 'cloudpay' | 'local';
  prepay(req: PrepayRequest): Promise<PaymentParams>;
  /**
   * verifies and decrypts a notification: a payment's, or a refund's (one endpoint takes both);
   * throws NotificationRejected when it is not genuine
   */
  parseNotification(n: HttpNotification): Promise<PaymentResult | RefundNotice>;
  /** asks the platform for the order's payment state (when a notification may be missing) */
  query(orderId: string): Promise<PaymentResult | null>;
  /** closes the platform order so no late payment can succeed */
  close(orderId: string): Promise<void>;
  /** asks for a refund; the platform deduplicates by `refundId`, so asking again answers the same refund */
  refund(req: RefundRequest): Promise<RefundResult>;
  /** the refund's state on the platform (when its notification may be missing); null when it has none */
  queryRefund(refundId: string, orderId: string): Promise<RefundResult | null>;
}
