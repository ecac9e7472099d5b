import { couponActions, repairIssues } from '../modules/coupons';
import { couponClaimActions } from '../flows/coupon-claim';
import { releaseCouponLocks } from '../flows/coupon-locks';
import { defineFunction } from '../kernel/define';

/** The shopper's coupons: what can be claimed (with 直播优先入场), claiming, and the wallet. */
export const coupons = defineFunction('coupons', { ...couponActions, ...couponClaimActions }, { releaseCouponLocks, repairIssues: (ctx) => repairIssues(ctx) });
