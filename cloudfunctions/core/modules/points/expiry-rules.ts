import { inShanghai } from '../../kernel/time';

/**
 * Points expiry (积分过期), as pure functions. Points earned in calendar year Y (Shanghai) expire at
 * the end of Y + 1: at least a full year, at most two. Spending and expiry use up the oldest
 * earned points first, so what expires is what was earned by then and not yet used:
 *   expiring(through Y) = min(balance, max(0, earned in years ≤ Y − debited))
 * where `debited` is everything ever spent or expired, and a refund reversal is taken off the year
 * its earning counted in.
 */
export const yearOf = (ms: number) => inShanghai(ms).year();

/** The last millisecond of a Shanghai calendar year. */
export const endOfYear = (year: number) => inShanghai(Date.UTC(year, 6, 1)).endOf('year').valueOf();

/** Points earned in this year or before have passed their expiry by `now`. */
export const expiryCutoff = (now: number) => yearOf(now) - 2;

export interface ExpiryAccount {
  points: number;
  earned: Record<string, number>;
  debited: number;
}

export function earnedThrough(earned: Record<string, number>, year: number): number {
  return Object.entries(earned)
    .filter(([key]) => Number(key.slice(1)) <= year)
    .reduce((s, [, n]) => s + n, 0);
}

/** Unused points earned in `year` or before. */
export const unusedThrough = (a: ExpiryAccount, year: number) => Math.min(a.points, Math.max(0, earnedThrough(a.earned, year) - a.debited));

/** What expires at the end of this year, if anything, for the balance screen. */
export function expiringThisYear(a: ExpiryAccount, now: number): { points: number; at: number } | null {
  const year = yearOf(now);
  const points = unusedThrough(a, year - 1);
  return points > 0 ? { points, at: endOfYear(year) } : null;
}
