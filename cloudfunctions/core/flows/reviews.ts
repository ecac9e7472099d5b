import type { ReviewPointsRule } from '../../../typings/contract';
import { bind, type Ctx } from '../kernel/define';
import { fail } from '../kernel/errors';
import { defaultNickname } from '../kernel/users';
import type { Ports } from '../ports';
import type { MediaCheckPush } from '../ports/content-safety';
import type { CheckVerdict, ReviewDoc } from '../schema';
import { ownOrder } from '../modules/orders';
import { awardPoints, pointsEntry } from '../modules/points';
import { applyPhotoVerdict, insertReview, loadReview, loadReviewRule, myReviewView, recordMediaChecks, reviewId, setReviewPoints, stateOfChecks } from '../modules/reviews';

/**
 * A review written (评价), across orders (the line must be of the caller's received order), the
 * content check (text at once; photos submitted, their verdicts pushed later), reviews and points.
 * Steps: the text checked (risky: refused, nothing stored); the photos submitted; the review stored
 * under the line's id (a second is refused); the trace ids kept; the points posted under
 * `review:<id>`. A crash before the points is repaired by the next submit of the same line, which
 * finds the review and posts the points it is owed.
 */

/** Points a review earns under the shop's rule (评价积分): its points for text of at least its characters. */
export const pointsFor = (text: string, rule: ReviewPointsRule) => (rule.points > 0 && [...text.trim()].length >= rule.minChars ? rule.points : 0);

/** Posts a review's points once; kept if staff later hide the review (it was written in good faith when it passed the check). */
async function awardFor(ctx: Pick<Ctx, 'db' | 'now'>, r: ReviewDoc): Promise<number> {
  const amount = pointsFor(r.text, await loadReviewRule(ctx.db));
  if (!amount) return 0;
  const key = `review:${r._id}`;
  if (!(await pointsEntry(ctx.db, key))) await awardPoints(ctx.db, { key, userId: r.userId, amount, source: 'grant', ref: r._id, label: '评价奖励', now: ctx.now });
  if (r.points !== amount) await setReviewPoints(ctx.db, r._id, amount);
  return amount;
}

export const reviewFlowActions = bind<'mall'>()({
  reviewableLines: {
    handler: async (ctx, { orderId }) => {
      const [order, rule] = await Promise.all([ownOrder(ctx, orderId), loadReviewRule(ctx.db)]);
      if (order.status !== 'completed') return { items: [], rule };
      const ids = order.lines.map((l) => reviewId(orderId, l.skuId));
      const existing = await ctx.db.collection('reviews').find({ _id: { $in: ids } }, { limit: ids.length });
      return {
        items: order.lines.map((l, i) => ({ skuId: l.skuId, title: l.title, image: l.image, specs: l.specs, reviewId: existing.some((r) => r._id === ids[i]) ? ids[i] : null })),
        rule,
      };
    },
  },

  submitReview: {
    write: true,
    handler: async (ctx, { orderId, skuId, rating, text, photos, anonymous }) => {
      const order = await ownOrder(ctx, orderId);
      const line = order.lines.find((l) => l.skuId === skuId);
      if (order.status !== 'completed') return fail('REVIEW_NOT_ALLOWED', 'the order is not received', 'orderId');
      if (!line) return fail('REVIEW_NOT_ALLOWED', 'the line is not in the order', 'skuId');
      const id = reviewId(orderId, skuId);
      const existing = await loadReview(ctx.db, id);
      if (existing) {
        await awardFor(ctx, existing);
        return fail('REVIEW_EXISTS', undefined, 'skuId');
      }
      for (const f of photos ?? []) {
        const checked = await ctx.storage.check(f, 'review');
        if (!checked.ok) return fail('FILE_INVALID', `photo: ${checked.reason}`, 'photos');
      }
      const openid = ctx.caller.openid;
      // a check that does not answer sends the text to staff rather than refusing the shopper
      const textVerdict: CheckVerdict = text ? await ctx.contentSafety.checkText(text, openid, 2).then((r) => r.suggest, () => 'review' as const) : 'pass';
      if (textVerdict === 'risky') return fail('REVIEW_TEXT_REFUSED', undefined, 'text');
      const traces: Array<{ photo: number; traceId: string }> = [];
      const photoChecks: Array<CheckVerdict | 'checking'> = [];
      for (const [i, f] of (photos ?? []).entries()) {
        const submitted = await ctx.contentSafety.submitImage(await ctx.storage.url(f), openid, 2).catch(() => null);
        if (submitted) traces.push({ photo: i, traceId: submitted.traceId });
        photoChecks.push(submitted ? 'checking' : 'review');
      }
      const checks = { text: textVerdict, photos: photoChecks };
      const doc: ReviewDoc = {
        _id: id,
        orderId,
        userId: openid,
        productId: line.productId,
        skuId,
        title: line.title,
        specs: line.specs,
        rating,
        text,
        photos: photos ?? [],
        hasPhotos: (photos ?? []).length > 0,
        anonymous: anonymous ?? false,
        nickname: ctx.me?.nickname ?? defaultNickname(openid),
        state: stateOfChecks(checks),
        checks,
        reply: '',
        points: 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      if (!(await insertReview(ctx.db, doc))) return fail('REVIEW_EXISTS', undefined, 'skuId');
      await recordMediaChecks(ctx.db, id, traces, ctx.now);
      const points = await awardFor(ctx, doc);
      return myReviewView(ctx, { ...doc, points });
    },
  },
});

/**
 * The `wxa_media_check` push: the verdict of a photo, matched by the trace id WeChat gave when it was
 * submitted (an id nobody else has seen); a push for no known trace changes nothing. 'success' as WeChat expects.
 */
export async function applyMediaCheckPush(ports: Pick<Ports, 'db' | 'clock'>, push: MediaCheckPush): Promise<'success'> {
  const suggest = push.result.suggest;
  if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') await applyPhotoVerdict(ports.db, push.trace_id, suggest, ports.clock.now());
  return 'success';
}
