import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { Clock } from '../../ports';
import { ShippingRejected, type PlatformOrderState, type ShippingPort, type ShippingUpload } from '../../ports/shipping';

dayjs.extend(utc);

/** One call of a mini program server API by path (cloud call or HTTPS with an access token): its JSON answer. */
export type WxaCall = (apiName: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export const SHIPPING_APIS = {
  upload: '/wxa/sec/order/upload_shipping_info',
  getOrder: '/wxa/sec/order/get_order',
  isTradeManaged: '/wxa/sec/order/is_trade_managed',
  notifyConfirmReceive: '/wxa/sec/order/notify_confirm_receive',
  setJumpPath: '/wxa/sec/order/set_msg_jump_path',
} as const;

/** RFC 3339 in China time with milliseconds, as upload_time is documented (2022-12-15T13:29:35.120+08:00). */
export const rfc3339 = (ms: number) => dayjs(ms).utcOffset(480).format('YYYY-MM-DDTHH:mm:ss.SSSZ');

/** The documented upload_shipping_info body: express delivery (logistics_type 1), one parcel unified, more split. */
export function uploadShippingInfoBody(u: ShippingUpload): Record<string, unknown> {
  const split = u.parcels.length > 1;
  return {
    order_key: { order_number_type: 2, transaction_id: u.transactionId },
    logistics_type: 1,
    delivery_mode: split ? 2 : 1,
    ...(split ? { is_all_delivered: true } : {}),
    shipping_list: u.parcels.map((p) => ({
      tracking_no: p.trackingNo,
      express_company: p.expressCompany,
      item_desc: p.itemDesc,
      ...(p.receiverContact ? { contact: { receiver_contact: p.receiverContact } } : {}),
    })),
    upload_time: rfc3339(u.uploadedAt),
    payer: { openid: u.openid },
  };
}

/** get_order's order_state: 1 待发货, 2 已发货, 3 确认收货, 4 交易完成, 5 已退款, 6 资金待结算. */
const ORDER_STATES: Record<number, PlatformOrderState> = { 1: 'unshipped', 2: 'shipped', 3: 'received', 4: 'completed', 5: 'refunded', 6: 'settling' };

/** errcode of a payment the platform does not (yet) know: just after payment it appears within seconds. */
export const PAYMENT_NOT_FOUND = 10060001;

const MANAGED_CACHE_MS = 10 * 60_000;

export interface WxaShippingConfig {
  appId: string;
  merchantId: string;
}

/** The Shipping port on the wxa/sec/order API. */
export class WxaShipping implements ShippingPort {
  private managedAnswer: { value: boolean; at: number } | null = null;

  constructor(
    private readonly call: WxaCall,
    private readonly config: WxaShippingConfig,
    private readonly clock: Clock,
  ) {}

  get merchantId(): string {
    return this.config.merchantId;
  }

  private async ok(apiName: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await this.call(apiName, body);
    const errcode = Number(res.errcode ?? 0);
    if (errcode !== 0) throw new ShippingRejected(errcode, String(res.errmsg ?? ''));
    return res;
  }

  async managed(): Promise<boolean> {
    const now = this.clock.now();
    if (this.managedAnswer && now - this.managedAnswer.at < MANAGED_CACHE_MS) return this.managedAnswer.value;
    const res = await this.ok(SHIPPING_APIS.isTradeManaged, { appid: this.config.appId });
    this.managedAnswer = { value: res.is_trade_managed === true, at: now };
    return this.managedAnswer.value;
  }

  async upload(upload: ShippingUpload): Promise<void> {
    await this.ok(SHIPPING_APIS.upload, uploadShippingInfoBody(upload));
  }

  async orderState(transactionId: string): Promise<PlatformOrderState | null> {
    try {
      const res = await this.ok(SHIPPING_APIS.getOrder, { transaction_id: transactionId });
      const order = res.order as { order_state?: number } | undefined;
      return ORDER_STATES[Number(order?.order_state)] ?? null;
    } catch (e) {
      if (e instanceof ShippingRejected && e.errcode === PAYMENT_NOT_FOUND) return null;
      throw e;
    }
  }

  async remindConfirm(transactionId: string, receivedAt: number): Promise<void> {
    await this.ok(SHIPPING_APIS.notifyConfirmReceive, { transaction_id: transactionId, received_time: Math.floor(receivedAt / 1000) });
  }

  async setJumpPath(path: string): Promise<void> {
    await this.ok(SHIPPING_APIS.setJumpPath, { path });
  }
}
