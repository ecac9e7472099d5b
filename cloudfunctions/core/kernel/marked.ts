import type { Db } from '../ports';

/**
 * Counters moved once per record without a transaction on the documents that hold them (a live's
 * hottest: a product's sales, a SKU's stock). The record (an order) says the move is open; each
 * document's `$inc` is conditional on the record's mark not being on it and sets it, so a repeat moves
 * nothing twice; the record then says the move is done, the marks are cleared and the move is
 * closed. A move a crash left open is finished by a repair once no call can still be making it.
 */
export const markKey = (field: string, tag: string, id: string) => `${field}.${tag}_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** Each id's amount, summed over the lines that name it. */
export function amountsBy<L>(lines: L[], id: (line: L) => string, amount: (line: L) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines) out.set(id(line), (out.get(id(line)) ?? 0) + amount(line));
  return out;
}

/** Adds each amount to `field` of its document, on the documents not yet carrying the mark `key`. */
export async function incOnce(db: Db, collection: 'skus' | 'products', key: string, field: string, amounts: Map<string, number>, now: number): Promise<void> {
  for (const [_id, n] of amounts) await db.collection(collection).update({ _id, [key]: null }, { $inc: { [field]: n }, $set: { [key]: now } });
}

/** Removes the mark `key` from the documents that carry it. */
export async function clearMarks(db: Db, collection: 'skus' | 'products', key: string, ids: Iterable<string>): Promise<void> {
  for (const _id of ids) await db.collection(collection).update({ _id, [key]: { $gt: 0 } }, { $unset: [key] });
}
