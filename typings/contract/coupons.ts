import { z } from 'zod';
import { def, epochMs, fen, id, page, text } from './common';
import { MAX_COUPONS_PER_ORDER } from './limits';

/**
 * Coupons (优惠券): templates staff create, coupons shoppers claim or the system grants, and the
 * checkout view of a shopper's wallet. All money in fen, all times epoch ms.
 */

export const COUPON_KINDS = ['no_threshold', 'threshold', 'discount', 'related'] as const;
/** 无门槛 no threshold · 满减 threshold (tiers allowed) · 折扣 percentage off with a cap · 关联 bought A before → B off */
export type CouponKind = (typeof COUPON_KINDS)[number];

/**
 * Who may claim a template: anyone; a live's reservers, viewers or fan-group joiners (filled in by
 * the features that record those); or nobody: `system` templates are only granted (new-member
 * pack, post-live, raffle prize, fission gift, rewards store).
 */
export const COUPON_ELIGIBILITIES = ['anyone', 'reservers', 'viewers', 'group_join', 'system'] as const;
export type CouponEligibility = (typeof COUPON_ELIGIBILITIES)[number];

export interface CouponTier {
  /** reached when the in-scope amount is at least this (满 X) */
  thresholdFen: number;
  /** off (减 Y) */
  valueFen: number;
}

/** The discount rule a coupon carries, copied from its template when issued. */
export type CouponRule =
  | { kind: 'no_threshold'; valueFen: number }
  | { kind: 'threshold'; tiers: CouponTier[] }
  | { kind: 'discount'; percentOff: number; capFen: number | null; thresholdFen: number }
  | { kind: 'related'; percentOff: number; capFen: number | null; thresholdFen: number; boughtProductIds: string[] };

/** Lines a coupon counts: those whose product or category is listed; both empty means every line. */
export interface CouponScope {
  productIds: string[];
  categoryIds: string[];
}

/** Why a template cannot be claimed by the caller now, in the order claim checks them. */
export type ClaimBlock = 'not_started' | 'ended' | 'not_eligible' | 'limit_reached' | 'sold_out';

export interface ClaimableCoupon {
  templateId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  stackable: boolean;
  eligibility: CouponEligibility;
  /** live-only: claimable only while this live is on */
  liveId: string | null;
  claimStart: number | null;
  claimEnd: number | null;
  /** validity: `validDays` after claim, or the fixed `validFrom`–`validTo` */
  validDays: number | null;
  validFrom: number | null;
  validTo: number | null;
  totalStock: number;
  remaining: number;
  perUserLimit: number;
  /** how many the caller has claimed */
  claimed: number;
  claimable: boolean;
  reason: ClaimBlock | null;
  /** claimable now only through the caller's 直播优先入场 (before the live starts) */
  early: boolean;
}

export type CouponStatus = 'available' | 'locked' | 'used' | 'expired';

export interface MyCoupon {
  _id: string;
  templateId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  stackable: boolean;
  /** `locked`: held by an unpaid order (`orderId`) until it is paid, cancelled or expires */
  status: CouponStatus;
  validFrom: number;
  validTo: number;
  claimedAt: number;
  usedAt: number | null;
  orderId: string | null;
  source: 'claim' | 'grant';
}

/** Why a coupon does not apply to an order on its own. */
export type CouponRejection =
  | 'not_started'
  | 'expired'
  | 'used'
  | 'locked'
  | 'out_of_scope'
  | 'below_threshold'
  | 'not_bought_before'
  | 'no_saving';

/** Why an applicable coupon is left out of a combination. */
export type CouponConflict = 'not_stackable' | 'same_template' | 'too_many' | 'not_needed';

export interface CouponOption {
  couponId: string;
  templateId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  stackable: boolean;
  validTo: number;
  /** what it takes off on its own (0 when it does not apply) */
  amountFen: number;
  applicable: boolean;
  reason: CouponRejection | null;
  /** below_threshold: how much more in scope would reach it */
  shortFen: number | null;
  /** part of the suggested (best) combination */
  suggested: boolean;
  /** applicable but left out of the suggestion, and why */
  conflict: CouponConflict | null;
  /** applicable, not applied, and why it does not join the applied coupons as they are (null when it joins as it is) */
  joinConflict: CouponConflict | null;
  /** the applied coupons that leave when it is chosen (not_stackable, same_template, too_many) */
  replaces: string[];
}

/** The checkout's coupon panel: what is applied, what is best, and every wallet coupon with its reason. */
export interface CheckoutCoupons {
  applied: string[];
  suggested: string[];
  suggestedFen: number;
  options: CouponOption[];
}

export { MAX_COUPONS_PER_ORDER };

const scopeInput = () =>
  z
    .object({
      productIds: z.array(id()).max(100).optional(),
      categoryIds: z.array(id()).max(20).optional(),
    })
    .strict();

export const coupons = {
  /** templates the caller may claim now (or soon), with their claimed count and what blocks a claim */
  /**
   * Without input, the shop's 领券中心 (with `welcome`, the caller's new-member coupon); `liveId`: that
   * live's templates; `productId`: of those (the shop's without `liveId`), the ones whose scope covers
   * the product (its hints)
   */
  listClaimable: def<{ items: ClaimableCoupon[]; welcome: MyCoupon | null }>()(
    z.object({ liveId: id().optional(), productId: id().optional() }).strict(),
  ),
  claim: def<{ couponId: string }>()(z.object({ templateId: id() }).strict()),
  listMine: def<{ items: MyCoupon[]; total: number }>()(
    z.object({ status: z.enum(['available', 'used', 'expired']), page: page().optional() }).strict(),
  ),
};

/** A template as staff see it in the list. */
export interface StaffCouponTemplate {
  templateId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  eligibility: CouponEligibility;
  liveId: string | null;
  stackable: boolean;
  totalStock: number;
  issued: number;
  perUserLimit: number;
  claimStart: number | null;
  claimEnd: number | null;
  /** claims stopped by staff at this time (system grants still go through) */
  stoppedAt: number | null;
  createdAt: number;
}

export const couponAdmin = {
  listCouponTemplates: def<{ items: StaffCouponTemplate[]; total: number }>()(
    z.object({ liveId: id().optional(), page: z.number().int().min(1).max(10_000).optional() }).strict(),
  ),
  /** no more shopper claims from now; coupons already in wallets stay valid */
  stopCouponTemplate: def<{ stoppedAt: number }>()(z.object({ templateId: id() }).strict()),
  /**
   * changes what may change once a template exists: its name, stock (never below what is issued),
   * per-user limit and the end of claiming; rule, scope, validity, live and who may claim stay
   */
  updateCouponTemplate: def<StaffCouponTemplate>()(
    z
      .object({
        templateId: id(),
        title: text(40, 1).optional(),
        totalStock: z.number().int().min(1).max(10_000_000).optional(),
        perUserLimit: z.number().int().min(1).max(100).optional(),
        claimEnd: epochMs().nullable().optional(),
      })
      .strict(),
  ),
  createCouponTemplate: def<{ templateId: string }>()(
    z
      .object({
        title: text(40, 1),
        kind: z.enum(COUPON_KINDS),
        /** no_threshold: off; threshold: off for the single tier */
        valueFen: fen().optional(),
        /** threshold: the single tier's 满 X; discount / related: minimum in-scope amount */
        thresholdFen: fen().optional(),
        /** threshold: several tiers instead of thresholdFen + valueFen */
        tiers: z.array(z.object({ thresholdFen: fen(), valueFen: fen() }).strict()).min(1).max(5).optional(),
        /** discount / related: whole percent off (8折 = 20) */
        percentOff: z.number().int().min(1).max(99).optional(),
        /** discount / related: most it takes off */
        capFen: fen().optional(),
        /** related: products bought before (any of them) */
        relatedProductIds: z.array(id()).min(1).max(20).optional(),
        scope: scopeInput().optional(),
        totalStock: z.number().int().min(1).max(10_000_000),
        perUserLimit: z.number().int().min(1).max(100),
        claimStart: epochMs().optional(),
        claimEnd: epochMs().optional(),
        validDays: z.number().int().min(1).max(366).optional(),
        validFrom: epochMs().optional(),
        validTo: epochMs().optional(),
        liveId: id().optional(),
        eligibility: z.enum(COUPON_ELIGIBILITIES).optional(),
        /** the live-room form of `eligibility: 'group_join'`: joined the fan group or added WeCom through the live */
        requires: z.enum(['group_join']).optional(),
        stackable: z.boolean().optional(),
      })
      .strict(),
  ),
};
