import { shelfSnapshot } from '../../cloudfunctions/core/modules/catalog';
import { DAY, HOUR, MINUTE } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';
import { favoriteId, historyId } from '../../cloudfunctions/core/schema';

/** demo-shopper's 收藏 (kept days ago) and 足迹 (viewed this morning, last night and earlier): how long before the seed's now. */
const FAVORITES: Array<[productId: string, agoMs: number]> = [
  ['p-cream', 1 * DAY],
  ['p-perfume-rose', 2 * DAY],
  ['p-serum', 5 * DAY],
];
const VIEWS: Array<[productId: string, agoMs: number]> = [
  ['p-foundation', 20 * MINUTE],
  ['p-lipstick', 50 * MINUTE],
  ['p-cushion', 13 * HOUR],
  ['p-powder', 13 * HOUR + 30 * MINUTE],
  ['p-mask', 3 * DAY],
];

export async function seedShelf(ports: Ports, shopper: string): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();
  const snapshot = async (productId: string) => {
    const product = await db.collection('products').get(productId);
    if (!product) throw new Error(`seed: no product ${productId}`);
    return shelfSnapshot(product, await db.collection('skus').find({ productId }));
  };
  for (const [productId, ago] of FAVORITES) {
    await db.collection('favorites').insert({ _id: favoriteId(shopper, productId), userId: shopper, productId, createdAt: now - ago, ...(await snapshot(productId)) });
  }
  for (const [productId, ago] of VIEWS) {
    await db.collection('browse_history').insert({ _id: historyId(shopper, productId), userId: shopper, productId, viewedAt: now - ago, ...(await snapshot(productId)) });
  }
}
