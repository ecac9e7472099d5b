import type { ClaimableCoupon, MyCoupon } from '../../../typings/contract/index';
import { faceText, ruleText, scopeText } from '../../utils/coupon-text';
import { formatDateTime } from '../../utils/time';

/** How the 领券中心 reads: each template as a card with its one action, and the new-member coupon. */

/** What a card's button does: claim it, open where it applies, or nothing (a state shown greyed). */
export type CardAction = 'claim' | 'use' | 'none';

export interface CenterCard {
  templateId: string;
  title: string;
  face: string;
  ruleText: string;
  scopeText: string;
  validText: string;
  /** 已领 N 张, or '' */
  claimedText: string;
  action: CardAction;
  actionText: string;
  /** greyed: sold out, over, not yet open, not for the caller */
  off: boolean;
}

const day = (ms: number) => formatDateTime(ms).slice(0, 10);

/** "领取后 7 天内有效", or the template's fixed dates. */
export function validityText(c: Pick<ClaimableCoupon, 'validDays' | 'validFrom' | 'validTo'>): string {
  if (c.validDays !== null) return `领取后 ${c.validDays} 天内有效`;
  if (c.validTo === null) return '';
  return c.validFrom !== null ? `${day(c.validFrom)} 至 ${day(c.validTo)}` : `${day(c.validTo)} 前有效`;
}

/** The button: 立即领取 while a claim can succeed; 去使用 once the caller holds all they may; else why not. */
function actionOf(c: ClaimableCoupon): { action: CardAction; actionText: string; off: boolean } {
  if (c.claimable) return { action: 'claim', actionText: '立即领取', off: false };
  switch (c.reason) {
    case 'limit_reached':
      return { action: 'use', actionText: '去使用', off: false };
    case 'sold_out':
      return { action: 'none', actionText: '已抢光', off: true };
    case 'not_started':
      return { action: 'none', actionText: c.claimStart !== null ? `${formatDateTime(c.claimStart).slice(5)} 开抢` : '即将开抢', off: true };
    case 'ended':
      return { action: 'none', actionText: '已结束', off: true };
    default:
      return { action: 'none', actionText: '暂不可领', off: true };
  }
}

export function centerCard(c: ClaimableCoupon): CenterCard {
  return {
    templateId: c.templateId,
    title: c.title,
    face: faceText(c.rule),
    ruleText: ruleText(c.rule),
    scopeText: scopeText(c.scope),
    validText: validityText(c),
    claimedText: c.claimed > 0 ? (c.perUserLimit > 1 ? `已领 ${c.claimed} 张` : '已领取') : '',
    ...actionOf(c),
  };
}

export interface WelcomeCard {
  couponId: string;
  title: string;
  face: string;
  ruleText: string;
  validText: string;
  /** still in the wallet to use */
  usable: boolean;
  stateText: string;
}

/** The new-member coupon the caller was given on arrival: already in the wallet, nothing to claim. */
export function welcomeCard(c: MyCoupon): WelcomeCard {
  const stateText = c.status === 'available' ? '已放入卡包' : c.status === 'expired' ? '已过期' : '已使用';
  return {
    couponId: c._id,
    title: c.title,
    face: faceText(c.rule),
    ruleText: ruleText(c.rule),
    validText: `${day(c.validFrom)} 至 ${day(c.validTo)}`,
    usable: c.status === 'available',
    stateText,
  };
}
