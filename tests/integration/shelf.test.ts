import type { FavoriteItem, HistoryItem, Product, ProductSummary, SearchHints } from '../../typings/contract';
import { BROWSE_HISTORY_KEPT } from '../../typings/contract/limits';
import type { ProductDoc } from '../../cloudfunctions/core/schema';
import { SEED_PRODUCTS } from '../../scripts/seed/catalog-data';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';

type Listing = { items: ProductSummary[]; total: number };
type Page<T> = { items: T[]; total: number };

const bySalesDesc = [...SEED_PRODUCTS].sort((a, b) => b.sales - a.sales || (a.id < b.id ? -1 : 1));

describe('search, 收藏 and 足迹 through the kernel on a fresh SQLite file', () => {
  let rt: TestRuntime;

  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  async function ok<T>(openid: string, action: string, data: object = {}, fn = 'mall', requestId?: string): Promise<T> {
    const r = await rt.as(openid)<T>(fn, action, data, requestId);
    if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.error.code}`);
    return r.data;
  }
  const list = (data: object) => ok<Listing>('demo-shopper', 'listProducts', data);
  const ids = (l: Listing) => l.items.map((i) => i._id);
  const prices = (l: Listing) => l.items.map((i) => i.priceFen);

  let batch = 0;
  /** The product page's view event, as it sends it when it opens. */
  const view = (openid: string, ...productIds: string[]) =>
    ok<{ accepted: number }>(openid, 'track', { batchId: `view-batch-${++batch}`, events: productIds.map((productId) => ({ type: 'product_view', productId, at: rt.clock.now() })) }, 'live');

  describe('listProducts sorting and price range', () => {
    it('销量 lists best sellers first, and 综合 without a keyword does the same', async () => {
      expect(ids(await list({ sort: 'sales', pageSize: 50 }))).toEqual(bySalesDesc.map((p) => p.id));
      expect(ids(await list({ sort: 'relevance', pageSize: 50 }))).toEqual(bySalesDesc.map((p) => p.id));
    });

    it('价格 up and down order by the lowest on-sale price, best sellers first among equal prices, pages never overlapping', async () => {
      const up = await list({ sort: 'price_asc', pageSize: 50 });
      const byPriceUp = [...SEED_PRODUCTS].sort((a, b) => a.priceFen - b.priceFen || b.sales - a.sales || (a.id < b.id ? -1 : 1));
      expect(ids(up)).toEqual(byPriceUp.map((p) => p.id));
      const down = await list({ sort: 'price_desc', pageSize: 50 });
      const byPriceDown = [...SEED_PRODUCTS].sort((a, b) => b.priceFen - a.priceFen || b.sales - a.sales || (a.id < b.id ? -1 : 1));
      expect(ids(down)).toEqual(byPriceDown.map((p) => p.id));
      const paged = [...ids(await list({ sort: 'price_asc', pageSize: 7, page: 1 })), ...ids(await list({ sort: 'price_asc', pageSize: 7, page: 2 }))];
      expect(paged).toEqual(byPriceUp.slice(0, 14).map((p) => p.id));
    });

    it('综合 over a keyword puts title matches before the products that only mention it, best sellers first within each', async () => {
      // 粉底液 is in one title and in 散粉's subtitle (粉底液的好搭档); 散粉 also sells less
      const r = await list({ keyword: '粉底' });
      expect(ids(r)[0]).toBe('p-foundation');
      expect(ids(r)).toContain('p-powder');
      // 彩妆 is only a category name: every make-up product, best sellers first
      const makeup = await list({ keyword: '彩妆', pageSize: 50 });
      expect(ids(makeup)).toEqual(bySalesDesc.filter((p) => p.category === 'cat-makeup').map((p) => p.id));
      // 修护 is the title of 修护精华液 and in the subtitle of 润唇膏, which sells more: the title first
      expect(await list({ keyword: '修护' })).toEqual({ items: [expect.objectContaining({ _id: 'p-serum' }), expect.objectContaining({ _id: 'p-lipbalm' })], total: 2 });
      expect(ids(await list({ keyword: '修护', sort: 'sales' }))).toEqual(['p-lipbalm', 'p-serum']);
    });

    it('综合 pages through the ranked matches without repeats', async () => {
      const all = ids(await list({ keyword: '彩妆', pageSize: 50 }));
      const pages = [1, 2, 3].map((page) => list({ keyword: '彩妆', pageSize: 3, page }));
      expect((await Promise.all(pages)).flatMap(ids)).toEqual(all.slice(0, 9));
    });

    it('keeps products priced within the range, both ends included, in any order', async () => {
      const r = await list({ minPriceFen: 9900, maxPriceFen: 15900, sort: 'price_asc', pageSize: 50 });
      const inRange = SEED_PRODUCTS.filter((p) => p.priceFen >= 9900 && p.priceFen <= 15900);
      expect(r.total).toBe(inRange.length);
      expect(prices(r)[0]).toBe(9900);
      expect(prices(r).at(-1)).toBe(15900);
      const withKeyword = await list({ keyword: '粉', maxPriceFen: 13000 });
      expect(ids(withKeyword)).toEqual(['p-puff', 'p-powder']);
    });

    it.each([
      ['an unknown sort', { sort: 'newest' }, 'sort'],
      ['a maximum below the minimum', { minPriceFen: 2000, maxPriceFen: 1000 }, 'maxPriceFen'],
      ['a negative price', { minPriceFen: -1 }, 'minPriceFen'],
      ['a price in yuan with decimals', { maxPriceFen: 99.5 }, 'maxPriceFen'],
    ])('refuses %s', async (_what, data, field) => {
      expect(await rt.as('demo-shopper')('mall', 'listProducts', data)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    });
  });

  describe('searchHints', () => {
    it('offers the titles of the best sellers on sale, best first, at most 8', async () => {
      await rt.db.collection('products').update({ _id: 'p-sponge' }, { $set: { status: 'off_shelf' } });
      const hints = await ok<SearchHints>('demo-shopper', 'searchHints');
      const onSale = bySalesDesc.filter((p) => p.id !== 'p-sponge');
      expect(hints).toEqual({ hotWords: onSale.slice(0, 8).map((p) => p.title) });
    });

    it('every hot word, searched, finds its product first', async () => {
      const { hotWords } = await ok<SearchHints>('demo-shopper', 'searchHints');
      for (const word of hotWords) expect((await list({ keyword: word })).items[0].title).toBe(word);
    });
  });

  const favorites = (openid: string, page?: number) => ok<Page<FavoriteItem>>(openid, 'listFavorites', page ? { page } : {});

  describe('favorite and listFavorites (收藏)', () => {

    it('keeps a product, says so on the product, and lists it as it is now', async () => {
      expect(await ok('fan', 'favorite', { productId: 'p-serum', on: true })).toEqual({ productId: 'p-serum', favorited: true });
      expect((await ok<Product>('fan', 'getProduct', { productId: 'p-serum' })).favorited).toBe(true);
      expect((await ok<Product>('fan', 'getProduct', { productId: 'p-cream' })).favorited).toBe(false);
      expect(await favorites('fan')).toEqual({
        items: [{ productId: 'p-serum', title: '修护精华液', image: '/assets/p/p-serum.svg', priceFen: 29900, stock: 400, onSale: true, favoritedAt: T0 }],
        total: 1,
      });
    });

    it('lists the last kept first, 20 a page', async () => {
      const kept = bySalesDesc.slice(0, 22).map((p) => p.id);
      for (const productId of kept) {
        await ok('fan', 'favorite', { productId, on: true });
        rt.clock.advance(1000);
      }
      const first = await favorites('fan');
      expect(first.total).toBe(22);
      expect(first.items.map((i) => i.productId)).toEqual([...kept].reverse().slice(0, 20));
      expect((await favorites('fan', 2)).items.map((i) => i.productId)).toEqual([kept[1], kept[0]]);
    });

    it('is idempotent: on twice keeps one entry from the first time, off twice answers the same', async () => {
      await ok('fan', 'favorite', { productId: 'p-cream', on: true });
      rt.clock.advance(60_000);
      expect(await ok('fan', 'favorite', { productId: 'p-cream', on: true })).toEqual({ productId: 'p-cream', favorited: true });
      expect((await favorites('fan')).items).toEqual([expect.objectContaining({ productId: 'p-cream', favoritedAt: T0 })]);
      expect(await ok('fan', 'favorite', { productId: 'p-cream', on: false })).toEqual({ productId: 'p-cream', favorited: false });
      expect(await ok('fan', 'favorite', { productId: 'p-cream', on: false })).toEqual({ productId: 'p-cream', favorited: false });
      expect(await favorites('fan')).toEqual({ items: [], total: 0 });
      expect((await ok<Product>('fan', 'getProduct', { productId: 'p-cream' })).favorited).toBe(false);
    });

    it('answers a retried request with its first answer and writes nothing again', async () => {
      await ok('fan', 'favorite', { productId: 'p-cream', on: true }, 'mall', 'fav-req-1');
      await ok('fan', 'favorite', { productId: 'p-cream', on: false });
      expect(await ok('fan', 'favorite', { productId: 'p-cream', on: true }, 'mall', 'fav-req-1')).toEqual({ productId: 'p-cream', favorited: true });
      expect(await favorites('fan')).toEqual({ items: [], total: 0 });
    });

    it('shows each shopper only their own, and nobody can take another’s entry away', async () => {
      await ok('fan', 'favorite', { productId: 'p-serum', on: true });
      await ok('other', 'favorite', { productId: 'p-cream', on: true });
      expect((await favorites('fan')).items.map((i) => i.productId)).toEqual(['p-serum']);
      expect((await favorites('other')).items.map((i) => i.productId)).toEqual(['p-cream']);
      expect((await ok<Product>('other', 'getProduct', { productId: 'p-serum' })).favorited).toBe(false);
      // turning off the same product is about the caller's own entry only
      await ok('other', 'favorite', { productId: 'p-serum', on: false });
      expect((await favorites('fan')).items.map((i) => i.productId)).toEqual(['p-serum']);
      expect(await rt.db.collection('favorites').count({ productId: 'p-serum', userId: 'fan' })).toBe(1);
    });

    it('marks a kept product 已下架 once it is off the shelf, and one that is gone as it was when kept', async () => {
      await ok('fan', 'favorite', { productId: 'p-toner', on: true });
      rt.clock.advance(1000);
      await ok('fan', 'favorite', { productId: 'p-mask', on: true });
      await rt.db.collection('products').update({ _id: 'p-toner' }, { $set: { status: 'off_shelf' } });
      await rt.db.collection('products').remove({ _id: 'p-mask' });
      await rt.db.collection('skus').remove({ productId: 'p-mask' });
      expect((await favorites('fan')).items).toEqual([
        { productId: 'p-mask', title: '补水面膜', image: '/assets/p/p-mask.svg', priceFen: 9900, stock: 0, onSale: false, favoritedAt: T0 + 1000 },
        { productId: 'p-toner', title: '平衡爽肤水', image: '/assets/p/p-toner.svg', priceFen: 13900, stock: 0, onSale: false, favoritedAt: T0 },
      ]);
      // and it can still be taken off the list
      await ok('fan', 'favorite', { productId: 'p-toner', on: false });
      expect((await favorites('fan')).items.map((i) => i.productId)).toEqual(['p-mask']);
    });

    it('refuses to keep a product unknown or off the shelf', async () => {
      expect(await rt.as('fan')('mall', 'favorite', { productId: 'p-none', on: true })).toMatchObject({ ok: false, error: { code: 'PRODUCT_NOT_FOUND', field: 'productId' } });
      await rt.db.collection('products').update({ _id: 'p-toner' }, { $set: { status: 'off_shelf' } });
      expect(await rt.as('fan')('mall', 'favorite', { productId: 'p-toner', on: true })).toMatchObject({ ok: false, error: { code: 'PRODUCT_NOT_FOUND' } });
      expect(await rt.db.collection('favorites').count({ userId: 'fan' })).toBe(0);
    });

    it('refuses a request without its switch or with a product id that is not one', async () => {
      expect(await rt.as('fan')('mall', 'favorite', { productId: 'p-serum' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'on' } });
      expect(await rt.as('fan')('mall', 'favorite', { productId: '../p', on: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'productId' } });
    });

    it('when many taps of 收藏 arrive at once, one entry stands', async () => {
      const taps = await Promise.all(Array.from({ length: 40 }, () => rt.as('fan')('mall', 'favorite', { productId: 'p-serum', on: true })));
      expect(taps.every((t) => t.ok)).toBe(true);
      expect(await rt.db.collection('favorites').count({ userId: 'fan' })).toBe(1);
      expect((await favorites('fan')).total).toBe(1);
    });

    it('when on and off taps race, the product ends kept once or not at all, and the list and the product agree', async () => {
      for (let round = 0; round < 5; round++) {
        const taps = await Promise.all(Array.from({ length: 30 }, (_, i) => rt.as('fan')('mall', 'favorite', { productId: 'p-cream', on: i % 2 === 0 })));
        expect(taps.every((t) => t.ok)).toBe(true);
        const count = await rt.db.collection('favorites').count({ userId: 'fan', productId: 'p-cream' });
        expect(count).toBeLessThanOrEqual(1);
        expect((await favorites('fan')).total).toBe(count);
        expect((await ok<Product>('fan', 'getProduct', { productId: 'p-cream' })).favorited).toBe(count === 1);
      }
      // a last tap on decides
      await ok('fan', 'favorite', { productId: 'p-cream', on: true });
      expect((await favorites('fan')).total).toBe(1);
    });
  });

  describe('足迹: views recorded by live.track, listHistory and clearHistory', () => {
    const historyOf = (openid: string, page?: number) => ok<Page<HistoryItem>>(openid, 'listHistory', page ? { page } : {});
    const viewed = async (openid: string) => (await historyOf(openid)).items.map((i) => i.productId);

    it('lists the products viewed, last viewed first, each once, at the server’s clock', async () => {
      await view('fan', 'p-serum');
      rt.clock.advance(60_000);
      await view('fan', 'p-cream');
      rt.clock.advance(60_000);
      await view('fan', 'p-serum');
      expect(await historyOf('fan')).toEqual({
        items: [
          { productId: 'p-serum', title: '修护精华液', image: '/assets/p/p-serum.svg', priceFen: 29900, stock: 400, onSale: true, viewedAt: T0 + 120_000 },
          { productId: 'p-cream', title: '保湿面霜', image: '/assets/p/p-cream.svg', priceFen: 25900, stock: 150, onSale: true, viewedAt: T0 + 60_000 },
        ],
        total: 2,
      });
    });

    it('records nothing again for a batch sent twice, nor for products unknown or off the shelf', async () => {
      const events = [{ type: 'product_view', productId: 'p-serum', at: rt.clock.now() }];
      await ok('fan', 'track', { batchId: 'same-batch-1', events }, 'live');
      rt.clock.advance(60_000);
      expect(await ok('fan', 'track', { batchId: 'same-batch-1', events }, 'live')).toEqual({ accepted: 0, duplicate: true });
      expect((await historyOf('fan')).items).toEqual([expect.objectContaining({ productId: 'p-serum', viewedAt: T0 })]);
      await rt.db.collection('products').update({ _id: 'p-toner' }, { $set: { status: 'off_shelf' } });
      await view('fan', 'p-none', 'p-toner');
      expect(await viewed('fan')).toEqual(['p-serum']);
    });

    it('keeps the newest 100 and drops the oldest as new views come', async () => {
      const extra = (i: number): ProductDoc => ({
        _id: `p-extra-${String(i).padStart(3, '0')}`,
        title: `加购商品 ${i}`,
        subtitle: '',
        categoryId: 'cat-gift',
        image: '/assets/p/p-gift-base.svg',
        images: [],
        detail: '',
        specNames: [],
        priceFen: 1000,
        originalPriceFen: 1000,
        sales: 0,
        status: 'on_sale',
        searchText: `加购商品 ${i}`,
        createdAt: T0,
      });
      const productIds: string[] = [];
      for (let i = 0; i < BROWSE_HISTORY_KEPT + 5; i++) {
        await rt.db.collection('products').insert(extra(i));
        productIds.push(extra(i)._id);
      }
      // one view every 4 s (live.track takes 20 batches a minute)
      for (const productId of productIds) {
        await view('fan', productId);
        rt.clock.advance(4000);
      }
      const first = await historyOf('fan');
      expect(first.total).toBe(BROWSE_HISTORY_KEPT);
      const all = [...first.items];
      for (let page = 2; page <= 5; page++) all.push(...(await historyOf('fan', page)).items);
      expect(new Set(all.map((i) => i.productId))).toEqual(new Set(productIds.slice(5)));
      expect(await rt.db.collection('browse_history').count({ userId: 'fan' })).toBe(BROWSE_HISTORY_KEPT);
    });

    it('shows each shopper only their own, and clearing takes only the caller’s', async () => {
      await view('fan', 'p-serum');
      await view('other', 'p-cream');
      expect(await viewed('fan')).toEqual(['p-serum']);
      expect(await viewed('other')).toEqual(['p-cream']);
      expect(await ok('fan', 'clearHistory')).toEqual({ removed: 1 });
      expect(await historyOf('fan')).toEqual({ items: [], total: 0 });
      expect(await viewed('other')).toEqual(['p-cream']);
      expect(await ok('fan', 'clearHistory')).toEqual({ removed: 0 });
    });

    it('marks a viewed product 已下架 once it is off the shelf', async () => {
      await view('fan', 'p-toner');
      await rt.db.collection('products').update({ _id: 'p-toner' }, { $set: { status: 'off_shelf' } });
      expect((await historyOf('fan')).items).toEqual([expect.objectContaining({ productId: 'p-toner', onSale: false, stock: 0, title: '平衡爽肤水' })]);
    });

    it('the demo shopper has a 足迹 and a 收藏 to look at from the start', async () => {
      expect(await viewed('demo-shopper')).toEqual(['p-foundation', 'p-lipstick', 'p-cushion', 'p-powder', 'p-mask']);
      expect((await favorites('demo-shopper')).items.map((i) => i.productId)).toEqual(['p-cream', 'p-perfume-rose', 'p-serum']);
    });

    it('opening a product writes nothing: the view comes from the page’s event', async () => {
      await ok('fan', 'getProduct', { productId: 'p-serum' });
      expect(await historyOf('fan')).toEqual({ items: [], total: 0 });
    });
  });
});
