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
 * which the runtime feeds through the same notification handler the cloud uses.
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

const APP_ID = 'wxlocalsimulator01';
const MCH_ID = '1900000001';
const MERCHANT_SERIAL = 'LOCALMERCHANTSERIAL0001';
export const PLATFORM_SERIAL = 'LOCALPLATFORMSERIAL0001';

export class WechatPaySimulator {
  private readonly orders = new Map<string, SimOrder>();
  /** refunds by out_refund_no: asking again with the same number answers the same refund */
  private readonly refunds = new Map<string, { out_refund_no: string; refund_id: string; status: 'SUCCESS' }>();
  private readonly keys = keys();
  readonly apiV3Key: string;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    this.apiV3Key = Buffer.from(random.bytes(16)).toString('hex');
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
      if (known) return this.reply(200, known);
      const order = this.orders.get(String(body.out_trade_no));
      if (!order || order.state !== 'SUCCESS') return this.reply(400, { code: 'INVALID_REQUEST', message: 'order not paid' });
      order.state = 'REFUND';
      const refund = { out_refund_no: String(body.out_refund_no), refund_id: this.id('50'), status: 'SUCCESS' as const };
      this.refunds.set(refund.out_refund_no, refund);
      return this.reply(200, refund);
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
