import type { Clock } from '../../ports';
import type { SettlementPush } from '../../ports/shipping';
import { PAYMENT_NOT_FOUND, SHIPPING_APIS, type WxaCall } from '../wxa/shipping';

/**
 * The local 发货信息管理 simulator: plays WeChat's side of the wxa/sec/order API for the real adapter.
 * Every upload body is checked against the documented fields (a malformed one answers 47001
 * "data format error", as the platform does); each payment keeps its order_state (1 待发货 → 2 已发货 →
 * 3 确认收货 → 4 交易完成) and its one re-ship (a second update answers 10060003); a payment the
 * shop's payment side does not know answers 10060001. `confirm` plays the buyer confirming in the
 * 确认收货 component and returns the `trade_manage_order_settlement` push WeChat then sends.
 */
export interface SimPayment {
  openid: string;
  /** our order id: the payment's out_trade_no */
  outTradeNo: string;
  paidAt: number;
}

interface SimShipment {
  state: 1 | 2 | 3 | 4 | 5 | 6;
  uploads: number;
  lastUploadTime: string;
  body: Record<string, unknown>;
  shippedAt: number;
  confirmedAt: number | null;
  reminded: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class ShippingSimulator {
  /** every body the shop sent, in order, with the API it went to */
  readonly calls: Array<{ apiName: string; body: Record<string, unknown> }> = [];
  private readonly shipments = new Map<string, SimShipment>();
  private failures: Array<{ errcode: number; errmsg: string } | 'network'> = [];
  /** whether the mini program is under 发货信息管理 (is_trade_managed) */
  tradeManaged = true;
  jumpPath: string | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly appId: string,
    private readonly merchantId: string,
    private readonly payment: (transactionId: string) => Promise<SimPayment | null>,
  ) {}

  /** The next upload_shipping_info calls fail, in order: with an errcode, or as a network failure. */
  failNext(...failures: Array<{ errcode: number; errmsg: string } | 'network'>): void {
    this.failures.push(...failures);
  }

  shipment(transactionId: string): Readonly<SimShipment> | undefined {
    return this.shipments.get(transactionId);
  }

  readonly call: WxaCall = async (apiName, body) => {
    this.calls.push({ apiName, body: structuredClone(body) });
    const failure = apiName === SHIPPING_APIS.upload ? this.failures.shift() : undefined;
    if (failure === 'network') throw new Error('connect ETIMEDOUT api.weixin.qq.com');
    if (failure) return { ...failure };
    switch (apiName) {
      case SHIPPING_APIS.upload:
        return this.upload(body);
      case SHIPPING_APIS.getOrder:
        return this.getOrder(body);
      case SHIPPING_APIS.isTradeManaged:
        return body.appid === this.appId ? { errcode: 0, errmsg: 'ok', is_trade_managed: this.tradeManaged } : { errcode: 40013, errmsg: 'invalid appid' };
      case SHIPPING_APIS.notifyConfirmReceive:
        return this.notifyConfirmReceive(body);
      case SHIPPING_APIS.setJumpPath:
        if (typeof body.path !== 'string' || !body.path) return formatError('path');
        this.jumpPath = body.path;
        return { errcode: 0, errmsg: 'ok' };
      default:
        return { errcode: 40066, errmsg: 'invalid url' };
    }
  };

  private async upload(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const problem = uploadBodyProblem(body);
    if (problem) return formatError(problem);
    const key = body.order_key as { transaction_id: string };
    const paid = await this.payment(key.transaction_id);
    if (!paid) return { errcode: PAYMENT_NOT_FOUND, errmsg: '支付单不存在' };
    if ((body.payer as { openid: string }).openid !== paid.openid) return formatError('payer.openid');
    const uploadTime = body.upload_time as string;
    const current = this.shipments.get(key.transaction_id);
    if (current) {
      if (current.state !== 2) return { errcode: 10060004, errmsg: '支付单处于不可发货的状态' };
      if (current.uploads >= 2) return { errcode: 10060003, errmsg: '支付单已使用重新发货机会' };
      if (Date.parse(uploadTime) <= Date.parse(current.lastUploadTime)) return formatError('upload_time');
      Object.assign(current, { uploads: current.uploads + 1, lastUploadTime: uploadTime, body: structuredClone(body) });
      return { errcode: 0, errmsg: 'ok' };
    }
    this.shipments.set(key.transaction_id, {
      state: 2,
      uploads: 1,
      lastUploadTime: uploadTime,
      body: structuredClone(body),
      shippedAt: this.clock.now(),
      confirmedAt: null,
      reminded: false,
    });
    return { errcode: 0, errmsg: 'ok' };
  }

  private async getOrder(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const transactionId = body.transaction_id;
    if (typeof transactionId !== 'string') return formatError('transaction_id');
    const paid = await this.payment(transactionId);
    if (!paid) return { errcode: PAYMENT_NOT_FOUND, errmsg: '支付单不存在' };
    const s = this.shipments.get(transactionId);
    return {
      errcode: 0,
      errmsg: 'ok',
      order: {
        transaction_id: transactionId,
        merchant_id: this.merchantId,
        merchant_trade_no: paid.outTradeNo,
        openid: paid.openid,
        pay_time: Math.floor(paid.paidAt / 1000),
        order_state: s?.state ?? 1,
        in_complaint: false,
        shipping: s ? { delivery_mode: s.body.delivery_mode, shipping_list: s.body.shipping_list } : undefined,
      },
    };
  }

  private notifyConfirmReceive(body: Record<string, unknown>): Record<string, unknown> {
    const transactionId = body.transaction_id;
    if (typeof transactionId !== 'string' || typeof body.received_time !== 'number') return formatError('transaction_id / received_time');
    const s = this.shipments.get(transactionId);
    if (!s || s.state !== 2) return { errcode: 10060004, errmsg: '支付单处于不可发货的状态' };
    if (s.reminded) return { errcode: 10060003, errmsg: '该支付单已提醒过确认收货' };
    s.reminded = true;
    return { errcode: 0, errmsg: 'ok' };
  }

  /**
   * The buyer confirms receipt in WeChat's 确认收货 component (or the platform confirms it when its
   * window ends): the payment moves to 确认收货, and the settlement push WeChat sends is returned.
   * Null when the payment is not waiting for a confirmation.
   */
  async confirm(transactionId: string, method: 'manual' | 'auto' = 'manual'): Promise<SettlementPush | null> {
    const s = this.shipments.get(transactionId);
    const paid = await this.payment(transactionId);
    if (!s || s.state !== 2 || !paid) return null;
    const now = this.clock.now();
    s.state = 3;
    s.confirmedAt = now;
    const seconds = (ms: number) => Math.floor(ms / 1000);
    return {
      ToUserName: `gh_${this.appId.slice(2, 14)}`,
      FromUserName: paid.openid,
      CreateTime: seconds(now),
      MsgType: 'event',
      Event: 'trade_manage_order_settlement',
      transaction_id: transactionId,
      merchant_id: this.merchantId,
      merchant_trade_no: paid.outTradeNo,
      pay_time: seconds(paid.paidAt),
      shipped_time: seconds(s.shippedAt),
      estimated_settlement_time: seconds(now),
      confirm_receive_method: method === 'auto' ? 1 : 2,
      confirm_receive_time: seconds(now),
    };
  }
}

const formatError = (field: string) => ({ errcode: 47001, errmsg: `data format error: ${field}` });

/** What is wrong with an upload_shipping_info body by the documented field list, or null. */
export function uploadBodyProblem(body: Record<string, unknown>): string | null {
  const key = body.order_key as Record<string, unknown> | undefined;
  if (typeof key !== 'object' || key === null) return 'order_key';
  if (key.order_number_type === 2) {
    if (typeof key.transaction_id !== 'string' || !key.transaction_id) return 'order_key.transaction_id';
  } else if (key.order_number_type === 1) {
    if (typeof key.mchid !== 'string' || typeof key.out_trade_no !== 'string') return 'order_key.mchid / out_trade_no';
  } else return 'order_key.order_number_type';
  if (![1, 2, 3, 4].includes(body.logistics_type as number)) return 'logistics_type';
  if (![1, 2].includes(body.delivery_mode as number)) return 'delivery_mode';
  const list = body.shipping_list;
  if (!Array.isArray(list) || list.length < 1 || list.length > 15) return 'shipping_list';
  if (body.delivery_mode === 1 && list.length !== 1) return 'shipping_list (unified delivery has one parcel)';
  if (body.delivery_mode === 2 && typeof body.is_all_delivered !== 'boolean') return 'is_all_delivered';
  for (const p of list as Array<Record<string, unknown>>) {
    if (typeof p.item_desc !== 'string' || !p.item_desc || [...p.item_desc].length > 120) return 'shipping_list.item_desc';
    if (body.logistics_type === 1) {
      if (typeof p.tracking_no !== 'string' || bytes(p.tracking_no) < 1 || bytes(p.tracking_no) > 128) return 'shipping_list.tracking_no';
      if (typeof p.express_company !== 'string' || bytes(p.express_company) < 1 || bytes(p.express_company) > 128) return 'shipping_list.express_company';
      const contact = p.contact as { receiver_contact?: unknown; consignor_contact?: unknown } | undefined;
      if (p.express_company === 'SF' && typeof contact?.receiver_contact !== 'string' && typeof contact?.consignor_contact !== 'string') return 'shipping_list.contact';
      for (const c of [contact?.receiver_contact, contact?.consignor_contact]) {
        if (c !== undefined && (typeof c !== 'string' || !/\d{4}$/.test(c) || bytes(c) > 1024)) return 'shipping_list.contact';
      }
    }
  }
  if (typeof body.upload_time !== 'string' || !RFC3339.test(body.upload_time)) return 'upload_time';
  const payer = body.payer as { openid?: unknown } | undefined;
  if (typeof payer?.openid !== 'string' || !payer.openid) return 'payer.openid';
  return null;
}
