import type { OrderLine } from '../../../typings/contract';
import type { Db } from '../ports';
import { checkoutDiscounts, type CheckoutDiscounts, type ChosenCoupon } from './checkout-discounts';

/**
 * The discount hook pricing calls: given the caller's chosen coupons and the lines, the discounts
 * to apply (member price, then coupons), the coupons to lock with the order, and the checkout's
 * coupon panel. The coupons module answers it.
 */
export function discountsFor(db: Db, userId: string, chosen: ChosenCoupon[], lines: OrderLine[], now: number): Promise<CheckoutDiscounts> {
  return checkoutDiscounts(db, userId, chosen, lines, now);
}

export { chosenCoupons } from './checkout-discounts';
