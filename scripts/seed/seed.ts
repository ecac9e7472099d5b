import type { BannerDoc, ProductDoc, SkuDoc } from '../../cloudfunctions/core/schema';
import { searchText } from '../../cloudfunctions/core/modules/catalog/rules';
import { specCombinations as combinationsOf } from '../../cloudfunctions/core/modules/catalog/setup-rules';
import { DAY, HOUR, shanghaiTimeOfDay } from '../../cloudfunctions/core/kernel/time';
import type { UserDoc } from '../../cloudfunctions/core/schema';
import type { Ports } from '../../cloudfunctions/core/ports';
import { SEED_CATEGORIES, SEED_PRODUCTS, seedSkuPrices, type SeedProduct } from './catalog-data';
import { seedDemoOrders } from './demo-orders';
import { seedMarketing, seedOrderPoints } from './marketing';
import { seedPastLiveHistory } from './history';
import { seedAfterLive } from './after-live';
import { PAST_LIVE, seedRaffles } from './raffles';
import { seedShelf } from './shelf';

export const DEMO_SHOPPER = 'demo-shopper';
export const DEMO_STAFF = 'demo-staff';
export const TONIGHT_LIVE = 'live-tonight';

/** Every combination of spec values, in the order the specs are listed (the catalogue's own rule). */
export const specCombinations = (specs: Record<string, string[]>): Array<Record<string, string>> =>
  combinationsOf(Object.entries(specs).map(([name, values]) => ({ name, values })));

export function productDocs(seed: SeedProduct, index: number, now: number): { product: ProductDoc; skus: SkuDoc[] } {
  const category = SEED_CATEGORIES.find((c) => c.id === seed.category)!;
  const skus: SkuDoc[] = specCombinations(seed.specs).map((specs, i) => ({
    _id: `${seed.id}-${i + 1}`,
    productId: seed.id,
    specs,
    priceFen: seed.priceFen + (seed.step ?? 0) * i,
    stock: seed.soldOut?.includes(i + 1) ? 0 : seed.stock,
    status: 'on_sale',
    ...(seed.perUserLimit ? { perUserLimit: seed.perUserLimit } : {}),
  }));
  const product: ProductDoc = {
    _id: seed.id,
    title: seed.title,
    subtitle: seed.subtitle,
    categoryId: seed.category,
    topCategoryId: seed.category,
    image: `/assets/p/${seed.id}.svg`,
    images: [`/assets/p/${seed.id}.svg`, `/assets/p/${seed.id}.svg?view=2`],
    detail: `${seed.title}：${seed.subtitle}。`,
    specNames: Object.keys(seed.specs),
    priceFen: Math.min(...skus.map((s) => s.priceFen)),
    originalPriceFen: seed.originalPriceFen,
    sales: seed.sales,
    status: 'on_sale',
    searchText: searchText(seed.title, seed.subtitle, category.name),
    createdAt: now - (SEED_PRODUCTS.length - index) * HOUR,
  };
  return { product, skus };
}

/** Tonight at 20:00 Shanghai for three hours; once tonight's has ended, tomorrow's. */
export function tonightWindow(now: number): { startAt: number; endAt: number } {
  let startAt = shanghaiTimeOfDay(now, 20);
  if (now >= startAt + 3 * HOUR) startAt += DAY;
  return { startAt, endAt: startAt + 3 * HOUR };
}

const LIVE_CARDS: Array<[productId: string, livePriceFen: number, role: 'traffic' | 'trust' | null]> = [
  ['p-foundation', 12900, 'trust'],
  ['p-powder', 9900, null],
  ['p-gift-base', 19900, 'traffic'],
  ['p-lipstick', 6900, 'traffic'],
  ['p-serum', 23900, 'trust'],
  ['p-cushion', 11900, null],
];

/** Seeds the demo shop into an empty database; does nothing when categories already exist. */
export async function seedDemoShop(ports: Ports): Promise<{ seeded: boolean }> {
  const { db } = ports;
  const now = ports.clock.now();
  if ((await db.collection('categories').count({})) > 0) return { seeded: false };

  for (const [sort, c] of SEED_CATEGORIES.entries()) {
    await db.collection('categories').insert({ _id: c.id, name: c.name, icon: c.icon, sort, parentId: null });
  }
  for (const [i, seed] of SEED_PRODUCTS.entries()) {
    const { product, skus } = productDocs(seed, i, now);
    await db.collection('products').insert(product);
    for (const sku of skus) await db.collection('skus').insert(sku);
  }

  const banners: Array<Omit<BannerDoc, '_id'>> = [
    { image: '/assets/banner/live.svg', title: '今晚 8 点直播：底妆专场', path: '/pages/live/index', sort: 0 },
    { image: '/assets/banner/new.svg', title: '新人礼：注册即领无门槛券', path: '/pages/coupon-center/index', sort: 1 },
  ];
  for (const [i, b] of banners.entries()) await db.collection('banners').insert({ _id: `banner-${i + 1}`, ...b });

  const { startAt, endAt } = tonightWindow(now);
  await db.collection('lives').insert({
    _id: TONIGHT_LIVE,
    title: '底妆专场：粉底液 + 散粉直播间专享价',
    cover: '/assets/banner/live.svg',
    startAt,
    endAt,
    channelsFinderUserName: 'sphDemoFinder',
    channelsNoticeId: 'demo-notice-tonight',
    categoryIds: ['cat-makeup', 'cat-gift', 'cat-skincare'],
    keywords: ['想要', '链接', '多少钱', '色号', '上车'],
    cards: LIVE_CARDS.map(([productId, livePriceFen, role], order) => ({
      cardId: `card-${order + 1}`,
      productId,
      livePriceFen,
      skuPrices: seedSkuPrices(productId, livePriceFen),
      order,
      role,
      initialStock: SEED_PRODUCTS.find((p) => p.id === productId)!.stock * specCombinations(SEED_PRODUCTS.find((p) => p.id === productId)!.specs).length,
      rerunAt: null,
    })),
    reservationCount: 0,
    createdAt: now,
  });

  const user = (openid: string, nickname: string, createdAt: number): UserDoc => ({
    _id: openid,
    openid,
    nickname,
    createdAt,
    lastSeenAt: createdAt,
  });
  await db.collection('users').insert(user(DEMO_SHOPPER, '小美', now - 90 * DAY));
  await db.collection('users').insert(user(DEMO_STAFF, '店长阿宁', now - 365 * DAY));
  await db.collection('staff').insert({ _id: DEMO_STAFF, role: 'owner', createdAt: now - 365 * DAY });

  await seedDemoOrders(
    ports,
    [
      { id: 'demo-order-1', userId: DEMO_SHOPPER, ageDays: 40, status: 'completed', items: [['p-foundation-2', 1], ['p-sponge-1', 2]] },
      { id: 'demo-order-2', userId: DEMO_SHOPPER, ageDays: 3, status: 'shipped', items: [['p-serum-1', 1]] },
      { id: 'demo-order-3', userId: DEMO_SHOPPER, ageDays: 1, status: 'paid', items: [['p-lipstick-2', 1], ['p-lipbalm-1', 1]] },
    ],
    DEMO_SHOPPER,
  );
  await seedMarketing(ports, { liveId: TONIGHT_LIVE, shopper: DEMO_SHOPPER, staff: DEMO_STAFF });
  await seedRaffles(ports, { tonightLiveId: TONIGHT_LIVE, shopper: DEMO_SHOPPER, staff: DEMO_STAFF });
  await seedPastLiveHistory(ports, PAST_LIVE);
  // tonight's invite task: 3 friends who reserve unlock 200 points, 50 gifts
  await db.collection('fission_tasks').insert({
    _id: 'task-tonight',
    liveId: TONIGHT_LIVE,
    title: '邀请 3 位好友预约今晚直播，得 200 积分',
    requiredInvites: 3,
    giftStock: 50,
    giftClaimed: 0,
    gift: { kind: 'points', points: 200 },
    createdAt: now,
    createdBy: DEMO_STAFF,
  });
  // orders seeded after the marketing step earn their points too
  await seedOrderPoints(ports);
  await seedAfterLive(ports, { staff: DEMO_STAFF });
  await seedShelf(ports, DEMO_SHOPPER);
  return { seeded: true };
}
