import type { BaseDoc } from './base';
import type { Address, AfterSaleKind, AfterSaleState, AfterSaleStep, Order, OrderRefund, OrderStatus, ReturnAddress, ShippingUploadState } from '../../../typings/contract';

/** A line of a refund: how many units of the SKU, and the fen they return. */
export interface RefundLineDoc {
  skuId: string;
  quantity: number;
  amountFen: number;
}

export interface CartItemDoc extends BaseDoc {
  /** `${userId}:${skuId}`: one line per user and SKU */
  userId: string;
  skuId: string;
  quantity: number;
  /** the unit price when added, to flag a change */
  addedUnitPriceFen: number;
  liveId?: string;
  cardId?: string;
  createdAt: number;
  updatedAt: number;
}

export interface AddressDoc extends BaseDoc, Omit<Address, '_id' | 'isDefault'> {
  userId: string;
  createdAt: number;
}

export interface OrderDoc extends BaseDoc, Omit<Order, '_id' | 'couponIds' | 'receiptConfirm' | 'refund' | 'refundedFen'> {
  userId: string;
  /** every coupon locked to (then used by) the order; absent on orders written before stacking */
  couponIds?: string[];
  /** payment platform transaction that paid it */
  transactionId: string | null;
  paymentMethod: string;
  /**
   * the refund asked of the payment platform: `refundId` is its out_refund_no (`R<orderId>`, then
   * `R<orderId>-<attempt>` for each later one: after a CLOSED one, or after a partial refund), `state`
   * where the platform has it; `lines`/`amountFen`/`whole` absent on refunds of the whole order written
   * before partial refunds; `fromStatus` the state a whole refund returns to if the platform closes it
   */
  refund: (Omit<OrderRefund, 'amountFen' | 'lines' | 'whole'> & { refundId: string; attempt?: number; amountFen?: number; lines?: RefundLineDoc[]; whole?: boolean; fromStatus?: OrderStatus; afterSaleId?: string }) | null;
  /** what settled refunds have returned so far (absent before the first); the points they took back */
  refunded?: { amountFen: number; points: number; lines: RefundLineDoc[] } | null;
  /** the parcel with WeChat's 物流查询组件: its token, what the trace said last, when it first read signed for */
  logistics?: { token: string | null; state: string | null; checkedAt: number | null; deliveredAt: number | null } | null;
  /** set when the order completed by itself (no confirmation from the buyer) */
  autoCompleted?: boolean;
  /** the open after-sale application of each line, by SKU (one at a time; removed when it ends) */
  afterSales?: Record<string, string> | null;
  /** set once the reserved stock has gone back (cancel, expiry, refund) */
  stockReturnedAt: number | null;
  /** set when the order closes unpaid, removed once its stock is back and the SKUs' return marks are gone */
  stockReturnOpen?: true;
  /** why the order is credited to its source (see referral creditedSource) */
  sourceReason?: string;
  /** set once the once-per-payment effects (sales, coupon, points) have run */
  paidEffectsAt: number | null;
  /** set by the delivery that claims the payment's once-only effects, removed once its sales are counted and their marks are gone */
  salesOpen?: true;
  /** set once the order's sales are on its products' counters */
  salesCountedAt?: number;
  /** the lines that took from a per-user purchase limit; given back when the order closes (unpaid or refunded) */
  limitedLines?: Array<{ skuId: string; quantity: number }>;
  /** where the shipment stands with WeChat's 发货信息管理; absent before the order ships */
  shippingInfo?: ShippingInfo | null;
  /** what staff search orders by, derived from the order when it is written (modules/orders/search.ts) */
  search?: OrderSearchKeys;
}

/** Where WeChat's 发货信息管理 has a payment (get_order's order_state 1–6). */
export type PlatformOrderState = 'unshipped' | 'shipped' | 'received' | 'completed' | 'refunded' | 'settling';

/**
 * A shipment's report to WeChat's 发货信息管理 (modules/orders/shipping.ts). `pending` is reported by the
 * ship action and, after a failure or a crash, by the uploadShipping timer at `nextAt`; `failed` means
 * the platform refused the report itself (staff correct the waybill); `none`: nothing to report (no
 * platform payment, or the mini program is not under 发货信息管理).
 */
export interface ShippingInfo {
  state: ShippingUploadState;
  attempts: number;
  nextAt: number | null;
  error: { code: number; message: string } | null;
  uploadedAt: number | null;
  /** the one correction WeChat takes of a reported shipment was made */
  corrected: boolean;
  /** the payment's state on the platform, as get_order last said */
  platformState?: PlatformOrderState;
  platformCheckedAt?: number;
  /** when the platform settled the payment to the shop (trade_manage_order_settlement) */
  settledAt?: number | null;
  /** when WeChat was asked to remind the buyer to confirm receipt (once per order) */
  remindedAt?: number | null;
  /** WeChat's merchant id the confirm-receipt component is given */
  merchantId?: string | null;
}

/** Search keys of an order: its lines and address never change, so the keys are written once with it. */
export interface OrderSearchKeys {
  /** the line titles, lowercased, for a case-insensitive substring match */
  products: string;
  /** the last four digits of the receiver's phone (尾号) */
  phoneTail: string;
}

/**
 * A checkout in flight, `_id` = the order id it will write: opened before any stock is held, marked
 * `placedAt` in the transaction that writes the order, removed once the stock holds are settled. One
 * left behind by a crash is settled by the `repairCheckouts` timer: its holds released when the order
 * exists, else marked `abandonedAt` (the late order is then refused) and its held stock and coupons
 * given back.
 */
export interface CheckoutIntentDoc extends BaseDoc {
  userId: string;
  lines: Array<{ skuId: string; quantity: number }>;
  couponIds: string[];
  createdAt: number;
  placedAt: number | null;
  abandonedAt: number | null;
}

/** How much of a SKU's per-user limit a shopper holds in open or completed orders, `_id` = userId:skuId. */
export interface PurchaseCountDoc extends BaseDoc {
  userId: string;
  skuId: string;
  count: number;
}

export const purchaseCountId = (userId: string, skuId: string) => `${userId}:${skuId}`;


/** The coupons an order holds, whichever way it was written. */
export const orderCouponIds = (o: Pick<OrderDoc, 'couponId' | 'couponIds'>): string[] => o.couponIds ?? (o.couponId ? [o.couponId] : []);

export const cartItemId = (userId: string, skuId: string) => `${userId}:${skuId}`;

/**
 * A shopper's after-sale application about one line (modules/orders/aftersale-rules.ts has its state
 * machine). `photos` are file ids (the Storage port checked them); `refundId` the platform refund it
 * asked for, once approved.
 */
export interface AfterSaleDoc extends BaseDoc {
  orderId: string;
  userId: string;
  skuId: string;
  /** the line as it was ordered */
  line: { title: string; image: string; specs: Record<string, string> };
  kind: AfterSaleKind;
  quantity: number;
  reason: string;
  note: string;
  photos: string[];
  /** what the refund returns, as planned when it was asked for (or last approved) */
  amountFen: number;
  state: AfterSaleState;
  staffNote: string;
  returnAddress: ReturnAddress | null;
  /** when staff gave the return address (the approval form starts with the latest one) */
  returnAddressAt: number | null;
  returnTracking: { company: string; number: string } | null;
  reshipTracking: { company: string; number: string } | null;
  refundId: string | null;
  refund: { state: OrderRefund['state']; amountFen: number; points: number; settledAt: number | null } | null;
  history: AfterSaleStep[];
  /** set while staff still have to act on it (requested, returning, refund_failed): the open queue */
  staffOpen: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The shop's after-sale and receipt settings (售后与收货设置), one document, `_id` = 'aftersale'. */
export interface OrderSettingsDoc extends BaseDoc {
  returnAddress: ReturnAddress | null;
  afterSaleDays: number;
  autoCompleteDays: number;
  updatedAt: number;
}
