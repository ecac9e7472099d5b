import type { ShelfProduct } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';

/** A product on the shopper's 收藏 or 足迹, as the row shows it. */
export interface ShelfRow {
  productId: string;
  title: string;
  image: string;
  priceFen: number;
  onSale: boolean;
  /** the mark over the image: 已下架, 已售罄, or none */
  mark: string;
}

export const shelfRow = (p: ShelfProduct): ShelfRow => ({
  productId: p.productId,
  title: p.title,
  image: assetUrl(p.image),
  priceFen: p.priceFen,
  onSale: p.onSale,
  mark: !p.onSale ? '已下架' : p.stock <= 0 ? '已售罄' : '',
});
