import { SPEND_STATUSES } from '../orders';
import type { OrderStatus, Tier } from '../../../../typings/contract';
import { inShanghai } from '../../kernel/time';

/**
 * Member tiers (会员等级) from rolling 12-month paid spend, as pure functions.
 * Spend counts what was paid for goods (payable minus shipping) on orders paid in the last 12
 * calendar months (Shanghai) that are not refunded; a full refund takes the order out again.
 */
export const TIERS: readonly Tier[] = [
  { id: 'regular', name: '普通会员', minSpendFen: 0, pointsPercent: 100, memberPrice: false, priorityAccess: false },
  { id: 'silver', name: '银卡会员', minSpendFen: 100_000, pointsPercent: 120, memberPrice: true, priorityAccess: false },
  { id: 'gold', name: '金卡会员', minSpendFen: 300_000, pointsPercent: 150, memberPrice: true, priorityAccess: true },
  { id: 'diamond', name: '钻石会员', minSpendFen: 800_000, pointsPercent: 200, memberPrice: true, priorityAccess: true },
];


export function tierFor(spendFen: number): Tier {
  return [...TIERS].reverse().find((t) => spendFen >= t.minSpendFen) ?? TIERS[0];
}

export const tierById = (id: string): Tier => TIERS.find((t) => t.id === id) ?? TIERS[0];

export function nextTierOf(tier: Tier): Tier | null {
  return TIERS[TIERS.findIndex((t) => t.id === tier.id) + 1] ?? null;
}

/** Progress to the next tier, 0–100 (100 at the top tier). */
export function tierProgress(spendFen: number): { spendFen: number; targetFen: number | null; percent: number } {
  const tier = tierFor(spendFen);
  const next = nextTierOf(tier);
  if (!next) return { spendFen, targetFen: null, percent: 100 };
  const percent = Math.floor(((spendFen - tier.minSpendFen) * 100) / (next.minSpendFen - tier.minSpendFen));
  return { spendFen, targetFen: next.minSpendFen, percent: Math.max(0, Math.min(99, percent)) };
}

/** The start of the rolling window: the same moment 12 calendar months earlier, in Shanghai. */
export const spendWindowStart = (now: number) => inShanghai(now).subtract(12, 'month').valueOf();

export interface SpendOrder {
  status: OrderStatus;
  paidAt: number | null;
  price: { payableFen: number; shippingFen: number };
  /** what partial refunds returned (goods only while the order is not wholly refunded) */
  refunded?: { amountFen: number } | null;
}

/** What an order paid for goods: payable minus shipping. */
export const paidGoodsFen = (o: SpendOrder) => Math.max(0, o.price.payableFen - o.price.shippingFen - (o.refunded?.amountFen ?? 0));

export function rollingSpend(orders: SpendOrder[], now: number): number {
  const from = spendWindowStart(now);
  return orders
    .filter((o) => SPEND_STATUSES.includes(o.status) && o.paidAt !== null && o.paidAt >= from && o.paidAt <= now)
    .reduce((s, o) => s + paidGoodsFen(o), 0);
}

/** 1 point per whole yuan paid for goods, times the tier's percent, rounded down. */
export const pointsForOrder = (goodsFen: number, tier: Tier) => Math.floor((Math.floor(goodsFen / 100) * tier.pointsPercent) / 100);

/** The member price of a unit for this tier: the lower of the price charged and the member price, when the tier has member prices. */
export function memberUnitPrice(unitPriceFen: number, memberPriceFen: number | undefined, tier: Tier): number {
  if (!tier.memberPrice || memberPriceFen === undefined) return unitPriceFen;
  return Math.min(unitPriceFen, memberPriceFen);
}
