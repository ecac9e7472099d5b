import { AFTER_SALE_DAYS_MAX, AUTO_COMPLETE_DAYS_MAX } from './limits';
import { z } from 'zod';
import { def, id, page, text } from './common';

/**
 * After-sale (售后): a shopper's application about one line of an order.
 *  - refund: 仅退款, before shipping or while the parcel has not been received;
 *  - return: 退货退款, the goods go back to the shop's return address, the refund follows their receipt;
 *  - exchange: 换货, the goods go back and the shop ships a replacement.
 */
export type AfterSaleKind = 'refund' | 'return' | 'exchange';

/**
 * The after-sale state machine (modules/orders/aftersale-rules.ts):
 *   requested → needs_info (staff ask for more) → requested (the shopper adds it)
 *   requested → rejected | cancelled (by the shopper)
 *   requested → refunding (a refund approved) → refunded | refund_failed (the platform closed it) → refunding (staff again)
 *   requested → awaiting_return (a return or exchange approved: the return address given) → returning (the shopper's waybill)
 *   awaiting_return → cancelled
 *   returning → refunding (a return received) | exchanged (an exchange received, the replacement shipped)
 */
export type AfterSaleState =
  | 'requested'
  | 'needs_info'
  | 'rejected'
  | 'cancelled'
  | 'awaiting_return'
  | 'returning'
  | 'refunding'
  | 'refund_failed'
  | 'refunded'
  | 'exchanged';

export const AFTER_SALE_KINDS = ['refund', 'return', 'exchange'] as const;

/** The reasons a shopper picks from, by kind. */
export const AFTER_SALE_REASONS: Record<AfterSaleKind, readonly string[]> = {
  refund: ['不想要了', '拍错/多拍', '商家发货太慢', '地址填错了', '其他'],
  return: ['七天无理由退货', '商品质量问题', '商品与描述不符', '收到商品破损', '少件/漏发', '其他'],
  exchange: ['尺码/色号不合适', '商品质量问题', '收到商品破损', '发错货', '其他'],
};

export const MAX_AFTER_SALE_PHOTOS = 6;

/** Days after receipt a return or an exchange may be asked for (7 天无理由), until the shop sets its own. */
export const AFTER_SALE_DAYS = 7;

/** Days after delivery a shipped order completes by itself, until the shop sets its own. */
export const AUTO_COMPLETE_DAYS = 7;

/**
 * 售后与收货设置: the shop's return address (offered when approving a return or an exchange), its
 * after-sale window in days after receipt (a product may set its own), and the days after delivery
 * a shipped order completes by itself.
 */
export interface AfterSaleSettings {
  returnAddress: ReturnAddress | null;
  afterSaleDays: number;
  autoCompleteDays: number;
  updatedAt: number | null;
}

export interface ReturnAddress {
  name: string;
  phone: string;
  address: string;
}

/** One move of an application, by whom, and what was said with it. */
export interface AfterSaleStep {
  state: AfterSaleState;
  at: number;
  by: 'shopper' | 'staff' | 'platform';
  note: string;
}

export interface AfterSale {
  _id: string;
  orderId: string;
  skuId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  kind: AfterSaleKind;
  quantity: number;
  reason: string;
  note: string;
  /** the shopper's photos, as URLs the page can show */
  photos: string[];
  /** what the refund returns (its share of what was paid for the units; shipping too when it is all that is left); 0 for an exchange */
  amountFen: number;
  state: AfterSaleState;
  /** the shop's word with a rejection or a question */
  staffNote: string;
  returnAddress: ReturnAddress | null;
  /** the shopper's waybill of the goods sent back */
  returnTracking: { company: string; number: string } | null;
  /** the replacement's waybill of an exchange */
  reshipTracking: { company: string; number: string } | null;
  /** the refund and where the platform has it; `points` the member points it took back */
  refund: { state: 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED'; amountFen: number; points: number; settledAt: number | null } | null;
  history: AfterSaleStep[];
  createdAt: number;
  updatedAt: number;
}

/** What a line of an order allows now, for the application form. */
export interface AfterSaleOptions {
  orderId: string;
  skuId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  /** the kinds the line allows now, each with its reasons */
  kinds: Array<{ kind: AfterSaleKind; reasons: readonly string[] }>;
  /** units that can still be asked about */
  maxQuantity: number;
  /** what a refund of 1, 2, … maxQuantity units returns, in fen */
  amounts: number[];
  /** the last moment a return or exchange may be asked for; null while the parcel is not received */
  deadline: number | null;
  /** an application of the line still open, if any (one at a time) */
  openId: string | null;
}

export interface StaffAfterSale extends AfterSale {
  /** the buyer by a masked nickname (no openid leaves the staff screens) */
  buyer: { nickname: string };
  orderStatus: string;
  /** the return address used last, to start the approval form with */
  defaultReturnAddress: ReturnAddress | null;
}

const Photos = z.array(z.string().min(8).max(256).regex(/^(cloud|local):\/\/[A-Za-z0-9_./-]+$/)).max(MAX_AFTER_SALE_PHOTOS);
const Tracking = z.object({ company: text(20, 1), number: z.string().trim().min(6).max(32).regex(/^[A-Za-z0-9-]+$/) }).strict();
const ReturnAddressInput = z.object({ name: text(20, 1), phone: z.string().min(6).max(20).regex(/^[0-9+\- ]{6,20}$/), address: text(120, 4) }).strict();

export const afterSale = {
  afterSaleOptions: def<AfterSaleOptions>()(z.object({ orderId: id(), skuId: id() }).strict()),
  applyAfterSale: def<AfterSale>()(
    z
      .object({
        orderId: id(),
        skuId: id(),
        kind: z.enum(AFTER_SALE_KINDS),
        quantity: z.number().int().min(1).max(999),
        reason: text(20, 1),
        note: text(200).optional(),
        photos: Photos.optional(),
      })
      .strict(),
  ),
  listAfterSales: def<{ items: AfterSale[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  getAfterSale: def<AfterSale>()(z.object({ afterSaleId: id() }).strict()),
  cancelAfterSale: def<AfterSale>()(z.object({ afterSaleId: id() }).strict()),
  /** what the shop asked for: a note and/or photos (needs_info → requested) */
  supplementAfterSale: def<AfterSale>()(
    z
      .object({ afterSaleId: id(), note: text(200).optional(), photos: Photos.optional() })
      .strict()
      .refine((v) => !!v.note || !!v.photos?.length, 'note or photos'),
  ),
  /** the waybill of the goods sent back (awaiting_return → returning) */
  submitReturnTracking: def<AfterSale>()(z.object({ afterSaleId: id(), tracking: Tracking }).strict()),
};

export const AFTER_SALE_STATES = [
  'requested',
  'needs_info',
  'rejected',
  'cancelled',
  'awaiting_return',
  'returning',
  'refunding',
  'refund_failed',
  'refunded',
  'exchanged',
] as const satisfies readonly AfterSaleState[];

export const afterSaleAdmin = {
  /** the queue, newest move first; `open` = every state staff still have to act on */
  staffListAfterSales: def<{ items: StaffAfterSale[]; total: number }>()(
    z.object({ state: z.union([z.enum(AFTER_SALE_STATES), z.literal('open')]).optional(), page: page().optional() }).strict(),
  ),
  staffGetAfterSale: def<StaffAfterSale>()(z.object({ afterSaleId: id() }).strict()),
  /** a refund: the refund is asked of the platform; a return or exchange: the return address is given */
  approveAfterSale: def<StaffAfterSale>()(z.object({ afterSaleId: id(), returnAddress: ReturnAddressInput.optional() }).strict()),
  /** reject with a reason, or (`ask`) ask the shopper for more */
  rejectAfterSale: def<StaffAfterSale>()(z.object({ afterSaleId: id(), note: text(120, 1), ask: z.boolean().optional() }).strict()),
  /** the goods came back: a return is refunded; an exchange needs the replacement's waybill */
  receiveReturn: def<StaffAfterSale>()(z.object({ afterSaleId: id(), reship: Tracking.optional() }).strict()),
  /** a refund the platform closed is asked for again */
  retryAfterSaleRefund: def<StaffAfterSale>()(z.object({ afterSaleId: id() }).strict()),
  getAfterSaleSettings: def<AfterSaleSettings>()(z.object({}).strict()),
  /** what is given changes; `returnAddress: null` removes the address */
  setAfterSaleSettings: def<AfterSaleSettings>()(
    z
      .object({
        returnAddress: ReturnAddressInput.nullable().optional(),
        afterSaleDays: z.number().int().min(1).max(AFTER_SALE_DAYS_MAX).optional(),
        autoCompleteDays: z.number().int().min(1).max(AUTO_COMPLETE_DAYS_MAX).optional(),
      })
      .strict()
      .refine((v) => Object.keys(v).length > 0, 'nothing to change'),
  ),
};
