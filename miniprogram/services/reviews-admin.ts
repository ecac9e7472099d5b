import type { ReviewPointsRule, ReviewState, StaffReview } from '../../typings/contract/index';
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

/** The shop's 评价积分 rule (staff.read). */
export const getReviewRule = (): Promise<ReviewPointsRule> => call('admin', 'getReviewRule', {});

/** Sets the 评价积分 rule for reviews written from now on (marketing.write). */
export const setReviewRule = (rule: ReviewPointsRule, requestId = newRequestId()): Promise<ReviewPointsRule> => call('admin', 'setReviewRule', rule, { requestId });
