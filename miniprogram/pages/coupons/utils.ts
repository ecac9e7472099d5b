import type { CouponRule, CouponScope, MyCoupon } from '../../../typings/contract/index';
import type { WalletStatus } from '../../services/coupons';
import { ruleText } from '../../utils/coupon-text';
import { formatYuan } from '../../utils/money';
import { formatDateTime } from '../../utils/time';

/** How a wallet coupon reads, and where "use now" takes the shopper. */

export const WALLET_TABS: Array<{ key: WalletStatus; title: string; empty: string }> = [
  { key: 'available', title: '可使用', empty: '暂无可用优惠券，去直播间和首页领券吧' },
  { key: 'used', title: '已使用', empty: '还没有用过优惠券' },
  { key: 'expired', title: '已过期', empty: '没有过期的优惠券' },
];

export const walletTab = (key: unknown) => WALLET_TABS.find((t) => t.key === key) ?? WALLET_TABS[0];

/** 20% off → "8折", 15% off → "8.5折" */
export const discountText = (percentOff: number): string => {
  const tenths = 100 - percentOff;
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`;
};

/** The big figure on the coupon: the amount off in yuan, or the discount. */
export function faceText(rule: CouponRule): string {
  switch (rule.kind) {
    case 'no_threshold':
      return formatYuan(rule.valueFen);
    case 'threshold':
      return formatYuan(Math.max(...rule.tiers.map((t) => t.valueFen)));
    case 'discount':
    case 'related':
      return discountText(rule.percentOff);
  }
}

export function scopeText(scope: CouponScope): string {
  if (scope.productIds.length) return '指定商品可用';
  if (scope.categoryIds.length) return '指定分类可用';
  return '全场通用';
}

const day = (ms: number) => formatDateTime(ms).slice(0, 10);

export interface CouponCard {
  _id: string;
  title: string;
  face: string;
  ruleText: string;
  scopeText: string;
  validText: string;
  /** why it cannot be used now, or '' */
  stateText: string;
  /** available and not held by an unpaid order */
  usable: boolean;
  /** held by this unpaid order */
  orderId: string;
  stackable: boolean;
}

export function couponCard(c: MyCoupon): CouponCard {
  let stateText = '';
  if (c.status === 'locked') stateText = '待支付订单占用中';
  else if (c.status === 'used') stateText = c.usedAt !== null ? `已于 ${day(c.usedAt)} 使用` : '已使用';
  else if (c.status === 'expired') stateText = '已过期';
  return {
    _id: c._id,
    title: c.title,
    face: faceText(c.rule),
    ruleText: ruleText(c.rule),
    scopeText: scopeText(c.scope),
    validText: `${day(c.validFrom)} 至 ${day(c.validTo)}`,
    stateText,
    usable: c.status === 'available',
    orderId: c.status === 'locked' && c.orderId ? c.orderId : '',
    stackable: c.stackable,
  };
}

/**
 * Where "use now" goes: the one product it is for, else its first category (or first product), else
 * the home page for a coupon good on everything.
 */
export function useTarget(scope: CouponScope): string {
  if (scope.productIds.length === 1) return `/pages/product/index?id=${encodeURIComponent(scope.productIds[0])}`;
  if (scope.categoryIds.length) return `/pages/category/index?id=${encodeURIComponent(scope.categoryIds[0])}`;
  if (scope.productIds.length) return `/pages/product/index?id=${encodeURIComponent(scope.productIds[0])}`;
  return '/pages/home/index';
}
