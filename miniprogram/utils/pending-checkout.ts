import type { Attribution } from './attribution';

/**
 * Selections made with "buy now" / "add to cart", kept on the device under 'pendingCheckout'
 * until the server cart exists. Each line carries its attribution so the order can be credited
 * to the live card it came from. Title, image, spec text and price are a snapshot for display.
 */
export const PENDING_CHECKOUT_KEY = 'pendingCheckout';

export interface PendingSelection {
  skuId: string;
  productId: string;
  quantity: number;
  attribution: Attribution;
  title: string;
  image: string;
  specText: string;
  priceFen: number;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 999;

function isSelection(v: unknown): v is PendingSelection {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  const attribution = s.attribution as { source?: unknown } | undefined;
  return (
    isString(s.skuId) &&
    isString(s.productId) &&
    isCount(s.quantity) &&
    isString(s.title) &&
    isString(s.image) &&
    isString(s.specText) &&
    typeof s.priceFen === 'number' &&
    !!attribution &&
    isString(attribution.source)
  );
}

/** The stored lines; anything malformed is dropped. */
export function parsePending(raw: unknown): PendingSelection[] {
  return Array.isArray(raw) ? raw.filter(isSelection) : [];
}

/** Adds a line, or for a SKU already there: `replace` sets its quantity, `add` sums it (capped at 999). */
export function upsertPending(lines: PendingSelection[], line: PendingSelection, mode: 'replace' | 'add'): PendingSelection[] {
  const i = lines.findIndex((l) => l.skuId === line.skuId);
  if (i < 0) return [...lines, line];
  const quantity = mode === 'add' ? Math.min(999, lines[i].quantity + line.quantity) : line.quantity;
  return lines.map((l, j) => (j === i ? { ...line, quantity } : l));
}

export const readPending = (): PendingSelection[] => parsePending(wx.getStorageSync(PENDING_CHECKOUT_KEY));

export const writePending = (lines: PendingSelection[]): void => wx.setStorageSync(PENDING_CHECKOUT_KEY, lines);
