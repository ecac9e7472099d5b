import { DEMO_IMAGE } from '../../cloudfunctions/core/adapters/local/storage';
import { SEED_CATEGORIES, SEED_PRODUCTS } from '../seed/catalog-data';

/**
 * Offline images for the demo shop, drawn as SVG on request: products, category icons, banners.
 * Nothing is fetched from the internet.
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function card(width: number, height: number, hue: number, title: string, caption: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue},70%,88%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,70%)"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="${width * 0.78}" cy="${height * 0.28}" r="${Math.min(width, height) * 0.18}" fill="hsla(${hue},80%,96%,0.6)"/>
<text x="50%" y="${height * 0.55}" font-family="sans-serif" font-size="${Math.round(width / 12)}" text-anchor="middle" fill="hsl(${hue},45%,25%)">${escape(title)}</text>
<text x="50%" y="${height * 0.7}" font-family="sans-serif" font-size="${Math.round(width / 22)}" text-anchor="middle" fill="hsl(${hue},35%,35%)">${escape(caption)}</text>
</svg>`;
}

const categoryHue = (id: string) => SEED_CATEGORIES.find((c) => c.id === id)?.hue ?? 210;

export function renderAsset(pathname: string): string | null {
  const m = DEMO_IMAGE.exec(pathname);
  if (!m) return null;
  const [, kind, name] = m;
  if (kind === 'p') {
    const product = SEED_PRODUCTS.find((p) => p.id === name);
    if (!product) return card(600, 600, 210, '商品图', '');
    return card(600, 600, categoryHue(product.category), product.title, product.subtitle);
  }
  if (kind === 'icons') {
    const category = SEED_CATEGORIES.find((c) => c.icon.endsWith(`/${name}.svg`));
    // a category staff made without an icon shows the plain one, captioned 分类
    return card(120, 120, category?.hue ?? 210, category?.name ?? '分类', '');
  }
  const banner = BANNERS[name];
  // an unknown name draws a plain tint: a file name is never shown to a shopper
  return banner ? card(750, 320, banner[0], banner[1], banner[2]) : card(750, 320, 210, '', '');
}

/** Banner and reward images by file name: hue, title, caption. */
const BANNERS: Record<string, [hue: number, title: string, caption: string]> = {
  live: [340, '今晚 8 点 底妆专场', '直播间专享价 · 限量礼盒 · 整点抽奖'],
  new: [30, '新人礼包', '注册即领无门槛券'],
  'reward-coupon': [20, '10 元无门槛券', '积分兑换'],
  'reward-priority': [300, '直播优先入场', '积分兑换 · 30 天'],
};
