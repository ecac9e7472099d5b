import { z } from 'zod';
import { def, id, page, text } from './common';
import { MAX_REVIEW_PHOTOS, REVIEW_POINTS_MAX, REVIEW_TEXT_MAX_CHARS } from './limits';

/**
 * Reviews (评价): after receipt, one per order line, 1–5 stars, text and up to 6 photos, optionally
 * anonymous. Nobody but its author sees a review before the content-security check has passed its
 * text and photos (WeChat msgSecCheck / mediaCheckAsync through the ContentSafety port) and, when the
 * check asks for it, staff have looked at it. Staff hide, show again and reply.
 */
export type ReviewState =
  /** photos still with the content-security check */
  | 'checking'
  /** the check asked for a person: staff decide */
  | 'pending'
  | 'visible'
  /** staff took it down */
  | 'hidden'
  /** the check refused a photo */
  | 'rejected';

export { MAX_REVIEW_PHOTOS, REVIEW_POINTS, REVIEW_POINTS_MIN_CHARS, REVIEW_TEXT_MAX_CHARS } from './limits';

export interface Review {
  _id: string;
  productId: string;
  skuId: string;
  specs: Record<string, string>;
  rating: number;
  text: string;
  photos: string[];
  /** the author's masked nickname, or 匿名用户 */
  author: string;
  anonymous: boolean;
  reply: string;
  createdAt: number;
}

/** The author's own review, with where it stands. */
export interface MyReview extends Review {
  orderId: string;
  title: string;
  state: ReviewState;
  /** the points it earned */
  points: number;
}

export interface StaffReview extends MyReview {
  /** what the content-security check said of the text and of each photo */
  check: { text: 'pass' | 'review' | 'risky'; photos: Array<'pass' | 'review' | 'risky' | 'checking'> };
}

/** 评价积分: the points a review earns once, when its text has at least `minChars` characters (0 points: none). */
export interface ReviewPointsRule {
  points: number;
  minChars: number;
}

export interface ReviewSummary {
  total: number;
  withPhotos: number;
  /** average stars to one decimal, 0 with no reviews */
  average: number;
}

const Photos = z.array(z.string().min(8).max(256).regex(/^(cloud|local):\/\/[A-Za-z0-9_./-]+$/)).max(MAX_REVIEW_PHOTOS);

export const reviews = {
  /** the lines of a completed order and whether each has a review yet */
  reviewableLines: def<{ items: Array<{ skuId: string; title: string; image: string; specs: Record<string, string>; reviewId: string | null }>; rule: ReviewPointsRule }>()(
    z.object({ orderId: id() }).strict(),
  ),
  submitReview: def<MyReview>()(
    z
      .object({
        orderId: id(),
        skuId: id(),
        rating: z.number().int().min(1).max(5),
        text: z.string().trim().max(REVIEW_TEXT_MAX_CHARS),
        photos: Photos.optional(),
        anonymous: z.boolean().optional(),
      })
      .strict(),
  ),
  /** a product's visible reviews, newest first; `withPhotos` only those with photos */
  listReviews: def<{ items: Review[]; total: number; summary: ReviewSummary }>()(
    z.object({ productId: id(), withPhotos: z.boolean().optional(), page: page().optional() }).strict(),
  ),
  myReviews: def<{ items: MyReview[]; total: number }>()(z.object({ page: page().optional() }).strict()),
};

export const REVIEW_STATES = ['checking', 'pending', 'visible', 'hidden', 'rejected'] as const satisfies readonly ReviewState[];

export const reviewAdmin = {
  staffListReviews: def<{ items: StaffReview[]; total: number }>()(
    z.object({ state: z.enum(REVIEW_STATES).optional(), page: page().optional() }).strict(),
  ),
  getReviewRule: def<ReviewPointsRule>()(z.object({}).strict()),
  /** the shop's 评价积分 rule for reviews written from now on */
  setReviewRule: def<ReviewPointsRule>()(
    z.object({ points: z.number().int().min(0).max(REVIEW_POINTS_MAX), minChars: z.number().int().min(0).max(REVIEW_TEXT_MAX_CHARS) }).strict(),
  ),
  /** show (a pending or hidden review), hide (a visible or pending one), and/or reply (shown under it) */
  moderateReview: def<StaffReview>()(
    z
      .object({ reviewId: z.string().min(1).max(140).regex(/^[A-Za-z0-9_:-]+$/), action: z.enum(['show', 'hide']).optional(), reply: text(200).optional() })
      .strict()
      .refine((v) => v.action !== undefined || v.reply !== undefined, 'action or reply'),
  ),
};
