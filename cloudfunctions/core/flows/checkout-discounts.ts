import { MEMBER_PRICE_SOURCE, PAID_STATUSES } from '../modules/orders';
import type { CheckoutCoupons, Discount, OrderLine } from '../../../typings/contract';
import { ERROR_CODES } from '../../../typings/contract/errors';
import { AppError } from '../kernel/errors';
import type { Db } from '../ports';
import { loadSkus } from '../modules/catalog';
import { currentTier } from '../modules/points';
import { memberUnitPrice } from '../modules/points';
import { applyChosen, couponOptions, joinOptions, type DiscountLine, type WalletCoupon } from '../modules/coupons';
import type { CouponDoc } from '../schema';

/**
 * The checkout's discounts: member price first (for tiers that have it), then the shopper's chosen
 * coupons, re-checked against the lines; plus the whole wallet with what each coupon would do (on
 * its own, and beside the applied ones) and the best combination to suggest. The maths is in discount.ts; this loads and decides.
 */
export interface ChosenCoupon {
  couponId: string;
  /** the input path to name when it is refused */
  field: string;
}

export interface CheckoutDiscounts {
  discounts: Discount[];
  /** the coupons applied, to lock with the order */
  couponIds: string[];
  coupons: CheckoutCoupons;
}

/** `couponId` and `couponIds` together, each once, with the field that named it. */
export function chosenCoupons(couponId: string | undefined, couponIds: string[] | undefined): ChosenCoupon[] {
  const chosen: ChosenCoupon[] = [];
  const add = (id: string, field: string) => chosen.some((c) => c.couponId === id) || chosen.push({ couponId: id, field });
  if (couponId) add(couponId, 'couponId');
  (couponIds ?? []).forEach((id, i) => add(id, `couponIds.${i}`));
  return chosen;
}

const WALLET_LIMIT = 100;
const BOUGHT_ORDERS_LIMIT = 200;

const walletCoupon = (c: CouponDoc): WalletCoupon => ({
  couponId: c._id,
  templateId: c.templateId,
  title: c.title,
  rule: c.rule,
  scope: c.scope,
  stackable: c.stackable,
  // a pending grant is not usable yet
  status: c.status === 'pending' ? 'locked' : c.status,
  validFrom: c.validFrom,
  validTo: c.validTo,
});

/** Products the shopper has bought in paid orders: what `related` coupons look for. */
export async function boughtProductIds(db: Db, userId: string): Promise<Set<string>> {
  const orders = await db
    .collection('orders')
    .find({ userId, status: { $in: [...PAID_STATUSES] } }, { sort: [['createdAt', 'desc']], limit: BOUGHT_ORDERS_LIMIT });
  return new Set(orders.flatMap((o) => o.lines.map((l) => l.productId)));
}

/** The lines' SKUs and products, when the caller has them already (checkout loads them once). */
export type LoadedSkus = Awaited<ReturnType<typeof loadSkus>>;

export async function checkoutDiscounts(
  db: Db,
  userId: string,
  chosen: ChosenCoupon[],
  lines: OrderLine[],
  now: number,
  loaded?: LoadedSkus,
  /** with nothing chosen, apply the best combination the panel suggests (the checkout's first screen) */
  applySuggested = false,
): Promise<CheckoutDiscounts> {
  const couponsCol = db.collection('coupons');
  const [{ skus, products }, { tier }, wallet] = await Promise.all([
    loaded ?? loadSkus(db, lines.map((l) => l.skuId)),
    currentTier(db, userId, now),
    couponsCol.find({ userId, status: { $in: ['available', 'locked'] }, validTo: { $gte: now } }, { sort: [['validTo', 'asc']], limit: WALLET_LIMIT }),
  ]);

  // member price, then coupons on what is left
  let memberOff = 0;
  const discountLines: DiscountLine[] = lines.map((line) => {
    const unit = memberUnitPrice(line.unitPriceFen, skus.get(line.skuId)?.memberPriceFen, tier);
    memberOff += (line.unitPriceFen - unit) * line.quantity;
    return { productId: line.productId, categoryId: products.get(line.productId)?.categoryId ?? '', amountFen: unit * line.quantity };
  });

  const all = wallet.map(walletCoupon);
  for (const c of chosen) {
    if (all.some((w) => w.couponId === c.couponId)) continue;
    const doc = await couponsCol.get(c.couponId);
    if (!doc || doc.userId !== userId || doc.status === 'pending') throw new AppError('COUPON_NOT_FOUND', undefined, c.field);
    all.push(walletCoupon(doc));
  }
  const needsHistory = all.some((c) => c.rule.kind === 'related');
  const ctx = { lines: discountLines, boughtProductIds: needsHistory ? await boughtProductIds(db, userId) : new Set<string>(), now };

  const panel = couponOptions(wallet.map(walletCoupon), ctx);
  const ids = !chosen.length && applySuggested ? panel.suggested : chosen.map((c) => c.couponId);
  const outcome = applyChosen(ids, all, ctx);
  if (!outcome.ok) {
    const field = chosen.find((c) => c.couponId === outcome.couponId)!.field;
    throw new AppError('COUPON_NOT_APPLICABLE', `${ERROR_CODES.COUPON_NOT_APPLICABLE} (${outcome.reason})`, field);
  }

  const appliedIds = outcome.applied.map((a) => a.couponId);
  const titles = new Map(all.map((c) => [c.couponId, c.title] as const));
  const discounts: Discount[] = [
    ...(memberOff > 0 ? [{ source: MEMBER_PRICE_SOURCE, label: `${tier.name}价`, amountFen: memberOff }] : []),
    ...outcome.applied.map((a) => ({ source: a.couponId, label: titles.get(a.couponId)!, amountFen: a.amountFen })),
  ];
  return {
    discounts,
    couponIds: appliedIds,
    // each option against what is applied now, so the panel says what choosing it would replace
    coupons: { applied: appliedIds, ...panel, options: joinOptions(panel.options, appliedIds, all, ctx) },
  };
}
