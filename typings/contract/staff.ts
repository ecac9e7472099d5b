import { z } from 'zod';
import type { ShippingUploadState, StaffRole } from './admin';
import { def, fen, id, page, text } from './common';
import { AFTER_SALE_DAYS_MAX } from './limits';
import { PRODUCT_STATUSES, type ProductStatus } from './catalog-admin';
import { ORDER_STATUSES, type OrderLine, type OrderSource, type OrderStatus } from './orders';

/** Staff management, the audit trail and catalogue/order operations in the admin function. */
export interface StaffMember {
  openid: string;
  nickname: string;
  role: StaffRole;
  since: number;
}

export interface AuditEntry {
  _id: string;
  actor: string;
  role: StaffRole | null;
  fn: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** 'unknown': the call was interrupted before it reported its changes (recorded by the repair) */
  outcome?: 'unknown';
  /** the request's input, given with an unknown outcome */
  input?: unknown;
  createdAt: number;
}

/** An order line as staff screens show it: the SKU's specs (e.g. 色号) with the quantity. */
export interface StaffOrderLine {
  title: string;
  image: string;
  specs: Record<string, string>;
  quantity: number;
}

export interface StaffOrderRow {
  _id: string;
  /** the buyer's nickname, masked (kernel/mask.ts): staff screens never see an openid */
  buyer: string;
  /** the receiver on the order, the phone masked (138****8000) */
  receiver: { name: string; phone: string };
  status: OrderStatus;
  lines: StaffOrderLine[];
  payableFen: number;
  /** what the buyer paid, once the order was paid (also when refunded since); null before */
  paidFen: number | null;
  count: number;
  title: string;
  sourceKind: OrderSource['kind'];
  liveId: string | null;
  createdAt: number;
  paidAt: number | null;
}

export type StaffOrderEventKind = 'created' | 'paid' | 'shipped' | 'completed' | 'refund_requested' | 'refund_abnormal' | 'refund_closed' | 'refunded_part' | 'refunded' | 'cancelled' | 'expired';

/** One thing that happened to an order, from the times its record holds. */
export interface StaffOrderEvent {
  kind: StaffOrderEventKind;
  at: number;
}

/** An order's price in parts: goods at the prices charged, what the live price and member price took off, each coupon, shipping. */
export interface StaffOrderPrice {
  /** the lines at the prices charged (a live price already applied) */
  goodsFen: number;
  /** what the live price took off the SKU prices, already inside goodsFen */
  liveSavingFen: number;
  /** the member-price discount (会员价) */
  memberFen: number;
  coupons: Array<{ couponId: string; label: string; amountFen: number }>;
  /** every discount together (member price and coupons) */
  discountFen: number;
  shippingFen: number;
  payableFen: number;
}

/** One order, read-only, for staff: who, where to, what, how it was priced and paid, and what happened to it. */
export interface StaffOrderDetail {
  _id: string;
  status: OrderStatus;
  buyer: string;
  address: { userName: string; phone: string; provinceName: string; cityName: string; countyName: string; detailInfo: string };
  lines: OrderLine[];
  price: StaffOrderPrice;
  /** points the order earned, and what a refund took back */
  points: { earned: number; reversed: number };
  /** null until paid; `method`: wechatpay_v3, cloudpay, local (the simulator) or raffle_prize (a ¥0 prize order) */
  payment: { method: string; transactionId: string | null; paidAt: number; paidFen: number } | null;
  /**
   * `upload`: where the shipment stands with WeChat's 发货信息管理 (see admin.shipOrder), with the
   * platform's refusal when it refused the report, and whether its one correction was made
   */
  shipping: {
    company: string;
    trackingNumber: string;
    shippedAt: number | null;
    upload: { state: ShippingUploadState; error: string | null; uploadedAt: number | null; corrected: boolean; remindedAt: number | null } | null;
  } | null;
  /** `state` as the payment platform reported it: PROCESSING, SUCCESS, CLOSED, ABNORMAL */
  refund: { refundId: string; reason: string; state: string; requestedAt: number; settledAt: number | null; amountFen: number; lines: Array<{ skuId: string; title: string; quantity: number; amountFen: number }>; whole: boolean } | null;
  /** what settled refunds returned so far, and per line what may still be refunded */
  refunds: { refundedFen: number; refundable: Array<{ skuId: string; quantity: number; amountFen: number }> };
  source: { kind: OrderSource['kind']; liveId: string | null; liveTitle: string | null };
  createdAt: number;
  /** unpaid orders close at this time */
  expiresAt: number;
  /** oldest first */
  events: StaffOrderEvent[];
}

export interface StaffSku {
  _id: string;
  specs: Record<string, string>;
  priceFen: number;
  stock: number;
  status: 'on_sale' | 'off_shelf';
  /** 每人限购, when set */
  perUserLimit: number | null;
}

export interface StaffProduct {
  _id: string;
  title: string;
  subtitle: string;
  categoryId: string;
  image: string;
  status: ProductStatus;
  originalPriceFen: number;
  sales: number;
  /** its own after-sale window (days after receipt; 0: none after receipt), or null: the shop's */
  afterSaleDays: number | null;
  skus: StaffSku[];
}

/** The staff order list's filters and search, which its CSV export takes too. */
export const orderFilterFields = () => ({
  status: z.enum(ORDER_STATUSES).optional(),
  liveId: id().optional(),
  fromDay: day().optional(),
  toDay: day().optional(),
  orderId: id().optional(),
  buyer: text(20, 1).optional(),
  phoneTail: z.string().length(4).regex(/^\d{4}$/, 'must be 4 digits').optional(),
  product: text(30, 1).optional(),
});

const role = () => z.enum(['owner', 'operator', 'cs']);
/** a Shanghai calendar day, YYYY-MM-DD, that exists */
const day = () =>
  z
    .string()
    .length(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day (YYYY-MM-DD)')
    .refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
    }, 'must be a calendar day');
const inviteCode = () => z.string().min(8).max(16).regex(/^[A-Za-z0-9]+$/);

export const staffAdmin = {
  /** the owner makes a one-time code for a new staff member */
  inviteStaff: def<{ code: string; role: StaffRole; expiresAt: number }>()(z.object({ role: role() }).strict()),
  /** anyone holding a valid code becomes staff with its role; the code is spent */
  acceptStaffInvite: def<{ openid: string; role: StaffRole }>()(z.object({ code: inviteCode() }).strict()),
  listStaff: def<{ items: StaffMember[] }>()(z.object({}).strict()),
  setStaffRole: def<{ openid: string; role: StaffRole }>()(z.object({ openid: id(), role: role() }).strict()),
  removeStaff: def<{ removed: boolean }>()(z.object({ openid: id() }).strict()),
  listAudit: def<{ items: AuditEntry[]; total: number }>()(
    z.object({ entity: text(40).optional(), entityId: text(120).optional(), actor: id().optional(), page: page().optional() }).strict(),
  ),
  listStaffProducts: def<{ items: StaffProduct[]; total: number }>()(
    z.object({ keyword: text(40).optional(), status: z.enum(PRODUCT_STATUSES).optional(), page: page().optional() }).strict(),
  ),
  updateProduct: def<StaffProduct>()(
    z
      .object({
        productId: id(),
        title: text(60, 1).optional(),
        subtitle: text(60).optional(),
        /** a draft goes on sale only with an on-sale SKU; nothing goes back to draft */
        status: z.enum(['on_sale', 'off_shelf']).optional(),
        originalPriceFen: fen().optional(),
        /** its own 售后时限 in days after receipt, 0 for none after receipt (不支持 7 天无理由), null for the shop's */
        afterSaleDays: z.number().int().min(0).max(AFTER_SALE_DAYS_MAX).nullable().optional(),
      })
      .strict(),
  ),
  updateSku: def<StaffSku>()(
    z
      .object({
        skuId: id(),
        priceFen: fen().refine((n) => n > 0, 'price must be above zero').optional(),
        status: z.enum(['on_sale', 'off_shelf']).optional(),
        /** 每人限购: the most one shopper may hold; 0 removes the limit */
        perUserLimit: z.number().int().min(0).max(999).optional(),
      })
      .strict(),
  ),
  /** `set` the stock to a count, or `add` a signed quantity to it, atomically */
  adjustStock: def<StaffSku>()(
    z.object({ skuId: id(), mode: z.enum(['set', 'add']), quantity: z.number().int().min(-1_000_000).max(1_000_000) }).strict(),
  ),
  /**
   * Every order, newest first, 20 a page; each filter narrows: status, live, Shanghai days (both
   * included), order number, part of the buyer's nickname, the receiver's phone tail, part of a
   * product title. `buyersCapped`: a nickname matched more buyers than are searched.
   */
  listAllOrders: def<{ items: StaffOrderRow[]; total: number; buyersCapped: boolean }>()(
    z
      .object({
        ...orderFilterFields(),
        page: page().optional(),
      })
      .strict()
      .refine((v) => !v.fromDay || !v.toDay || v.fromDay <= v.toDay, { message: 'toDay must not be before fromDay', path: ['toDay'] }),
  ),
  /** one order in full, read-only */
  getOrder: def<StaffOrderDetail>()(z.object({ orderId: id() }).strict()),
};
