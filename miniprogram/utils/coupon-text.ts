import type { CouponConflict, CouponOption, CouponRejection, CouponRule, CouponScope } from '../../typings/contract/index';
import { MAX_COUPONS_PER_ORDER } from './generated/limits';
import { formatYuan } from './money';

/** Coupon wording (wallet, coupon centre, checkout): what a rule gives, where it applies, why it does not. */

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

export function ruleText(rule: CouponRule): string {
  switch (rule.kind) {
    case 'no_threshold':
      return `无门槛减${formatYuan(rule.valueFen)}`;
    case 'threshold':
      return rule.tiers.map((t) => `满${formatYuan(t.thresholdFen)}减${formatYuan(t.valueFen)}`).join('，');
    case 'discount':
    case 'related': {
      const parts = [rule.kind === 'related' ? `回购${discountText(rule.percentOff)}` : discountText(rule.percentOff)];
      if (rule.thresholdFen > 0) parts.push(`满${formatYuan(rule.thresholdFen)}可用`);
      if (rule.capFen !== null) parts.push(`最高减${formatYuan(rule.capFen)}`);
      return parts.join('，');
    }
  }
}

const REJECTION_TEXT: Record<CouponRejection, string> = {
  not_started: '未到使用时间',
  expired: '已过期',
  used: '已使用',
  locked: '已被未支付的订单占用',
  out_of_scope: '所选商品不可用',
  below_threshold: '未达到使用门槛',
  not_bought_before: '需购买过指定商品',
  no_saving: '当前订单无优惠',
};

/** Why an applicable coupon does not join the chosen ones as they are, and what choosing it does. */
const JOIN_TEXT: Record<CouponConflict, string> = {
  not_stackable: '与已选券不可叠加，选用将替换',
  same_template: '同类券每单限用一张，选用将替换',
  too_many: `每单最多使用 ${MAX_COUPONS_PER_ORDER} 张，选用将替换`,
  not_needed: '选用将替换已选券',
};

/** The toast after a coupon replaced some of the chosen ones. */
export const REPLACED_TEXT: Record<CouponConflict, string> = {
  not_stackable: '已替换不可叠加的券',
  same_template: '已替换同类券',
  too_many: `每单最多使用 ${MAX_COUPONS_PER_ORDER} 张，已替换优惠最少的券`,
  not_needed: '已替换无需再用的券',
};

/** An applicable coupon that would take nothing more beside the chosen ones. */
export const NOT_NEEDED_TEXT = '已达最大优惠，无需再用';

/**
 * Why an option is not part of the order, or '' when it can be chosen as it is; for an applicable
 * one, against the coupons the order has now (the preview's `joinConflict` and `replaces`).
 */
export function optionNote(option: Pick<CouponOption, 'applicable' | 'reason' | 'shortFen' | 'joinConflict' | 'replaces'>): string {
  if (!option.applicable) {
    if (option.reason === 'below_threshold' && option.shortFen) return `还差${formatYuan(option.shortFen)}可用`;
    return option.reason ? REJECTION_TEXT[option.reason] : '不可用';
  }
  if (!option.joinConflict) return '';
  return option.joinConflict === 'not_needed' && !option.replaces.length ? NOT_NEEDED_TEXT : JOIN_TEXT[option.joinConflict];
}
