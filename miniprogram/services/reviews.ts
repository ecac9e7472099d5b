import type { MyReview, Review, ReviewPointsRule, ReviewSummary } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Reviews (评价, function `mall`): what an order can be reviewed for, writing one, and reading them. */
export interface ReviewableLine {
  skuId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  reviewId: string | null;
}

/** The order's lines with whether each has a review, and the shop's 评价积分 rule. */
export const reviewableLines = (orderId: string): Promise<{ items: ReviewableLine[]; rule: ReviewPointsRule }> => call('mall', 'reviewableLines', { orderId });

export interface ReviewInput {
  orderId: string;
  skuId: string;
  rating: number;
  text: string;
  /** file ids from uploadImage(path, 'review') */
  photos?: string[];
  anonymous?: boolean;
}

/** Submits one line's review; a retry of the same attempt must pass the same requestId. */
export const submitReview = (input: ReviewInput, requestId = newRequestId()): Promise<MyReview> => call('mall', 'submitReview', input, { requestId });

/** A page of a product's visible reviews, newest first, with the product's counts. */
export const listReviews = (productId: string, page = 1, withPhotos = false): Promise<{ items: Review[]; total: number; summary: ReviewSummary }> =>
  call('mall', 'listReviews', withPhotos ? { productId, page, withPhotos } : { productId, page });

export const myReviews = (page = 1): Promise<{ items: MyReview[]; total: number }> => call('mall', 'myReviews', { page });
