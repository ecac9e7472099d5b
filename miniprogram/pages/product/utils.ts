import { formatYuan } from '../../utils/money';
import type { ClaimableCoupon, LiveCardOffer, Product, Sku } from '../../../typings/contract/index';
import { ruleText } from '../../utils/coupon-text';

/**
 * What the price line shows. While its live is on, a card prices each SKU on its own: a chosen SKU
 * with a live price shows it (never above the SKU's own price, as the server charges it) with the
 * regular price struck through; a chosen SKU without one shows its regular price and says so.
 * Without a chosen SKU, the lowest price (the card's). Otherwise the regular price with the list
 * price struck through.
 */
export function displayPrice(
  product: Pick<Product, 'priceFen' | 'originalPriceFen'>,
  sku: Pick<Sku, '_id' | 'priceFen'> | null,
  live: Pick<LiveCardOffer, 'livePriceFen' | 'skuPrices'> | null,
): { priceFen: number; originalFen: number; livePriced: boolean } {
  const regular = sku ? sku.priceFen : product.priceFen;
  const livePrice = !live ? undefined : sku ? live.skuPrices[sku._id] : live.livePriceFen;
  if (livePrice !== undefined) return { priceFen: Math.min(livePrice, regular), originalFen: regular, livePriced: true };
  return { priceFen: regular, originalFen: product.originalPriceFen, livePriced: false };
}

/**
 * The 会员价 line: the chosen SKU's member price (or the lowest, "起", before a choice), and whether
 * the shopper's tier pays it at checkout; '' when no SKU in view has one.
 */
export function memberPriceText(product: Pick<Product, 'memberPrice' | 'skus'>, sku: Pick<Sku, 'memberPriceFen'> | null): string {
  const member = product.memberPrice;
  if (!member) return '';
  const prices = product.skus.map((s) => s.memberPriceFen).filter((p): p is number => p !== undefined);
  const price = sku ? sku.memberPriceFen : prices.length ? Math.min(...prices) : undefined;
  if (price === undefined) return '';
  const amount = `会员价 ${formatYuan(price)}${sku ? '' : ' 起'}`;
  return member.eligible ? `${amount} · ${member.tierName}下单自动享` : `${amount} · ${member.fromTierName}及以上可享`;
}

/** The live card a landing names, when it names both the live and the card. */
export function landingCard(attribution: { liveId?: string; cardId?: string }): { liveId: string; cardId: string } | null {
  return attribution.liveId && attribution.cardId ? { liveId: attribution.liveId, cardId: attribution.cardId } : null;
}

/**
 * The coupon hint row (领券): the rules of the shop coupons that cover the product, those still to
 * claim first, then those the shopper holds; none sold out, over or not yet open. At most `max`.
 */
export function couponHints(items: ClaimableCoupon[], max = 3): string[] {
  const open = items.filter((c) => c.claimable);
  const held = items.filter((c) => !c.claimable && c.reason === 'limit_reached');
  return [...open, ...held].slice(0, max).map((c) => ruleText(c.rule));
}

/**
 * 到货提醒 for the chosen SKU: '' while it has stock (or none is chosen), 'remind' when it is sold
 * out and the shopper may ask, 'waiting' once they have.
 */
export type RestockState = '' | 'remind' | 'waiting';

export function restockState(sku: Pick<Sku, '_id' | 'stock'> | null, waitingSkuIds: readonly string[]): RestockState {
  if (!sku || sku.stock > 0) return '';
  return waitingSkuIds.includes(sku._id) ? 'waiting' : 'remind';
}

/** The line over the action bar for a sold-out SKU. */
export const restockNote = (state: RestockState): string =>
  state === 'waiting' ? '已设置到货提醒，到货后微信通知你' : state === 'remind' ? '该规格已售罄，可设置到货提醒' : '';

/** The selection that names one SKU (a restock message opens the page on the SKU it was about). */
export function selectionOf(product: Pick<Product, 'specGroups' | 'skus'>, skuId: string): Record<string, string> | null {
  const sku = product.skus.find((s) => s._id === skuId);
  if (!sku) return null;
  return Object.fromEntries(product.specGroups.filter((g) => sku.specs[g.name] !== undefined).map((g) => [g.name, sku.specs[g.name]]));
}

/** The service line: the after-sale window an order placed now keeps (0: none after receipt). */
export const serviceText = (afterSaleDays: number): string =>
  afterSaleDays > 0 ? `正品保障 · 签收后 ${afterSaleDays} 天内可申请退换` : '正品保障 · 签收后不支持无理由退换';
