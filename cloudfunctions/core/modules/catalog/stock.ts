import { AppError } from '../../kernel/errors';
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
 * it at the same moment): each SKU's `$inc` is conditional on the order's mark not being on it and
 * sets it, so a repeat gives nothing twice; the order then records its stock returned and the marks
 * are cleared (see flows/order-close finishStockReturn).
 */
export const returnKey = (orderId: string) => `returns.r_${orderId.replace(/[^A-Za-z0-9_]/g, '_')}`;

const quantitiesBySku = (lines: StockLine[]): Map<string, number> => {
  const bySku = new Map<string, number>();
  for (const line of lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.quantity);
  return bySku;
};

export async function returnStockOnce(db: Db, orderId: string, lines: StockLine[], now: number): Promise<void> {
  const key = returnKey(orderId);
  for (const [skuId, quantity] of quantitiesBySku(lines)) {
    await db.collection('skus').update({ _id: skuId, [key]: null }, { $inc: { stock: quantity }, $set: { [key]: now } });
  }
}

/** Clears the order's return marks once the order records its stock returned. */
export async function clearReturnMarks(db: Db, orderId: string, lines: StockLine[]): Promise<void> {
  const key = returnKey(orderId);
  for (const skuId of quantitiesBySku(lines).keys()) await db.collection('skus').update({ _id: skuId, [key]: { $gt: 0 } }, { $unset: [key] });
}

/** Inside a transaction: the lines' stock back on their SKUs. */
export async function returnStockTx(tx: Tx, lines: StockLine[]): Promise<void> {
  for (const line of lines) await tx.update('skus', line.skuId, { $inc: { stock: line.quantity } });
}

/**
 * Sales counters, moved once per paid order without a transaction (a product on sale in a live is
 * the hottest document there is): each product's `$inc` is conditional on the order's mark not being
 * on it and sets the mark, so a repeat counts nothing; the order then records that its sales are
 * counted and the marks are cleared (see flows/order-close finishSalesCount).
 */
export const soldKey = (orderId: string) => `sold.o_${orderId.replace(/[^A-Za-z0-9_]/g, '_')}`;

const quantitiesByProduct = (lines: Array<{ productId: string; quantity: number }>): Map<string, number> => {
  const byProduct = new Map<string, number>();
  for (const line of lines) byProduct.set(line.productId, (byProduct.get(line.productId) ?? 0) + line.quantity);
  return byProduct;
};

/** Counts the order's sales on each product not marked yet. */
export async function countSales(db: Db, orderId: string, lines: Array<{ productId: string; quantity: number }>, now: number): Promise<void> {
  const key = soldKey(orderId);
  for (const [productId, quantity] of quantitiesByProduct(lines)) {
    await db.collection('products').update({ _id: productId, [key]: null }, { $inc: { sales: quantity }, $set: { [key]: now } });
  }
}

/** Clears the order's marks once the order records its sales as counted. */
export async function clearSaleMarks(db: Db, orderId: string, lines: Array<{ productId: string; quantity: number }>): Promise<void> {
  const key = soldKey(orderId);
  for (const productId of quantitiesByProduct(lines).keys()) await db.collection('products').update({ _id: productId, [key]: { $gt: 0 } }, { $unset: [key] });
}

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
