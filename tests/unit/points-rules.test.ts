import { earnedThrough, endOfYear, expiringThisYear, expiryCutoff, unusedThrough, yearOf } from '../../cloudfunctions/core/modules/points/expiry-rules';
import { memberUnitPrice, nextTierOf, pointsForOrder, rollingSpend, tierFor, tierProgress, TIERS } from '../../cloudfunctions/core/modules/points/tiers';

const shanghai = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const tier = (id: string) => TIERS.find((t) => t.id === id)!;

describe('tiers', () => {
  it.each([
    [0, 'regular'],
    [99_999, 'regular'],
    [100_000, 'silver'],
    [299_999, 'silver'],
    [300_000, 'gold'],
    [800_000, 'diamond'],
  ])('spend %i fen is %s', (spend, id) => {
    expect(tierFor(spend).id).toBe(id);
  });

  it('progress runs from the current tier to the next, and is full at the top', () => {
    expect(tierProgress(66_400)).toEqual({ spendFen: 66_400, targetFen: 100_000, percent: 66 });
    expect(tierProgress(200_000)).toEqual({ spendFen: 200_000, targetFen: 300_000, percent: 50 });
    expect(tierProgress(299_999)).toEqual({ spendFen: 299_999, targetFen: 300_000, percent: 99 });
    expect(tierProgress(900_000)).toEqual({ spendFen: 900_000, targetFen: null, percent: 100 });
    expect(nextTierOf(tier('diamond'))).toBeNull();
  });

  it('rolling spend counts goods paid in the last 12 months on orders not refunded', () => {
    const now = shanghai(2026, 11, 24, 10);
    const o = (status: string, paidAt: number | null, payableFen: number, shippingFen = 0) => ({ status, paidAt, price: { payableFen, shippingFen } }) as never;
    expect(
      rollingSpend(
        [
          o('completed', shanghai(2025, 11, 24, 10), 10_000), // exactly 12 months ago: counts
          o('completed', shanghai(2025, 11, 24, 9), 20_000), // just before: does not
          o('paid', now, 4_900, 1_000), // goods only: 3,900
          o('refunded', now, 50_000),
          o('refunding', now, 1_000),
          o('expired', null, 7_000),
        ],
        now,
      ),
    ).toBe(10_000 + 3_900 + 1_000);
  });

  it('points: whole yuan of goods, times the tier, rounded down', () => {
    expect(pointsForOrder(29_999, tier('regular'))).toBe(299);
    expect(pointsForOrder(119_800, tier('silver'))).toBe(1437);
    expect(pointsForOrder(99, tier('diamond'))).toBe(0);
    expect(pointsForOrder(10_000, tier('gold'))).toBe(150);
  });

  it('member price only for tiers that have it, and never above the price charged', () => {
    expect(memberUnitPrice(32_900, 29_900, tier('regular'))).toBe(32_900);
    expect(memberUnitPrice(32_900, 29_900, tier('silver'))).toBe(29_900);
    expect(memberUnitPrice(25_000, 29_900, tier('gold'))).toBe(25_000);
    expect(memberUnitPrice(32_900, undefined, tier('gold'))).toBe(32_900);
  });
});

describe('points expiry', () => {
  it('years and cut-offs are Shanghai calendar years', () => {
    expect(yearOf(shanghai(2027, 1, 1, 0, 0))).toBe(2027);
    expect(yearOf(shanghai(2027, 1, 1, 0, 0) - 1)).toBe(2026);
    expect(endOfYear(2027)).toBe(shanghai(2028, 1, 1) - 1);
    expect(expiryCutoff(shanghai(2027, 12, 31, 23, 59))).toBe(2025);
    expect(expiryCutoff(shanghai(2028, 1, 1))).toBe(2026);
  });

  it('what expires is earned-by-then minus everything used, never more than the balance', () => {
    const account = { points: 1200, earned: { y2026: 1000, y2027: 500 }, debited: 300 };
    expect(earnedThrough(account.earned, 2026)).toBe(1000);
    expect(unusedThrough(account, 2026)).toBe(700);
    expect(unusedThrough(account, 2025)).toBe(0);
    expect(unusedThrough({ ...account, points: 100 }, 2026)).toBe(100);
    expect(unusedThrough({ ...account, debited: 2000 }, 2027)).toBe(0);
  });

  it('the balance screen shows what expires at the end of this year', () => {
    const account = { points: 1200, earned: { y2026: 1000, y2027: 500 }, debited: 300 };
    expect(expiringThisYear(account, shanghai(2027, 6, 1))).toEqual({ points: 700, at: endOfYear(2027) });
    expect(expiringThisYear(account, shanghai(2026, 6, 1))).toBeNull();
  });
});
