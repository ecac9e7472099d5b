import type { PlatformOrderState } from '../schema';
/**
 * The Shipping port: WeChat's 发货信息管理 (order shipping management). For the categories it covers,
 * a payment's funds stay frozen until the shop says the goods left (upload_shipping_info) and the buyer
 * confirms receipt (in WeChat, or automatically after the platform's window). Cloud: the wxa/sec/order
 * API through cloud call; local: a simulator that checks every body as the platform does and plays the
 * buyer's confirmation.
 */
export interface ShippingParcel {
  /** the courier's waybill number */
  trackingNo: string;
  /** the courier's code in WeChat's delivery list (get_delivery_list), e.g. SF, YTO */
  expressCompany: string;
  /** what the parcel holds, ≤ 120 characters (商品信息) */
  itemDesc: string;
  /** the receiver's phone, masked except its last 4 digits; SF Express requires it */
  receiverContact?: string;
}

export interface ShippingUpload {
  /** the payment the goods were bought with (order_number_type 2) */
  transactionId: string;
  /** the payer's openid in this mini program */
  openid: string;
  parcels: ShippingParcel[];
  /** epoch ms; an update must be later than the upload it replaces */
  uploadedAt: number;
}


export type { PlatformOrderState };

/** The platform refused a shipping call: its errcode and errmsg. */
export class ShippingRejected extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`shipping: ${errcode} ${errmsg}`);
    this.name = 'ShippingRejected';
  }
}

export interface ShippingPort {
  /** whether the mini program's payments are under 发货信息管理; uploads are made only when they are */
  managed(): Promise<boolean>;
  /** the merchant id payments are made to, as the confirm-receipt component takes it */
  readonly merchantId: string;
  /** upload_shipping_info; throws ShippingRejected when the platform refuses it */
  upload(upload: ShippingUpload): Promise<void>;
  /** get_order: where the platform has the payment, or null when it does not know it */
  orderState(transactionId: string): Promise<PlatformOrderState | null>;
  /** notify_confirm_receive: asks the buyer to confirm receipt, once per payment */
  remindConfirm(transactionId: string, receivedAt: number): Promise<void>;
  /** set_msg_jump_path: the page WeChat's shipping messages open */
  setJumpPath(path: string): Promise<void>;
}

/**
 * The documented `trade_manage_order_settlement` message push (JSON form): sent when an order is
 * shipped and when it settles. It is only a prompt: the order is moved by what get_order then says.
 */
export interface SettlementPush {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'trade_manage_order_settlement';
  transaction_id: string;
  merchant_id: string;
  sub_merchant_id?: string;
  merchant_trade_no: string;
  pay_time: number;
  shipped_time?: number;
  estimated_settlement_time?: number;
  confirm_receive_method?: number;
  confirm_receive_time?: number;
  settlement_time?: number;
}

export function isSettlementPush(event: unknown): event is SettlementPush {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<SettlementPush>;
  return e.MsgType === 'event' && e.Event === 'trade_manage_order_settlement' && typeof e.transaction_id === 'string' && typeof e.merchant_trade_no === 'string';
}
