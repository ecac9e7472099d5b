import type { ClaimableCoupon, MyCoupon } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Coupons (function `coupons`). */
export const listClaimable = async (liveId?: string): Promise<ClaimableCoupon[]> =>
  (await call('coupons', 'listClaimable', liveId ? { liveId } : {})).items;

/** The 领券中心: the shop's coupons (with a product, those that cover it) and the caller's new-member coupon. */
export const couponCenter = (productId?: string): Promise<{ items: ClaimableCoupon[]; welcome: MyCoupon | null }> =>
  call('coupons', 'listClaimable', productId ? { productId } : {});

export const claimCoupon = (templateId: string, requestId = newRequestId()): Promise<{ couponId: string }> =>
  call('coupons', 'claim', { templateId }, { requestId });

/** The wallet tabs listMine takes; `available` includes coupons held by an unpaid order (status `locked`). */
export type WalletStatus = 'available' | 'used' | 'expired';

/** The caller's coupons in one wallet tab, 20 a page. */
export const listMyCoupons = (status: WalletStatus, page = 1): Promise<{ items: MyCoupon[]; total: number }> =>
  call('coupons', 'listMine', { status, page });
