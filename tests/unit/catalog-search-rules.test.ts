import type { ProductDoc, SkuDoc } from '../../cloudfunctions/core/schema';
import {
  HOT_WORD_COUNT,
  hotWords,
  listingQuery,
  listingSort,
  rankByRelevance,
  ranksByRelevance,
  relevance,
  shelfProduct,
  shelfSnapshot,
} from '../../cloudfunctions/core/modules/catalog/rules';

const product = (id: string, over: Partial<ProductDoc> = {}): ProductDoc => ({
  _id: id,
  title: '粉底液',
  subtitle: '持妆',
  categoryId: 'cat-makeup',
  image: `/assets/p/${id}.svg`,
  images: [],
  detail: '',
  specNames: ['规格'],
  priceFen: 16900,
  originalPriceFen: 22900,
  sales: 100,
  status: 'on_sale',
  searchText: '',
  createdAt: 0,
  ...over,
});

const sku = (id: string, over: Partial<SkuDoc> = {}): SkuDoc => ({
  _id: id,
  productId: 'p1',
  specs: { 规格: id },
  priceFen: 16900,
  stock: 10,
  status: 'on_sale',
  ...over,
});

describe('listingQuery with a price range', () => {
  it('keeps products whose listed price lies between the two ends, both included', () => {
    expect(listingQuery({ keyword: ' 粉底 ', minPriceFen: 5000, maxPriceFen: 20000 })).toEqual({
      status: 'on_sale',
      searchText: { $contains: '粉底' },
      priceFen: { $gte: 5000, $lte: 20000 },
    });
  });

  it('takes either end alone, a zero lower end included', () => {
    expect(listingQuery({ minPriceFen: 0 })).toEqual({ status: 'on_sale', priceFen: { $gte: 0 } });
    expect(listingQuery({ maxPriceFen: 9900 })).toEqual({ status: 'on_sale', priceFen: { $lte: 9900 } });
    expect(listingQuery({})).toEqual({ status: 'on_sale' });
  });
});

describe('listingSort', () => {
  it('reads best sellers first for 综合 and 销量, and by price with best sellers first among equal prices', () => {
    expect(listingSort(undefined)).toEqual([['sales', 'desc']]);
    expect(listingSort('relevance')).toEqual([['sales', 'desc']]);
    expect(listingSort('sales')).toEqual([['sales', 'desc']]);
    expect(listingSort('price_asc')).toEqual([
      ['priceFen', 'asc'],
      ['sales', 'desc'],
    ]);
    expect(listingSort('price_desc')).toEqual([
      ['priceFen', 'desc'],
      ['sales', 'desc'],
    ]);
  });
});

describe('ranksByRelevance', () => {
  it('ranks in memory only for 综合 over a keyword', () => {
    expect(ranksByRelevance({ keyword: '粉' })).toBe(true);
    expect(ranksByRelevance({ keyword: '粉', sort: 'relevance' })).toBe(true);
    expect(ranksByRelevance({ keyword: '粉', sort: 'sales' })).toBe(false);
    expect(ranksByRelevance({ keyword: '粉', sort: 'price_asc' })).toBe(false);
    expect(ranksByRelevance({ keyword: '  ' })).toBe(false);
    expect(ranksByRelevance({})).toBe(false);
  });
});

describe('relevance and rankByRelevance (综合)', () => {
  const title = (t: string, subtitle = '') => ({ title: t, subtitle });

  it('scores a title that starts with the keyword over one that holds it, over a subtitle, over a category-only match', () => {
    expect(relevance(title('口红礼盒'), '口红')).toBe(3);
    expect(relevance(title('丝绒哑光口红'), '口红')).toBe(2);
    expect(relevance(title('卸妆水', '口红也能卸'), '口红')).toBe(1);
    expect(relevance(title('眉笔', '细芯'), '彩妆')).toBe(0);
  });

  it('ignores case and the spaces around the keyword', () => {
    expect(relevance(title('清透防晒乳 SPF50+'), ' spf ')).toBe(2);
    expect(relevance(title('SPF 防晒'), 'spf')).toBe(3);
  });

  it('puts the better match first, then the better seller, then the smaller id', () => {
    const products = [
      product('p-remover', { title: '卸妆水', subtitle: '口红也能卸', sales: 9000 }),
      product('p-box', { title: '口红礼盒', sales: 10 }),
      product('p-matte', { title: '丝绒哑光口红', sales: 2310 }),
      product('p-glaze', { title: '镜面唇釉口红', sales: 2310 }),
      product('p-brush', { title: '唇刷', subtitle: '', sales: 50000 }),
    ];
    expect(rankByRelevance(products, '口红').map((p) => p._id)).toEqual(['p-box', 'p-glaze', 'p-matte', 'p-remover', 'p-brush']);
  });

  it('leaves the products it was given as they were', () => {
    const products = [product('a', { title: '乙', sales: 1 }), product('b', { title: '甲口红', sales: 2 })];
    rankByRelevance(products, '口红');
    expect(products.map((p) => p._id)).toEqual(['a', 'b']);
  });
});

describe('hotWords', () => {
  it('takes the best sellers’ titles in order, each once, trimmed, at most HOT_WORD_COUNT', () => {
    const titles = [' 美妆蛋 ', '润唇膏', '美妆蛋', '', ...Array.from({ length: 10 }, (_, i) => `商品${i}`)];
    const words = hotWords(titles.map((t) => ({ title: t })));
    expect(words).toEqual(['美妆蛋', '润唇膏', '商品0', '商品1', '商品2', '商品3', '商品4', '商品5']);
    expect(words).toHaveLength(HOT_WORD_COUNT);
  });

  it('is empty for a shop with nothing on sale', () => {
    expect(hotWords([])).toEqual([]);
  });
});

describe('shelfProduct (收藏, 足迹 rows)', () => {
  const kept = { title: '旧标题', image: '/assets/p/old.svg', priceFen: 12000 };

  it('shows a product on sale as it is now: lowest on-sale price and stock over on-sale SKUs', () => {
    const skus = [sku('s1', { priceFen: 18900, stock: 3 }), sku('s2', { priceFen: 16900, stock: -2 }), sku('s3', { priceFen: 100, status: 'off_shelf', stock: 50 })];
    expect(shelfProduct('p1', product('p1', { title: '新标题' }), skus, kept)).toEqual({
      productId: 'p1',
      title: '新标题',
      image: '/assets/p/p1.svg',
      priceFen: 16900,
      stock: 3,
      onSale: true,
    });
  });

  it('marks an off-shelf product 已下架 with nothing to buy, as it reads now', () => {
    expect(shelfProduct('p1', product('p1', { title: '新标题', status: 'off_shelf' }), [sku('s1', { priceFen: 15900, stock: 8 })], kept)).toEqual({
      productId: 'p1',
      title: '新标题',
      image: '/assets/p/p1.svg',
      priceFen: 15900,
      stock: 0,
      onSale: false,
    });
  });

  it('shows a product that is gone as the list last saw it', () => {
    expect(shelfProduct('p-gone', null, [], kept)).toEqual({ productId: 'p-gone', ...kept, stock: 0, onSale: false });
  });

  it('snapshots the lowest on-sale SKU price, or the listed price when no SKU is on sale', () => {
    expect(shelfSnapshot(product('p1'), [sku('s1', { priceFen: 15000 }), sku('s2', { priceFen: 9000, status: 'off_shelf' })])).toEqual({
      title: '粉底液',
      image: '/assets/p/p1.svg',
      priceFen: 15000,
    });
    expect(shelfSnapshot(product('p1', { priceFen: 16900 }), []).priceFen).toBe(16900);
  });
});
