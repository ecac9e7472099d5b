import type { LiveCardOffer, Product, Sku } from '../../../typings/contract/index';

/**
 * What the price line shows: the live card's price while its live is on (never above the SKU's
 * own price, as the server charges it) with the regular price struck through; otherwise the
 * regular price with the list price struck through. Without a chosen SKU, the lowest price.
 */
export function displayPrice(product: Pick<Product, 'priceFen' | 'originalPriceFen'>, sku: Pick<Sku, 'priceFen'> | null, live: Pick<LiveCardOffer, 'livePriceFen'> | null): { priceFen: number; originalFen: number } {
  const regular = sku ? sku.priceFen : product.priceFen;
  if (live) return { priceFen: Math.min(live.livePriceFen, regular), originalFen: regular };
  return { priceFen: regular, originalFen: product.originalPriceFen };
}

/** The live card a landing names, when it names both the live and the card. */
export function landingCard(attribution: { liveId?: string; cardId?: string }): { liveId: string; cardId: string } | null {
  return attribution.liveId && attribution.cardId ? { liveId: attribution.liveId, cardId: attribution.cardId } : null;
}
