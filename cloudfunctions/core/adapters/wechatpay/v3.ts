import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { PaymentParams } from '../../../../typings/contract/orders';
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
import type { Clock, Random } from '../../ports';
import type { HttpResponse, HttpTransport } from '../https';
import { aesGcmDecrypt, authorization, rsaSign, rsaVerify, signMessage, type EncryptedResource } from './crypto';

dayjs.extend(utc);

/**
 * Payment port on WeChat Pay API v3, direct merchant (直连商户), JSAPI for the mini program.
 * Requests are signed with the merchant key; responses and notifications are verified with the
 * platform public key by serial, then notification resources are decrypted with the APIv3 key.
 */
export interface WechatPayConfig {
  appId: string;
  mchId: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  apiV3Key: string;
  /** platform certificate serial → public key PEM */
  platformPublicKeys: Record<string, string>;
  /** where payment results are sent (prepay's notify_url) */
  notifyUrl: string;
  /** where refund results are sent (the refund's notify_url); the payment URL when not set — one endpoint takes both */
  refundNotifyUrl?: string;
  baseUrl?: string;
}


/** Notifications older (or newer) than this are refused, against replay. */
export const NOTIFICATION_MAX_SKEW_MS = 5 * 60_000;

interface Transaction {
  appid?: string;
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: PaymentResult['state'];
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number };
}

/** A refund as the refund API and REFUND.* notifications describe it. */
interface Refund {
  mchid?: string;
  out_trade_no: string;
  out_refund_no: string;
  refund_id?: string;
  /** the refund API and query answer `status`; notifications `refund_status` */
  status?: RefundResult['state'];
  refund_status?: RefundResult['state'];
  success_time?: string;
  amount?: { total?: number; refund?: number };
}

const lower = (headers: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`WeChat Pay answered ${status}: ${body.slice(0, 200)}`);
    this.name = 'WechatPayError';
  }
}

export class WechatPayV3 implements PaymentPort {
  readonly method = 'wechatpay_v3' as const;
  private readonly base: string;

  constructor(
    private readonly config: WechatPayConfig,
    private readonly transport: HttpTransport,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.base = config.baseUrl ?? 'https://api.mch.weixin.qq.com';
  }

  private nonce(): string {
    return Buffer.from(this.random.bytes(16)).toString('hex');
  }

  private seconds(): string {
    return String(Math.floor(this.clock.now() / 1000));
  }

  /** Verifies a platform signature over `timestamp\nnonce\nbody\n`. */
  private verified(headers: Record<string, string | undefined>, body: string): boolean {
    const h = lower(headers);
    const key = this.config.platformPublicKeys[h['wechatpay-serial'] ?? ''];
    const timestamp = h['wechatpay-timestamp'];
    const nonce = h['wechatpay-nonce'];
    const signature = h['wechatpay-signature'];
    if (!key || !timestamp || !nonce || !signature) return false;
    if (Math.abs(this.clock.now() - Number(timestamp) * 1000) > NOTIFICATION_MAX_SKEW_MS) return false;
    return rsaVerify(key, signMessage([timestamp, nonce, body]), signature);
  }

  private async send(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<HttpResponse> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const auth = authorization(
      { mchId: this.config.mchId, serialNo: this.config.merchantSerialNo, privateKeyPem: this.config.merchantPrivateKeyPem },
      { method, path, body, timestamp: this.seconds(), nonce: this.nonce() },
    );
    const res = await this.transport({
      method,
      url: this.base + path,
      headers: { authorization: auth, accept: 'application/json', 'content-type': 'application/json' },
      body,
    });
    if (res.status >= 200 && res.status < 300 && res.body && !this.verified(res.headers, res.body)) {
      throw new WechatPayError(res.status, 'response signature did not verify');
    }
    return res;
  }

  async prepay(req: PrepayRequest): Promise<PaymentParams> {
    const res = await this.send('POST', '/v3/pay/transactions/jsapi', {
      appid: this.config.appId,
      mchid: this.config.mchId,
      description: req.description.slice(0, 127),
      out_trade_no: req.orderId,
      time_expire: dayjs(req.expiresAt).utcOffset(480).format('YYYY-MM-DDTHH:mm:ssZ'),
      notify_url: this.config.notifyUrl,
      amount: { total: req.amountFen, currency: 'CNY' },
      payer: { openid: req.openid },
    });
    if (res.status !== 200) throw new WechatPayError(res.status, res.body);
    const { prepay_id } = JSON.parse(res.body) as { prepay_id: string };
    const timeStamp = this.seconds();
    const nonceStr = this.nonce();
    const pkg = `prepay_id=${prepay_id}`;
    return {
      timeStamp,
      nonceStr,
      package: pkg,
      signType: 'RSA',
      paySign: rsaSign(this.config.merchantPrivateKeyPem, signMessage([this.config.appId, timeStamp, nonceStr, pkg])),
    };
  }

  private toResult(t: Transaction): PaymentResult {
    return {
      transactionId: t.transaction_id ?? '',
      orderId: t.out_trade_no,
      amountFen: t.amount?.total ?? 0,
      state: t.trade_state,
      paidAt: t.success_time ? Date.parse(t.success_time) : null,
      payerOpenid: t.payer?.openid ?? null,
    };
  }

  private toRefund(r: Refund): RefundResult {
    return {
      refundId: r.out_refund_no,
      orderId: r.out_trade_no,
      state: (r.status ?? r.refund_status)!,
      ...(r.amount?.refund !== undefined ? { amountFen: r.amount.refund } : {}),
    };
  }

  async parseNotification(n: HttpNotification): Promise<PaymentResult | RefundNotice> {
    if (!this.verified(n.headers, n.body)) throw new NotificationRejected('signature did not verify');
    let resource: EncryptedResource;
    try {
      resource = (JSON.parse(n.body) as { resource: EncryptedResource }).resource;
    } catch {
      throw new NotificationRejected('body is not JSON');
    }
    if (!resource || resource.algorithm !== 'AEAD_AES_256_GCM') throw new NotificationRejected('unsupported resource');
    let plain: string;
    try {
      plain = aesGcmDecrypt(this.config.apiV3Key, resource.nonce, resource.associated_data, resource.ciphertext);
    } catch {
      throw new NotificationRejected('resource did not decrypt');
    }
    if (resource.original_type === 'refund') {
      // a refund carries the merchant id only: no appid
      const r = JSON.parse(plain) as Refund;
      if (r.mchid !== this.config.mchId) throw new NotificationRejected('not for this merchant');
      if (!r.refund_status || !r.out_refund_no) throw new NotificationRejected('refund without its state');
      return { kind: 'refund', ...this.toRefund(r), settledAt: r.success_time ? Date.parse(r.success_time) : null };
    }
    const t = JSON.parse(plain) as Transaction;
    if (t.mchid !== this.config.mchId || t.appid !== this.config.appId) throw new NotificationRejected('not for this merchant');
    return this.toResult(t);
  }

  async query(orderId: string): Promise<PaymentResult | null> {
    const res = await this.send('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderId)}?mchid=${this.config.mchId}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new WechatPayError(res.status, res.body);
    return this.toResult(JSON.parse(res.body) as Transaction);
  }

  async close(orderId: string): Promise<void> {
    const res = await this.send('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderId)}/close`, {
      mchid: this.config.mchId,
    });
    // 404: never prepaid, nothing to close
    if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw new WechatPayError(res.status, res.body);
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    const res = await this.send('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: req.orderId,
      out_refund_no: req.refundId,
      reason: req.reason.slice(0, 80),
      notify_url: this.config.refundNotifyUrl ?? this.config.notifyUrl,
      amount: { refund: req.amountFen, total: req.totalFen, currency: 'CNY' },
    });
    if (res.status !== 200) throw new WechatPayError(res.status, res.body);
    return this.toRefund({ out_trade_no: req.orderId, ...(JSON.parse(res.body) as Omit<Refund, 'out_trade_no'>) });
  }

  async queryRefund(refundId: string, orderId: string): Promise<RefundResult | null> {
    const res = await this.send('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(refundId)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new WechatPayError(res.status, res.body);
    return this.toRefund({ out_trade_no: orderId, ...(JSON.parse(res.body) as Omit<Refund, 'out_trade_no'>) });
  }
}
