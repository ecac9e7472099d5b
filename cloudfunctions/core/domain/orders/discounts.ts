import type { Discount, OrderLine } from '../../../../typings/contract';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';

/**
 * The discount hook pricing calls: given the caller's chosen coupon and the lines, the discounts
 * to apply. The coupons module answers it; with no coupon, there is nothing to apply.
 */
export async function discountsFor(
  _db: Db,
  _userId: string,
  couponId: string | undefined,
  _lines: OrderLine[],
  _now: number,
): Promise<Discount[]> {
  if (!couponId) return [];
  return fail('COUPON_NOT_FOUND');
}
