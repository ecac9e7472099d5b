import type { Address, CouponOption, OrderLine } from '../../../typings/contract/index';
import type { Preview } from '../../services/orders';
import { NOT_NEEDED_TEXT, REPLACED_TEXT, optionNote, ruleText } from '../../utils/coupon-text';
import { formatYuan, yuan } from '../../utils/money';

/** What the checkout shows, made from the server's preview: the page adds nothing to the sums. */
export interface AddressView {
  _id: string;
  name: string;
  tel: string;
  text: string;
  isDefault: boolean;
}

export const addressText = (a: Pick<Address, 'provinceName' | 'cityName' | 'countyName' | 'detailInfo'>): string =>
  `${a.provinceName} ${a.cityName} ${a.countyName} ${a.detailInfo}`;

export const addressView = (a: Address): AddressView => ({ _id: a._id, name: a.userName, tel: a.telNumber, text: addressText(a), isDefault: a.isDefault });

/** The address to use: the one chosen before while it still exists, else the default (listed first). */
export function pickAddress(addresses: Address[], chosen: string | null): string | null {
  if (chosen && addresses.some((a) => a._id === chosen)) return chosen;
  return addresses[0]?._id ?? null;
}

export interface LineView {
  skuId: string;
  title: string;
  image: string;
  specText: string;
  /** yuan, for van-card */
  price: string;
  /** the SKU price struck through while a live price applies; '' otherwise */
  originPrice: string;
  quantity: number;
  /** "仅剩 2 件" / "已售罄" when the line wants more than is left; '' otherwise */
  stockNote: string;
  /** 每人限购 on the line's SKU: "每人限购 2 件", and what is left when the line wants more; '' without a limit */
  limitNote: string;
  /** the line wants more than its limit leaves */
  overLimit: boolean;
}

/** What a line says when it wants more than is left. */
export const stockNote = (quantity: number, left: number | undefined): string =>
  left === undefined || left >= quantity ? '' : left <= 0 ? '已售罄' : `仅剩 ${left} 件`;

/** What a line under 每人限购 says: the limit, and what the shopper may still buy when the line wants more. */
export function limitNote(quantity: number, limit: { limit: number; left: number } | undefined): string {
  if (!limit) return '';
  if (quantity <= limit.left) return `每人限购 ${limit.limit} 件`;
  return limit.left > 0 ? `每人限购 ${limit.limit} 件，你还可买 ${limit.left} 件` : `每人限购 ${limit.limit} 件，你已买满`;
}

export const lineView = (l: OrderLine, image: string, left?: number, limit?: { limit: number; left: number }): LineView => ({
  skuId: l.skuId,
  title: l.title,
  image,
  specText: Object.values(l.specs).join(' / '),
  price: yuan(l.unitPriceFen),
  originPrice: l.listPriceFen > l.unitPriceFen ? yuan(l.listPriceFen) : '',
  quantity: l.quantity,
  stockNote: stockNote(l.quantity, left),
  limitNote: limitNote(l.quantity, limit),
  overLimit: !!limit && l.quantity > limit.left,
});

export interface Breakdown {
  goodsText: string;
  discounts: Array<{ label: string; amountText: string }>;
  shippingText: string;
  payableFen: number;
  payableText: string;
}

export function breakdown(preview: Preview): Breakdown {
  const p = preview.price;
  return {
    goodsText: formatYuan(p.goodsFen),
    discounts: p.discounts.map((d) => ({ label: d.label, amountText: `-${formatYuan(d.amountFen)}` })),
    shippingText: p.shippingFen === 0 ? '免运费' : formatYuan(p.shippingFen),
    payableFen: p.payableFen,
    payableText: formatYuan(p.payableFen),
  };
}

export interface CouponOptionView {
  couponId: string;
  title: string;
  ruleText: string;
  amountText: string;
  note: string;
  applicable: boolean;
  applied: boolean;
  suggested: boolean;
}

export const couponOptionView = (o: CouponOption, applied: readonly string[]): CouponOptionView => ({
  couponId: o.couponId,
  title: o.title,
  ruleText: ruleText(o.rule),
  amountText: o.applicable && o.amountFen > 0 ? `-${formatYuan(o.amountFen)}` : '',
  note: optionNote(o),
  applicable: o.applicable,
  applied: applied.includes(o.couponId),
  suggested: o.suggested,
});

/** What a tap in the coupon panel asks for: one coupon in or out, no coupon, or the suggested combination. */
export type CouponChoice = { kind: 'toggle'; couponId: string } | { kind: 'none' } | { kind: 'suggested' };

/** The coupons to price the order with after a choice, and what to tell the shopper; null couponIds: no change. */
export interface CouponStep {
  couponIds: string[] | null;
  toast: string;
}

/**
 * The next coupon set from the one the preview applied: an applied coupon tapped leaves alone; an
 * unapplied one joins, and the applied ones its option `replaces` (same template, not stackable,
 * too many) leave for it. The server decides what replaces what; the page only follows it.
 */
export function couponStep(coupons: Preview['coupons'], choice: CouponChoice): CouponStep {
  if (choice.kind === 'none') return { couponIds: [], toast: '' };
  if (choice.kind === 'suggested') return { couponIds: coupons.suggested.length ? [...coupons.suggested] : null, toast: '' };
  const { applied } = coupons;
  const option = coupons.options.find((o) => o.couponId === choice.couponId);
  if (!option || !option.applicable) return { couponIds: null, toast: '' };
  if (applied.includes(option.couponId)) return { couponIds: applied.filter((id) => id !== option.couponId), toast: '' };
  if (option.joinConflict === 'not_needed' && !option.replaces.length) return { couponIds: null, toast: NOT_NEEDED_TEXT };
  const couponIds = [...applied.filter((id) => !option.replaces.includes(id)), option.couponId];
  return { couponIds, toast: option.replaces.length && option.joinConflict ? REPLACED_TEXT[option.joinConflict] : '' };
}

/** The same coupons, in whatever order. */
export const sameCoupons = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id) => b.includes(id));

/** The coupon slot's one line: the saving applied, else how many could apply, else why none. */
export function couponSummary(preview: Preview): string {
  const { coupons, price } = preview;
  const applied = new Set(coupons.applied);
  const saved = price.discounts.filter((d) => applied.has(d.source)).reduce((n, d) => n + d.amountFen, 0);
  if (applied.size > 0) return `-${formatYuan(saved)}`;
  const usable = coupons.options.filter((o) => o.applicable).length;
  if (usable > 0) return `${usable} 张可用`;
  return coupons.options.length ? '暂无可用' : '无优惠券';
}


/** The address form's own check, as the checkout uses it. */
export { addressProblem } from '../../components/address-form/utils';
