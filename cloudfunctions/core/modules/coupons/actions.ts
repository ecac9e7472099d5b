import type { ClaimableCoupon, MyCoupon } from '../../../../typings/contract';
import type { StaffCouponTemplate } from '../../../../typings/contract/coupons';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Query } from '../../ports';
import { loadLives } from '../catalog';
import type { CouponDoc, CouponTemplateDoc } from '../../schema';
import { editProblem, ruleOf, scopeOf, templateProblem } from './rules';

const templates = (ctx: Ctx) => ctx.db.collection('coupon_templates');
const coupons = (ctx: Ctx) => ctx.db.collection('coupons');

/** Templates a claim list reads at most. */
export const LIST_LIMIT = 100;
const MINE_PAGE = 20;

/** A template as the shopper's claim lists show it; `early` when only 直播优先入场 opens it now. */
export function claimableView(t: CouponTemplateDoc, claimed: number, reason: ClaimableCoupon['reason'], early = false): ClaimableCoupon {
  return {
    templateId: t._id,
    title: t.title,
    rule: t.rule,
    scope: t.scope,
    stackable: t.stackable,
    eligibility: t.eligibility,
    liveId: t.liveId,
    claimStart: t.claimStart,
    claimEnd: t.claimEnd,
    validDays: t.validDays,
    validFrom: t.validFrom,
    validTo: t.validTo,
    totalStock: t.totalStock,
    remaining: Math.max(0, t.totalStock - t.issued),
    perUserLimit: t.perUserLimit,
    claimed,
    claimable: reason === null,
    reason,
    early: early && reason === null,
  };
}

export function myCouponView(c: CouponDoc, now: number): MyCoupon {
  return {
    _id: c._id,
    templateId: c.templateId,
    title: c.title,
    rule: c.rule,
    scope: c.scope,
    stackable: c.stackable,
    status: c.status === 'locked' || c.status === 'used' ? c.status : now > c.validTo ? 'expired' : 'available',
    validFrom: c.validFrom,
    validTo: c.validTo,
    claimedAt: c.claimedAt,
    usedAt: c.usedAt,
    orderId: c.orderId,
    source: c.source,
  };
}

/** The wallet tabs: available (incl. held by an unpaid order), used, expired. */
const MINE: Record<'available' | 'used' | 'expired', (userId: string, now: number) => { query: Query; sort: Array<[string, 'asc' | 'desc']> }> = {
  available: (userId, now) => ({ query: { userId, status: { $in: ['available', 'locked'] }, validTo: { $gte: now } }, sort: [['validTo', 'asc']] }),
  used: (userId) => ({ query: { userId, status: 'used' }, sort: [['usedAt', 'desc']] }),
  expired: (userId, now) => ({ query: { userId, status: 'available', validTo: { $lt: now } }, sort: [['validTo', 'desc']] }),
};

export const couponActions = bind<'coupons'>()({
  listMine: {
    handler: async (ctx, { status, page }) => {
      const { query, sort } = MINE[status](ctx.caller.openid, ctx.now);
      const [total, docs] = await Promise.all([
        coupons(ctx).count(query),
        coupons(ctx).find(query, { sort, limit: MINE_PAGE, skip: ((page ?? 1) - 1) * MINE_PAGE }),
      ]);
      return { items: docs.map((c) => myCouponView(c, ctx.now)), total };
    },
  },
});

/** Ids in `ids` that are not documents of `collection`. */
async function missing(ctx: Ctx, collection: 'products' | 'categories', ids: string[]): Promise<string | null> {
  if (!ids.length) return null;
  const found = new Set((await ctx.db.collection(collection).find({ _id: { $in: ids } })).map((d) => d._id));
  return ids.find((id) => !found.has(id)) ?? null;
}

const TEMPLATES_PAGE = 20;

const staffTemplate = (t: CouponTemplateDoc): StaffCouponTemplate => ({
  templateId: t._id,
  title: t.title,
  rule: t.rule,
  scope: t.scope,
  eligibility: t.eligibility,
  liveId: t.liveId,
  stackable: t.stackable,
  totalStock: t.totalStock,
  issued: t.issued,
  perUserLimit: t.perUserLimit,
  claimStart: t.claimStart,
  claimEnd: t.claimEnd,
  stoppedAt: t.stoppedAt ?? null,
  createdAt: t.createdAt,
});

export const couponAdminActions = bind<'admin'>()({
  listCouponTemplates: {
    staff: 'staff.read',
    handler: async (ctx, { liveId, page }) => {
      const query = liveId ? { liveId } : {};
      const [total, docs] = await Promise.all([
        templates(ctx).count(query),
        templates(ctx).find(query, { sort: [['createdAt', 'desc']], limit: TEMPLATES_PAGE, skip: ((page ?? 1) - 1) * TEMPLATES_PAGE }),
      ]);
      return {
        items: docs.map(staffTemplate),
        total,
      };
    },
  },

  stopCouponTemplate: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, { templateId }) => {
      const before = await templates(ctx).get(templateId);
      if (!before) return fail('COUPON_NOT_FOUND', undefined, 'templateId');
      if (before.stoppedAt != null) return { stoppedAt: before.stoppedAt };
      await templates(ctx).update({ _id: templateId, stoppedAt: null }, { $set: { stoppedAt: ctx.now } });
      const after = (await templates(ctx).get(templateId))!;
      ctx.audit({ entity: 'coupon_template', entityId: templateId, before: { stoppedAt: null }, after: { stoppedAt: after.stoppedAt } });
      return { stoppedAt: after.stoppedAt! };
    },
  },

  updateCouponTemplate: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, { templateId, ...edit }) => {
      const before = await templates(ctx).get(templateId);
      if (!before) return fail('COUPON_NOT_FOUND', undefined, 'templateId');
      const problem = editProblem(before, edit, ctx.now);
      if (problem) return fail('COUPON_TEMPLATE_INVALID', problem.message, problem.field);
      const set = Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined));
      // the stock check and the change are one conditional update: a claim racing it cannot take the stock below what is issued
      const query: Query = edit.totalStock !== undefined ? { _id: templateId, issued: { $lte: edit.totalStock } } : { _id: templateId };
      if (!(await templates(ctx).update(query, { $set: set }))) {
        const now = (await templates(ctx).get(templateId))!;
        return fail('COUPON_TEMPLATE_INVALID', `${now.issued} are issued already`, 'totalStock');
      }
      const after = (await templates(ctx).get(templateId))!;
      const changed = Object.keys(set) as Array<keyof CouponTemplateDoc>;
      ctx.audit({ entity: 'coupon_template', entityId: templateId, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) });
      return staffTemplate(after);
    },
  },

  createCouponTemplate: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, input) => {
      const problem = templateProblem(input, ctx.now);
      if (problem) return fail('COUPON_TEMPLATE_INVALID', problem.message, problem.field);
      if (input.liveId && !(await loadLives(ctx.db, [input.liveId])).has(input.liveId)) {
        return fail('COUPON_TEMPLATE_INVALID', 'no such live', 'liveId');
      }
      const scope = scopeOf(input);
      const checks: Array<[string, 'products' | 'categories', string[]]> = [
        ['scope.productIds', 'products', scope.productIds],
        ['scope.categoryIds', 'categories', scope.categoryIds],
        ['relatedProductIds', 'products', input.relatedProductIds ?? []],
      ];
      for (const [field, collection, ids] of checks) {
        const unknown = await missing(ctx, collection, ids);
        if (unknown) return fail('COUPON_TEMPLATE_INVALID', `no such ${collection === 'products' ? 'product' : 'category'} ${unknown}`, field);
      }
      const doc: CouponTemplateDoc = {
        _id: ctx.ids.next(),
        title: input.title,
        rule: ruleOf(input),
        scope,
        stackable: input.stackable ?? false,
        eligibility: input.requires ?? input.eligibility ?? 'anyone',
        liveId: input.liveId ?? null,
        totalStock: input.totalStock,
        issued: 0,
        perUserLimit: input.perUserLimit,
        claimStart: input.claimStart ?? null,
        claimEnd: input.claimEnd ?? null,
        validDays: input.validDays ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        createdBy: ctx.caller.openid,
        createdAt: ctx.now,
      };
      await templates(ctx).insert(doc);
      ctx.audit({ entity: 'coupon_template', entityId: doc._id, before: null, after: doc });
      return { templateId: doc._id };
    },
  },
});
