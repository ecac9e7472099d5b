import type { InputFor } from '../../typings/contract';
import { specCombinations } from '../../cloudfunctions/core/modules/catalog/setup-rules';
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
import { seedStaff, type SeedStaff } from './staff';

export const DEMO_SHOPPER = 'demo-shopper';
export const DEMO_STAFF = 'demo-staff';
export const TONIGHT_LIVE = 'live-tonight';

/** What staff enter in the product editor for a seeded product: a SKU for every combination of its spec values. */
export function productInput(seed: SeedProduct): InputFor<'admin', 'createProduct'> {
  const specGroups = Object.entries(seed.specs).map(([name, values]) => ({ name, values }));
  return {
    title: seed.title,
    subtitle: seed.subtitle,
    categoryId: seed.category,
    images: [`/assets/p/${seed.id}.svg`, `/assets/p/${seed.id}.svg?view=2`],
    detail: `${seed.title}：${seed.subtitle}。`,
    originalPriceFen: seed.originalPriceFen,
    specGroups,
    skus: specCombinations(specGroups).map((specs, i) => ({
      specs,
      priceFen: seed.priceFen + (seed.step ?? 0) * i,
      stock: seed.soldOut?.includes(i + 1) ? 0 : seed.stock,
      ...(seed.perUserLimit ? { perUserLimit: seed.perUserLimit } : {}),
      ...(i === 0 && seed.memberPriceFen ? { memberPriceFen: seed.memberPriceFen } : {}),
    })),
    status: 'on_sale',
  };
}

/**
 * A seeded product put on sale through admin.createProduct as `seed.id`, then given the sales and
 * age the demo shows: what it sold before this shop (no action makes history).
 */
export async function createSeedProduct(ports: Ports, call: SeedStaff, seed: SeedProduct, createdAt: number): Promise<void> {
  await call('createProduct', productInput(seed), [seed.id]);
  await ports.db.collection('products').update({ _id: seed.id }, { $set: { sales: seed.sales, createdAt } });
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


  // the shop is set up by its owner through the admin's own actions
  const call = seedStaff(ports, DEMO_STAFF);
  for (const [sort, c] of SEED_CATEGORIES.entries()) await call('saveCategory', { name: c.name, icon: c.icon, sort, parentId: null }, [c.id]);
  for (const [i, seed] of SEED_PRODUCTS.entries()) await createSeedProduct(ports, call, seed, now - (SEED_PRODUCTS.length - i) * HOUR);

  const banners: Array<{ id: string; image: string; title: string; path: string }> = [
    { id: 'banner-1', image: '/assets/banner/live.svg', title: '今晚 8 点直播：底妆专场', path: '/pages/live/index' },
    { id: 'banner-2', image: '/assets/banner/new.svg', title: '新人礼：注册即领无门槛券', path: '/pages/coupon-center/index' },
  ];
  for (const [sort, { id, ...b }] of banners.entries()) await call('saveBanner', { ...b, sort }, [id]);

  const { startAt, endAt } = tonightWindow(now);
  await call(
    'createLive',
    {
      title: '底妆专场：粉底液 + 散粉直播间专享价',
      cover: '/assets/banner/live.svg',
      startAt,
      endAt,
      channelsFinderUserName: 'sphDemoFinder',
      channelsNoticeId: 'demo-notice-tonight',
      categoryIds: ['cat-makeup', 'cat-gift', 'cat-skincare'],
      cards: LIVE_CARDS.map(([productId, livePriceFen, role]) => ({
        productId,
        livePriceFen,
        skus: Object.entries(seedSkuPrices(productId, livePriceFen)).map(([skuId, price]) => ({ skuId, livePriceFen: price })),
        ...(role ? { role } : {}),
      })),
    },
    [TONIGHT_LIVE],
  );
  await call('setLiveKeywords', { liveId: TONIGHT_LIVE, keywords: ['想要', '链接', '多少钱', '色号', '上车'] });

  await seedDemoOrders(
    ports,
    [
      { id: 'demo-order-1', userId: DEMO_SHOPPER, ageDays: 40, status: 'completed', items: [['p-foundation-2', 1], ['p-sponge-1', 2]] },
      { id: 'demo-order-2', userId: DEMO_SHOPPER, ageDays: 3, status: 'shipped', items: [['p-serum-1', 1]] },
      { id: 'demo-order-3', userId: DEMO_SHOPPER, ageDays: 1, status: 'paid', items: [['p-lipstick-2', 1], ['p-lipbalm-1', 1]] },
    ],
    DEMO_SHOPPER,
  );
  await seedMarketing(ports, call, { liveId: TONIGHT_LIVE, shopper: DEMO_SHOPPER });
  await seedRaffles(ports, call, { tonightLiveId: TONIGHT_LIVE, shopper: DEMO_SHOPPER, staff: DEMO_STAFF });
  await seedPastLiveHistory(ports, PAST_LIVE);
  // tonight's invite task: 3 friends who reserve unlock 200 points, 50 gifts
  await call('createFissionTask', { liveId: TONIGHT_LIVE, title: '邀请 3 位好友预约今晚直播，得 200 积分', requiredInvites: 3, giftStock: 50, gift: { kind: 'points', points: 200 } }, ['task-tonight']);
  // orders seeded after the marketing step earn their points too
  await seedOrderPoints(ports);
  await seedAfterLive(ports, { staff: DEMO_STAFF });
  await seedShelf(ports, DEMO_SHOPPER);
  return { seeded: true };
}
