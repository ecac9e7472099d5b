import type { Category, Home, Product, ProductSummary } from '../../typings/contract/index';
import { call } from './call';

/** Catalogue reads (function `mall`). */
export const getHome = (): Promise<Home> => call('mall', 'getHome', {});

export const listCategories = async (): Promise<Category[]> => (await call('mall', 'listCategories', {})).items;

export interface ProductQuery {
  categoryId?: string;
  keyword?: string;
  page?: number;
  pageSize?: number;
}

export const listProducts = (query: ProductQuery = {}): Promise<{ items: ProductSummary[]; total: number }> =>
  call('mall', 'listProducts', query);

export const getProduct = (productId: string): Promise<Product> => call('mall', 'getProduct', { productId });
