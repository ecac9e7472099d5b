import type { FindOptions, Query } from '../../ports';
import type { Product, ProductSort, ProductSummary, ShelfProduct, Sku, SpecGroup } from '../../../../typings/contract';
import { AFTER_SALE_DAYS } from '../../../../typings/contract';
import type { ProductDoc, RestockSubscriptionDoc, ShelfSnapshot, SkuDoc } from '../../schema';

/** Catalog rules as pure functions: what a listing shows, how SKUs read as spec groups. */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export function pageWindow(page: number | undefined, pageSize: number | undefined) {
  const size = Math.min(pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { limit: size, skip: ((page ?? 1) - 1) * size };
}

export interface ListingInput {
  categoryId?: string;
  topCategoryId?: string;
  keyword?: string;
  sort?: ProductSort;
  minPriceFen?: number;
  maxPriceFen?: number;
}

/** The keyword as searched: trimmed, lower-cased; '' for none. */
export const searchKeyword = (keyword: string | undefined) => keyword?.trim().toLowerCase() ?? '';

export function listingQuery(input: ListingInput): Query {
  const query: Query = { status: 'on_sale' };
  if (input.categoryId) query.categoryId = input.categoryId;
  if (input.topCategoryId) query.topCategoryId = input.topCategoryId;
  const keyword = searchKeyword(input.keyword);
  if (keyword) query.searchText = { $contains: keyword };
  const price: { $gte?: number; $lte?: number } = {};
  if (input.minPriceFen !== undefined) price.$gte = input.minPriceFen;
  if (input.maxPriceFen !== undefined) price.$lte = input.maxPriceFen;
  if (Object.keys(price).length) query.priceFen = price;
  return query;
}

/** The order the database reads a listing in (both adapters break ties by `_id`). */
export function listingSort(sort: ProductSort | undefined): NonNullable<FindOptions['sort']> {
  if (sort === 'price_asc') return [['priceFen', 'asc'], ['sales', 'desc']];
  if (sort === 'price_desc') return [['priceFen', 'desc'], ['sales', 'desc']];
  return [['sales', 'desc']];
}

/**
 * 综合 with a keyword is ranked here rather than by the database: the best-selling matches up to
 * this many are read and ranked, and the listing is at most that long.
 */
export const RELEVANCE_CANDIDATES = 200;

/** Whether the listing is 综合 over a keyword (ranked by `rankByRelevance`). */
export const ranksByRelevance = (input: ListingInput) => (input.sort ?? 'relevance') === 'relevance' && searchKeyword(input.keyword) !== '';

/** How well a product matches a keyword: title starts with it 3, title holds it 2, subtitle 1, only the category name 0. */
export function relevance(product: Pick<ProductDoc, 'title' | 'subtitle'>, keyword: string): number {
  const k = searchKeyword(keyword);
  const title = product.title.toLowerCase();
  if (title.startsWith(k)) return 3;
  if (title.includes(k)) return 2;
  return product.subtitle.toLowerCase().includes(k) ? 1 : 0;
}

/** 综合: the better match first, then the better seller, then by id. */
export function rankByRelevance<P extends Pick<ProductDoc, '_id' | 'title' | 'subtitle' | 'sales'>>(products: P[], keyword: string): P[] {
  const scored = products.map((p) => ({ p, score: relevance(p, keyword) }));
  scored.sort((a, b) => b.score - a.score || b.p.sales - a.p.sales || (a.p._id < b.p._id ? -1 : a.p._id > b.p._id ? 1 : 0));
  return scored.map((s) => s.p);
}

/** 热门搜索 offered on the search page. */
export const HOT_WORD_COUNT = 8;

/** Hot words from the best sellers (best first): each title once, at most `HOT_WORD_COUNT`. */
export function hotWords(bestSellers: Array<Pick<ProductDoc, 'title'>>): string[] {
  const words: string[] = [];
  for (const { title } of bestSellers) {
    const word = title.trim();
    if (word && !words.includes(word)) words.push(word);
    if (words.length === HOT_WORD_COUNT) break;
  }
  return words;
}

export const searchText = (title: string, subtitle: string, categoryName: string) =>
  `${title} ${subtitle} ${categoryName}`.toLowerCase();

const sellable = (skus: SkuDoc[]) => skus.filter((s) => s.status === 'on_sale');

export function summarize(product: ProductDoc, skus: SkuDoc[]): ProductSummary {
  const onSale = sellable(skus);
  return {
    _id: product._id,
    title: product.title,
    subtitle: product.subtitle,
    categoryId: product.categoryId,
    image: product.image,
    priceFen: onSale.length ? Math.min(...onSale.map((s) => s.priceFen)) : product.priceFen,
    originalPriceFen: product.originalPriceFen,
    sales: product.sales,
    stock: onSale.reduce((sum, s) => sum + Math.max(0, s.stock), 0),
  };
}

/** Spec groups in the product's spec order, values in the order SKUs list them. */
export function specGroups(specNames: string[], skus: Array<Pick<Sku, 'specs'>>): SpecGroup[] {
  return specNames.map((name) => {
    const values: string[] = [];
    for (const sku of skus) {
      const v = sku.specs[name];
      if (v !== undefined && !values.includes(v)) values.push(v);
    }
    return { name, values };
  });
}

/** A product as the product page shows it; `shopAfterSaleDays` is the shop's window where the product sets none. */
export function productView(product: ProductDoc, skus: SkuDoc[], live: Product['live'] = null, upcoming: Product['upcoming'] = null, shopAfterSaleDays = AFTER_SALE_DAYS): Product {
  const onSale = sellable(skus);
  return {
    ...summarize(product, skus),
    images: product.images,
    detail: product.detail,
    specGroups: specGroups(product.specNames, onSale),
    skus: onSale.map((s) => ({
      _id: s._id,
      productId: s.productId,
      specs: s.specs,
      priceFen: s.priceFen,
      stock: Math.max(0, s.stock),
      ...(s.memberPriceFen !== undefined ? { memberPriceFen: s.memberPriceFen } : {}),
      ...(s.perUserLimit ? { perUserLimit: s.perUserLimit } : {}),
    })),
    // drafts are never shown (the page reads only products on sale)
    status: product.status === 'on_sale' ? 'on_sale' : 'off_shelf',
    live,
    memberPrice: null,
    upcoming,
    // the window an order placed now keeps on its line
    afterSaleDays: product.afterSaleDays ?? shopAfterSaleDays,
    restockSkuIds: [],
    favorited: false,
  };
}

/** Lowest price among sellable SKUs, or null when none is on sale. */
export function lowestPrice(skus: SkuDoc[]): number | null {
  const onSale = sellable(skus);
  return onSale.length ? Math.min(...onSale.map((s) => s.priceFen)) : null;
}

/** 到货提醒: whether a shopper may ask to be told when the SKU comes back: it is on sale and has none left. */
export const awaitsRestock = (sku: Pick<SkuDoc, 'status' | 'stock'>): boolean => sku.status === 'on_sale' && sku.stock <= 0;

/** Whether the SKU is back: it and its product are on sale and it has stock again. */
export const isRestocked = (sku: Pick<SkuDoc, 'status' | 'stock'>, product: Pick<ProductDoc, 'status'> | null): boolean =>
  sku.status === 'on_sale' && sku.stock > 0 && product?.status === 'on_sale';

/** The outbox key of one round of one subscription: the same round is never sent twice. */
export const restockMessageKey = (sub: Pick<RestockSubscriptionDoc, 'skuId' | 'userId' | 'round'>) => `restock:${sub.skuId}:${sub.userId}:${sub.round}`;

/** What a shopper's list keeps of a product now. */
export const shelfSnapshot = (product: ProductDoc, skus: SkuDoc[]): ShelfSnapshot => ({
  title: product.title,
  image: product.image,
  priceFen: lowestPrice(skus) ?? product.priceFen,
});

/**
 * A product on a shopper's list (收藏, 足迹) as it is now: on sale with its price and stock, or
 * 已下架 — off the shelf, or gone, then as the list last saw it.
 */
export function shelfProduct(productId: string, product: ProductDoc | null, skus: SkuDoc[], kept: ShelfSnapshot): ShelfProduct {
  if (product?.status === 'on_sale') {
    const { title, image, priceFen, stock } = summarize(product, skus);
    return { productId, title, image, priceFen, stock, onSale: true };
  }
  const seen = product ? shelfSnapshot(product, skus) : kept;
  return { productId, title: seen.title, image: seen.image, priceFen: seen.priceFen, stock: 0, onSale: false };
}
