import type { ProductSummary } from '../../typings/contract/index';
import { assetUrl } from '../services/call';
import { yuan } from './money';

/** A product as a list row (van-card): the category list and the search results. */
export interface ProductRow {
  _id: string;
  title: string;
  subtitle: string;
  image: string;
  /** yuan, for van-card */
  price: string;
  originPrice: string;
  soldOut: boolean;
}

export const productRow = (p: ProductSummary): ProductRow => ({
  _id: p._id,
  title: p.title,
  subtitle: p.subtitle,
  image: assetUrl(p.image),
  price: yuan(p.priceFen),
  originPrice: p.originalPriceFen > p.priceFen ? yuan(p.originalPriceFen) : '',
  soldOut: p.stock <= 0,
});
