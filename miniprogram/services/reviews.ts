import type { MyReview, Review, ReviewSummary } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Reviews (评价, function `mall`): what an order can be reviewed for, writing one, and reading them. */
export interface ReviewableLine {
  skuId: string;
  title: string;
  image: string;
  specs: Record<string, string>;
  reviewId: string | null;
}

export const reviewableLines = async (orderId: string): Promise<ReviewableLine[]> => (await call('mall', 'reviewableLines', { orderId })).items;

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
