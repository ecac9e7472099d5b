import type { Privilege } from '../../../typings/contract';
import { bind, type TimerCtx } from '../kernel/define';
import { fail } from '../kernel/errors';
import { runFlow } from '../kernel/flow';
import { grantCoupon, grantCouponId } from '../modules/coupons';
import { ownAddress, shippingAddress } from '../modules/orders';
import type { Db } from '../ports';
import type { RedemptionDoc, RewardDoc } from '../schema';
import {
  balanceOf,
  completeRedemption,
  giveRewardBack,
  grantPrivilege,
  insertRedemption,
  loadReward,
  pointsEntry,
  recountReward,
  removeRedemption,
  spendPoints,
  staleRedemptions,
  STALE_REDEMPTION_MS,
  takeReward,
  undoSpend,
  type Posting,
} from '../modules/points';

/**
 * Points for a reward, as steps:
 *  1. the redemption record, `pending` (points): the intent a crash leaves behind for
 *     `repairRedemptions` — compensated by removing it;
 *  2. the reward's stock (points; one conditional update) — compensated by giving the unit back;
 *  3. the points (points ledger; `points >= cost`, by key) — compensated by an undo entry;
 *  4. the gift: a coupon (coupons, by key), a privilege (points, by key), or a product to ship (the
 *     shipping address from orders, recorded on the redemption; staff ship it);
 *  5. the redemption `pending` → `done`: the commit point.
 */
export const rewardActions = bind<'points'>()({
  redeem: {
    write: true,
    handler: async (ctx, { rewardId, addressId }) => {
      const reward = await loadReward(ctx.db, rewardId);
      if (!reward || reward.status !== 'on') return fail('REWARD_NOT_FOUND', undefined, 'rewardId');
      const address = reward.kind === 'product' && addressId ? await ownAddress(ctx, addressId) : null;
      if (reward.kind === 'product' && !address) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
      if (reward.stock < 1) return fail('REWARD_SOLD_OUT');

      const redemptionId = ctx.ids.next();
      const redemption: RedemptionDoc = {
        _id: redemptionId,
        state: 'pending',
        userId: ctx.caller.openid,
        rewardId,
        kind: reward.kind,
        pointsSpent: reward.pointsCost,
        couponId: reward.kind === 'coupon' ? grantCouponId(redeemKey(redemptionId)) : null,
        privilegeId: reward.kind === 'privilege' ? redemptionId : null,
        shipping: address ? { status: 'pending', skuId: reward.skuId!, address: shippingAddress(address) } : null,
        createdAt: ctx.now,
      };
      const spend = spendOf(redemption, reward, ctx.now);

      const privilege = await runFlow(async (steps): Promise<Privilege | null> => {
        await steps.step('record redemption', () => insertRedemption(ctx.db, redemption), () => removeRedemption(ctx.db, redemption._id));
        await steps.step(
          'reward unit',
          async () => {
            if (!(await takeReward(ctx.db, rewardId))) fail('REWARD_SOLD_OUT');
          },
          () => giveRewardBack(ctx.db, rewardId),
        );
        await steps.step(
          'spend points',
          () => spendPoints(ctx.db, spend),
          () => undoSpend(ctx.db, undoOf(spend, redemption, reward)),
        );
        const given = await steps.step('give the reward', () => giveReward(ctx.db, redemption, reward, ctx.now));
        await steps.step('commit', () => completeRedemption(ctx.db, redemption._id));
        return given;
      });
      return {
        redemptionId: redemption._id,
        pointsSpent: reward.pointsCost,
        balance: await balanceOf(ctx),
        couponId: redemption.couponId,
        privilege,
        shipping: address ? { status: 'pending' as const } : null,
      };
    },
  },
});

const redeemKey = (redemptionId: string) => `redeem:${redemptionId}`;

function spendOf(r: RedemptionDoc, reward: RewardDoc, now: number): Posting {
  return { userId: r.userId, key: redeemKey(r._id), amount: r.pointsSpent, source: 'redeem', ref: reward._id, label: `兑换 ${reward.title}`, now };
}

function undoOf(spend: Posting, r: RedemptionDoc, reward: RewardDoc): Posting {
  return { ...spend, key: `redeem_undo:${r._id}`, source: 'redeem_undo', label: `兑换未成功，退回 ${reward.title}` };
}

/** The gift of a redemption, idempotent by the redemption: a coupon by its grant key, a privilege by its id. */
async function giveReward(db: Db, r: RedemptionDoc, reward: RewardDoc, now: number): Promise<Privilege | null> {
  if (reward.kind === 'coupon') await grantCoupon(db, { templateId: reward.couponTemplateId!, userId: r.userId, key: redeemKey(r._id), now });
  if (reward.kind !== 'privilege') return null;
  const { kind, days } = reward.privilege!;
  const { from, until } = await grantPrivilege(db, { userId: r.userId, kind, days, key: r._id, now });
  return { kind, from, until };
}

/** Redemptions settled per timer run. */
export const REDEMPTION_REPAIR_BATCH = 100;

/**
 * Timer: redemptions a crash left `pending`. The points are the deciding step: one whose points
 * were taken is given (the gift again by its key) and completed; if the gift cannot be given any
 * more, or the points were never taken, its points go back (by the undo key, once) and it is
 * removed. The reward's stock and `redeemed` are counted again with what will be completed before
 * anything moves, so a run cut short is finished by the next; a reward a call is redeeming now is
 * left for the next run.
 */
export async function repairRedemptions(
  ctx: Pick<TimerCtx, 'db' | 'now'>,
  olderThanMs = STALE_REDEMPTION_MS,
): Promise<{ completed: number; undone: number; deferred: number }> {
  const { db, now } = ctx;
  const out = { completed: 0, undone: 0, deferred: 0 };
  const byReward = new Map<string, RedemptionDoc[]>();
  for (const r of await staleRedemptions(db, now, REDEMPTION_REPAIR_BATCH, olderThanMs)) byReward.set(r.rewardId, [...(byReward.get(r.rewardId) ?? []), r]);
  for (const [rewardId, docs] of byReward) {
    const reward = await loadReward(db, rewardId);
    const outcome = new Map<string, 'complete' | 'undo'>();
    for (const r of docs) {
      const spent = !!reward && (await pointsEntry(db, redeemKey(r._id))) !== null;
      const given = spent && (await giveReward(db, r, reward, now).then(() => true, () => false));
      if (spent && !given) await undoSpend(db, undoOf(spendOf(r, reward, now), r, reward));
      outcome.set(r._id, given ? 'complete' : 'undo');
    }
    const completing = [...outcome.values()].filter((o) => o === 'complete').length;
    if (!(await recountReward(db, rewardId, completing, now - olderThanMs))) {
      out.deferred += docs.length;
      continue;
    }
    for (const r of docs) {
      if (outcome.get(r._id) === 'complete') {
        if (await completeRedemption(db, r._id)) out.completed++;
      } else {
        await removeRedemption(db, r._id);
        out.undone++;
      }
    }
  }
  return out;
}
