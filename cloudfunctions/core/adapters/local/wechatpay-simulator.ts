import { generateKeyPairSync } from 'node:crypto';
import type { Clock, Random } from '../../ports';
import type { HttpNotification } from '../../ports/payment';
import { aesGcmEncrypt, parseAuthorization, rsaSign, rsaVerify, signMessage } from '../wechatpay/crypto';
import type { HttpRequest, HttpResponse, HttpTransport } from '../https';
import type { WechatPayConfig } from '../wechatpay/v3';

/**
 * The local payment simulator: plays WeChat Pay's side of API v3 for the real v3 adapter.
 * It checks the merchant's request signatures, keeps each platform order's state, and on
 * `settle` produces a notification signed with its platform key and encrypted with the APIv3 key,
 * which the runtime feeds through the same notification handler the cloud uses. Refunds are
 * asynchronous as on the platform: the refund API answers PROCESSING, and `settleRefunds` later
 * settles the due ones (SUCCESS, or the outcome a test asks for) with their REFUND.* notifications,
 * while the refund query answers the state at any time.
 */
interface SimOrder {
  outTradeNo: string;
  amountFen: number;
  openid: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  prepayId: string | null;
  transactionId: string | null;
  successTime: string | null;
}

interface SimRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  createdAt: number;
  successTime: string | null;
  totalFen: number;
  refundFen: number;
  notifyUrl: string | null;
}

/** How long the simulated platform takes to settle a refund (零钱 refunds take seconds to minutes). */
export const SIM_REFUND_SETTLE_MS = 3_000;

const shanghaiTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';

interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

let cachedKeys: { merchant: KeyPair; platform: KeyPair } | null = null;
function keys() {
  // RSA generation costs ~100 ms; one set per process is enough for a simulator.
  if (!cachedKeys) {
    const make = (): KeyPair => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return {
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      };
    };
    cachedKeys = { merchant: make(), platform: make() };
  }
  return cachedKeys;
}

export const SIM_APP_ID = 'wxlocalsimulator01';
const APP_ID = SIM_APP_ID;
export const SIM_MCH_ID = '1900000001';
const MCH_ID = SIM_MCH_ID;
const MERCHANT_SERIAL = 'LOCALMERCHANTSERIAL0001';
export const PLATFORM_SERIAL = 'LOCALPLATFORMSERIAL0001';

export class WechatPaySimulator {
  private readonly orders = new Map<string, SimOrder>();
  /** refunds by out_refund_no: asking again with the same number answers the same refund */
  private readonly refunds = new Map<string, SimRefund>();
  private readonly keys = keys();
  readonly apiV3Key: string;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    /**
     * Orders paid before this process started, as the platform would still know them (the
     * simulator keeps its own state in memory only): read when a refund names an order it never saw.
     */
    private readonly paidBefore: (outTradeNo: string) => Promise<{ amountFen: number; transactionId: string; openid: string; paidAt: number } | null> = async () => null,
  ) {
    this.apiV3Key = Buffer.from(random.bytes(16)).toString('hex');
  }

  /** The platform's signing key and serial: for tests that build the platform's messages with another implementation. */
  platformSigning(): { serial: string; privateKeyPem: string } {
    return { serial: PLATFORM_SERIAL, privateKeyPem: this.keys.platform.privateKeyPem };
  }

  /** The configuration a merchant would have: what the v3 adapter is built with locally. */
  merchantConfig(): WechatPayConfig {
    return {
      appId: APP_ID,
      mchId: MCH_ID,
      merchantSerialNo: MERCHANT_SERIAL,
      merchantPrivateKeyPem: this.keys.merchant.privateKeyPem,
      apiV3Key: this.apiV3Key,
      platformPublicKeys: { [PLATFORM_SERIAL]: this.keys.platform.publicKeyPem },
      notifyUrl: 'http://127.0.0.1/pay/notify',
      baseUrl: 'https://api.mch.weixin.qq.com',
    };
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.clock.now()}${String(this.seq).padStart(6, '0')}`;
  }

  private nonce(): string {
    return Buffer.from(this.random.bytes(16)).toString('hex');
  }

  /** Headers WeChat Pay signs its responses and notifications with. */
  private signed(body: string): Record<string, string> {
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    const nonce = this.nonce();
    return {
      'wechatpay-serial': PLATFORM_SERIAL,
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': rsaSign(this.keys.platform.privateKeyPem, signMessage([timestamp, nonce, body])),
    };
  }

  private reply(status: number, payload?: unknown): HttpResponse {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    return { status, headers: body ? this.signed(body) : {}, body };
  }

  private transaction(o: SimOrder) {
    return {
      appid: APP_ID,
      mchid: MCH_ID,
      out_trade_no: o.outTradeNo,
      ...(o.transactionId ? { transaction_id: o.transactionId } : {}),
      trade_type: 'JSAPI',
      trade_state: o.state,
      ...(o.successTime ? { success_time: o.successTime } : {}),
      payer: { openid: o.openid },
      amount: { total: o.amountFen, payer_total: o.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  /** The HTTP side of the simulated platform, as the v3 adapter's transport. */
  readonly transport: HttpTransport = async (req: HttpRequest) => {
    const url = new URL(req.url);
    const path = url.pathname + url.search;
    const auth = parseAuthorization(req.headers.authorization);
    const message = auth ? signMessage([req.method, path, auth.timestamp ?? '', auth.nonce_str ?? '', req.body]) : '';
    if (!auth || auth.mchid !== MCH_ID || !rsaVerify(this.keys.merchant.publicKeyPem, message, auth.signature ?? '')) {
      return this.reply(401, { code: 'SIGN_ERROR', message: 'signature did not verify' });
    }
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    if (req.method === 'POST' && url.pathname === '/v3/pay/transactions/jsapi') {
      const outTradeNo = String(body.out_trade_no);
      const amountFen = Number((body.amount as { total: number }).total);
      const existing = this.orders.get(outTradeNo);
      if (existing && existing.state !== 'NOTPAY') return this.reply(400, { code: 'ORDERPAID', message: 'order already paid or closed' });
      const order: SimOrder = existing ?? {
        outTradeNo,
        amountFen,
        openid: String((body.payer as { openid: string }).openid),
        state: 'NOTPAY',
        prepayId: null,
        transactionId: null,
        successTime: null,
      };
      order.prepayId ??= this.id('wx');
      this.orders.set(outTradeNo, order);
      return this.reply(200, { prepay_id: order.prepayId });
    }
    const byOrder = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(url.pathname);
    if (byOrder) {
      const order = this.orders.get(decodeURIComponent(byOrder[1]));
      if (!order) return this.reply(404, { code: 'ORDER_NOT_EXIST', message: 'no such order' });
      if (byOrder[2]) {
        if (order.state === 'NOTPAY') order.state = 'CLOSED';
        return this.reply(order.state === 'SUCCESS' ? 400 : 204, order.state === 'SUCCESS' ? { code: 'ORDERPAID', message: 'paid' } : undefined);
      }
      return this.reply(200, this.transaction(order));
    }
    if (req.method === 'POST' && url.pathname === '/v3/refund/domestic/refunds') {
      const known = this.refunds.get(String(body.out_refund_no));
      if (known) return this.reply(200, this.refundView(known));
      const order = this.orders.get(String(body.out_trade_no)) ?? (await this.remember(String(body.out_trade_no)));
      if (!order || (order.state !== 'SUCCESS' && order.state !== 'REFUND')) return this.reply(400, { code: 'INVALID_REQUEST', message: 'order not paid' });
      const amount = body.amount as { refund?: number; total?: number } | undefined;
      if (amount?.total !== order.amountFen || !amount.refund || amount.refund > order.amountFen) {
        return this.reply(400, { code: 'INVALID_REQUEST', message: 'refund amount does not match the order' });
      }
      // an order is refunded in parts under different refund numbers, never beyond what it was paid
      if (this.refundsOf(order.outTradeNo).reduce((s, r) => s + (r.status === 'CLOSED' ? 0 : r.refundFen), 0) + amount.refund > order.amountFen) {
        return this.reply(400, { code: 'INVALID_REQUEST', message: '申请退款金额超过订单可退金额' });
      }
      order.state = 'REFUND';
      const refund: SimRefund = {
        outRefundNo: String(body.out_refund_no),
        refundId: this.id('50'),
        outTradeNo: order.outTradeNo,
        transactionId: order.transactionId ?? '',
        status: 'PROCESSING',
        createdAt: this.clock.now(),
        successTime: null,
        totalFen: order.amountFen,
        refundFen: amount.refund,
        notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : null,
      };
      this.refunds.set(refund.outRefundNo, refund);
      return this.reply(200, this.refundView(refund));
    }
    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && refundQuery) {
      const refund = this.refunds.get(decodeURIComponent(refundQuery[1]));
      if (!refund) return this.reply(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return this.reply(200, this.refundView(refund));
    }
    return this.reply(404, { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` });
  };

  /** The merchant order a JSAPI payment package ("prepay_id=…") was issued for, or null when none was. */
  orderOfPackage(pkg: string): string | null {
    const prepayId = /^prepay_id=(.+)$/.exec(pkg)?.[1];
    if (!prepayId) return null;
    for (const order of this.orders.values()) if (order.prepayId === prepayId) return order.outTradeNo;
    return null;
  }

  /**
   * The shopper pays: the platform order becomes SUCCESS (once) and a freshly signed notification
   * is returned. Calling it again replays the same transaction. An order never prepaid is opened
   * with `amountFen` first, as if the payment sheet had been shown.
   */
  settle(orderId: string, amountFen: number, openid: string): HttpNotification {
    let order = this.orders.get(orderId);
    if (!order) {
      order = { outTradeNo: orderId, amountFen, openid, state: 'NOTPAY', prepayId: this.id('wx'), transactionId: null, successTime: null };
      this.orders.set(orderId, order);
    }
    if (order.state === 'NOTPAY' || order.state === 'CLOSED') {
      // a closed platform order cannot be paid; the notification then reports CLOSED
      if (order.state === 'NOTPAY') {
        order.state = 'SUCCESS';
        order.transactionId = this.id('4200');
        order.successTime = new Date(this.clock.now()).toISOString();
      }
    }
    return this.notification(order);
  }

  private notification(order: SimOrder): HttpNotification {
    const nonce = this.nonce().slice(0, 12);
    const associatedData = 'transaction';
    const resource = {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: aesGcmEncrypt(this.apiV3Key, nonce, associatedData, JSON.stringify(this.transaction(order))),
      associated_data: associatedData,
      nonce,
    };
    const body = JSON.stringify({
      id: this.id('EV-'),
      create_time: new Date(this.clock.now()).toISOString(),
      resource_type: 'encrypt-resource',
      event_type: order.state === 'SUCCESS' ? 'TRANSACTION.SUCCESS' : 'TRANSACTION.CLOSED',
      summary: order.state === 'SUCCESS' ? '支付成功' : '订单关闭',
      resource,
    });
    return { headers: this.signed(body), body };
  }

  private async remember(outTradeNo: string): Promise<SimOrder | undefined> {
    const paid = await this.paidBefore(outTradeNo);
    if (!paid) return undefined;
    const order: SimOrder = {
      outTradeNo,
      amountFen: paid.amountFen,
      openid: paid.openid,
      state: 'SUCCESS',
      prepayId: null,
      transactionId: paid.transactionId,
      successTime: new Date(paid.paidAt).toISOString(),
    };
    this.orders.set(outTradeNo, order);
    return order;
  }

  /** A refund as the refund API and its query answer it. */
  private refundView(r: SimRefund) {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime ? { success_time: r.successTime } : {}),
      create_time: shanghaiTime(r.createdAt),
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen, settlement_refund: r.refundFen, settlement_total: r.totalFen, discount_refund: 0, currency: 'CNY', refund_fee: 0 },
    };
  }

  /** The decrypted resource of a REFUND.* notification: the documented fields, no appid. */
  private refundResource(r: SimRefund) {
    return {
      mchid: MCH_ID,
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      refund_status: r.status,
      ...(r.successTime ? { success_time: r.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen },
    };
  }

  /** The refunds asked for an order (out_trade_no), in the order they were asked. */
  refundsOf(outTradeNo: string): Array<Pick<SimRefund, 'outRefundNo' | 'status' | 'refundFen' | 'totalFen'>> {
    return [...this.refunds.values()].filter((r) => r.outTradeNo === outTradeNo).map(({ outRefundNo, status, refundFen, totalFen }) => ({ outRefundNo, status, refundFen, totalFen }));
  }

  /**
   * The platform settles the refunds asked for at least `SIM_REFUND_SETTLE_MS` ago (all of them with
   * `now`), with `outcome` (SUCCESS unless a test asks for ABNORMAL or CLOSED), and returns the
   * REFUND.* notification of each that asked for one, signed and encrypted as the platform does.
   */
  settleRefunds(options: { outcome?: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'; now?: boolean } = {}): HttpNotification[] {
    const outcome = options.outcome ?? 'SUCCESS';
    const due = [...this.refunds.values()].filter((r) => r.status === 'PROCESSING' && (options.now || r.createdAt + SIM_REFUND_SETTLE_MS <= this.clock.now()));
    for (const r of due) {
      r.status = outcome;
      if (outcome === 'SUCCESS') r.successTime = shanghaiTime(this.clock.now());
      // a closed refund gives the order back its paid state on the platform
      if (outcome === 'CLOSED') this.orders.get(r.outTradeNo)!.state = 'SUCCESS';
    }
    return due.filter((r) => r.notifyUrl).map((r) => this.refundNotification(r));
  }

  /** The REFUND.* notification of a refund as it stands: sent again when the platform retries. */
  refundNotification(r: SimRefund | string): HttpNotification {
    const refund = typeof r === 'string' ? this.refunds.get(r)! : r;
    const nonce = this.nonce().slice(0, 12);
    const associatedData = 'refund';
    const resource = {
      original_type: 'refund',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: aesGcmEncrypt(this.apiV3Key, nonce, associatedData, JSON.stringify(this.refundResource(refund))),
      associated_data: associatedData,
      nonce,
    };
    const summary = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭', PROCESSING: '退款处理中' }[refund.status];
    const body = JSON.stringify({
      id: this.id('EV-'),
      create_time: shanghaiTime(this.clock.now()),
      resource_type: 'encrypt-resource',
      event_type: `REFUND.${refund.status}`,
      summary,
      resource,
    });
    return { headers: this.signed(body), body };
  }

  /** A notification for arbitrary transaction content, signed properly: for tests of amount checks. */
  notificationFor(transaction: Record<string, unknown>): HttpNotification {
    const nonce = this.nonce().slice(0, 12);
    const body = JSON.stringify({
      id: this.id('EV-'),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: aesGcmEncrypt(this.apiV3Key, nonce, 'transaction', JSON.stringify({ appid: APP_ID, mchid: MCH_ID, ...transaction })),
        associated_data: 'transaction',
        nonce,
      },
    });
    return { headers: this.signed(body), body };
  }
}
