import { z } from 'zod';
import { def, id, page, quantity, text } from './common';
import { MAX_COUPONS_PER_ORDER, type CheckoutCoupons } from './coupons';
import { ADDRESS_DETAIL_MAX_CHARS, ADDRESS_NAME_MAX_CHARS, MAX_ORDER_LINES } from './limits';

/** Where an order came from, as the mini program parsed it from page options and `scene`. */
export const SourceInput = z
  .object({
    kind: z.enum(['live_card', 'invite', 'share', 'organic']),
    liveId: id().optional(),
    cardId: id().optional(),
    inviteCode: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).optional(),
    shareCode: z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/).optional(),
  })
  .strict();
export type OrderSource = z.output<typeof SourceInput>;

export interface CartLine {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  quantity: number;
  /** the price charged now: the live price while the card's live is on, else the SKU price */
  unitPriceFen: number;
  /** the SKU's own price, shown struck through when a live price applies */
  listPriceFen: number;
  lineTotalFen: number;
  stock: number;
  liveId?: string;
  cardId?: string;
  /** why the line cannot be bought now, if it cannot */
  problem: null | 'unavailable' | 'insufficient_stock';
  /** the unit price differs from when the line was added */
  priceChanged: boolean;
}

export interface Cart {
  lines: CartLine[];
  /** sum over lines without a problem */
  goodsFen: number;
  count: number;
}

export interface Address {
  _id: string;
  userName: string;
  telNumber: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  detailInfo: string;
  isDefault: boolean;
}

export type OrderStatus = 'created' | 'paid' | 'shipped' | 'completed' | 'cancelled' | 'expired' | 'refunding' | 'refunded';

export interface OrderLine {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  quantity: number;
  unitPriceFen: number;
  listPriceFen: number;
  lineTotalFen: number;
  /** the product's own after-sale window when it was bought (days after receipt; 0: none after receipt); absent: the shop's */
  afterSaleDays?: number;
}

export interface Discount {
  /** what granted it, e.g. a coupon id */
  source: string;
  label: string;
  amountFen: number;
}

export interface PriceBreakdown {
  goodsFen: number;
  discountFen: number;
  shippingFen: number;
  payableFen: number;
  discounts: Discount[];
}

export interface Order {
  _id: string;
  status: OrderStatus;
  lines: OrderLine[];
  price: PriceBreakdown;
  address: Omit<Address, '_id' | 'isDefault'>;
  /** the first coupon used, or null (kept for older clients; `couponIds` lists them all) */
  couponId: string | null;
  couponIds: string[];
  source: OrderSource;
  createdAt: number;
  /** unpaid orders expire at this time */
  expiresAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  completedAt: number | null;
  closedAt: number | null;
  /** the carrier (its name; `code` its id in WeChat's delivery list) and waybill number */
  tracking: { company: string; number: string; code?: string } | null;
  /**
   * Set while a shipped order's receipt can be confirmed in WeChat's 确认收货 component (its payment is
   * under 发货信息管理 and the shipment was reported): the component's extraData, as is.
   */
  receiptConfirm: ReceiptConfirm | null;
  /** the refund asked for, and where the platform has it: PROCESSING, SUCCESS, ABNORMAL (the shop settles it with the platform) or CLOSED (not refunded; the order is paid again) */
  refund: OrderRefund | null;
  /** what settled refunds have returned so far, in fen (an order refunded in part stays paid, shipped or completed) */
  refundedFen: number;
}

/** wx.openBusinessView({ businessType: 'weappOrderConfirm', extraData }) for one payment. */
export interface ReceiptConfirm {
  transaction_id: string;
  merchant_id: string;
  merchant_trade_no: string;
}

/**
 * The carriers staff ship with, by their id in WeChat's delivery list (get_delivery_list): what
 * upload_shipping_info takes as express_company. SF Express needs the receiver's phone with it.
 */
export const COURIERS = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'STO', name: '申通快递' },
  { code: 'YD', name: '韵达速递' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'JD', name: '京东快递' },
  { code: 'EMS', name: '中国邮政 EMS' },
] as const;

export type Courier = (typeof COURIERS)[number];

/** A carrier entry as compared: no spaces, upper case, without 快递/速运/速递 (顺丰 = 顺丰速运). */
export const courierKey = (entry: string) => entry.replace(/\s+/g, '').toUpperCase().replace(/(快递|速运|速递)$/, '');

/** The listed carrier a staff entry names, by code or by name (either case, spaces and 快递/速运/速递 ignored), or null. */
export function courierOf(entry: string): Courier | null {
  const key = courierKey(entry);
  return COURIERS.find((c) => c.code === key || courierKey(c.name) === key) ?? null;
}

/** A refund asked of the payment platform: of some lines (partly), or of all that was left of the order (`whole`). */
export interface OrderRefund {
  state: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';
  reason: string;
  requestedAt: number;
  settledAt: number | null;
  /** what it returns, in fen (shipping too when `whole`) */
  amountFen: number;
  /** the units of each SKU it returns, and their fen */
  lines: Array<{ skuId: string; quantity: number; amountFen: number }>;
  /** nothing of the order is left after it: the order closes as refunded */
  whole: boolean;
}

export type OrderSummary = Pick<Order, '_id' | 'status' | 'createdAt' | 'expiresAt' | 'receiptConfirm'> & {
  payableFen: number;
  count: number;
  lines: Array<Pick<OrderLine, 'title' | 'image' | 'quantity'>>;
};

/** Where the parcel of a shipped order is (物流查询组件; modules/orders/logistics.ts). */
export interface OrderTrace {
  /** null: the order has no waybill, or the carrier's trace could not be read now */
  state: 'pending' | 'collected' | 'in_transit' | 'delivering' | 'delivered' | 'exception' | null;
  /** the path, newest last (may be empty: WeChat shows it in its own component) */
  events: Array<{ at: number; text: string }>;
  company: string;
  number: string;
  /** when the trace first read signed for; the order completes AUTO_COMPLETE_DAYS after it */
  deliveredAt: number | null;
  /** when the order completes by itself if the buyer does not confirm (null once it is not shipped) */
  autoCompleteAt: number | null;
}

/** What `wx.requestPayment` needs. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA' | 'MD5' | 'HMAC-SHA256';
  paySign: string;
}

const LineInput = z.object({ skuId: id(), quantity: quantity() }).strict();
const phone = () => z.string().max(20).regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{3,4}-\d{3,4}-\d{3,4})$/, 'must be a phone number');

export const AddressInput = z
  .object({
    userName: text(ADDRESS_NAME_MAX_CHARS, 1),
    telNumber: phone(),
    provinceName: text(20, 1),
    cityName: text(20, 1),
    countyName: text(20, 1),
    detailInfo: text(ADDRESS_DETAIL_MAX_CHARS, 1),
    isDefault: z.boolean().optional(),
  })
  .strict();

/** What staff read for each order state (the admin screens and the order export). */
export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

/** What staff read for where an order came from. */
export const ORDER_SOURCE_TEXT: Record<string, string> = { live_card: '直播间', invite: '邀请', share: '分享', organic: '自然' };

export const ORDER_STATUSES = ['created', 'paid', 'shipped', 'completed', 'cancelled', 'expired', 'refunding', 'refunded'] as const;

export const orders = {
  addToCart: def<Cart>()(
    z.object({ skuId: id(), quantity: quantity(), liveId: id().optional(), cardId: id().optional() }).strict(),
  ),
  updateCartItem: def<Cart>()(z.object({ skuId: id(), quantity: quantity() }).strict()),
  removeCartItem: def<Cart>()(z.object({ skuId: id() }).strict()),
  getCart: def<Cart>()(z.object({}).strict()),

  listAddresses: def<{ items: Address[] }>()(z.object({}).strict()),
  saveAddress: def<{ addressId: string }>()(AddressInput.extend({ addressId: id().optional() }).strict()),
  deleteAddress: def<{ deleted: boolean }>()(z.object({ addressId: id() }).strict()),

  /** prices a prospective order without creating it: the checkout page's breakdown */
  previewOrder: def<{ lines: OrderLine[]; price: PriceBreakdown; coupons: CheckoutCoupons; stock: Record<string, number>; limits: Record<string, { limit: number; left: number }> }>()(
    z
      .object({
        items: z.array(LineInput).min(1).max(MAX_ORDER_LINES),
        couponId: id().optional(),
        /** several coupons: at most one that does not stack; merged with couponId */
        couponIds: z.array(id()).max(MAX_COUPONS_PER_ORDER).optional(),
        source: SourceInput.optional(),
        /** price cart lines with the live cards they were added from, as createOrder will */
        fromCart: z.boolean().optional(),
        /** with no coupon named, apply the suggested best combination (one preview per screen) */
        applySuggested: z.boolean().optional(),
      })
      .strict(),
  ),
  createOrder: def<{ orderId: string; payableFen: number; status: 'created' }>()(
    z
      .object({
        items: z.array(LineInput).min(1).max(MAX_ORDER_LINES),
        addressId: id(),
        couponId: id().optional(),
        couponIds: z.array(id()).max(MAX_COUPONS_PER_ORDER).optional(),
        source: SourceInput.optional(),
        /** remove these SKUs from the cart once the order exists */
        fromCart: z.boolean().optional(),
      })
      .strict(),
  ),
  getOrder: def<Order>()(z.object({ orderId: id() }).strict()),
  listOrders: def<{ items: OrderSummary[]; total: number }>()(
    z.object({ status: z.enum(ORDER_STATUSES).optional(), page: page().optional() }).strict(),
  ),
  cancelOrder: def<{ status: OrderStatus }>()(z.object({ orderId: id() }).strict()),
  confirmReceipt: def<{ status: OrderStatus }>()(z.object({ orderId: id() }).strict()),
  prepay: def<PaymentParams>()(z.object({ orderId: id() }).strict()),
  orderTrace: def<OrderTrace>()(z.object({ orderId: id() }).strict()),
};
