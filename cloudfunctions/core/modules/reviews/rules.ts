import type { ReviewState } from '../../../../typings/contract';
import type { CheckVerdict, ReviewDoc } from '../../schema';

/**
 * Review rules (pure). Where a review stands follows from the content check: a refused photo
 * rejects it; while a photo is with the check it waits; text or a photo the check wants a person
 * for goes to staff (pending); otherwise it is visible. Staff may show a pending, hidden or still
 * checking review (a lost verdict must not hide it for good) and hide a visible or pending one.
 */
export function stateOfChecks(checks: { text: CheckVerdict; photos: Array<CheckVerdict | 'checking'> }): ReviewState {
  if (checks.photos.includes('risky')) return 'rejected';
  if (checks.photos.includes('checking')) return 'checking';
  if (checks.text === 'review' || checks.photos.includes('review')) return 'pending';
  return 'visible';
}

export const SHOWABLE: readonly ReviewState[] = ['pending', 'hidden', 'checking'];
export const HIDEABLE: readonly ReviewState[] = ['visible', 'pending'];

/** What a move between states changes in the product's visible counts. */
export function statsDelta(r: Pick<ReviewDoc, 'rating' | 'hasPhotos'>, from: ReviewState | null, to: ReviewState): { count: number; withPhotos: number; ratingSum: number } | null {
  const was = from === 'visible' ? 1 : 0;
  const is = to === 'visible' ? 1 : 0;
  const d = is - was;
  if (d === 0) return null;
  return { count: d, withPhotos: r.hasPhotos ? d : 0, ratingSum: d * r.rating };
}

export const reviewId = (orderId: string, skuId: string) => `RV${orderId}-${skuId}`.slice(0, 64);

/** The average of the visible reviews, to one decimal. */
export const averageOf = (s: { count: number; ratingSum: number } | null) => (s && s.count > 0 ? Math.round((s.ratingSum / s.count) * 10) / 10 : 0);
