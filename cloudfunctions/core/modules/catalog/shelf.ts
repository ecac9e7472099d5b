import type { ShelfProduct } from '../../../../typings/contract';
import { BROWSE_HISTORY_KEPT } from '../../../../typings/contract/limits';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { isDuplicateKey, type Collection, type Db } from '../../ports';
import { favoriteId, historyId, type BaseDoc, type ProductDoc, type ShelfSnapshot, type SkuDoc } from '../../schema';
import { HOT_WORD_COUNT, hotWords, pageWindow, shelfProduct, shelfSnapshot } from './rules';

/** The shopper's own lists: 收藏 (favorites) and 足迹 (browsing history), and the search page's hot words. */

export const SHELF_PAGE_SIZE = 20;

const favorites = (db: Db) => db.collection('favorites');
const history = (db: Db) => db.collection('browse_history');

async function productsWithSkus(db: Db, productIds: string[]) {
  const ids = [...new Set(productIds)];
  if (!ids.length) return { products: new Map<string, ProductDoc>(), skus: new Map<string, SkuDoc[]>() };
  const [products, skus] = await Promise.all([
    db.collection('products').find({ _id: { $in: ids } }),
    db.collection('skus').find({ productId: { $in: ids } }),
  ]);
  const byProduct = new Map<string, SkuDoc[]>(ids.map((id) => [id, []]));
  for (const sku of skus) byProduct.get(sku.productId)?.push(sku);
  return { products: new Map(products.map((p) => [p._id, p])), skus: byProduct };
}

/** Page `page` of a shopper's list, newest first by `by`, each entry with its product as it is now. */
async function shelfListing<E extends BaseDoc & ShelfSnapshot & { productId: string; userId: string }>(
  db: Db,
  entries: Collection<E>,
  userId: string,
  page: number | undefined,
  by: keyof E & string,
): Promise<{ total: number; rows: Array<{ entry: E; product: ShelfProduct }> }> {
  const { limit, skip } = pageWindow(page, SHELF_PAGE_SIZE);
  const [total, found] = await Promise.all([entries.count({ userId }), entries.find({ userId }, { sort: [[by, 'desc']], limit, skip })]);
  const { products, skus } = await productsWithSkus(db, found.map((e) => e.productId));
  const rows = found.map((entry) => ({
    entry,
    product: shelfProduct(entry.productId, products.get(entry.productId) ?? null, skus.get(entry.productId) ?? [], entry),
  }));
  return { total, rows };
}

export const isFavorite = async (db: Db, userId: string, productId: string) => (await favorites(db).get(favoriteId(userId, productId))) !== null;

/**
 * Keeps each viewed product on sale in the shopper's 足迹 with this view as its latest, then drops
 * what lies beyond the newest BROWSE_HISTORY_KEPT.
 */
export async function recordViews(db: Db, userId: string, productIds: string[], now: number): Promise<void> {
  const { products, skus } = await productsWithSkus(db, productIds);
  const viewed = [...products.values()].filter((p) => p.status === 'on_sale');
  if (!viewed.length) return;
  for (const product of viewed) {
    const _id = historyId(userId, product._id);
    const set = { viewedAt: now, ...shelfSnapshot(product, skus.get(product._id) ?? []) };
    if (await history(db).update({ _id }, { $set: set })) continue;
    try {
      await history(db).insert({ _id, userId, productId: product._id, ...set });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await history(db).update({ _id }, { $set: set });
    }
  }
  if ((await history(db).count({ userId })) <= BROWSE_HISTORY_KEPT) return;
  const beyond = await history(db).find({ userId }, { sort: [['viewedAt', 'desc']], skip: BROWSE_HISTORY_KEPT, limit: 100 });
  if (beyond.length) await history(db).remove({ _id: { $in: beyond.map((h) => h._id) } });
}

export const shelfActions = bind<'mall'>()({
  searchHints: {
    handler: async ({ db }) => {
      // twice as many as shown, so titles shared by two products still fill the row
      const best = await db.collection('products').find({ status: 'on_sale' }, { sort: [['sales', 'desc']], limit: HOT_WORD_COUNT * 2 });
      return { hotWords: hotWords(best) };
    },
  },

  favorite: {
    write: true,
    handler: async ({ db, now, caller }, { productId, on }) => {
      const _id = favoriteId(caller.openid, productId);
      if (!on) {
        await favorites(db).remove({ _id });
        return { productId, favorited: false };
      }
      const product = await db.collection('products').get(productId);
      if (!product || product.status !== 'on_sale') return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      const skus = await db.collection('skus').find({ productId });
      try {
        await favorites(db).insert({ _id, userId: caller.openid, productId, createdAt: now, ...shelfSnapshot(product, skus) });
      } catch (e) {
        // already kept: favouriting again changes nothing
        if (!isDuplicateKey(e)) throw e;
      }
      return { productId, favorited: true };
    },
  },

  listFavorites: {
    handler: async ({ db, caller }, { page }) => {
      const { total, rows } = await shelfListing(db, favorites(db), caller.openid, page, 'createdAt');
      return { items: rows.map(({ entry, product }) => ({ ...product, favoritedAt: entry.createdAt })), total };
    },
  },

  listHistory: {
    handler: async ({ db, caller }, { page }) => {
      const { total, rows } = await shelfListing(db, history(db), caller.openid, page, 'viewedAt');
      return { items: rows.map(({ entry, product }) => ({ ...product, viewedAt: entry.viewedAt })), total };
    },
  },

  clearHistory: {
    write: true,
    handler: async ({ db, caller }) => ({ removed: await history(db).remove({ userId: caller.openid }) }),
  },
});
