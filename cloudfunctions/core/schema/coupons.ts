import type { CouponEligibility, CouponRule, CouponScope } from '../../../typings/contract';
import type { BaseDoc } from './base';

/** A coupon template (券模板): the rule, who may claim it, when, how many, and how long coupons last. */
export interface CouponTemplateDoc extends BaseDoc {
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  /** may be combined with other coupons on one order (at most one non-stackable per order) */
  stackable: boolean;
  eligibility: CouponEligibility;
  /** live-only: claimable only while this live is on */
  liveId: string | null;
  totalStock: number;
  /** coupons issued so far (claims and grants): taken by `issued < totalStock` conditional updates */
  issued: number;
  perUserLimit: number;
  claimStart: number | null;
  claimEnd: number | null;
  /** validity: N days after claim (to the end of that Shanghai day), or fixed dates */
  validDays: number | null;
  validFrom: number | null;
  validTo: number | null;
  createdBy: string;
  createdAt: number;
  /** staff stopped shopper claims at this time */
  stoppedAt?: number | null;
}

/**
 * A coupon in a shopper's wallet. The rule is copied from the template when issued, so a claimed
 * coupon keeps the terms it was claimed under.
 *   available → locked (with an unpaid order) → used (paid)
 *   locked → available (order cancelled or expired), used → available (order fully refunded, still valid)
 * Expired is not a state: an available coupon past `validTo`. `pending` is a system grant whose key
 * is claimed but whose slot and stock are still being taken; nobody sees it.
 */
export interface CouponDoc extends BaseDoc {
  templateId: string;
  userId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  stackable: boolean;
  status: 'pending' | 'available' | 'locked' | 'used';
  orderId: string | null;
  lockedAt: number | null;
  usedAt: number | null;
  validFrom: number;
  validTo: number;
  claimedAt: number;
  source: 'claim' | 'grant';
  /** the idempotency key of a system grant */
  grantKey: string | null;
}

/** How many coupons of a template a user has taken, `_id` = templateId:userId: the per-user limit's counter. */
export interface CouponClaimDoc extends BaseDoc {
  templateId: string;
  userId: string;
  count: number;
}

export const claimCounterId = (templateId: string, userId: string) => `${templateId}:${userId}`;
