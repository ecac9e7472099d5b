import type { Privilege } from '../../../typings/contract';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { runFlow } from '../kernel/flow';
import { grantCoupon, grantCouponId } from '../modules/coupons';
import { ownAddress, shippingAddress } from '../modules/orders';
import {
  balanceOf,
  giveRewardBack,
  grantPrivilege,
  insertRedemption,
  loadReward,
  removeRedemption,
  spendPoints,
  takeReward,
  undoSpend,
} from '../modules/points';

/**
 * Points for a reward, as steps:
 *  1. the reward's stock (points; one conditional update) — compensated by giving the unit back;
 *  2. the points (points ledger; `points >= cost`, by key) — compensated by an undo entry;
 *  3. the redemption record (points) — compensated by removing it;
 *  4. the gift: a coupon (coupons, by key), a privilege (points), or a product to ship (the shipping
 *     address from orders, recorded on the redemption; staff ship it).
 */
export const rewardActions = bind<'points'>()({
  redeem: {
    write: true,
    handler: async (ctx, { rewardId, addressId }) => {
      const reward = await loadReward(ctx.db, rewardId);
      if (!reward || reward.status !== 'on') return fail('REWARD_NOT_FOUND', undefined, 'rewardId');
      const address = reward.kind === 'product' && addressId ? await ownAddress(ctx, addressId) : null;
      if (reward.kind === 'product' && !address) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');

      const redemptionId = ctx.ids.next();
      const grantKey = `redeem:${redemptionId}`;
      const spend = {
        userId: ctx.caller.openid,
        key: `redeem:${redemptionId}`,
        amount: reward.pointsCost,
        source: 'redeem' as const,
        ref: rewardId,
        label: `兑换 ${reward.title}`,
        now: ctx.now,
      };
      if (!(await takeReward(ctx.db, rewardId))) return fail('REWARD_SOLD_OUT');

      const privilege = await runFlow(async (steps): Promise<Privilege | null> => {
        // the unit was taken above (a sold-out reward answers before any step); later failures give it back
        await steps.step('reward unit', async () => undefined, () => giveRewardBack(ctx.db, rewardId));
        await steps.step(
          'spend points',
          () => spendPoints(ctx.db, spend),
          () => undoSpend(ctx.db, { ...spend, key: `redeem_undo:${redemptionId}`, source: 'redeem_undo', label: `兑换未成功，退回 ${reward.title}` }),
        );
        await steps.step(
          'record redemption',
          () =>
            insertRedemption(ctx.db, {
              _id: redemptionId,
              userId: ctx.caller.openid,
              rewardId,
              kind: reward.kind,
              pointsSpent: reward.pointsCost,
              couponId: reward.kind === 'coupon' ? grantCouponId(grantKey) : null,
              privilegeId: reward.kind === 'privilege' ? redemptionId : null,
              shipping: address ? { status: 'pending', skuId: reward.skuId!, address: shippingAddress(address) } : null,
              createdAt: ctx.now,
            }),
          () => removeRedemption(ctx.db, redemptionId),
        );
        return steps.step('give the reward', async () => {
          if (reward.kind === 'coupon') {
            await grantCoupon(ctx.db, { templateId: reward.couponTemplateId!, userId: ctx.caller.openid, key: grantKey, now: ctx.now });
          }
          if (reward.kind !== 'privilege') return null;
          const { kind, days } = reward.privilege!;
          const { from, until } = await grantPrivilege(ctx.db, { userId: ctx.caller.openid, kind, days, key: redemptionId, now: ctx.now });
          return { kind, from, until };
        });
      });
      return {
        redemptionId,
        pointsSpent: reward.pointsCost,
        balance: await balanceOf(ctx),
        couponId: reward.kind === 'coupon' ? grantCouponId(grantKey) : null,
        privilege,
        shipping: address ? { status: 'pending' as const } : null,
      };
    },
  },
});
