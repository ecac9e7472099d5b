import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { averageOf, HIDEABLE, SHOWABLE } from './rules';
import { loadReview, loadReviewRule, moderate, pageOfReviews, reviewStats, saveReviewRule } from './store';
import { myReviewView, reviewView, staffReviewView } from './views';

/** Reading reviews: a product's visible ones with their counts, and the caller's own. */
export const reviewActions = bind<'mall'>()({
  listReviews: {
    handler: async (ctx, { productId, withPhotos, page }) => {
      const query = { productId, state: 'visible', ...(withPhotos ? { hasPhotos: true } : {}) };
      const [[total, docs], stats] = await Promise.all([pageOfReviews(ctx.db, query, page ?? 1), reviewStats(ctx.db, productId)]);
      return {
        items: await Promise.all(docs.map((r) => reviewView(ctx, r))),
        total,
        summary: { total: stats?.count ?? 0, withPhotos: stats?.withPhotos ?? 0, average: averageOf(stats) },
      };
    },
  },
  myReviews: {
    handler: async (ctx, { page }) => {
      const [total, docs] = await pageOfReviews(ctx.db, { userId: ctx.caller.openid }, page ?? 1);
      return { items: await Promise.all(docs.map((r) => myReviewView(ctx, r))), total };
    },
  },
});

/** Staff moderation: the queue by state, show, hide and reply; audited. */
export const reviewAdminActions = bind<'admin'>()({
  staffListReviews: {
    staff: 'staff.read',
    handler: async (ctx, { state, page }) => {
      const [total, docs] = await pageOfReviews(ctx.db, state ? { state } : {}, page ?? 1, 20);
      return { items: await Promise.all(docs.map((r) => staffReviewView(ctx, r))), total };
    },
  },
  getReviewRule: {
    staff: 'staff.read',
    handler: (ctx) => loadReviewRule(ctx.db),
  },

  setReviewRule: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, rule) => {
      const before = await loadReviewRule(ctx.db);
      const after = await saveReviewRule(ctx.db, rule, ctx.now);
      ctx.audit({ entity: 'review_settings', entityId: 'points', before, after });
      return after;
    },
  },

  moderateReview: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, { reviewId, action, reply }) => {
      const before = await loadReview(ctx.db, reviewId);
      if (!before) return fail('REVIEW_NOT_FOUND', undefined, 'reviewId');
      const to = action === 'show' ? 'visible' : action === 'hide' ? 'hidden' : null;
      const after = await moderate(ctx.db, reviewId, to, action === 'show' ? SHOWABLE : HIDEABLE, reply?.trim(), ctx.now);
      if (!after) return fail('INVALID_INPUT', `a ${before.state} review cannot be ${action === 'show' ? 'shown' : 'hidden'}`, 'action');
      ctx.audit({ entity: 'review', entityId: reviewId, before: { state: before.state, reply: before.reply }, after: { state: after.state, reply: after.reply } });
      return staffReviewView(ctx, after);
    },
  },
});
