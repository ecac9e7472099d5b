import type { PaymentParams } from '../../../../typings/contract/orders';
import type { Random } from '../../ports';
import {
  NotificationRejected,
  type HttpNotification,
  type PaymentPort,
  type PaymentResult,
  type PrepayRequest,
  type RefundNotice,
  type RefundRequest,
  type RefundResult,
} from '../../ports/payment';

/**
 * Payment port on CloudBase cloudPay (云开发微信支付), for goods categories that may use it
 * (cosmetics, apparel and 3C may not: those merchants use WeChat Pay v3 direct). The API object is
 * wx-server-sdk's `cloud.cloudPay`. Its payment callback invokes a function (`payNotify`) with the
 * result as the event: that event is trusted only when the invocation context says the call came
 * from the payment platform (SOURCE wx_paycallback; never a header, which an HTTP caller could set),
 * and even then the order's state and amount are what queryOrder confirms.
 */
export interface CloudPayApi {
  unifiedOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  closeOrder(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  refund(p: Record<string, unknown>): Promise<Record<string, unknown>>;
  queryRefund(p: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface CloudPayConfig {
  subMchId: string;
  envId: string;
  /** the function the platform calls with payment and refund results */
  callbackFunction: string;
}

/** The invocation context's SOURCE when the payment platform calls the callback function. */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

const STATES: Record<string, PaymentResult['state']> = {
  SUCCESS: 'SUCCESS',
  REFUND: 'REFUND',
  NOTPAY: 'NOTPAY',
  CLOSED: 'CLOSED',
  REVOKED: 'REVOKED',
  USERPAYING: 'USERPAYING',
  PAYERROR: 'PAYERROR',
};

/** cloudPay's time format: yyyyMMddHHmmss in Beijing time. */
function parseTimeEnd(t: unknown): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(String(t ?? ''));
  if (!m) return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +m[6]);
}

const REFUND_STATES: Record<string, RefundResult['state']> = {
  SUCCESS: 'SUCCESS',
  PROCESSING: 'PROCESSING',
  REFUNDCLOSE: 'CLOSED',
  CLOSED: 'CLOSED',
  CHANGE: 'ABNORMAL',
  ABNORMAL: 'ABNORMAL',
};

const ok = (r: Record<string, unknown>) => r.returnCode === 'SUCCESS' && r.resultCode === 'SUCCESS';

export class CloudPay implements PaymentPort {
  readonly method = 'cloudpay' as const;

  constructor(
    private readonly api: CloudPayApi,
    private readonly config: CloudPayConfig,
    private readonly random: Random,
  ) {}

  private nonce() {
    return Buffer.from(this.random.bytes(16)).toString('hex');
  }

  async prepay(req: PrepayRequest): Promise<PaymentParams> {
    const expire = new Date(req.expiresAt + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const r = await this.api.unifiedOrder({
      body: req.description.slice(0, 120),
      outTradeNo: req.orderId,
      spbillCreateIp: '127.0.0.1',
      subMchId: this.config.subMchId,
      totalFee: req.amountFen,
      envId: this.config.envId,
      functionName: this.config.callbackFunction,
      nonceStr: this.nonce(),
      tradeType: 'JSAPI',
      timeExpire: expire,
    });
    const payment = r.payment as Record<string, string> | undefined;
    if (!ok(r) || !payment) throw new Error(`cloudPay unifiedOrder: ${String(r.returnMsg ?? r.errCodeDes ?? 'failed')}`);
    return {
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      signType: (payment.signType as PaymentParams['signType']) ?? 'MD5',
      paySign: payment.paySign,
    };
  }

  async parseNotification(n: HttpNotification): Promise<PaymentResult | RefundNotice> {
    if (n.invokedBy !== PAY_CALLBACK_SOURCE) throw new NotificationRejected('not called by the payment platform');
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(n.body) as Record<string, unknown>;
    } catch {
      throw new NotificationRejected('body is not JSON');
    }
    if (event.subMchId !== this.config.subMchId) throw new NotificationRejected('not for this merchant');
    if (event.outRefundNo !== undefined) {
      // a refund result: the platform's record decides when it answers; its known gap (empty
      // lists for a settled refund) leaves the callback, which only the platform can invoke
      const refundId = String(event.outRefundNo);
      const orderId = String(event.outTradeNo ?? '');
      const confirmed = await this.queryRefund(refundId, orderId);
      const state = confirmed?.state ?? REFUND_STATES[String(event.refundStatus)];
      if (!state) throw new NotificationRejected('refund without its state');
      return { kind: 'refund', refundId, orderId, state, settledAt: parseTimeEnd(String(event.successTime ?? '').replace(/\D/g, '')) };
    }
    // the callback is a hint: the platform's own record decides
    const confirmed = await this.query(String(event.outTradeNo ?? ''));
    if (!confirmed) throw new NotificationRejected('unknown order');
    return confirmed;
  }

  async query(orderId: string): Promise<PaymentResult | null> {
    const r = await this.api.queryOrder({ subMchId: this.config.subMchId, outTradeNo: orderId, nonceStr: this.nonce() });
    if (r.errCode === 'ORDERNOTEXIST') return null;
    if (r.returnCode !== 'SUCCESS') throw new Error(`cloudPay queryOrder: ${String(r.returnMsg ?? 'failed')}`);
    return {
      transactionId: String(r.transactionId ?? ''),
      orderId: String(r.outTradeNo ?? orderId),
      amountFen: Number(r.totalFee ?? 0),
      state: STATES[String(r.tradeState)] ?? 'PAYERROR',
      paidAt: parseTimeEnd(r.timeEnd),
      payerOpenid: (r.subOpenid as string | undefined) ?? (r.openid as string | undefined) ?? null,
    };
  }

  async close(orderId: string): Promise<void> {
    const r = await this.api.closeOrder({ subMchId: this.config.subMchId, outTradeNo: orderId, nonceStr: this.nonce() });
    if (r.returnCode !== 'SUCCESS') throw new Error(`cloudPay closeOrder: ${String(r.returnMsg ?? 'failed')}`);
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    const r = await this.api.refund({
      subMchId: this.config.subMchId,
      outTradeNo: req.orderId,
      outRefundNo: req.refundId,
      totalFee: req.totalFen,
      refundFee: req.amountFen,
      refundDesc: req.reason,
      nonceStr: this.nonce(),
      envId: this.config.envId,
      functionName: this.config.callbackFunction,
    });
    if (!ok(r)) throw new Error(`cloudPay refund: ${String(r.returnMsg ?? r.errCodeDes ?? 'failed')}`);
    // cloudPay settles refunds asynchronously
    return { refundId: req.refundId, orderId: req.orderId, state: 'PROCESSING' };
  }

  async queryRefund(refundId: string, orderId: string): Promise<RefundResult | null> {
    const r = await this.api.queryRefund({ subMchId: this.config.subMchId, outRefundNo: refundId, nonceStr: this.nonce() });
    if (r.errCode === 'REFUNDNOTEXIST') return null;
    if (r.returnCode !== 'SUCCESS') throw new Error(`cloudPay queryRefund: ${String(r.returnMsg ?? 'failed')}`);
    // the answer lists the order's refunds; ours is the one with our number
    const numbers = (r.outRefundNoList as unknown[] | undefined) ?? [];
    const i = numbers.findIndex((n) => String(n) === refundId);
    const state = i >= 0 ? REFUND_STATES[String(((r.refundStatusList as unknown[] | undefined) ?? [])[i])] : undefined;
    return state ? { refundId, orderId, state } : null;
  }
}
