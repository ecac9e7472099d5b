import type { CouponConflict, CouponOption, CouponRejection, CouponRule } from '../../typings/contract/index';
import { formatYuan } from './money';

/** Coupon wording for the checkout: what a rule gives and why a coupon does not apply. */
const offText = (percentOff: number): string => {
  const tenths = 100 - percentOff; // 20% off → 80 → 8折
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}折`;
};

export function ruleText(rule: CouponRule): string {
  switch (rule.kind) {
    case 'no_threshold':
      return `无门槛减${formatYuan(rule.valueFen)}`;
    case 'threshold':
      return rule.tiers.map((t) => `满${formatYuan(t.thresholdFen)}减${formatYuan(t.valueFen)}`).join('，');
    case 'discount':
    case 'related': {
      const parts = [rule.kind === 'related' ? `回购${offText(rule.percentOff)}` : offText(rule.percentOff)];
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

const CONFLICT_TEXT: Record<CouponConflict, string> = {
  not_stackable: '不可与所选优惠券同时使用',
  same_template: '同类券每单限用一张',
  too_many: '每单最多使用 3 张',
  not_needed: '已达最大优惠',
};

/** Why an option is not part of the order, or '' when it can be chosen as it is. */
export function optionNote(option: Pick<CouponOption, 'applicable' | 'reason' | 'shortFen' | 'conflict'>): string {
  if (!option.applicable) {
    if (option.reason === 'below_threshold' && option.shortFen) return `还差${formatYuan(option.shortFen)}可用`;
    return option.reason ? REJECTION_TEXT[option.reason] : '不可用';
  }
  return option.conflict ? CONFLICT_TEXT[option.conflict] : '';
}
