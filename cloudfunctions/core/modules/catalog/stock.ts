import { AppError } from '../../kernel/errors';
import { amountsBy, clearMarks, incOnce, markKey } from '../../kernel/marked';
import type { Db, Tx } from '../../ports';

/**
 * Stock is taken by one atomic conditional decrement per line ("stock where stock >= n"), never
 * below zero; all or nothing across lines: when a later line fails, what was taken goes back.
 */
export interface StockLine {
  skuId: string;
  quantity: number;
}

export async function takeStock(db: Db, lines: StockLine[]): Promise<void> {
  const skus = db.collection('skus');
  const taken: StockLine[] = [];
  for (const [i, line] of lines.entries()) {
    const changed = await skus.update(
      { _id: line.skuId, status: 'on_sale', stock: { $gte: line.quantity } },
      { $inc: { stock: -line.quantity } },
    );
    if (!changed) {
      await returnStock(db, taken);
      throw new AppError('OUT_OF_STOCK', undefined, `items.${i}`);
    }
    taken.push(line);
  }
}

export async function returnStock(db: Db, lines: StockLine[]): Promise<void> {
  for (const line of lines) await db.collection('skus').update({ _id: line.skuId }, { $inc: { stock: line.quantity } });
}

/**
 * The stock an order closed unpaid gives back, without a transaction on the SKU (checkouts take from
 * it at the same moment): once per order under its return mark (kernel/marked.ts; see flows/order-close
 * finishStockReturn).
 */
export const returnKey = (orderId: string) => markKey('returns', 'r', orderId);
const bySku = (lines: StockLine[]) => amountsBy(lines, (l) => l.skuId, (l) => l.quantity);

export const returnStockOnce = (db: Db, orderId: string, lines: StockLine[], now: number) => incOnce(db, 'skus', returnKey(orderId), 'stock', bySku(lines), now);
export const clearReturnMarks = (db: Db, orderId: string, lines: StockLine[]) => clearMarks(db, 'skus', returnKey(orderId), bySku(lines).keys());

/** Inside a transaction: the lines' stock back on their SKUs. */
export async function returnStockTx(tx: Tx, lines: StockLine[]): Promise<void> {
  for (const line of lines) await tx.update('skus', line.skuId, { $inc: { stock: line.quantity } });
}

/**
 * Sales counters, moved once per paid order without a transaction (a product on sale in a live is
 * the hottest document there is): under the order's sold mark (kernel/marked.ts; see flows/order-close
 * finishSalesCount).
 */
export const soldKey = (orderId: string) => markKey('sold', 'o', orderId);
type SoldLine = { productId: string; quantity: number };
const byProduct = (lines: SoldLine[]) => amountsBy(lines, (l) => l.productId, (l) => l.quantity);

export const countSales = (db: Db, orderId: string, lines: SoldLine[], now: number) => incOnce(db, 'products', soldKey(orderId), 'sales', byProduct(lines), now);
export const clearSaleMarks = (db: Db, orderId: string, lines: SoldLine[]) => clearMarks(db, 'products', soldKey(orderId), byProduct(lines).keys());

/**
 * Stock a checkout holds until its order is written: each line's decrement also marks the SKU with
 * the hold (`holds.<key>` = quantity) in the same conditional update, so what was taken can always be
 * told from what was not — a crash between lines, or after them, leaves marks a repair can act on.
 */
export const holdKey = (holdId: string) => `holds.h_${holdId.replace(/[^A-Za-z0-9_]/g, '_')}`;

export async function holdStock(db: Db, lines: StockLine[], holdId: string): Promise<void> {
  const skus = db.collection('skus');
  const key = holdKey(holdId);
  for (const [i, line] of lines.entries()) {
    const changed = await skus.update(
      { _id: line.skuId, status: 'on_sale', stock: { $gte: line.quantity } },
      { $inc: { stock: -line.quantity }, $set: { [key]: line.quantity } },
    );
    if (!changed) {
      await returnHeldStock(db, lines, holdId);
      throw new AppError('OUT_OF_STOCK', undefined, `items.${i}`);
    }
  }
}

/** Gives back what a hold took, line by line, only where its mark is still on the SKU: safe to run twice, or for a line never taken. */
export async function returnHeldStock(db: Db, lines: StockLine[], holdId: string): Promise<void> {
  const key = holdKey(holdId);
  for (const line of lines) await db.collection('skus').update({ _id: line.skuId, [key]: line.quantity }, { $inc: { stock: line.quantity }, $unset: [key] });
}

/** The order is written: the stock stays taken and the marks go. */
export async function releaseHolds(db: Db, lines: StockLine[], holdId: string): Promise<void> {
  const key = holdKey(holdId);
  for (const line of lines) await db.collection('skus').update({ _id: line.skuId, [key]: { $gt: 0 } }, { $unset: [key] });
}
