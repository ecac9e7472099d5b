import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { runFlow } from '../kernel/flow';
import { claimOf, insertClaim, loadTask, progressOf, removeClaim, returnGift, setClaimGift, takeGift } from '../modules/referral';
import { moduleGrants } from './grants';

/**
 * Referral crediting: an inviter whose task is unlocked claims its gift, once. Steps:
 *  1. the claim record (referral; once per inviter by id) — compensated by removing it;
 *  2. one unit of the gift stock (referral; one conditional update) — compensated by giving it back;
 *  3. the gift through the Grants port (a coupon from coupons, or points), keyed `fission:<task>:<user>`;
 *  4. the gift noted on the claim.
 */
export const referralCreditActions = bind<'referral'>()({
  claimGift: {
    write: true,
    handler: async (ctx, { taskId }) => {
      const task = await loadTask(ctx.db, taskId);
      const claimId = `${taskId}:${ctx.caller.openid}`;
      const previous = await claimOf(ctx.db, claimId);
      if (previous) return { claimed: true as const, couponId: previous.couponId, points: previous.points };
      if (!(await progressOf(ctx, task)).unlocked) return fail('FISSION_LOCKED');
      const key = `fission:${taskId}:${ctx.caller.openid}`;
      return runFlow(async (steps) => {
        const mine = await steps.step(
          'claim record',
          () => insertClaim(ctx.db, { _id: claimId, taskId, inviterId: ctx.caller.openid, couponId: null, points: 0, createdAt: ctx.now }),
          async (inserted) => {
            if (inserted) await removeClaim(ctx.db, claimId);
          },
        );
        if (!mine) {
          const raced = (await claimOf(ctx.db, claimId))!;
          return { claimed: true as const, couponId: raced.couponId, points: raced.points };
        }
        const taken = await steps.step('gift stock', () => takeGift(ctx.db, taskId, task.giftStock), async (ok) => {
          if (ok) await returnGift(ctx.db, taskId);
        });
        // sold out: throwing unwinds the claim record
        if (!taken) return fail('FISSION_GIFT_SOLD_OUT');
        let couponId: string | null = null;
        let points = 0;
        if (task.gift.kind === 'coupon') couponId = (await moduleGrants.coupon(ctx.db, { templateId: task.gift.templateId, userId: ctx.caller.openid, key, now: ctx.now })).couponId;
        else {
          points = task.gift.points;
          await moduleGrants.points(ctx.db, { userId: ctx.caller.openid, key, amount: points, ref: taskId, label: '邀请好友预约礼', now: ctx.now });
        }
        await setClaimGift(ctx.db, claimId, { couponId, points });
        return { claimed: true as const, couponId, points };
      });
    },
  },
});
