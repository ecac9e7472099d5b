import type { Category, Home, Product, ProductSummary } from '../../typings/contract';
import type { ProductDoc } from '../../cloudfunctions/core/schema';
import { HOUR, shanghaiTimeOfDay } from '../../cloudfunctions/core/kernel/time';
import { SEED_CATEGORIES, SEED_PRODUCTS } from '../../scripts/seed/catalog-data';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';

type Listing = { items: ProductSummary[]; total: number };

const bySalesDesc = [...SEED_PRODUCTS].sort((a, b) => b.sales - a.sales || (a.id < b.id ? -1 : 1));
const categoryName = (id: string) => SEED_CATEGORIES.find((c) => c.id === id)!.name;
/** seed products whose title, subtitle or category name holds the keyword, best sellers first */
const matching = (keyword: string) =>
  bySalesDesc.filter((p) => `${p.title} ${p.subtitle} ${categoryName(p.category)}`.includes(keyword)).map((p) => p.id);

describe('catalog through the kernel on a fresh SQLite file', () => {
  let rt: TestRuntime;
  const shopper = () => rt.as('demo-shopper');
  const list = async (data: object) => {
    const r = await shopper()<Listing>('mall', 'listProducts', data);
    if (!r.ok) throw new Error(`listProducts failed: ${r.error.code}`);
    return r.data;
  };

  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  describe('getHome', () => {
    it('shows the banners in order, tonight’s live as scheduled, and the categories', async () => {
      const r = await shopper()<Home>('mall', 'getHome', {});
      expect(r).toEqual({
        ok: true,
        data: {
          banners: [
            { _id: 'banner-1', image: '/assets/banner/live.svg', title: '今晚 8 点直播：底妆专场', path: '/pages/live/index' },
            { _id: 'banner-2', image: '/assets/banner/new.svg', title: '新人礼：注册即领无门槛券', path: '/pages/coupon-center/index' },
          ],
          live: {
            _id: 'live-tonight',
            title: '底妆专场：粉底液 + 散粉直播间专享价',
            cover: '/assets/banner/live.svg',
            startAt: shanghaiTimeOfDay(T0, 20),
            endAt: shanghaiTimeOfDay(T0, 20) + 3 * HOUR,
            state: 'scheduled',
          },
          categories: SEED_CATEGORIES.map((c, sort) => ({ _id: c.id, name: c.name, icon: c.icon, sort, parentId: null })),
        },
      });
    });

    it('shows the live as on during its window', async () => {
      rt.clock.set(shanghaiTimeOfDay(T0, 20, 30));
      const r = await shopper()<Home>('mall', 'getHome', {});
      expect(r.ok && r.data.live).toMatchObject({ _id: 'live-tonight', state: 'live' });
    });

    it('features no live once tonight’s has ended', async () => {
      rt.clock.set(shanghaiTimeOfDay(T0, 23, 30));
      const r = await shopper()<Home>('mall', 'getHome', {});
      expect(r.ok && r.data.live).toBeNull();
    });
  });

  describe('listCategories', () => {
    it('lists every category in sort order', async () => {
      expect(await shopper()<{ items: Category[] }>('mall', 'listCategories', {})).toEqual({
        ok: true,
        data: { items: SEED_CATEGORIES.map((c, sort) => ({ _id: c.id, name: c.name, icon: c.icon, sort, parentId: null })) },
      });
    });
  });

  describe('listProducts', () => {
    it('lists on-sale products, best sellers first, 20 a page, with the total', async () => {
      const { items, total } = await list({});
      expect(total).toBe(SEED_PRODUCTS.length);
      expect(items.map((i) => i._id)).toEqual(bySalesDesc.slice(0, 20).map((p) => p.id));
    });

    it('summarises each product from its SKUs', async () => {
      const { items } = await list({ keyword: '气垫' });
      expect(items).toEqual([
        {
          _id: 'p-cushion',
          title: '水光气垫霜',
          subtitle: '轻薄水润 自然光泽',
          categoryId: 'cat-makeup',
          image: '/assets/p/p-cushion.svg',
          priceFen: 15900,
          originalPriceFen: 19900,
          sales: 640,
          stock: 250 * 6,
        },
      ]);
    });

    it('filters by category', async () => {
      const { items, total } = await list({ categoryId: 'cat-gift' });
      const gifts = bySalesDesc.filter((p) => p.category === 'cat-gift').map((p) => p.id);
      expect(items.map((i) => i._id)).toEqual(gifts);
      expect(total).toBe(gifts.length);
    });

    it('searches title, subtitle and category name, ignoring case and surrounding space', async () => {
      expect((await list({ keyword: ' spf50 ' })).items.map((i) => i._id)).toEqual(['p-sunscreen']);
      expect((await list({ keyword: '粉底' })).items.map((i) => i._id)).toEqual(matching('粉底'));
      expect((await list({ keyword: '香氛' })).items.map((i) => i._id)).toEqual(matching('香氛'));
    });

    it('combines category and keyword', async () => {
      expect((await list({ categoryId: 'cat-skincare', keyword: '霜' })).items.map((i) => i._id).sort()).toEqual(['p-cream', 'p-eyecream']);
    });

    it('returns nothing for an unknown category or keyword', async () => {
      expect(await list({ categoryId: 'cat-none' })).toEqual({ items: [], total: 0 });
      expect(await list({ keyword: 'no such thing' })).toEqual({ items: [], total: 0 });
    });

    it('pages with page and pageSize', async () => {
      expect((await list({ page: 2, pageSize: 10 })).items.map((i) => i._id)).toEqual(bySalesDesc.slice(10, 20).map((p) => p.id));
      expect((await list({ page: 4, pageSize: 10 })).items.map((i) => i._id)).toEqual(bySalesDesc.slice(30).map((p) => p.id));
      expect(await list({ page: 99 })).toEqual({ items: [], total: SEED_PRODUCTS.length });
    });

    it('serves a pageSize over 50 as 50', async () => {
      const extra = (i: number): ProductDoc => ({
        _id: `p-extra-${i}`,
        title: `加购商品 ${i}`,
        subtitle: '',
        categoryId: 'cat-tools',
        image: '',
        images: [],
        detail: '',
        specNames: [],
        priceFen: 100,
        originalPriceFen: 100,
        sales: 0,
        status: 'on_sale',
        searchText: `加购商品 ${i}`,
        createdAt: T0,
      });
      for (let i = 0; i < 30; i++) await rt.db.collection('products').insert(extra(i));
      const { items, total } = await list({ pageSize: 1000 });
      expect(total).toBe(SEED_PRODUCTS.length + 30);
      expect(items).toHaveLength(50);
      expect((await list({ page: 2, pageSize: 1000 })).items).toHaveLength(total - 50);
    });

    it('leaves off-shelf products out', async () => {
      await rt.db.collection('products').update({ _id: 'p-lipstick' }, { $set: { status: 'off_shelf' } });
      const { items, total } = await list({ pageSize: 50 });
      expect(items.map((i) => i._id)).not.toContain('p-lipstick');
      expect(total).toBe(SEED_PRODUCTS.length - 1);
    });

    it.each([
      ['pageSize 0', { pageSize: 0 }, 'pageSize'],
      ['pageSize over 1000', { pageSize: 1001 }, 'pageSize'],
      ['page 0', { page: 0 }, 'page'],
      ['a keyword over 40 characters', { keyword: 'x'.repeat(41) }, 'keyword'],
      ['a category id with odd characters', { categoryId: 'cat gift' }, 'categoryId'],
    ])('refuses %s', async (_what, data, field) => {
      expect(await shopper()('mall', 'listProducts', data)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    });

    it('reading writes nothing once the caller is known', async () => {
      await list({});
      const before = rt.writes();
      await list({ keyword: '粉' });
      await shopper()('mall', 'getHome', {});
      await shopper()('mall', 'getProduct', { productId: 'p-serum' });
      expect(rt.writes()).toBe(before);
    });
  });

  describe('getProduct', () => {
    it('says whether the caller’s tier pays a SKU’s member price', async () => {
      const fresh = await rt.as('brand-new')<Product>('mall', 'getProduct', { productId: 'p-essence' });
      expect(fresh.ok && fresh.data.memberPrice).toEqual({ eligible: false, tierName: '普通会员', fromTierName: '银卡会员' });
      expect(fresh.ok && fresh.data.skus[0].memberPriceFen).toBe(29900);
      // 12 months of paid spend past ¥1,000 make a silver member
      await rt.db.collection('orders').insert({
        ...(await rt.db.collection('orders').find({ status: 'completed' }, { limit: 1 }))[0],
        _id: 'big-spend',
        userId: 'brand-new',
        price: { goodsFen: 120_000, discountFen: 0, shippingFen: 0, payableFen: 120_000, discounts: [] },
        paidAt: rt.clock.now() - 86_400_000,
        createdAt: rt.clock.now() - 86_400_000,
      });
      const silver = await rt.as('brand-new')<Product>('mall', 'getProduct', { productId: 'p-essence' });
      expect(silver.ok && silver.data.memberPrice).toEqual({ eligible: true, tierName: '银卡会员', fromTierName: '银卡会员' });
    });

    it('shows a product with its images, spec groups and SKUs', async () => {
      const r = await shopper()<Product>('mall', 'getProduct', { productId: 'p-foundation' });
      expect(r).toEqual({
        ok: true,
        data: {
          _id: 'p-foundation',
          title: '柔雾持妆粉底液',
          subtitle: '24小时不脱妆 油皮亲妈',
          categoryId: 'cat-makeup',
          image: '/assets/p/p-foundation.svg',
          images: ['/assets/p/p-foundation.svg', '/assets/p/p-foundation.svg?view=2'],
          detail: '柔雾持妆粉底液：24小时不脱妆 油皮亲妈。',
          afterSaleDays: 7,
          priceFen: 16900,
          originalPriceFen: 22900,
          sales: 1280,
          stock: 900,
          status: 'on_sale',
          live: null,
          memberPrice: null,
          upcoming: null,
          favorited: false,
          specGroups: [
            { name: '色号', values: ['01 象牙白', '02 自然色', '03 小麦色'] },
            { name: '容量', values: ['30ml'] },
          ],
          skus: ['01 象牙白', '02 自然色', '03 小麦色'].map((shade, i) => ({
            _id: `p-foundation-${i + 1}`,
            productId: 'p-foundation',
            specs: { 色号: shade, 容量: '30ml' },
            priceFen: 16900,
            stock: 300,
          })),
          restockSkuIds: [],
        },
      });
    });

    it('prices from the cheapest on-sale SKU', async () => {
      const r = await shopper()<Product>('mall', 'getProduct', { productId: 'p-serum' });
      expect(r.ok && r.data.skus.map((s) => s.priceFen)).toEqual([29900, 41900]);
      expect(r.ok && r.data.priceFen).toBe(29900);
    });

    it('hides off-shelf SKUs', async () => {
      await rt.db.collection('skus').update({ _id: 'p-serum-1' }, { $set: { status: 'off_shelf' } });
      const r = await shopper()<Product>('mall', 'getProduct', { productId: 'p-serum' });
      expect(r.ok && r.data.skus.map((s) => s._id)).toEqual(['p-serum-2']);
      expect(r.ok && [r.data.priceFen, r.data.specGroups]).toEqual([41900, [{ name: '规格', values: ['50ml'] }]]);
    });

    it('answers PRODUCT_NOT_FOUND for an unknown product', async () => {
      expect(await shopper()('mall', 'getProduct', { productId: 'p-none' })).toEqual({
        ok: false,
        error: { code: 'PRODUCT_NOT_FOUND', message: 'Product not found' },
      });
    });

    it('answers PRODUCT_NOT_FOUND for an off-shelf product', async () => {
      await rt.db.collection('products').update({ _id: 'p-toner' }, { $set: { status: 'off_shelf' } });
      expect(await shopper()('mall', 'getProduct', { productId: 'p-toner' })).toMatchObject({ ok: false, error: { code: 'PRODUCT_NOT_FOUND' } });
    });

    it('refuses a missing or malformed product id', async () => {
      expect(await shopper()('mall', 'getProduct', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'productId' } });
      expect(await shopper()('mall', 'getProduct', { productId: '../etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'productId' } });
    });
  });
});
