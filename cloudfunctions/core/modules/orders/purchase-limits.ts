import { AppError } from '../../kernel/errors';
import type { Db, Tx } from '../../ports';
import { purchaseCountId } from '../../schema';

/**
 * 每人限购: a per-shopper limit staff set on a SKU. What a shopper holds is counted per user and SKU
 * over their orders that are not closed (cancelled, expired or refunded). The count moves in the
 * same transaction as the order it counts: taken with the order's insert, given back with its close,
 * so a crash between the two can never leave a count without its order.
 */
export interface LimitedLine {
  skuId: string;
  quantity: number;
  limit: number;
  /** the line's index in the request, for the error's field */
  index: number;
}

/** The order lines whose SKU has a per-user limit, with that limit. */
export function limitedLines(lines: Array<{ skuId: string; quantity: number }>, skus: Map<string, { perUserLimit?: number }>): LimitedLine[] {
  return lines.flatMap((l, index) => {
    const limit = skus.get(l.skuId)?.perUserLimit;
    return limit ? [{ skuId: l.skuId, quantity: l.quantity, limit, index }] : [];
  });
}

const overLimit = (line: LimitedLine, held: number) =>
  new AppError('PURCHASE_LIMIT_EXCEEDED', `at most ${line.limit} per shopper, ${Math.max(0, line.limit - held)} left`, `items.${line.index}.quantity`);

/** What a shopper holds now of each limited line's SKU. */
export async function purchaseHeld(db: Db, userId: string, lines: LimitedLine[]): Promise<Map<string, number>> {
  if (!lines.length) return new Map();
  const held = await db.collection('purchase_counts').find({ _id: { $in: lines.map((l) => purchaseCountId(userId, l.skuId)) } });
  return new Map(held.map((h) => [h.skuId, h.count]));
}

/** Each limited line's limit and what is left of it for the shopper (for the checkout page). */
export const purchaseLimitsView = (lines: LimitedLine[], held: Map<string, number>): Record<string, { limit: number; left: number }> =>
  Object.fromEntries(lines.map((l) => [l.skuId, { limit: l.limit, left: Math.max(0, l.limit - (held.get(l.skuId) ?? 0)) }]));

/** Before anything is taken: the refusal the order's transaction would give, read now. */
export async function checkPurchaseLimits(db: Db, userId: string, lines: LimitedLine[]): Promise<void> {
  const held = await purchaseHeld(db, userId, lines);
  for (const line of lines) if ((held.get(line.skuId) ?? 0) + line.quantity > line.limit) throw overLimit(line, held.get(line.skuId) ?? 0);
}

/** Inside the transaction that inserts the order: every limited line's quantity, or PURCHASE_LIMIT_EXCEEDED for the first that does not fit. */
export async function takePurchaseLimitsTx(tx: Tx, userId: string, lines: LimitedLine[]): Promise<void> {
  for (const line of lines) {
    const _id = purchaseCountId(userId, line.skuId);
    const held = (await tx.get('purchase_counts', _id))?.count ?? 0;
    if (held + line.quantity > line.limit) throw overLimit(line, held);
    await tx.set('purchase_counts', { _id, userId, skuId: line.skuId, count: held + line.quantity });
  }
}

/** Inside the transaction that closes an order (unpaid or refunded): what its lines took goes back. */
export async function givePurchaseLimitsTx(tx: Tx, userId: string, lines: Array<{ skuId: string; quantity: number }>): Promise<void> {
  for (const line of lines) {
    const _id = purchaseCountId(userId, line.skuId);
    const doc = await tx.get('purchase_counts', _id);
    if (doc) await tx.update('purchase_counts', _id, { $set: { count: Math.max(0, doc.count - line.quantity) } });
  }
}
