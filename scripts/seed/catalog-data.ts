/** The demo shop's catalogue: a cosmetics merchant that sells through live streams. */

export interface SeedCategory {
  id: string;
  name: string;
  icon: string;
  hue: number;
}

export interface SeedProduct {
  id: string;
  title: string;
  subtitle: string;
  category: string;
  /** price of the first SKU in fen; later values add `step` each */
  priceFen: number;
  step?: number;
  /** 每人限购 on every SKU, when set */
  perUserLimit?: number;
  /** 会员价 of the first SKU, when set */
  memberPriceFen?: number;
  originalPriceFen: number;
  specs: Record<string, string[]>;
  stock: number;
  /** SKUs (1-based, in spec-combination order) with none left: the demo's 到货提醒 */
  soldOut?: number[];
  sales: number;
}

export const SEED_CATEGORIES: SeedCategory[] = [
  { id: 'cat-skincare', name: '护肤', icon: '/assets/icons/skincare.svg', hue: 200 },
  { id: 'cat-makeup', name: '彩妆', icon: '/assets/icons/makeup.svg', hue: 340 },
  { id: 'cat-fragrance', name: '香氛', icon: '/assets/icons/fragrance.svg', hue: 280 },
  { id: 'cat-body', name: '个护', icon: '/assets/icons/body.svg', hue: 160 },
  { id: 'cat-tools', name: '美妆工具', icon: '/assets/icons/tools.svg', hue: 30 },
  { id: 'cat-gift', name: '礼盒', icon: '/assets/icons/gift.svg', hue: 0 },
];

const p = (
  id: string,
  title: string,
  subtitle: string,
  category: string,
  priceFen: number,
  originalPriceFen: number,
  specs: Record<string, string[]>,
  stock = 200,
  sales = 0,
  step = 0,
): SeedProduct => ({ id, title, subtitle, category, priceFen, originalPriceFen, specs, stock, sales, step });

const shades = { 色号: ['01 象牙白', '02 自然色', '03 小麦色'] };
const size = (...v: string[]) => ({ 规格: v });

export const SEED_PRODUCTS: SeedProduct[] = [
  p('p-foundation', '柔雾持妆粉底液', '24小时不脱妆 油皮亲妈', 'cat-makeup', 16900, 22900, { ...shades, 容量: ['30ml'] }, 300, 1280),
  p('p-powder', '轻盈定妆散粉', '控油定妆 粉底液的好搭档', 'cat-makeup', 12900, 15900, { 色号: ['透明色', '自然色'] }, 300, 860),
  p('p-lipstick', '丝绒哑光口红', '显白不拔干', 'cat-makeup', 9900, 12900, { 色号: ['#01 正红', '#05 豆沙', '#12 枫叶棕'] }, 400, 2310),
  p('p-cushion', '水光气垫霜', '轻薄水润 自然光泽', 'cat-makeup', 15900, 19900, { ...shades, 规格: ['单芯', '一壳两芯'] }, 250, 640, 4000),
  p('p-eyeshadow', '九色大地色眼影盘', '新手友好 日常百搭', 'cat-makeup', 13900, 16900, size('9色'), 180, 420),
  p('p-mascara', '纤长卷翘睫毛膏', '防水防晕染', 'cat-makeup', 7900, 9900, { 颜色: ['黑色', '棕色'] }, 220, 510),
  p('p-brow', '自然眉笔', '细芯易上手', 'cat-makeup', 4900, 5900, { 颜色: ['灰棕', '深棕', '浅棕'] }, 500, 1930),
  // 杏色 sold out: its page offers 到货提醒
  { ...p('p-blush', '奶油腮红', '元气好气色', 'cat-makeup', 8900, 10900, { 色号: ['蜜桃', '玫瑰', '杏色'] }, 260, 380), soldOut: [3] },
  p('p-serum', '修护精华液', '屏障修护 敏感肌可用', 'cat-skincare', 29900, 35900, size('30ml', '50ml'), 200, 980, 12000),
  p('p-cream', '保湿面霜', '72小时长效保湿', 'cat-skincare', 25900, 29900, size('50g'), 150, 720),
  p('p-toner', '平衡爽肤水', '温和补水', 'cat-skincare', 13900, 15900, size('150ml', '300ml'), 260, 650, 8000),
  p('p-cleanser', '氨基酸洁面乳', '洗后不紧绷', 'cat-skincare', 6900, 8900, size('120g'), 500, 3120),
  p('p-sunscreen', '清透防晒乳 SPF50+', '轻薄不油腻', 'cat-skincare', 11900, 13900, size('40ml', '80ml'), 300, 1560, 6000),
  p('p-mask', '补水面膜', '一片急救', 'cat-skincare', 9900, 12900, size('5片装', '10片装'), 400, 2890, 8000),
  { ...p('p-eyecream', '淡纹眼霜', '细纹肉眼可见变淡', 'cat-skincare', 21900, 25900, size('15g'), 160, 410), memberPriceFen: 19900 },
  { ...p('p-essence', '精粹水', '提亮肤色', 'cat-skincare', 32900, 38900, size('150ml'), 120, 350), memberPriceFen: 29900 },
  p('p-perfume-rose', '玫瑰淡香水', '清晨花园的玫瑰', 'cat-fragrance', 39900, 45900, size('30ml', '50ml'), 90, 260, 15000),
  p('p-perfume-wood', '木质调香水', '雪松与琥珀', 'cat-fragrance', 45900, 52900, size('50ml'), 80, 190),
  p('p-candle', '香薰蜡烛', '助眠放松', 'cat-fragrance', 12900, 15900, { 香型: ['白茶', '无花果', '檀香'] }, 150, 330),
  p('p-diffuser', '无火香薰', '持久留香', 'cat-fragrance', 15900, 18900, { 香型: ['白茶', '海盐'] }, 140, 210),
  p('p-shampoo', '控油蓬松洗发水', '清爽一整天', 'cat-body', 7900, 9900, size('400ml'), 350, 1780),
  p('p-conditioner', '柔顺护发素', '告别毛躁', 'cat-body', 7900, 9900, size('400ml'), 300, 920),
  p('p-bodywash', '香氛沐浴露', '留香12小时', 'cat-body', 6900, 8900, { 香型: ['白茶', '玫瑰'] }, 320, 1430),
  p('p-handcream', '护手霜三支装', '滋润不黏腻', 'cat-body', 5900, 7900, size('3×30g'), 400, 2650),
  p('p-lipbalm', '润唇膏', '修护干裂', 'cat-body', 3900, 4900, size('4g'), 600, 3300),
  p('p-sponge', '美妆蛋', '干湿两用', 'cat-tools', 2900, 3900, { 颜色: ['粉色', '橙色'] }, 800, 4120),
  p('p-brushset', '化妆刷套装', '7支装 软毛不扎脸', 'cat-tools', 9900, 12900, size('7支装'), 200, 780),
  p('p-curler', '睫毛夹', '贴合眼型', 'cat-tools', 3900, 4900, size('标准款'), 300, 1210),
  p('p-puff', '散粉扑', '细腻服帖', 'cat-tools', 1900, 2900, size('2只装'), 600, 990),
  // the 100-piece flash box: 每人限购 2
  { ...p('p-gift-base', '底妆礼盒', '粉底液+散粉+美妆蛋 直播限量', 'cat-gift', 29900, 33700, { 规格: ['直播限量款'] }, 100, 320), perUserLimit: 2 },
  { ...p('p-gift-skin', '护肤四件套礼盒', '洁面+水+精华+面霜', 'cat-gift', 59900, 74600, size('标准装'), 80, 260), memberPriceFen: 54900 },
  p('p-gift-lip', '口红三支礼盒', '节日限定', 'cat-gift', 24900, 29700, size('三支装'), 120, 540),
];

/** The flash-sale SKU of tonight's live (秒杀): one SKU, 100 in stock. */
export const FLASH_SALE_SKU = 'p-gift-base-1';

/**
 * A seeded card's live price per SKU: the same amount off every SKU as the card takes off the
 * cheapest, so dearer variants keep their difference (SKU ids and prices as productDocs makes them).
 */
export function seedSkuPrices(productId: string, livePriceFen: number): Record<string, number> {
  const seed = SEED_PRODUCTS.find((s) => s.id === productId)!;
  const count = Object.values(seed.specs).reduce((n, values) => n * values.length, 1);
  const off = seed.priceFen - livePriceFen;
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${productId}-${i + 1}`, seed.priceFen + (seed.step ?? 0) * i - off]));
}
