import type { Query } from '../../ports';
import type { Product, ProductSummary, Sku, SpecGroup } from '../../../../typings/contract';
import type { ProductDoc, RestockSubscriptionDoc, SkuDoc } from '../../schema';

/** Catalog rules as pure functions: what a listing shows, how SKUs read as spec groups. */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export function pageWindow(page: number | undefined, pageSize: number | undefined) {
  const size = Math.min(pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { limit: size, skip: ((page ?? 1) - 1) * size };
}

export function listingQuery(input: { categoryId?: string; keyword?: string }): Query {
  const query: Query = { status: 'on_sale' };
  if (input.categoryId) query.categoryId = input.categoryId;
  const keyword = input.keyword?.trim().toLowerCase();
  if (keyword) query.searchText = { $contains: keyword };
  return query;
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

export function productView(product: ProductDoc, skus: SkuDoc[], live: Product['live'] = null, upcoming: Product['upcoming'] = null): Product {
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
    status: product.status,
    live,
    memberPrice: null,
    upcoming,
    restockSkuIds: [],
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

