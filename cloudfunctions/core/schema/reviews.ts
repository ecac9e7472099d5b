import type { BaseDoc } from './base';
import type { ReviewState } from '../../../typings/contract';

export type CheckVerdict = 'pass' | 'review' | 'risky';

/** A review of one order line (modules/reviews). `photos` are file ids; `checks` the content check of the text and of each photo. */
export interface ReviewDoc extends BaseDoc {
  orderId: string;
  userId: string;
  productId: string;
  skuId: string;
  title: string;
  specs: Record<string, string>;
  rating: number;
  text: string;
  photos: string[];
  hasPhotos: boolean;
  anonymous: boolean;
  /** the author's nickname when written (shown masked) */
  nickname: string;
  state: ReviewState;
  checks: { text: CheckVerdict; photos: Array<CheckVerdict | 'checking'> };
  reply: string;
  /** the points it earned */
  points: number;
  createdAt: number;
  updatedAt: number;
}

/** A product's visible reviews, kept with every move in or out of visible. */
export interface ReviewStatsDoc extends BaseDoc {
  count: number;
  withPhotos: number;
  ratingSum: number;
}

/** An image with WeChat's content check: which review's photo it is. */
export interface MediaCheckDoc extends BaseDoc {
  reviewId: string;
  photo: number;
  createdAt: number;
}

/** The shop's 评价积分 rule, one document, `_id` = 'points'. */
export interface ReviewSettingsDoc extends BaseDoc {
  points: number;
  minChars: number;
  updatedAt: number;
}
