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

/** Inside a transaction: the lines' stock back on their SKUs. */
export async function returnStockTx(tx: Tx, lines: StockLine[]): Promise<void> {
  for (const line of lines) await tx.update('skus', line.skuId, { $inc: { stock: line.quantity } });
}

/** Sales counters of the products sold, moved once per paid order by the caller. */
export async function countSales(db: Db, lines: Array<{ productId: string; quantity: number }>): Promise<void> {
  for (const line of lines) await db.collection('products').update({ _id: line.productId }, { $inc: { sales: line.quantity } });
}
