import type { ProductDoc, SkuDoc } from '../../cloudfunctions/core/schema';
import {
  awaitsRestock,
  DEFAULT_PAGE_SIZE,
  isRestocked,
  restockMessageKey,
  MAX_PAGE_SIZE,
  listingQuery,
  lowestPrice,
  pageWindow,
  productView,
  searchText,
  specGroups,
  summarize,
} from '../../cloudfunctions/core/modules/catalog/rules';

const product = (over: Partial<ProductDoc> = {}): ProductDoc => ({
  _id: 'p-foundation',
  title: '粉底液',
  subtitle: '持妆',
  categoryId: 'cat-makeup',
  image: '/assets/p/p-foundation.svg',
  images: ['/assets/p/p-foundation.svg'],
  detail: '详情',
  specNames: ['色号', '容量'],
  priceFen: 16900,
  originalPriceFen: 22900,
  sales: 1280,
  status: 'on_sale',
  searchText: '粉底液 持妆 彩妆',
  createdAt: 0,
  ...over,
});

const sku = (id: string, over: Partial<SkuDoc> = {}): SkuDoc => ({
  _id: id,
  productId: 'p-foundation',
  specs: { 色号: '01', 容量: '30ml' },
  priceFen: 16900,
  stock: 10,
  status: 'on_sale',
  ...over,
});

describe('pageWindow', () => {
  it.each([
    ['defaults to the first page of 20', undefined, undefined, { limit: DEFAULT_PAGE_SIZE, skip: 0 }],
    ['page 3 of 10', 3, 10, { limit: 10, skip: 20 }],
    ['page size exactly at the cap', 1, 50, { limit: 50, skip: 0 }],
    ['a page size over 50 is served as 50', 1, 1000, { limit: MAX_PAGE_SIZE, skip: 0 }],
    ['the cap also sets the skip', 2, 1000, { limit: 50, skip: 50 }],
    ['page without size uses the default size', 4, undefined, { limit: 20, skip: 60 }],
  ])('%s', (_what, page, size, expected) => {
    expect(pageWindow(page, size)).toEqual(expected);
  });

  it('caps at 50', () => {
    expect(MAX_PAGE_SIZE).toBe(50);
  });
});

describe('listingQuery', () => {
  it.each([
    ['only on-sale products by default', {}, { status: 'on_sale' }],
    ['a category', { categoryId: 'cat-gift' }, { status: 'on_sale', categoryId: 'cat-gift' }],
    ['a keyword, trimmed and lower-cased', { keyword: '  SPF50 ' }, { status: 'on_sale', searchText: { $contains: 'spf50' } }],
    ['a blank keyword is ignored', { keyword: '   ' }, { status: 'on_sale' }],
    ['an empty category is ignored', { categoryId: '' }, { status: 'on_sale' }],
    ['both', { categoryId: 'cat-makeup', keyword: '粉' }, { status: 'on_sale', categoryId: 'cat-makeup', searchText: { $contains: '粉' } }],
  ])('%s', (_what, input, expected) => {
    expect(listingQuery(input)).toEqual(expected);
  });
});

describe('searchText', () => {
  it('joins title, subtitle and category name in lower case', () => {
    expect(searchText('清透防晒乳 SPF50+', 'Light', '护肤')).toBe('清透防晒乳 spf50+ light 护肤');
  });
});

describe('summarize', () => {
  it('shows the lowest on-sale SKU price and the summed stock', () => {
    const skus = [sku('a', { priceFen: 17900, stock: 5 }), sku('b', { priceFen: 16900, stock: 7 }), sku('c', { priceFen: 100, stock: 50, status: 'off_shelf' })];
    expect(summarize(product(), skus)).toEqual({
      _id: 'p-foundation',
      title: '粉底液',
      subtitle: '持妆',
      categoryId: 'cat-makeup',
      image: '/assets/p/p-foundation.svg',
      priceFen: 16900,
      originalPriceFen: 22900,
      sales: 1280,
      stock: 12,
    });
  });

  it('counts oversold (negative) stock as zero', () => {
    expect(summarize(product(), [sku('a', { stock: -3 }), sku('b', { stock: 4 })]).stock).toBe(4);
  });

  it('falls back to the product price with zero stock when no SKU is on sale', () => {
    const s = summarize(product({ priceFen: 12345 }), [sku('a', { status: 'off_shelf', priceFen: 1 })]);
    expect([s.priceFen, s.stock]).toEqual([12345, 0]);
    expect(summarize(product({ priceFen: 12345 }), []).priceFen).toBe(12345);
  });
});

describe('lowestPrice', () => {
  it('is the lowest on-sale price, or null', () => {
    expect(lowestPrice([sku('a', { priceFen: 300 }), sku('b', { priceFen: 200 }), sku('c', { priceFen: 100, status: 'off_shelf' })])).toBe(200);
    expect(lowestPrice([sku('c', { status: 'off_shelf' })])).toBeNull();
  });
});

describe('specGroups', () => {
  it('lists groups in spec order and values in SKU order, once each', () => {
    const skus = [
      { specs: { 色号: '02', 容量: '30ml' } },
      { specs: { 色号: '01', 容量: '30ml' } },
      { specs: { 色号: '02', 容量: '50ml' } },
    ];
    expect(specGroups(['色号', '容量'], skus)).toEqual([
      { name: '色号', values: ['02', '01'] },
      { name: '容量', values: ['30ml', '50ml'] },
    ]);
  });

  it('gives a group with no values when no SKU carries the spec', () => {
    expect(specGroups(['色号', '香型'], [{ specs: { 色号: '01' } }])).toEqual([
      { name: '色号', values: ['01'] },
      { name: '香型', values: [] },
    ]);
  });

  it('gives no groups when the product has no specs', () => {
    expect(specGroups([], [{ specs: { 色号: '01' } }])).toEqual([]);
  });
});

describe('productView', () => {
  it('carries the live card offer it is given', () => {
    const offer = { liveId: 'live-tonight', cardId: 'card-1', livePriceFen: 12900, skuPrices: { s1: 12900 }, endAt: 1_800_000_000_000 };
    expect(productView(product(), [sku('s1')], offer).live).toEqual(offer);
  });

  it("promises the product's own after-sale window, else the shop's", () => {
    expect(productView(product(), [], null, null, 15).afterSaleDays).toBe(15);
    expect(productView({ ...product(), afterSaleDays: 0 }, [], null, null, 15).afterSaleDays).toBe(0);
    expect(productView({ ...product(), afterSaleDays: null }, [], null, null, 3).afterSaleDays).toBe(3);
  });

  it('shows on-sale SKUs only, with specs built from them and stock never below zero', () => {
    const skus = [
      sku('s1', { specs: { 色号: '01', 容量: '30ml' }, priceFen: 16900, stock: 3 }),
      sku('s2', { specs: { 色号: '02', 容量: '30ml' }, priceFen: 17900, stock: -1 }),
      sku('s3', { specs: { 色号: '03', 容量: '50ml' }, priceFen: 9900, status: 'off_shelf' }),
    ];
    expect(productView(product(), skus)).toEqual({
      _id: 'p-foundation',
      afterSaleDays: 7,
      title: '粉底液',
      subtitle: '持妆',
      categoryId: 'cat-makeup',
      image: '/assets/p/p-foundation.svg',
      priceFen: 16900,
      originalPriceFen: 22900,
      sales: 1280,
      stock: 3,
      images: ['/assets/p/p-foundation.svg'],
      live: null,
      memberPrice: null,
      upcoming: null,
      favorited: false,
      detail: '详情',
      specGroups: [
        { name: '色号', values: ['01', '02'] },
        { name: '容量', values: ['30ml'] },
      ],
      skus: [
        { _id: 's1', productId: 'p-foundation', specs: { 色号: '01', 容量: '30ml' }, priceFen: 16900, stock: 3 },
        { _id: 's2', productId: 'p-foundation', specs: { 色号: '02', 容量: '30ml' }, priceFen: 17900, stock: 0 },
      ],
      status: 'on_sale',
      restockSkuIds: [],
    });
  });
});

describe('restock rules (到货提醒)', () => {
  it('takes a reminder only for a SKU on sale with none left', () => {
    expect(awaitsRestock({ status: 'on_sale', stock: 0 })).toBe(true);
    expect(awaitsRestock({ status: 'on_sale', stock: 1 })).toBe(false);
    expect(awaitsRestock({ status: 'off_shelf', stock: 0 })).toBe(false);
  });

  it('counts a SKU back only when it and its product are on sale with stock', () => {
    expect(isRestocked({ status: 'on_sale', stock: 1 }, { status: 'on_sale' })).toBe(true);
    expect(isRestocked({ status: 'on_sale', stock: 0 }, { status: 'on_sale' })).toBe(false);
    expect(isRestocked({ status: 'off_shelf', stock: 5 }, { status: 'on_sale' })).toBe(false);
    expect(isRestocked({ status: 'on_sale', stock: 5 }, { status: 'off_shelf' })).toBe(false);
    expect(isRestocked({ status: 'on_sale', stock: 5 }, null)).toBe(false);
  });

  it('keys each round of a subscription apart', () => {
    expect(restockMessageKey({ skuId: 'p-blush-3', userId: 'u1', round: 1 })).toBe('restock:p-blush-3:u1:1');
    expect(restockMessageKey({ skuId: 'p-blush-3', userId: 'u1', round: 2 })).toBe('restock:p-blush-3:u1:2');
  });
});
