/** Where a banner may open: the mall's own pages, or one product. */
export const BANNER_TARGETS: Array<{ key: string; title: string; path: string }> = [
  { key: 'live', title: '直播', path: '/pages/live/index' },
  { key: 'coupons', title: '领券中心', path: '/pages/coupon-center/index' },
  { key: 'category', title: '分类', path: '/pages/category/index' },
  { key: 'rewards', title: '积分商城', path: '/pages/rewards/index' },
  { key: 'product', title: '商品', path: '/pages/product/index' },
];

export const productPath = (productId: string) => `/pages/product/index?id=${productId}`;

/** The target a saved path is (a product page with its id), for the form to open on. */
export function targetOf(path: string): { key: string; productId: string } {
  const m = /^\/pages\/product\/index\?id=([A-Za-z0-9_-]+)$/.exec(path);
  if (m) return { key: 'product', productId: m[1]! };
  return { key: BANNER_TARGETS.find((t) => t.path === path)?.key ?? 'live', productId: '' };
}

/** What a banner row says it opens. */
export function targetText(path: string, productTitle: string | null): string {
  const t = targetOf(path);
  if (t.key === 'product') return productTitle ? `商品「${productTitle}」` : '已删除的商品';
  return BANNER_TARGETS.find((x) => x.key === t.key)?.title ?? path;
}
