import type { ReviewState, StaffReview } from '../../typings/contract/index';
import type { Page } from './admin';
import { call, newRequestId } from './call';

/**
 * Review moderation (function `admin`): the queue by state needs `staff.read`; showing, hiding and
 * replying need `marketing.write`.
 */
export const staffListReviews = (state: ReviewState | '', page = 1): Promise<Page<StaffReview>> =>
  call('admin', 'staffListReviews', state ? { state, page } : { page });

/** Shows or hides a review, and/or sets the shop's reply under it (an empty reply removes it). */
export const moderateReview = (reviewId: string, change: { action?: 'show' | 'hide'; reply?: string }, requestId = newRequestId()): Promise<StaffReview> =>
  call('admin', 'moderateReview', { reviewId, ...change }, { requestId });
