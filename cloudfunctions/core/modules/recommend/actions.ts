import type { Recommendation } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import type { TimerCtx } from '../../kernel/define';
import type { Db } from '../../ports';
import type { ProductDoc } from '../../schema';
import { statsId } from '../../schema';
import { PAID_STATUSES } from '../orders';
import { rebuildAssociations } from './build';
import { ASSOC_JOB } from '../../schema';
import type { AssocPair } from '../../schema';
import { rankRecommendations, type CandidateProduct } from './rules';

/**
 * `forMe`: loads what the blend needs for one user — what they bought, their category interests,
 * the precomputed associations of what they bought, a few best sellers of their favourite
 * categories and overall, and the live's cards — and ranks with the pure rules.
 */
const BOUGHT_ORDERS = 30;
const CATEGORY_PICKS = 10;
const POPULAR_PICKS = 20;
export const DEFAULT_LIMIT = 10;

/** Products the user paid for, most recent first. */
export async function boughtRecently(db: Db, userId: string, orders = BOUGHT_ORDERS): Promise<string[]> {
  const paid = await db
    .collection('orders')
    .find({ userId, status: { $in: [...PAID_STATUSES] } }, { sort: [['createdAt', 'desc']], limit: orders });
  return [...new Set(paid.flatMap((o) => o.lines.map((l) => l.productId)))];
}

export async function loadAssoc(db: Db, productIds: string[]): Promise<Map<string, AssocPair[]>> {
  if (!productIds.length) return new Map();
  const docs = await db.collection('item_assoc').find({ _id: { $in: productIds } });
  return new Map(docs.map((d) => [d._id, d.related]));
}

/** Products with availability: on sale and with stock on an on-sale SKU. */
export async function loadCandidates(db: Db, productIds: string[]): Promise<Map<string, ProductDoc & { available: boolean }>> {
  if (!productIds.length) return new Map();
  const [products, skus] = await Promise.all([
    db.collection('products').find({ _id: { $in: productIds } }),
    db.collection('skus').find({ productId: { $in: productIds }, status: 'on_sale', stock: { $gt: 0 } }),
  ]);
  const stocked = new Set(skus.map((s) => s.productId));
  return new Map(products.map((p) => [p._id, { ...p, available: p.status === 'on_sale' && stocked.has(p._id) }]));
}

export async function recommendFor(db: Db, userId: string, opts: { liveId?: string; limit?: number; now: number }): Promise<Recommendation[]> {
  const products = db.collection('products');
  const [bought, interests, categories] = await Promise.all([
    boughtRecently(db, userId),
    db.collection('interests').find({ userId }),
    db.collection('categories').find({}),
  ]);
  const assoc = await loadAssoc(db, bought);
  const topCategories = [...interests].sort((a, b) => b.score - a.score).slice(0, 3).map((i) => i.categoryId);
  const [byCategory, popular] = await Promise.all([
    Promise.all(topCategories.map((categoryId) => products.find({ categoryId, status: 'on_sale' }, { sort: [['sales', 'desc']], limit: CATEGORY_PICKS }))),
    products.find({ status: 'on_sale' }, { sort: [['sales', 'desc']], limit: POPULAR_PICKS }),
  ]);

  let live: { liveId: string; title: string; productIds: Set<string>; tapped: Set<string> } | null = null;
  if (opts.liveId) {
    const doc = await db.collection('lives').get(opts.liveId);
    if (doc) {
      const stats = await db.collection('live_stats').get(statsId(doc._id, userId));
      const tappedCards = new Set(Object.keys(stats?.tappedCards ?? {}));
      live = {
        liveId: doc._id,
        title: doc.title,
        productIds: new Set(doc.cards.map((c) => c.productId)),
        tapped: new Set(doc.cards.filter((c) => tappedCards.has(c.cardId)).map((c) => c.productId)),
      };
    }
  }

  const ids = new Set<string>([
    ...[...assoc.values()].flatMap((list) => list.map((p) => p.productId)),
    ...byCategory.flat().map((p) => p._id),
    ...popular.map((p) => p._id),
    ...(live ? [...live.productIds] : []),
  ]);
  const loaded = await loadCandidates(db, [...new Set([...ids, ...bought])]);
  const candidates = new Map<string, CandidateProduct>();
  for (const id of ids) {
    const p = loaded.get(id);
    if (p) candidates.set(id, { productId: id, title: p.title, categoryId: p.categoryId, sales: p.sales, available: p.available });
  }
  const ranked = rankRecommendations({
    bought,
    boughtTitles: new Map(bought.map((id) => [id, loaded.get(id)?.title ?? ''])),
    assoc,
    interests: new Map(interests.map((i) => [i.categoryId, i.score])),
    categoryNames: new Map(categories.map((c) => [c._id, c.name])),
    live,
    candidates,
    limit: opts.limit ?? DEFAULT_LIMIT,
  });
  return ranked.map((r) => {
    const p = loaded.get(r.productId)!;
    return { productId: p._id, title: p.title, image: p.image, priceFen: p.priceFen, originalPriceFen: p.originalPriceFen, score: r.score, reason: r.reason };
  });
}

export const recommendActions = bind<'recommend'>()({
  forMe: {
    handler: async ({ db, caller, now }, { liveId, limit }) => ({
      items: await recommendFor(db, caller.openid, { liveId, limit, now }),
      computedAt: ((await db.collection('jobs').get(ASSOC_JOB))?.updatedAt as number | undefined) ?? null,
    }),
  },
});

export const recommendAdminActions = bind<'admin'>()({
  rebuildRecommendations: {
    staff: 'crm.write',
    write: true,
    handler: async ({ db, now }) => rebuildAssociations(db, now),
  },
});

/** Timer, nightly: the association table is rebuilt. */
export const rebuildRecommendationsTimer = (ctx: TimerCtx) => rebuildAssociations(ctx.db, ctx.now);
