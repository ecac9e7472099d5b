import type { Category, Home, Product, ProductSort, ProductSummary, RestockReminder } from '../../typings/contract/index';
import { call, newRequestId } from './call';
import type { ConsentAnswers } from './live';

/** The catalogue (function `mall`): reads, and 到货提醒. */
export const getHome = (): Promise<Home> => call('mall', 'getHome', {});

export const listCategories = async (): Promise<Category[]> => (await call('mall', 'listCategories', {})).items;

export interface ProductQuery {
  categoryId?: string;
  keyword?: string;
  sort?: ProductSort;
  /** 价格区间, both ends included */
  minPriceFen?: number;
  maxPriceFen?: number;
  page?: number;
  pageSize?: number;
}

export const listProducts = (query: ProductQuery = {}): Promise<{ items: ProductSummary[]; total: number }> =>
  call('mall', 'listProducts', query);

/** A product; `card` is the live card it was opened from, for the live price while that live is on. */
export const getProduct = (productId: string, card?: { liveId: string; cardId: string }): Promise<Product> =>
  call('mall', 'getProduct', card ? { productId, liveId: card.liveId, cardId: card.cardId } : { productId });

/** 到货提醒 on a sold-out SKU, with what the tap's subscribe dialog answered. */
export const remindRestock = (skuId: string, consents: ConsentAnswers): Promise<RestockReminder> =>
  call('mall', 'remindRestock', Object.keys(consents).length ? { skuId, consents } : { skuId }, { requestId: newRequestId() });
