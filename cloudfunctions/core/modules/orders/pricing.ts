import type { Discount, PriceBreakdown } from '../../../../typings/contract';
import { capInOrder } from '../../kernel/money';

/**
 * Order pricing as one pure function, all in integer fen: goods, discounts (capped at the goods
 * amount), shipping, payable. Discounts come from a provider (the coupons module fills it).
 */
export interface ShippingRule {
  /** free shipping when goods after discounts reach this */
  freeFromFen: number;
  feeFen: number;
}

/** 满 99 包邮, otherwise ¥10. */
export const SHIPPING: ShippingRule = { freeFromFen: 9900, feeFen: 1000 };

export interface PricedLineInput {
  unitPriceFen: number;
  quantity: number;
}

export function lineTotal(line: PricedLineInput): number {
  return line.unitPriceFen * line.quantity;
}

export function priceOrder(lines: PricedLineInput[], discounts: Discount[], rule: ShippingRule = SHIPPING): PriceBreakdown {
  const goodsFen = lines.reduce((sum, l) => sum + lineTotal(l), 0);
  // apply discounts in order, each capped at what is still payable
  const capped = capInOrder(discounts, goodsFen);
  const applied: Discount[] = capped.applied.map(({ item, amountFen }) => ({ ...item, amountFen }));
  const remaining = capped.remainingFen;
  const discountFen = goodsFen - remaining;
  const shippingFen = goodsFen === 0 || remaining >= rule.freeFromFen ? 0 : rule.feeFen;
  return { goodsFen, discountFen, shippingFen, payableFen: remaining + shippingFen, discounts: applied };
}
