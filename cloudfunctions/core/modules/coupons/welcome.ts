import { AppError } from '../../kernel/errors';
import type { Db } from '../../ports';
import { grantCoupon, grantCouponId } from './issue';

/**
 * The new-member coupon (新人礼): every user is given one from this template once, on their first
 * arrival. The shop creates the template (`system`, so it is granted, never claimed); without it, or
 * once it is sold out or over, nobody is given one.
 */
export const WELCOME_TEMPLATE_ID = 'tpl-welcome';

export const welcomeKey = (userId: string) => `welcome:${userId}`;

/** The id the user's new-member coupon has, if they were given one. */
export const welcomeCouponId = (userId: string) => grantCouponId(welcomeKey(userId));

/**
 * Gives the user their new-member coupon through the idempotent grant path (a retry or a concurrent
 * first call lands on the same coupon). A business refusal (no such template, sold out, ended) means
 * there is nothing to give: done, not an error.
 */
export async function grantWelcomeCoupon(db: Db, userId: string, now: number): Promise<{ couponId: string } | null> {
  try {
    return await grantCoupon(db, { templateId: WELCOME_TEMPLATE_ID, userId, key: welcomeKey(userId), now });
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}
