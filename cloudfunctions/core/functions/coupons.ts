import { couponActions } from '../modules/coupons';
import { releaseCouponLocks } from '../flows/coupon-locks';
import { defineFunction } from '../kernel/define';

/** The shopper's coupons: what can be claimed, claiming, and the wallet. */
export const coupons = defineFunction('coupons', couponActions, { releaseCouponLocks });
