import { grantCoupon } from '../../cloudfunctions/core/modules/coupons/issue';
import { WELCOME_TEMPLATE_ID } from '../../cloudfunctions/core/modules/coupons/welcome';
import type { CouponTemplateDoc } from '../../cloudfunctions/core/schema';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { pointsOnPaid } from '../../cloudfunctions/core/modules/points/members';
import type { RewardDoc } from '../../cloudfunctions/core/schema';
import { SPEND_STATUSES } from '../../cloudfunctions/core/modules/orders/state';
import { DAY } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';

/**
 * The demo shop's coupons, member prices, rewards and points: tonight's live-only coupon, a 满减,
 * an 8折 with a cap, a related coupon (bought foundation → powder 20% off), the new-member pack,
 * the first-arrival 新人无门槛券,
 * the rewards store, and demo-shopper's points from their orders with two coupons in the wallet.
 */
export const TEMPLATE_LIVE_50 = 'tpl-live-50';
export const TEMPLATE_199_30 = 'tpl-199-30';
export const TEMPLATE_20_OFF = 'tpl-20-off';
export const TEMPLATE_POWDER = 'tpl-powder-related';
export const TEMPLATE_NEW_MEMBER = 'tpl-new-member';
export const TEMPLATE_REWARD_10 = 'tpl-reward-10';
/** every new user's 新人礼, granted on their first call (`modules/coupons/welcome.ts`) */
export const TEMPLATE_WELCOME = WELCOME_TEMPLATE_ID;

type TemplateSeed = Omit<CouponTemplateDoc, 'issued' | 'createdBy' | 'createdAt' | 'claimStart' | 'claimEnd' | 'validFrom' | 'validTo' | 'stackable' | 'liveId' | 'eligibility' | 'scope'> &
  Partial<Pick<CouponTemplateDoc, 'claimStart' | 'claimEnd' | 'validFrom' | 'validTo' | 'stackable' | 'liveId' | 'eligibility' | 'scope'>>;

const TEMPLATES = (liveId: string): TemplateSeed[] => [
  {
    _id: TEMPLATE_LIVE_50,
    title: '直播间专享 50 元无门槛券',
    rule: { kind: 'no_threshold', valueFen: 5000 },
    liveId,
    totalStock: 100,
    perUserLimit: 1,
    validDays: 7,
  },
  { _id: TEMPLATE_199_30, title: '满 199 减 30', rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] }, totalStock: 1000, perUserLimit: 2, validDays: 30 },
  {
    _id: TEMPLATE_20_OFF,
    title: '全场 8 折（最高减 30 元）',
    rule: { kind: 'discount', percentOff: 20, capFen: 3000, thresholdFen: 0 },
    totalStock: 500,
    perUserLimit: 1,
    validDays: 14,
  },
  {
    _id: TEMPLATE_POWDER,
    title: '买过粉底液，散粉 8 折',
    rule: { kind: 'related', percentOff: 20, capFen: null, thresholdFen: 0, boughtProductIds: ['p-foundation'] },
    scope: { productIds: ['p-powder'], categoryIds: [] },
    totalStock: 300,
    perUserLimit: 1,
    validDays: 30,
  },
  {
    _id: TEMPLATE_NEW_MEMBER,
    title: '新人礼：满 99 减 20',
    rule: { kind: 'threshold', tiers: [{ thresholdFen: 9900, valueFen: 2000 }] },
    eligibility: 'system',
    totalStock: 100_000,
    perUserLimit: 1,
    validDays: 7,
  },
  {
    _id: TEMPLATE_WELCOME,
    title: '新人无门槛券',
    rule: { kind: 'no_threshold', valueFen: 1000 },
    eligibility: 'system',
    totalStock: 1_000_000,
    perUserLimit: 1,
    validDays: 7,
  },
  {
    _id: TEMPLATE_REWARD_10,
    title: '积分兑换 10 元无门槛券（可叠加）',
    rule: { kind: 'no_threshold', valueFen: 1000 },
    eligibility: 'system',
    stackable: true,
    totalStock: 10_000,
    perUserLimit: 20,
    validDays: 30,
  },
];

const REWARDS: Array<Omit<RewardDoc, 'redeemed' | 'status' | 'createdBy' | 'createdAt'>> = [
  { _id: 'rw-coupon-10', title: '10 元无门槛券', image: '/assets/banner/reward-coupon.svg', kind: 'coupon', pointsCost: 500, stock: 1000, privilege: null, couponTemplateId: TEMPLATE_REWARD_10, skuId: null, sort: 0 },
  { _id: 'rw-live-priority', title: '直播优先入场 30 天', image: '/assets/banner/reward-priority.svg', kind: 'privilege', pointsCost: 300, stock: 500, privilege: { kind: 'live_priority', days: 30 }, couponTemplateId: null, skuId: null, sort: 1 },
  { _id: 'rw-lipbalm', title: '润唇膏 4g', image: '/assets/p/p-lipbalm.svg', kind: 'product', pointsCost: 1200, stock: 100, privilege: null, couponTemplateId: null, skuId: 'p-lipbalm-1', sort: 2 },
];

/** 会员价 on a few SKUs, for tiers that have member prices. */
const MEMBER_PRICES: Array<[skuId: string, memberPriceFen: number]> = [
  ['p-essence-1', 29900],
  ['p-eyecream-1', 19900],
  ['p-gift-skin-1', 54900],
];

/** Every paid demo order has earned its points and moved its buyer's tier, at the time it was paid. Idempotent. */
export async function seedOrderPoints(ports: Ports): Promise<void> {
  const paid = await ports.db.collection('orders').find({ status: { $in: [...SPEND_STATUSES] } }, { sort: [['paidAt', 'asc']] });
  for (const order of paid) await pointsOnPaid(ports.db, order, order.paidAt ?? ports.clock.now());
}

export async function seedMarketing(ports: Ports, o: { liveId: string; shopper: string; staff: string }): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();
  for (const t of TEMPLATES(o.liveId)) {
    await db.collection('coupon_templates').insert({
      scope: { productIds: [], categoryIds: [] },
      stackable: false,
      eligibility: 'anyone',
      liveId: null,
      claimStart: null,
      claimEnd: null,
      validFrom: null,
      validTo: null,
      ...t,
      issued: 0,
      createdBy: o.staff,
      createdAt: now - DAY,
    });
  }
  for (const r of REWARDS) {
    await db.collection('rewards').insert({ ...r, redeemed: 0, status: 'on', createdBy: o.staff, createdAt: now - DAY });
  }
  for (const [skuId, memberPriceFen] of MEMBER_PRICES) {
    await db.collection('skus').update({ _id: skuId }, { $set: { memberPriceFen } });
  }

  await seedOrderPoints(ports);
  await awardPoints(db, { userId: o.shopper, key: `promoter:seed:${o.shopper}`, amount: 50, ref: null, label: '邀请好友观看直播', now: now - 10 * DAY });

  await grantCoupon(db, { templateId: TEMPLATE_199_30, userId: o.shopper, key: `seed:${o.shopper}:199-30`, now: now - 2 * DAY });
  await grantCoupon(db, { templateId: TEMPLATE_POWDER, userId: o.shopper, key: `seed:${o.shopper}:powder`, now: now - 2 * DAY });
}
