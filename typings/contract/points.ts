import { z } from 'zod';
import { def, id, page, text } from './common';

/** Points (积分), member tiers (会员等级) and the rewards store (积分商城). */

export const TIER_IDS = ['regular', 'silver', 'gold', 'diamond'] as const;
export type TierId = (typeof TIER_IDS)[number];

export interface Tier {
  id: TierId;
  /** 普通会员 / 银卡 / 金卡 / 钻石 */
  name: string;
  /** rolling 12-month paid spend (refunds taken off) that reaches it */
  minSpendFen: number;
  /** points per whole yuan paid, in percent (150 = 1.5 points a yuan) */
  pointsPercent: number;
  /** member prices on the products that have one */
  memberPrice: boolean;
  /** priority access to lives (early entry, priority raffle pool) */
  priorityAccess: boolean;
}

export const PRIVILEGE_KINDS = ['live_priority', 'new_product_trial'] as const;
/** 直播优先入场 · 新品试用 (held by those who got it earlier; no longer offered) */
export type PrivilegeKind = (typeof PRIVILEGE_KINDS)[number];
/**
 * The privileges a reward or a raffle prize may offer: only those with an effect. 直播优先入场 opens
 * live-only coupons early (flows/coupon-claim.ts); 新品试用 has no trial flow, so it is not sold.
 */
export const OFFERED_PRIVILEGES = ['live_priority'] as const;

export interface Privilege {
  kind: PrivilegeKind;
  from: number;
  until: number;
}

export interface PointsBalance {
  balance: number;
  tier: Tier;
  nextTier: Tier | null;
  progress: {
    /** rolling 12-month paid spend */
    spendFen: number;
    /** what the next tier needs; null at the top tier */
    targetFen: number | null;
    /** 0–100 */
    percent: number;
  };
  /** points that expire at the end of this calendar year, if any */
  expiring: { points: number; at: number } | null;
  /** privileges redeemed and in force now (the tier's own benefits are on `tier`) */
  privileges: Privilege[];
  /** the member's nickname and avatar (as `profile` answers), for the member centre's header */
  profile: Profile;
}

export type PointsSource = 'order' | 'refund' | 'promoter' | 'redeem' | 'redeem_undo' | 'expiry' | 'grant' | 'adjust';

export interface PointsEntry {
  _id: string;
  /** + earned, − spent */
  delta: number;
  source: PointsSource;
  /** what it is about: an order id, a reward id, a year */
  ref: string | null;
  label: string;
  createdAt: number;
}

export const REWARD_KINDS = ['privilege', 'coupon', 'product'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface Reward {
  _id: string;
  title: string;
  image: string;
  kind: RewardKind;
  pointsCost: number;
  stock: number;
  privilege: { kind: PrivilegeKind; days: number } | null;
  couponTemplateId: string | null;
  skuId: string | null;
  /** the caller's balance covers it */
  affordable: boolean;
}

export interface Redemption {
  redemptionId: string;
  pointsSpent: number;
  balance: number;
  couponId: string | null;
  privilege: Privilege | null;
  /** product rewards: shipped to this address by staff */
  shipping: { status: 'pending' } | null;
}

/** The member's own face in the mall: the nickname and avatar they chose (WeChat gives neither by itself). */
export interface Profile {
  nickname: string;
  /** a URL the page can show, or null before an avatar was chosen */
  avatarUrl: string | null;
  /** the member set the nickname (else it is the shop's 微信用户xxxx) */
  nicknameSet: boolean;
}

export const points = {
  profile: def<Profile>()(z.object({}).strict()),
  /**
   * The nickname from `<input type="nickname">` (1–20 characters) and/or the avatar from
   * `<button open-type="chooseAvatar">`, uploaded first (uploads/avatar/, see the Storage port)
   */
  setProfile: def<Profile>()(
    z
      .object({
        nickname: z.string().trim().min(1).max(20).optional(),
        avatarFileId: z.string().min(8).max(256).regex(/^(cloud|local):\/\/[A-Za-z0-9_./-]+$/).optional(),
      })
      .strict()
      .refine((v) => v.nickname !== undefined || v.avatarFileId !== undefined, 'nickname or avatarFileId'),
  ),
  balance: def<PointsBalance>()(z.object({}).strict()),
  history: def<{ items: PointsEntry[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  listRewards: def<{ items: Reward[]; balance: number }>()(z.object({}).strict()),
  /** product rewards need the address to ship to */
  redeem: def<Redemption>()(z.object({ rewardId: id(), addressId: id().optional() }).strict()),
};

export const rewardAdmin = {
  createReward: def<{ rewardId: string }>()(
    z
      .object({
        title: text(40, 1),
        image: text(200).optional(),
        kind: z.enum(REWARD_KINDS),
        pointsCost: z.number().int().min(1).max(10_000_000),
        stock: z.number().int().min(0).max(1_000_000),
        /** privilege rewards */
        privilege: z.enum(OFFERED_PRIVILEGES).optional(),
        privilegeDays: z.number().int().min(1).max(366).optional(),
        /** coupon rewards: the template granted */
        couponTemplateId: id().optional(),
        /** product rewards: the SKU shipped */
        skuId: id().optional(),
        sort: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
  ),
  /** every reward (on and off), by `sort` then newest, 20 a page */
  listStaffRewards: def<{ items: StaffReward[]; total: number }>()(z.object({ page: z.number().int().min(1).max(10_000).optional() }).strict()),
  /**
   * A reward's title, points, order and whether it is offered (`off`: no more redemptions, those
   * made stay); stock is set to a count or changed by a signed amount in one conditional update, so
   * redemptions meanwhile keep theirs and it never goes below zero. What it gives stays.
   */
  updateReward: def<StaffReward>()(
    z
      .object({
        rewardId: id(),
        title: text(40, 1).optional(),
        pointsCost: z.number().int().min(1).max(10_000_000).optional(),
        sort: z.number().int().min(0).max(10_000).optional(),
        status: z.enum(['on', 'off']).optional(),
        stock: z.object({ mode: z.enum(['set', 'add']), quantity: z.number().int().min(-1_000_000).max(1_000_000) }).strict().optional(),
      })
      .strict(),
  ),
  /** product rewards to ship (or shipped) */
  listRedemptions: def<{ items: StaffRedemption[]; total: number }>()(
    z.object({ status: z.enum(['pending', 'shipped']), page: z.number().int().min(1).max(10_000).optional() }).strict(),
  ),
  shipRedemption: def<{ status: 'shipped' }>()(
    z.object({ redemptionId: id(), company: text(30, 1), trackingNumber: z.string().min(4).max(40).regex(/^[A-Za-z0-9-]+$/) }).strict(),
  ),
};

/** A product reward as staff see it: who redeemed what, where it goes, whether it shipped. */
/** A reward as staff manage it. */
export interface StaffReward {
  rewardId: string;
  title: string;
  image: string;
  kind: RewardKind;
  pointsCost: number;
  stock: number;
  redeemed: number;
  status: 'on' | 'off';
  sort: number;
  /** what it gives, in words: the coupon's title, the privilege and its days, or the product and spec */
  gives: string;
  createdAt: number;
}

export interface StaffRedemption {
  redemptionId: string;
  userId: string;
  nickname: string;
  rewardTitle: string;
  skuId: string;
  pointsSpent: number;
  address: { userName: string; telNumber: string; provinceName: string; cityName: string; countyName: string; detailInfo: string };
  status: 'pending' | 'shipped';
  tracking: { company: string; number: string } | null;
  createdAt: number;
}
