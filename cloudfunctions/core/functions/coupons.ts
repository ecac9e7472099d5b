import { couponActions } from '../domain/coupons/actions';
import { releaseCouponLocks } from '../domain/coupons/locks';
import { defineFunction } from '../kernel/define';

/** The shopper's coupons: what can be claimed, claiming, and the wallet. */
export const coupons = defineFunction('coupons', couponActions, { releaseCouponLocks });
