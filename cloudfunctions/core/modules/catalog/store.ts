import type { Db } from '../../ports';
import type { LiveDoc } from '../../schema';

/** Loads SKUs with their products in two queries. */
export async function loadSkus(db: Db, skuIds: string[]) {
  const ids = [...new Set(skuIds)];
  const skus = new Map((ids.length ? await db.collection('skus').find({ _id: { $in: ids } }) : []).map((s) => [s._id, s]));
  const productIds = [...new Set([...skus.values()].map((s) => s.productId))];
  const products = new Map(
    (productIds.length ? await db.collection('products').find({ _id: { $in: productIds } }) : []).map((p) => [p._id, p]),
  );
  return { skus, products };
}

export async function loadLives(db: Db, liveIds: Array<string | undefined>): Promise<Map<string, LiveDoc>> {
  const ids = [...new Set(liveIds.filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  return new Map((await db.collection('lives').find({ _id: { $in: ids } })).map((l) => [l._id, l]));
}
