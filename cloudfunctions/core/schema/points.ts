import type { PointsSource, PrivilegeKind, RewardKind, TierId } from '../../../typings/contract';
import type { Address } from '../../../typings/contract';
import type { BaseDoc } from './base';

/** A shopper's points balance and tier, `_id` = openid. */
export interface MemberAccountDoc extends BaseDoc {
  /** never negative: every debit is a conditional update `points >= n` */
  points: number;
  /** points earned per Shanghai calendar year (`y2026`), net of refund reversals: what expiry works from */
  earned: Record<string, number>;
  /** points spent or expired, ever: they use up the oldest earned points first */
  debited: number;
  /** the last earning year whose unused points have been expired */
  expiredThrough: number;
  tier: TierId;
  /** rolling 12-month paid spend when the tier was last computed */
  spendFen: number;
  tierComputedAt: number;
  createdAt: number;
}

/** One ledger entry (积分流水), `_id` = its idempotency key (`earn:<orderId>`, `redeem:<redemptionId>`, …). */
export interface PointsEntryDoc extends BaseDoc {
  userId: string;
  delta: number;
  source: PointsSource;
  ref: string | null;
  label: string;
  createdAt: number;
  /** earnings: the Shanghai year they count in (a reversal takes them off the same year) */
  year: number | null;
  /** a refund reversal: points already spent, which could not be taken back */
  shortfall: number;
}

/** A reward in the points store (积分商城). */
export interface RewardDoc extends BaseDoc {
  title: string;
  image: string;
  kind: RewardKind;
  pointsCost: number;
  /** taken by `stock >= 1` conditional updates */
  stock: number;
  redeemed: number;
  privilege: { kind: PrivilegeKind; days: number } | null;
  couponTemplateId: string | null;
  skuId: string | null;
  status: 'on' | 'off';
  sort: number;
  createdBy: string;
  createdAt: number;
}

export interface RedemptionDoc extends BaseDoc {
  /** `pending` while the call redeems (reward unit, points, gift); `done` once given. One a crash left pending is settled by `repairRedemptions`. */
  state: 'pending' | 'done';
  userId: string;
  rewardId: string;
  kind: RewardKind;
  pointsSpent: number;
  couponId: string | null;
  privilegeId: string | null;
  /** product rewards: where and whether it has been shipped */
  shipping: {
    status: 'pending' | 'shipped';
    address: Omit<Address, '_id' | 'isDefault'>;
    skuId: string;
    tracking?: { company: string; number: string } | null;
    shippedAt?: number | null;
  } | null;
  createdAt: number;
}

/** A privilege held for a time (直播优先入场, 新品试用), `_id` = the redemption that gave it. */
export interface PrivilegeDoc extends BaseDoc {
  userId: string;
  kind: PrivilegeKind;
  from: number;
  until: number;
  redemptionId: string;
  createdAt: number;
}
