import type { ClaimableCoupon } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Coupons (function `coupons`). */
export const listClaimable = async (liveId?: string): Promise<ClaimableCoupon[]> =>
  (await call('coupons', 'listClaimable', liveId ? { liveId } : {})).items;

export const claimCoupon = (templateId: string, requestId = newRequestId()): Promise<{ couponId: string }> =>
  call('coupons', 'claim', { templateId }, { requestId });
