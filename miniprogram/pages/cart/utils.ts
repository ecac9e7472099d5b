import type { Cart, CartLine } from '../../../typings/contract/index';
import type { Attribution } from '../../utils/attribution';
import type { CheckoutItem } from '../../utils/checkout-link';
import { MAX_QUANTITY } from '../../utils/sku';

/** What one cart line shows; the page resolves the image URL. */
export interface LineView {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specText: string;
  unitPriceFen: number;
  /** the SKU price struck through while a live price applies; 0 otherwise */
  listPriceFen: number;
  fromLive: boolean;
  quantity: number;
  /** the stepper's bound: the stock (at most 999); never below the quantity already in the cart */
  max: number;
  /** why the line cannot be bought now, in words; '' when it can */
  problemText: string;
  priceChanged: boolean;
  /** off the shelf or gone: only removal is left */
  unavailable: boolean;
  buyable: boolean;
  selected: boolean;
}

export const specText = (specs: Record<string, string>): string => Object.values(specs).join(' / ');

export function problemText(line: Pick<CartLine, 'problem' | 'stock'>): string {
  if (line.problem === 'unavailable') return '已失效';
  if (line.problem === 'insufficient_stock') return line.stock > 0 ? `库存不足，仅剩 ${line.stock} 件` : '已售罄';
  return '';
}

export function lineView(line: CartLine, selected: boolean, image: string): LineView {
  const buyable = line.problem === null;
  const stockBound = Math.max(1, Math.min(line.stock, MAX_QUANTITY));
  return {
    skuId: line.skuId,
    productId: line.productId,
    title: line.title || '商品已下架',
    image,
    specText: specText(line.specs),
    unitPriceFen: line.unitPriceFen,
    listPriceFen: line.listPriceFen > line.unitPriceFen ? line.listPriceFen : 0,
    fromLive: !!line.liveId && line.unitPriceFen < line.listPriceFen,
    quantity: line.quantity,
    max: line.problem === 'insufficient_stock' ? line.quantity : stockBound,
    problemText: problemText(line),
    priceChanged: line.priceChanged,
    unavailable: line.problem === 'unavailable',
    buyable,
    selected: buyable && selected,
  };
}

/** The selection after a new answer: lines seen for the first time start selected when buyable. */
export function nextSelection(cart: Cart, selected: ReadonlySet<string>, known: ReadonlySet<string>): { selected: Set<string>; known: Set<string> } {
  const nextSelected = new Set<string>();
  const nextKnown = new Set<string>();
  for (const line of cart.lines) {
    nextKnown.add(line.skuId);
    if (known.has(line.skuId) ? selected.has(line.skuId) : line.problem === null) nextSelected.add(line.skuId);
  }
  return { selected: nextSelected, known: nextKnown };
}

export interface Totals {
  selectedCount: number;
  /** quantity over the selected lines */
  selectedQuantity: number;
  totalFen: number;
  allSelected: boolean;
}

export function totals(lines: LineView[]): Totals {
  const chosen = lines.filter((l) => l.selected);
  const buyable = lines.filter((l) => l.buyable);
  return {
    selectedCount: chosen.length,
    selectedQuantity: chosen.reduce((n, l) => n + l.quantity, 0),
    totalFen: chosen.reduce((n, l) => n + l.unitPriceFen * l.quantity, 0),
    allSelected: buyable.length > 0 && chosen.length === buyable.length,
  };
}

/** The checkout's lines and the live card they came from (the first selected line from a live). */
export function checkoutSelection(cart: Cart, lines: LineView[]): { items: CheckoutItem[]; attribution: Attribution | null } {
  const chosen = lines.filter((l) => l.selected);
  const items = chosen.map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
  const fromLive = cart.lines.find((l) => chosen.some((c) => c.skuId === l.skuId) && l.liveId && l.cardId);
  return {
    items,
    attribution: fromLive ? { source: 'live_card', liveId: fromLive.liveId, cardId: fromLive.cardId } : null,
  };
}
