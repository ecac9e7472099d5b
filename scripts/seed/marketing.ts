import { grantCoupon } from '../../cloudfunctions/core/modules/coupons/issue';
import { WELCOME_TEMPLATE_ID } from '../../cloudfunctions/core/modules/coupons/welcome';
import type { InputFor } from '../../typings/contract';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { pointsOnPaid } from '../../cloudfunctions/core/modules/points/members';
import { SPEND_STATUSES } from '../../cloudfunctions/core/modules/orders/state';
import { DAY } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';
import type { SeedStaff } from './staff';

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

type TemplateInput = InputFor<'admin', 'createCouponTemplate'>;

const TEMPLATES = (liveId: string): Array<[id: string, input: TemplateInput]> => [
  [TEMPLATE_LIVE_50, { title: '直播间专享 50 元无门槛券', kind: 'no_threshold', valueFen: 5000, liveId, totalStock: 100, perUserLimit: 1, validDays: 7 }],
  [TEMPLATE_199_30, { title: '满 199 减 30', kind: 'threshold', thresholdFen: 19900, valueFen: 3000, totalStock: 1000, perUserLimit: 2, validDays: 30 }],
  [TEMPLATE_20_OFF, { title: '全场 8 折（最高减 30 元）', kind: 'discount', percentOff: 20, capFen: 3000, totalStock: 500, perUserLimit: 1, validDays: 14 }],
  [
    TEMPLATE_POWDER,
    { title: '买过粉底液，散粉 8 折', kind: 'related', percentOff: 20, relatedProductIds: ['p-foundation'], scope: { productIds: ['p-powder'] }, totalStock: 300, perUserLimit: 1, validDays: 30 },
  ],
  [TEMPLATE_NEW_MEMBER, { title: '新人礼：满 99 减 20', kind: 'threshold', thresholdFen: 9900, valueFen: 2000, eligibility: 'system', totalStock: 100_000, perUserLimit: 1, validDays: 7 }],
  [TEMPLATE_WELCOME, { title: '新人无门槛券', kind: 'no_threshold', valueFen: 1000, eligibility: 'system', totalStock: 1_000_000, perUserLimit: 1, validDays: 7 }],
  [TEMPLATE_REWARD_10, { title: '积分兑换 10 元无门槛券（可叠加）', kind: 'no_threshold', valueFen: 1000, eligibility: 'system', stackable: true, totalStock: 10_000, perUserLimit: 20, validDays: 30 }],
];

const REWARDS: Array<[id: string, input: InputFor<'admin', 'createReward'>]> = [
  ['rw-coupon-10', { title: '10 元无门槛券', image: '/assets/banner/reward-coupon.svg', kind: 'coupon', pointsCost: 500, stock: 1000, couponTemplateId: TEMPLATE_REWARD_10, sort: 0 }],
  ['rw-live-priority', { title: '直播优先入场 30 天', image: '/assets/banner/reward-priority.svg', kind: 'privilege', pointsCost: 300, stock: 500, privilege: 'live_priority', privilegeDays: 30, sort: 1 }],
  ['rw-lipbalm', { title: '润唇膏 4g', image: '/assets/p/p-lipbalm.svg', kind: 'product', pointsCost: 1200, stock: 100, skuId: 'p-lipbalm-1', sort: 2 }],
];

/** Every paid demo order has earned its points and moved its buyer's tier, at the time it was paid. Idempotent. */
export async function seedOrderPoints(ports: Ports): Promise<void> {
  const paid = await ports.db.collection('orders').find({ status: { $in: [...SPEND_STATUSES] } }, { sort: [['paidAt', 'asc']] });
  for (const order of paid) await pointsOnPaid(ports.db, order, order.paidAt ?? ports.clock.now());
}

export async function seedMarketing(ports: Ports, call: SeedStaff, o: { liveId: string; shopper: string }): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();
  // made by the shop's staff a day ago
  for (const [id, input] of TEMPLATES(o.liveId)) {
    await call('createCouponTemplate', input, [id]);
    await db.collection('coupon_templates').update({ _id: id }, { $set: { createdAt: now - DAY } });
  }
  for (const [id, input] of REWARDS) {
    await call('createReward', input, [id]);
    await db.collection('rewards').update({ _id: id }, { $set: { createdAt: now - DAY } });
  }

  await seedOrderPoints(ports);
  await awardPoints(db, { userId: o.shopper, key: `promoter:seed:${o.shopper}`, amount: 50, ref: null, label: '邀请好友观看直播', now: now - 10 * DAY });

  await grantCoupon(db, { templateId: TEMPLATE_199_30, userId: o.shopper, key: `seed:${o.shopper}:199-30`, now: now - 2 * DAY });
  await grantCoupon(db, { templateId: TEMPLATE_POWDER, userId: o.shopper, key: `seed:${o.shopper}:powder`, now: now - 2 * DAY });
}
