import { X509Certificate } from 'node:crypto';
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
  /** platform certificate serial → public key (or certificate) PEM, known beforehand; may be empty */
  platformPublicKeys: Record<string, string>;
  /**
   * 微信支付公钥 (public-key mode): the key's id, which WeChat Pay sends as Wechatpay-Serial
   * (PUB_KEY_ID_…), and its PEM. Requests then carry the id in their own Wechatpay-Serial header.
   */
  platformPublicKey?: { id: string; pem: string };
  /**
   * Platform certificate mode: certificates are downloaded from /v3/certificates (decrypted with the
   * APIv3 key), kept for CERTIFICATES_REFRESH_MS, and downloaded again when a signature names a serial
   * not held (a rotated certificate), at most once per CERTIFICATES_RETRY_MS. Off in public-key mode only.
   */
  downloadCertificates?: boolean;
  /** where payment results are sent (prepay's notify_url) */
  notifyUrl: string;
  /** where refund results are sent (the refund's notify_url); the payment URL when not set — one endpoint takes both */
  refundNotifyUrl?: string;
  baseUrl?: string;
}


/** Downloaded platform certificates are fetched again after this long. */
export const CERTIFICATES_REFRESH_MS = 12 * 3600_000;
/** An unknown serial causes a download at most this often (an attacker's made-up serials cost nothing). */
export const CERTIFICATES_RETRY_MS = 60_000;

/** One entry of GET /v3/certificates. */
interface PlatformCertificate {
  serial_no: string;
  effective_time: string;
  expire_time: string;
  encrypt_certificate: EncryptedResource;
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
  /** downloaded platform certificates: serial → certificate PEM, with when they were fetched */
  private downloaded: { keys: Map<string, string>; at: number } | null = null;
  private lastDownloadTry = -Infinity;
  private downloading: Promise<void> | null = null;

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

  /** The platform key a signature names: known beforehand, the public key, or a downloaded certificate. */
  private async platformKey(serial: string): Promise<string | null> {
    const known = this.config.platformPublicKeys[serial] ?? (this.config.platformPublicKey?.id === serial ? this.config.platformPublicKey.pem : undefined);
    if (known) return known;
    if (this.config.downloadCertificates === false) return null;
    const now = this.clock.now();
    const held = this.downloaded?.keys.get(serial);
    const stale = !this.downloaded || now - this.downloaded.at > CERTIFICATES_REFRESH_MS;
    if (held && !stale) return held;
    if (stale || now - this.lastDownloadTry >= CERTIFICATES_RETRY_MS) {
      this.downloading ??= this.downloadCertificates().finally(() => (this.downloading = null));
      await this.downloading.catch(() => undefined);
    }
    return this.downloaded?.keys.get(serial) ?? held ?? null;
  }

  /**
   * GET /v3/certificates: each certificate decrypted with the APIv3 key (only WeChat Pay and the
   * merchant hold it) and the answer's own signature verified with the certificate it names, before
   * any is kept. Expired certificates are dropped.
   */
  private async downloadCertificates(): Promise<void> {
    this.lastDownloadTry = this.clock.now();
    const res = await this.send('GET', '/v3/certificates', undefined, false);
    if (res.status !== 200) throw new WechatPayError(res.status, res.body);
    const now = this.clock.now();
    const keys = new Map<string, string>();
    for (const c of (JSON.parse(res.body) as { data?: PlatformCertificate[] }).data ?? []) {
      if (Date.parse(c.expire_time) <= now) continue;
      const e = c.encrypt_certificate;
      const pem = aesGcmDecrypt(this.config.apiV3Key, e.nonce, e.associated_data, e.ciphertext);
      const cert = new X509Certificate(pem);
      if (cert.serialNumber.toUpperCase() !== c.serial_no.toUpperCase()) throw new WechatPayError(res.status, `certificate ${c.serial_no} is not what its entry says`);
      keys.set(c.serial_no, pem);
    }
    const h = lower(res.headers);
    const signer = keys.get(h['wechatpay-serial'] ?? '') ?? this.config.platformPublicKeys[h['wechatpay-serial'] ?? ''];
    if (!signer || !this.signedBy(signer, h, res.body)) throw new WechatPayError(res.status, 'certificates answer signature did not verify');
    this.downloaded = { keys, at: now };
  }

  private signedBy(key: string, h: Record<string, string | undefined>, body: string): boolean {
    const timestamp = h['wechatpay-timestamp'];
    const nonce = h['wechatpay-nonce'];
    const signature = h['wechatpay-signature'];
    if (!timestamp || !nonce || !signature) return false;
    if (Math.abs(this.clock.now() - Number(timestamp) * 1000) > NOTIFICATION_MAX_SKEW_MS) return false;
    return rsaVerify(key, signMessage([timestamp, nonce, body]), signature);
  }

  /** Verifies a platform signature over `timestamp\nnonce\nbody\n`, with the key its serial names. */
  private async verified(headers: Record<string, string | undefined>, body: string): Promise<boolean> {
    const h = lower(headers);
    const serial = h['wechatpay-serial'];
    if (!serial || !h['wechatpay-signature']) return false;
    const key = await this.platformKey(serial);
    return !!key && this.signedBy(key, h, body);
  }

  private async send(method: 'GET' | 'POST', path: string, payload?: unknown, verify = true): Promise<HttpResponse> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const auth = authorization(
      { mchId: this.config.mchId, serialNo: this.config.merchantSerialNo, privateKeyPem: this.config.merchantPrivateKeyPem },
      { method, path, body, timestamp: this.seconds(), nonce: this.nonce() },
    );
    const res = await this.transport({
      method,
      url: this.base + path,
      headers: {
        authorization: auth,
        accept: 'application/json',
        'content-type': 'application/json',
        ...(this.config.platformPublicKey ? { 'wechatpay-serial': this.config.platformPublicKey.id } : {}),
      },
      body,
    });
    if (verify && res.status >= 200 && res.status < 300 && res.body && !(await this.verified(res.headers, res.body))) {
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
    if (!(await this.verified(n.headers, n.body))) throw new NotificationRejected('signature did not verify');
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
