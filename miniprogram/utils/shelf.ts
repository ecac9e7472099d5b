import type { ShelfSelect } from '../components/shelf-item/index';

/** A row of 收藏 or 足迹 tapped: its product, or a word that it is no longer sold. */
export function openShelfProduct(selected: ShelfSelect): void {
  if (selected.onSale) wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(selected.productId)}` });
  else wx.showToast({ title: '该商品已下架', icon: 'none' });
}
