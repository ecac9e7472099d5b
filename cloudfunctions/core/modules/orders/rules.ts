import type { CartLine, OrderLine } from '../../../../typings/contract';
import type { ProductDoc, SkuDoc } from '../../schema';
import { skuLivePrice, type LiveOffer } from '../live';
import type { CartItemDoc } from '../../schema';

/** Cart and order-line rules as pure functions. */

export { MAX_ADDRESSES, MAX_CART_LINES, MAX_LINE_QUANTITY } from '../../../../typings/contract/limits';

/** The price charged for one unit: the SKU's live price while its offer holds, else the SKU's own. */
export function unitPrice(sku: Pick<SkuDoc, '_id' | 'priceFen' | 'productId'>, offer: LiveOffer | null): number {
  return skuLivePrice(offer, sku) ?? sku.priceFen;
}

export const sellable = (sku: SkuDoc | null, product: ProductDoc | null): boolean =>
  !!sku && !!product && sku.status === 'on_sale' && product.status === 'on_sale';

/** Same SKU twice in one request is one line with the summed quantity. */
export function mergeItems<T extends { skuId: string; quantity: number }>(items: T[]): T[] {
  const bySku = new Map<string, T>();
  for (const item of items) {
    const seen = bySku.get(item.skuId);
    bySku.set(item.skuId, seen ? { ...seen, quantity: seen.quantity + item.quantity } : { ...item });
  }
  return [...bySku.values()];
}

export function orderLine(sku: SkuDoc, product: ProductDoc, quantity: number, offer: LiveOffer | null): OrderLine {
  const unitPriceFen = unitPrice(sku, offer);
  return {
    skuId: sku._id,
    productId: product._id,
    title: product.title,
    image: product.image,
    specs: sku.specs,
    quantity,
    unitPriceFen,
    listPriceFen: sku.priceFen,
    lineTotalFen: unitPriceFen * quantity,
    // the window promised when it was bought
    ...(typeof product.afterSaleDays === 'number' ? { afterSaleDays: product.afterSaleDays } : {}),
  };
}

export function cartLine(item: CartItemDoc, sku: SkuDoc | null, product: ProductDoc | null, offer: LiveOffer | null): CartLine {
  const ok = sellable(sku, product);
  const unitPriceFen = sku ? unitPrice(sku, offer) : item.addedUnitPriceFen;
  return {
    skuId: item.skuId,
    productId: sku?.productId ?? '',
    title: product?.title ?? '',
    image: product?.image ?? '',
    specs: sku?.specs ?? {},
    quantity: item.quantity,
    unitPriceFen,
    listPriceFen: sku?.priceFen ?? item.addedUnitPriceFen,
    lineTotalFen: unitPriceFen * item.quantity,
    stock: sku ? Math.max(0, sku.stock) : 0,
    ...(item.liveId ? { liveId: item.liveId } : {}),
    ...(item.cardId ? { cardId: item.cardId } : {}),
    problem: !ok ? 'unavailable' : sku!.stock < item.quantity ? 'insufficient_stock' : null,
    priceChanged: ok && unitPriceFen !== item.addedUnitPriceFen,
  };
}
