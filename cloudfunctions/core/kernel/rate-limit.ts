import { isDuplicateKey, type Db } from '../ports';

/**
 * A call takes one unit of its caller's current fixed window with one conditional increment; the
 * window's first call creates it. Over the budget a valid call is refused as RATE_LIMITED before
 * its handler runs; invalid input is refused earlier and writes nothing.
 */
export type RateBudget = { limit: number; windowMs: number };

/**
 * Per-user budgets of the calls someone could repeat to abuse a business flow (claims, reservations,
 * invites, consents, questions, tracking, raffle entries): at most `limit` calls per caller in each
 * fixed window of `windowMs`; beyond it RATE_LIMITED until the window turns. Keyed `function.action`.
 */
export const RATE_BUDGETS: Record<string, RateBudget> = {
  'coupons.claim': { limit: 20, windowMs: 60_000 },
  'live.reserve': { limit: 10, windowMs: 60_000 },
  'mall.remindRestock': { limit: 20, windowMs: 60_000 },
  'live.cancelReservation': { limit: 10, windowMs: 60_000 },
  'live.recordConsents': { limit: 20, windowMs: 60_000 },
  'live.ask': { limit: 10, windowMs: 60_000 },
  'live.track': { limit: 20, windowMs: 60_000 },
  'raffle.enter': { limit: 10, windowMs: 60_000 },
  'referral.bind': { limit: 10, windowMs: 60_000 },
  'referral.myCode': { limit: 20, windowMs: 60_000 },
  'referral.poster': { limit: 10, windowMs: 60_000 },
};

export const rateBudgetOf = (fn: string, action: string): RateBudget | undefined =>
  Object.prototype.hasOwnProperty.call(RATE_BUDGETS, `${fn}.${action}`) ? RATE_BUDGETS[`${fn}.${action}`] : undefined;

/** Takes one call from `openid`'s window for `fn.action`; false when the budget is spent. */
export async function takeRate(db: Db, fn: string, action: string, openid: string, budget: RateBudget, now: number): Promise<boolean> {
  const start = now - (now % budget.windowMs);
  const _id = `${fn}.${action}:${openid}:${start}`;
  const windows = db.collection('rate_windows');
  const take = () => windows.update({ _id, count: { $lt: budget.limit } }, { $inc: { count: 1 } });
  if (await take()) return true;
  try {
    await windows.insert({ _id, count: 1, until: start + budget.windowMs });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // another call opened the window first
    return (await take()) === 1;
  }
}

/** Closed windows are removed by the daily purge. */
export async function purgeRateWindows(db: Db, now: number): Promise<number> {
  return db.collection('rate_windows').remove({ until: { $lte: now } });
}
