import { REVIEW_POINTS, REVIEW_POINTS_MIN_CHARS, type ReviewPointsRule, type ReviewState } from '../../../../typings/contract';
import type { Db, Query, Tx } from '../../ports';
import { upsertById } from '../../kernel/upsert';
import type { CheckVerdict, ReviewDoc } from '../../schema';
import { stateOfChecks, statsDelta } from './rules';

/**
 * The reviews module's writes. A review's state and its product's visible counts move in one
 * transaction, so the counts are always the visible reviews.
 */

async function bumpStatsTx(tx: Tx, r: ReviewDoc, from: ReviewState | null, to: ReviewState): Promise<void> {
  const d = statsDelta(r, from, to);
  if (!d) return;
  const stats = await tx.get('review_stats', r.productId);
  if (stats) await tx.update('review_stats', r.productId, { $inc: d });
  else await tx.set('review_stats', { _id: r.productId, ...d });
}

/** Stores a new review (its id is the line's: a second is refused by the duplicate key) with the counts. */
export async function insertReview(db: Db, r: ReviewDoc): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (await tx.get('reviews', r._id)) return false;
    await tx.set('reviews', r);
    await bumpStatsTx(tx, r, null, r.state);
    return true;
  });
}

/** The media checks of a review's photos, by WeChat's trace ids. */
export async function recordMediaChecks(db: Db, reviewId: string, traces: Array<{ photo: number; traceId: string }>, now: number): Promise<void> {
  for (const t of traces) await db.collection('media_checks').insert({ _id: t.traceId, reviewId, photo: t.photo, createdAt: now });
}

/**
 * A photo's verdict, once per trace id: the photo's check set, and the review moved as its checks
 * now say (only while it waits on them: staff's word stands). The review after, or null.
 */
export async function applyPhotoVerdict(db: Db, traceId: string, verdict: CheckVerdict, now: number): Promise<ReviewDoc | null> {
  return db.transaction(async (tx) => {
    const check = await tx.get('media_checks', traceId);
    if (!check) return null;
    const r = await tx.get('reviews', check.reviewId);
    if (!r || r.checks.photos[check.photo] !== 'checking') return null;
    const photos = r.checks.photos.map((p, i) => (i === check.photo ? verdict : p));
    const checks = { ...r.checks, photos };
    const to = r.state === 'checking' ? stateOfChecks(checks) : r.state;
    await tx.update('reviews', r._id, { $set: { checks, state: to, updatedAt: now } });
    await bumpStatsTx(tx, r, r.state, to);
    return { ...r, checks, state: to };
  });
}

/** A staff move, conditional on the states it starts from, with the reply; the review after, or null. */
export async function moderate(db: Db, id: string, to: ReviewState | null, from: readonly ReviewState[], reply: string | undefined, now: number): Promise<ReviewDoc | null> {
  return db.transaction(async (tx) => {
    const r = await tx.get('reviews', id);
    if (!r) return null;
    if (to && !from.includes(r.state) && r.state !== to) return null;
    const state = to ?? r.state;
    const set: Record<string, unknown> = { state, updatedAt: now, ...(reply !== undefined ? { reply } : {}) };
    await tx.update('reviews', id, { $set: set });
    await bumpStatsTx(tx, r, r.state, state);
    return { ...r, ...set } as ReviewDoc;
  });
}

export const REVIEWS_PAGE = 10;

export function pageOfReviews(db: Db, query: Query, page: number, size = REVIEWS_PAGE): Promise<[number, ReviewDoc[]]> {
  const c = db.collection('reviews');
  return Promise.all([c.count(query), c.find(query, { sort: [['createdAt', 'desc']], limit: size, skip: (page - 1) * size })]);
}

export const loadReview = (db: Db, id: string) => db.collection('reviews').get(id);
export const reviewStats = (db: Db, productId: string) => db.collection('review_stats').get(productId);
export const setReviewPoints = (db: Db, id: string, points: number) => db.collection('reviews').update({ _id: id }, { $set: { points } });

const RULE_ID = 'points';

/** The shop's 评价积分 rule; REVIEW_POINTS for REVIEW_POINTS_MIN_CHARS characters until staff set one. */
export async function loadReviewRule(db: Db): Promise<ReviewPointsRule> {
  const doc = await db.collection('review_settings').get(RULE_ID);
  return doc ? { points: doc.points, minChars: doc.minChars } : { points: REVIEW_POINTS, minChars: REVIEW_POINTS_MIN_CHARS };
}

export async function saveReviewRule(db: Db, rule: ReviewPointsRule, now: number): Promise<ReviewPointsRule> {
  await upsertById(db.collection('review_settings'), { _id: RULE_ID, ...rule, updatedAt: now }, { ...rule, updatedAt: now });
  return loadReviewRule(db);
}
