import type { MyCoupon } from '../../../typings/contract/index';
import type { WalletStatus } from '../../services/coupons';
import { faceText, ruleText, scopeText } from '../../utils/coupon-text';
import { formatDateTime } from '../../utils/time';

/** How a wallet coupon reads; "use now" goes to `useTarget` (utils/coupon-text.ts). */
export { discountText, faceText, scopeText, useTarget } from '../../utils/coupon-text';

/** Each tab, and what its empty state offers: the 领券中心 where there is nothing to use, else shopping. */
export const WALLET_TABS: Array<{ key: WalletStatus; title: string; empty: string; emptyAction: string; emptyPath: string }> = [
  { key: 'available', title: '可使用', empty: '暂无可用优惠券，去领券中心看看吧', emptyAction: '去领券', emptyPath: '/pages/coupon-center/index' },
  { key: 'used', title: '已使用', empty: '还没有用过优惠券', emptyAction: '去逛逛', emptyPath: '/pages/home/index' },
  { key: 'expired', title: '已过期', empty: '没有过期的优惠券', emptyAction: '去逛逛', emptyPath: '/pages/home/index' },
];

export const walletTab = (key: unknown) => WALLET_TABS.find((t) => t.key === key) ?? WALLET_TABS[0];

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
