/**
 * The discount cap, in one place: amounts (integer fen) applied in the order given, each capped at
 * what is still left of `totalFen`, so together they never exceed it. One that would take nothing is
 * returned in `left`. Coupon stacking (modules/coupons/discount.ts) and order pricing
 * (modules/orders/pricing.ts) both cap here.
 */
export function capInOrder<T extends { amountFen: number }>(items: readonly T[], totalFen: number): { applied: Array<{ item: T; amountFen: number }>; left: T[]; remainingFen: number } {
  let remainingFen = totalFen;
  const applied: Array<{ item: T; amountFen: number }> = [];
  const left: T[] = [];
  for (const item of items) {
    const amountFen = Math.max(0, Math.min(Math.floor(item.amountFen), remainingFen));
    if (amountFen === 0) {
      left.push(item);
      continue;
    }
    applied.push({ item, amountFen });
    remainingFen -= amountFen;
  }
  return { applied, left, remainingFen };
}
