import { z } from 'zod';
import { def, id, page, text } from './common';
import { SubscribeConsents } from './live';

export interface Category {
  _id: string;
  name: string;
  icon: string;
  sort: number;
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
  categories: Category[];
}

export const catalog = {
  getHome: def<Home>()(z.object({}).strict()),
  listCategories: def<{ items: Category[] }>()(z.object({}).strict()),
  listProducts: def<{ items: ProductSummary[]; total: number }>()(
    z
      .object({
        categoryId: id().optional(),
        keyword: text(40).optional(),
        page: page().optional(),
        /** more than 50 is served as 50 */
        pageSize: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  getProduct: def<Product>()(z.object({ productId: id(), liveId: id().optional(), cardId: id().optional() }).strict()),
  /** 到货提醒 on a sold-out SKU, once per shopper and SKU; consents are what wx.requestSubscribeMessage answered on the tap */
  remindRestock: def<RestockReminder>()(z.object({ skuId: id(), consents: SubscribeConsents.optional() }).strict()),
};

