import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import type { Db } from '../ports';
import { featuredLive, liveBrief, liveOffer, upcomingOffer } from '../modules/live';
import type { ProductDoc, SkuDoc } from '../schema';
import {
  categoryTree,
  isFavorite,
  listingQuery,
  listingSort,
  pageWindow,
  productView,
  RELEVANCE_CANDIDATES,
  rankByRelevance,
  ranksByRelevance,
  summarize,
  waitingSkuIds,
} from '../modules/catalog';
import { currentTier, TIERS } from '../modules/points';
import { loadOrderSettings } from '../modules/orders';

const products = (db: Db) => db.collection('products');
const skus = (db: Db) => db.collection('skus');

async function skusByProduct(db: Db, productIds: string[]): Promise<Map<string, SkuDoc[]>> {
  const map = new Map<string, SkuDoc[]>(productIds.map((id) => [id, []]));
  if (!productIds.length) return map;
  for (const sku of await skus(db).find({ productId: { $in: productIds } })) map.get(sku.productId)?.push(sku);
  return map;
}

/** Every category, top-level ones first, each level by `sort`. */
const listCategories = async (db: Db) =>
  categoryTree(await db.collection('categories').find({})).map(({ _id, name, icon, sort, parentId }) => ({
    _id,
    name,
    icon,
    sort,
    parentId: parentId ?? null,
  }));

/** Lives that may be featured: ending after now, soonest first. */
const currentLives = (db: Db, now: number) =>
  db.collection('lives').find({ endAt: { $gt: now } }, { sort: [['startAt', 'asc']], limit: 20 });

export const storefrontActions = bind<'mall'>()({
  getHome: {
    handler: async ({ db, now }) => {
      const [banners, lives, categories] = await Promise.all([
        db.collection('banners').find({}, { sort: [['sort', 'asc']], limit: 5 }),
        currentLives(db, now),
        listCategories(db),
      ]);
      const live = featuredLive(lives, now);
      return {
        banners: banners.map(({ _id, image, title, path }) => ({ _id, image, title, path })),
        live: live ? liveBrief(live, now) : null,
        categories: categories.filter((c) => c.parentId === null),
      };
    },
  },

  listCategories: {
    handler: async ({ db }) => ({ items: await listCategories(db) }),
  },

  listProducts: {
    handler: async ({ db }, input) => {
      const query = listingQuery(input);
      const { limit, skip } = pageWindow(input.page, input.pageSize);
      const sort = listingSort(input.sort);
      let total: number;
      let page: ProductDoc[];
      if (ranksByRelevance(input)) {
        // 综合 over a keyword: the best-selling matches, ranked by how well they match
        const candidates = await products(db).find(query, { sort, limit: RELEVANCE_CANDIDATES });
        total = candidates.length;
        page = rankByRelevance(candidates, input.keyword ?? '').slice(skip, skip + limit);
      } else {
        [total, page] = await Promise.all([products(db).count(query), products(db).find(query, { sort, limit, skip })]);
      }
      const byProduct = await skusByProduct(db, page.map((p) => p._id));
      return { items: page.map((p) => summarize(p, byProduct.get(p._id) ?? [])), total };
    },
  },

  getProduct: {
    handler: async ({ db, now, caller }, { productId, liveId, cardId }) => {
      const product = await products(db).get(productId);
      if (!product || product.status !== 'on_sale') return fail('PRODUCT_NOT_FOUND');
      const [byProduct, live, favorited, settings] = await Promise.all([
        skusByProduct(db, [productId]),
        liveId ? db.collection('lives').get(liveId) : Promise.resolve(null),
        isFavorite(db, caller.openid, productId),
        loadOrderSettings(db),
      ]);
      // the live price shows only while that live is on and the card is this product's
      const offer = liveOffer(live, cardId, productId, now);
      const card = offer && live ? { liveId: offer.liveId, cardId: offer.cardId, livePriceFen: offer.livePriceFen, skuPrices: offer.skuPrices, endAt: live.endAt } : null;
      // before the live, the landing says what the card's price will be and when it starts
      const view = { ...productView(product, byProduct.get(productId) ?? [], card, upcomingOffer(live, cardId, productId, now), settings.afterSaleDays), favorited };
      // 会员价 shows on the product page with whether this shopper's tier pays it
      if (view.skus.some((s) => s.memberPriceFen !== undefined)) {
        const { tier } = await currentTier(db, caller.openid, now);
        view.memberPrice = { eligible: tier.memberPrice, tierName: tier.name, fromTierName: TIERS.find((t) => t.memberPrice)?.name ?? '' };
      }
      // 到货提醒: which of the sold-out SKUs the caller already waits for
      view.restockSkuIds = await waitingSkuIds(db, caller.openid, view.skus.filter((s) => s.stock <= 0).map((s) => s._id));
      return view;
    },
  },
});
