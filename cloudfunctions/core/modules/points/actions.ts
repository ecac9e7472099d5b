import type { z } from 'zod';
import type { PointsEntry, Reward, StaffReward } from '../../../../typings/contract';
import type { rewardAdmin } from '../../../../typings/contract/points';
import { profileView } from './profile-actions';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { expiringThisYear } from './expiry-rules';
import { activePrivileges, currentTier } from './members';
import type { PointsEntryDoc, RewardDoc } from '../../schema';
import { nextTierOf, tierProgress } from './tiers';

const accounts = (ctx: Ctx) => ctx.db.collection('member_accounts');
const entries = (ctx: Ctx) => ctx.db.collection('points_entries');
const rewards = (ctx: Ctx) => ctx.db.collection('rewards');

const HISTORY_PAGE = 20;
const REWARDS_LIMIT = 100;

export const balanceOf = async (ctx: Ctx) => (await accounts(ctx).get(ctx.caller.openid))?.points ?? 0;

const entryView = ({ _id, delta, source, ref, label, createdAt }: PointsEntryDoc): PointsEntry => ({ _id, delta, source, ref, label, createdAt });

const rewardView = (r: RewardDoc, balance: number): Reward => ({
  _id: r._id,
  title: r.title,
  image: r.image,
  kind: r.kind,
  pointsCost: r.pointsCost,
  stock: Math.max(0, r.stock),
  privilege: r.privilege,
  couponTemplateId: r.couponTemplateId,
  skuId: r.skuId,
  affordable: balance >= r.pointsCost && r.stock > 0,
});


export const pointsActions = bind<'points'>()({
  balance: {
    handler: async (ctx) => {
      const [account, { tier, spendFen }, privileges, profile] = await Promise.all([
        accounts(ctx).get(ctx.caller.openid),
        currentTier(ctx.db, ctx.caller.openid, ctx.now),
        activePrivileges(ctx.db, ctx.caller.openid, ctx.now),
        profileView(ctx, ctx.me!),
      ]);
      return {
        balance: account?.points ?? 0,
        tier,
        nextTier: nextTierOf(tier),
        progress: tierProgress(spendFen),
        expiring: account ? expiringThisYear(account, ctx.now) : null,
        privileges,
        profile,
      };
    },
  },

  history: {
    handler: async (ctx, { page }) => {
      const query = { userId: ctx.caller.openid };
      const [total, items] = await Promise.all([
        entries(ctx).count(query),
        entries(ctx).find(query, { sort: [['createdAt', 'desc']], limit: HISTORY_PAGE, skip: ((page ?? 1) - 1) * HISTORY_PAGE }),
      ]);
      return { items: items.map(entryView), total };
    },
  },

  listRewards: {
    handler: async (ctx) => {
      const [balance, list] = await Promise.all([balanceOf(ctx), rewards(ctx).find({ status: 'on' }, { sort: [['sort', 'asc']], limit: REWARDS_LIMIT })]);
      return { items: list.map((r) => rewardView(r, balance)), balance };
    },
  },
});

type RewardInput = z.output<typeof rewardAdmin.createReward.input>;

/** The first thing wrong with a reward's settings, or null. */
export function rewardProblem(input: RewardInput): { field: string; message: string } | null {
  const needs: Record<RewardInput['kind'], Array<keyof RewardInput>> = {
    privilege: ['privilege', 'privilegeDays'],
    coupon: ['couponTemplateId'],
    product: ['skuId'],
  };
  const kindFields: Array<keyof RewardInput> = ['privilege', 'privilegeDays', 'couponTemplateId', 'skuId'];
  for (const field of kindFields) {
    const wanted = needs[input.kind].includes(field);
    if (wanted && input[field] === undefined) return { field, message: `a ${input.kind} reward needs ${field}` };
    if (!wanted && input[field] !== undefined) return { field, message: `${field} does not apply to a ${input.kind} reward` };
  }
  return null;
}

const REDEMPTIONS_PAGE = 20;

const STAFF_REWARDS_PAGE = 20;
const PRIVILEGE_TEXT: Record<string, string> = { live_priority: '直播优先入场', new_product_trial: '新品试用' };

/** Rewards as staff see them, with what each gives in words (coupon titles and SKUs read once for the page). */
async function staffRewards(db: Ctx['db'], docs: RewardDoc[]): Promise<StaffReward[]> {
  const templateIds = [...new Set(docs.map((d) => d.couponTemplateId).filter((x): x is string => !!x))];
  const skuIds = [...new Set(docs.map((d) => d.skuId).filter((x): x is string => !!x))];
  const [templates, skus] = await Promise.all([
    templateIds.length ? db.collection('coupon_templates').find({ _id: { $in: templateIds } }) : [],
    skuIds.length ? db.collection('skus').find({ _id: { $in: skuIds } }) : [],
  ]);
  const products = skus.length ? await db.collection('products').find({ _id: { $in: [...new Set(skus.map((s) => s.productId))] } }) : [];
  const gives = (d: RewardDoc): string => {
    if (d.privilege) return `${PRIVILEGE_TEXT[d.privilege.kind] ?? d.privilege.kind} ${d.privilege.days} 天`;
    if (d.couponTemplateId) return `优惠券「${templates.find((t) => t._id === d.couponTemplateId)?.title ?? '已删除的券'}」`;
    const sku = skus.find((s) => s._id === d.skuId);
    const product = sku ? products.find((p) => p._id === sku.productId) : undefined;
    return product ? `${product.title}${Object.values(sku!.specs).length ? ` ${Object.values(sku!.specs).join(' / ')}` : ''}` : '商品';
  };
  return docs.map((d) => ({
    rewardId: d._id,
    title: d.title,
    image: d.image,
    kind: d.kind,
    pointsCost: d.pointsCost,
    stock: d.stock,
    redeemed: d.redeemed,
    status: d.status,
    sort: d.sort,
    gives: gives(d),
    createdAt: d.createdAt,
  }));
}

export const rewardAdminActions = bind<'admin'>()({
  listStaffRewards: {
    staff: 'staff.read',
    handler: async ({ db }, { page }) => {
      const [total, docs] = await Promise.all([
        db.collection('rewards').count({}),
        db.collection('rewards').find({}, { sort: [['sort', 'asc'], ['createdAt', 'desc']], limit: STAFF_REWARDS_PAGE, skip: ((page ?? 1) - 1) * STAFF_REWARDS_PAGE }),
      ]);
      return { items: await staffRewards(db, docs), total };
    },
  },

  updateReward: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, { rewardId, stock, ...changes }) => {
      const list = rewards(ctx);
      const before = await list.get(rewardId);
      if (!before) return fail('REWARD_NOT_FOUND', undefined, 'rewardId');
      // stock first: a refused change writes nothing
      if (stock?.mode === 'set') {
        if (stock.quantity < 0) return fail('STOCK_NEGATIVE', undefined, 'stock.quantity');
        await list.update({ _id: rewardId }, { $set: { stock: stock.quantity } });
      }
      // adding is one conditional update: redemptions meanwhile keep theirs, and it never goes below zero
      else if (stock && !(await list.update({ _id: rewardId, stock: { $gte: Math.max(0, -stock.quantity) } }, { $inc: { stock: stock.quantity } }))) {
        return fail('STOCK_NEGATIVE', undefined, 'stock.quantity');
      }
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length) await list.update({ _id: rewardId }, { $set: set });
      const after = (await list.get(rewardId))!;
      const [was, now] = await staffRewards(ctx.db, [before, after]);
      ctx.audit({ entity: 'reward', entityId: rewardId, before: was, after: now });
      return now!;
    },
  },

  listRedemptions: {
    staff: 'orders.fulfil',
    handler: async (ctx, { status, page }) => {
      const redemptions = ctx.db.collection('redemptions');
      const query = { 'shipping.status': status, state: 'done' as const };
      const [total, docs] = await Promise.all([
        redemptions.count(query),
        redemptions.find(query, { sort: [['createdAt', 'desc']], limit: REDEMPTIONS_PAGE, skip: ((page ?? 1) - 1) * REDEMPTIONS_PAGE }),
      ]);
      const [rewards, users] = await Promise.all([
        docs.length ? ctx.db.collection('rewards').find({ _id: { $in: [...new Set(docs.map((d) => d.rewardId))] } }) : [],
        docs.length ? ctx.db.collection('users').find({ _id: { $in: [...new Set(docs.map((d) => d.userId))] } }) : [],
      ]);
      const titles = new Map(rewards.map((r) => [r._id, r.title]));
      const names = new Map(users.map((u) => [u._id, u.nickname]));
      return {
        items: docs.map((d) => ({
          redemptionId: d._id,
          userId: d.userId,
          nickname: names.get(d.userId) ?? '',
          rewardTitle: titles.get(d.rewardId) ?? '',
          skuId: d.shipping!.skuId,
          pointsSpent: d.pointsSpent,
          address: d.shipping!.address,
          status: d.shipping!.status,
          tracking: d.shipping!.tracking ?? null,
          createdAt: d.createdAt,
        })),
        total,
      };
    },
  },

  shipRedemption: {
    staff: 'orders.fulfil',
    write: true,
    handler: async (ctx, { redemptionId, company, trackingNumber }) => {
      const redemptions = ctx.db.collection('redemptions');
      const before = await redemptions.get(redemptionId);
      if (!before?.shipping) return fail('NOT_FOUND', 'no product reward to ship', 'redemptionId');
      const tracking = { company, number: trackingNumber };
      // pending → shipped once; shipping again with the same tracking answers the same
      const moved = await redemptions.update(
        { _id: redemptionId, 'shipping.status': 'pending' },
        { $set: { 'shipping.status': 'shipped', 'shipping.tracking': tracking, 'shipping.shippedAt': ctx.now } },
      );
      // a concurrent ship may have moved it between the read and the update: the state after decides
      const after = await redemptions.get(redemptionId);
      if (!moved && after?.shipping?.status !== 'shipped') return fail('ORDER_STATE_INVALID');
      if (moved) ctx.audit({ entity: 'redemption', entityId: redemptionId, before: before.shipping, after: after?.shipping ?? null });
      return { status: 'shipped' as const };
    },
  },

  createReward: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, input) => {
      const problem = rewardProblem(input);
      if (problem) return fail('REWARD_INVALID', problem.message, problem.field);
      let image = input.image ?? '';
      if (input.couponTemplateId && !(await ctx.db.collection('coupon_templates').get(input.couponTemplateId))) {
        return fail('REWARD_INVALID', 'no such coupon template', 'couponTemplateId');
      }
      if (input.skuId) {
        const sku = await ctx.db.collection('skus').get(input.skuId);
        if (!sku) return fail('REWARD_INVALID', 'no such SKU', 'skuId');
        image ||= (await ctx.db.collection('products').get(sku.productId))?.image ?? '';
      }
      const doc: RewardDoc = {
        _id: ctx.ids.next(),
        title: input.title,
        image,
        kind: input.kind,
        pointsCost: input.pointsCost,
        stock: input.stock,
        redeemed: 0,
        privilege: input.privilege ? { kind: input.privilege, days: input.privilegeDays! } : null,
        couponTemplateId: input.couponTemplateId ?? null,
        skuId: input.skuId ?? null,
        status: 'on',
        sort: input.sort ?? 0,
        createdBy: ctx.caller.openid,
        createdAt: ctx.now,
      };
      await rewards(ctx).insert(doc);
      ctx.audit({ entity: 'reward', entityId: doc._id, before: null, after: doc });
      return { rewardId: doc._id };
    },
  },
});
