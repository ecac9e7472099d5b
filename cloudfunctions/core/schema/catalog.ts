import type { BaseDoc } from './base';
import type { Category, ProductStatus, Sku } from '../../../typings/contract';

export interface CategoryDoc extends BaseDoc, Category {}

export interface BannerDoc extends BaseDoc {
  image: string;
  title: string;
  path: string;
  sort: number;
}

export interface SkuDoc extends BaseDoc, Sku {
  status: 'on_sale' | 'off_shelf';
  /** stock checkouts have taken and not yet settled, by hold key (see catalog holdStock) */
  holds?: Record<string, number>;
  /** stock closed unpaid orders are giving back, by return key (see catalog returnStockOnce); cleared after */
  returns?: Record<string, number>;
  /**
   * 到货提醒: raised (by one) after each restock subscription is recorded, set back to 0 by the pass
   * that notified every waiting subscriber and saw no new one meanwhile; > 0 means there may be
   * shoppers waiting for this SKU (see catalog restock.ts).
   */
  restockWatch?: number;
}

/**
 * A shopper waiting for a sold-out SKU (到货提醒), `_id` = skuId:userId. `round` counts the times
 * they asked: a notified subscription asked for again (sold out again) waits with the next round,
 * and each round's message has its own outbox key.
 */
export interface RestockSubscriptionDoc extends BaseDoc {
  skuId: string;
  productId: string;
  userId: string;
  status: 'waiting' | 'notified';
  round: number;
  createdAt: number;
  updatedAt: number;
  notifiedAt: number | null;
}

export const restockSubscriptionId = (skuId: string, userId: string) => `${skuId}:${userId}`;

export interface ProductDoc extends BaseDoc {
  title: string;
  subtitle: string;
  categoryId: string;
  image: string;
  images: string[];
  detail: string;
  /** spec names in display order, e.g. ['色号', '容量'] */
  specNames: string[];
  /** lowest on-sale SKU price, kept current when SKUs change */
  priceFen: number;
  originalPriceFen: number;
  sales: number;
  /** paid orders whose sales are being counted, by sold key (see catalog countSales); cleared after */
  sold?: Record<string, number>;
  /** a draft is never shown to shoppers */
  status: ProductStatus;
  /**
   * the top-level category `categoryId` sits under (itself when it is top-level): listings of a whole
   * top-level category. Set on every product written since categories have two levels, and on a
   * top-level category's products when it first gets a sub-category.
   */
  topCategoryId?: string;
  /** its own after-sale window in days after receipt (0: no return or exchange after receipt); absent or null: the shop's */
  afterSaleDays?: number | null;
  /** lower-cased title, subtitle and category name, for keyword search */
  searchText: string;
  createdAt: number;
  /** bumped whenever SKUs are added, so two adds at once cannot both make the same combination */
  skuRev?: number;
}

/** What a shopper's list keeps of a product when it is added, for when the product is gone. */
export interface ShelfSnapshot {
  title: string;
  image: string;
  priceFen: number;
}

/** 收藏: a product a shopper keeps, `_id` = favoriteId(userId, productId). */
export interface FavoriteDoc extends BaseDoc, ShelfSnapshot {
  userId: string;
  productId: string;
  createdAt: number;
}

/** 足迹: a product a shopper viewed, the latest view only, `_id` = historyId(userId, productId). */
export interface HistoryDoc extends BaseDoc, ShelfSnapshot {
  userId: string;
  productId: string;
  viewedAt: number;
}

export const favoriteId = (userId: string, productId: string) => `${userId}:${productId}`;
export const historyId = (userId: string, productId: string) => `${userId}:${productId}`;
