import type { ClaimableCoupon } from '../../../typings/contract';
import { PRIORITY_LEAD_MINUTES } from '../../../typings/contract/limits';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import type { Db } from '../ports';
import { claimCounterId, type CouponTemplateDoc, type LiveDoc } from '../schema';
import { loadLives } from '../modules/catalog';
import {
  LIST_LIMIT,
  claimBlock,
  claimWindow,
  claimableView,
  inScope,
  isEligible,
  issueCoupon,
  myCouponView,
  opensEarly,
  welcomeCouponId,
} from '../modules/coupons';
import { hasPriorityAccess } from '../modules/points';

/** 直播优先入场's lead: live-only coupons open this long before the live for members who have it. */
export const PRIORITY_LEAD_MS = PRIORITY_LEAD_MINUTES * 60_000;

/**
 * Claiming coupons (coupons) with the caller's 直播优先入场 (points: from the tier, or a redeemed
 * privilege): a live-only coupon open to anyone opens for them `PRIORITY_LEAD_MINUTES` before the live
 * starts, for everyone else at the start. Priority is read only when it could change the answer.
 */
async function leadFor(db: Db, userId: string, templates: Array<{ t: CouponTemplateDoc; live: LiveDoc | null }>, now: number): Promise<number> {
  if (!templates.some(({ t, live }) => opensEarly(t, live, now, PRIORITY_LEAD_MS))) return 0;
  return (await hasPriorityAccess(db, userId, now)) ? PRIORITY_LEAD_MS : 0;
}

export const couponClaimActions = bind<'coupons'>()({
  listClaimable: {
    /**
     * Without liveId: the shop's templates still open or upcoming (ended ones drop out). With liveId:
     * that live's templates, ended ones included so the live page can show them as over. With
     * productId, only those whose scope covers that product. Never `system` ones.
     */
    handler: async (ctx, { liveId, productId }) => {
      const product = productId ? await ctx.db.collection('products').get(productId) : null;
      if (productId && !product) return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      const found = (await ctx.db.collection('coupon_templates').find({ liveId: liveId ?? null }, { sort: [['createdAt', 'desc']], limit: LIST_LIMIT })).filter(
        (t) => t.eligibility !== 'system' && (!product || inScope({ productId: product._id, categoryId: product.categoryId }, t.scope)),
      );
      const lives = await loadLives(ctx.db, found.map((t) => t.liveId ?? undefined));
      const withLive = found.map((t) => ({ t, live: t.liveId ? (lives.get(t.liveId) ?? null) : null }));
      const shopList = !liveId && !productId;
      const [counters, welcome, earlyMs] = await Promise.all([
        found.length ? ctx.db.collection('coupon_claims').find({ _id: { $in: found.map((t) => claimCounterId(t._id, ctx.caller.openid)) } }) : [],
        shopList ? ctx.db.collection('coupons').get(welcomeCouponId(ctx.caller.openid)) : null,
        leadFor(ctx.db, ctx.caller.openid, withLive, ctx.now),
      ]);
      const claimed = new Map(counters.map((c) => [c.templateId, c.count] as const));
      const items: ClaimableCoupon[] = [];
      for (const { t, live } of withLive) {
        if (!liveId && claimWindow(t, live, ctx.now, earlyMs) === 'ended') continue;
        const eligible = await isEligible(ctx.db, ctx.caller.openid, t, ctx.now);
        const count = claimed.get(t._id) ?? 0;
        const reason = claimBlock(t, { now: ctx.now, live, eligible, claimed: count, earlyMs });
        items.push(claimableView(t, count, reason, earlyMs > 0 && opensEarly(t, live, ctx.now, earlyMs)));
      }
      return { items, welcome: welcome && welcome.status !== 'pending' ? myCouponView(welcome, ctx.now) : null };
    },
  },

  claim: {
    write: true,
    handler: async (ctx, { templateId }) => {
      const t = await ctx.db.collection('coupon_templates').get(templateId);
      if (!t) return fail('COUPON_NOT_FOUND', undefined, 'templateId');
      const live = t.liveId ? ((await loadLives(ctx.db, [t.liveId])).get(t.liveId) ?? null) : null;
      const earlyMs = await leadFor(ctx.db, ctx.caller.openid, [{ t, live }], ctx.now);
      const window = claimWindow(t, live, ctx.now, earlyMs);
      if (window === 'not_started') return fail('COUPON_NOT_STARTED');
      if (window === 'ended') return fail('COUPON_ENDED');
      if (!(await isEligible(ctx.db, ctx.caller.openid, t, ctx.now))) return fail('COUPON_NOT_ELIGIBLE');
      const coupon = await issueCoupon(ctx.db, t, ctx.caller.openid, { couponId: ctx.ids.next(), now: ctx.now });
      return { couponId: coupon._id };
    },
  },
});
