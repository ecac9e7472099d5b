import { z } from 'zod';
import { def, fen, id, page, text } from './common';
import { SubscribeConsents } from './live';

export interface Category {
  _id: string;
  name: string;
  icon: string;
  sort: number;
  /** the top-level category it sits under; null for a top-level one (two levels at most) */
  parentId: string | null;
}

export interface Sku {
  _id: string;
  productId: string;
  /** spec name → value, e.g. { 色号: '01 自然色', 容量: '30ml' } */
  specs: Record<string, string>;
  priceFen: number;
  stock: number;
  /** 会员价: what members whose tier has member prices pay, when the SKU has one */
  memberPriceFen?: number;
  /** 每人限购: the most one shopper may buy of this SKU (over their orders not cancelled, expired or refunded), when staff set one */
  perUserLimit?: number;
}

export interface ProductSummary {
  _id: string;
  title: string;
  subtitle: string;
  categoryId: string;
  image: string;
  /** lowest SKU price */
  priceFen: number;
  /** list price before discount, shown struck through */
  originalPriceFen: number;
  sales: number;
  /** summed stock over SKUs */
  stock: number;
}

export interface SpecGroup {
  name: string;
  values: string[];
}

/** The live card offer a landing carries: present only while that live is on. */
export interface LiveCardOffer {
  liveId: string;
  cardId: string;
  /** the card's shown (lowest) live price */
  livePriceFen: number;
  /** live price by SKU id; a SKU not listed sells at its regular price */
  skuPrices: Record<string, number>;
  /** when the live (and the price) ends */
  endAt: number;
}

/** The live card a landing names, before that live starts: its price applies from `startAt`. */
export interface UpcomingCardOffer {
  liveId: string;
  cardId: string;
  /** the card's shown (lowest) live price */
  livePriceFen: number;
  /** when the live (and the price) starts */
  startAt: number;
}

export interface Product extends ProductSummary {
  images: string[];
  live: LiveCardOffer | null;
  /** when a SKU has a 会员价: whether the caller's tier pays it, and the lowest tier that does */
  memberPrice: { eligible: boolean; tierName: string; fromTierName: string } | null;
  /** present only while the named live is still to start (then `live` is null) */
  upcoming: UpcomingCardOffer | null;
  detail: string;
  specGroups: SpecGroup[];
  skus: Sku[];
  status: 'on_sale' | 'off_shelf';
  /** 到货提醒: the sold-out SKUs the caller is waiting for (their own subscriptions only) */
  restockSkuIds: string[];
  /** 收藏: whether the caller keeps this product in their favourites */
  favorited: boolean;
  /** 售后: days after receipt a return or exchange may be asked for (the product's own, else the shop's); 0: none after receipt */
  afterSaleDays: number;
}

/** A restock reminder (到货提醒) recorded for the caller. */
export interface RestockReminder {
  skuId: string;
  waiting: true;
  /** the caller holds a restock consent credit, so the message can be sent when it comes back */
  notifiable: boolean;
}

export interface Banner {
  _id: string;
  image: string;
  title: string;
  /** mini program page path the banner opens */
  path: string;
}

/** 直播 live session state: scheduled → live → ended */
export type LiveState = 'scheduled' | 'live' | 'ended';

export interface LiveBrief {
  _id: string;
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  state: LiveState;
}

export interface Home {
  banners: Banner[];
  /** the live on now, else the next one, else null */
  live: LiveBrief | null;
  /** top-level categories only */
  categories: Category[];
}

/**
 * How a listing is ordered: `relevance` (综合: with a keyword, title matches first, then best
 * sellers; without one, best sellers), `sales` (销量), `price_asc` / `price_desc` (价格).
 */
export const PRODUCT_SORTS = ['relevance', 'sales', 'price_asc', 'price_desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** What the search page offers before the shopper types: 热门搜索. */
export interface SearchHints {
  hotWords: string[];
}

/** A product on one of the shopper's own lists (收藏, 足迹), as it is now. */
export interface ShelfProduct {
  productId: string;
  title: string;
  image: string;
  /** lowest on-sale SKU price; the last price known once the product is gone */
  priceFen: number;
  /** summed stock over on-sale SKUs */
  stock: number;
  /** false once the product is off the shelf or gone: shown as 已下架 */
  onSale: boolean;
}

export interface FavoriteItem extends ShelfProduct {
  favoritedAt: number;
}

export interface HistoryItem extends ShelfProduct {
  viewedAt: number;
}

export const catalog = {
  getHome: def<Home>()(z.object({}).strict()),
  listCategories: def<{ items: Category[] }>()(z.object({}).strict()),
  listProducts: def<{ items: ProductSummary[]; total: number }>()(
    z
      .object({
        /** products filed in exactly this category */
        categoryId: id().optional(),
        /** products filed in this top-level category or any of its sub-categories */
        topCategoryId: id().optional(),
        keyword: text(40).optional(),
        sort: z.enum(PRODUCT_SORTS).optional(),
        /** 价格区间 over the lowest on-sale SKU price, both ends included */
        minPriceFen: fen().optional(),
        maxPriceFen: fen().optional(),
        page: page().optional(),
        /** more than 50 is served as 50 */
        pageSize: z.number().int().min(1).max(1000).optional(),
      })
      .strict()
      .refine((v) => v.minPriceFen === undefined || v.maxPriceFen === undefined || v.minPriceFen <= v.maxPriceFen, {
        message: 'maxPriceFen must not be below minPriceFen',
        path: ['maxPriceFen'],
      }),
  ),
  getProduct: def<Product>()(z.object({ productId: id(), liveId: id().optional(), cardId: id().optional() }).strict()),
  /** 到货提醒 on a sold-out SKU, once per shopper and SKU; consents are what wx.requestSubscribeMessage answered on the tap */
  remindRestock: def<RestockReminder>()(z.object({ skuId: id(), consents: SubscribeConsents.optional() }).strict()),
  searchHints: def<SearchHints>()(z.object({}).strict()),
  /** 收藏 on or off; the same answer however often it is sent */
  favorite: def<{ productId: string; favorited: boolean }>()(z.object({ productId: id(), on: z.boolean() }).strict()),
  listFavorites: def<{ items: FavoriteItem[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  listHistory: def<{ items: HistoryItem[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  clearHistory: def<{ removed: number }>()(z.object({}).strict()),
};

