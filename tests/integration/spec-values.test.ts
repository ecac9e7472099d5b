import type { ProductDraft } from '../../typings/contract';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const add = (rt: TestRuntime, data: Record<string, unknown>, openid = 'demo-staff') => rt.as(openid)<ProductDraft>('admin', 'addSpecValues', data);
const sku = (specs: Record<string, string>, priceFen = 9900, stock = 10) => ({ specs, priceFen, stock });

describe('adding spec values to a product', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('adds a shade with its SKU; the shade comes last, the old SKUs stay as they were, shoppers can buy it', async () => {
    const before = await rt.db.collection('skus').find({ productId: 'p-lipstick' });
    const r = await add(rt, { productId: 'p-lipstick', values: [{ group: '色号', value: '#20 奶茶' }], skus: [sku({ 色号: '#20 奶茶' }, 8900, 50)] });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.specGroups).toEqual([{ name: '色号', values: ['#01 正红', '#05 豆沙', '#12 枫叶棕', '#20 奶茶'] }]);
    const added = r.data.skus.find((s) => s.specs['色号'] === '#20 奶茶')!;
    expect(added).toMatchObject({ priceFen: 8900, stock: 50, status: 'on_sale' });
    for (const old of before) expect(await rt.db.collection('skus').get(old._id)).toEqual(old);
    const shown = await rt.as('demo-shopper')<{ skus: Array<{ _id: string }> }>('mall', 'getProduct', { productId: 'p-lipstick' });
    expect(shown.ok && shown.data.skus.map((s) => s._id)).toContain(added._id);
    // the product's from-price follows its cheapest SKU on sale
    expect((await rt.db.collection('products').get('p-lipstick'))?.priceFen).toBe(8900);
    const audit = await rt.db.collection('audit').find({ action: 'addSpecValues' });
    expect(audit).toHaveLength(1);
  });

  it('a new value of one group needs a SKU for every value of the others', async () => {
    const shades = (await rt.db.collection('skus').find({ productId: 'p-foundation' })).map((s) => s.specs['色号']!);
    const value = { group: '容量', value: '50ml' };
    const some = shades.slice(1).map((shade) => sku({ 色号: shade, 容量: '50ml' }, 22900));
    expect(await add(rt, { productId: 'p-foundation', values: [value], skus: some })).toMatchObject({ ok: false, error: { code: 'PRODUCT_INVALID', field: 'skus' } });
    const all = shades.map((shade) => sku({ 色号: shade, 容量: '50ml' }, 22900));
    const r = await add(rt, { productId: 'p-foundation', values: [value], skus: all });
    expect(r.ok && r.data.specGroups.find((g) => g.name === '容量')?.values).toEqual(['30ml', '50ml']);
    expect(await rt.db.collection('skus').count({ productId: 'p-foundation' })).toBe(shades.length * 2);
  });

  it('refuses a value held already, an unknown group, a product without spec groups and a stranger', async () => {
    expect(await add(rt, { productId: 'p-lipstick', values: [{ group: '色号', value: '#01 正红' }], skus: [sku({ 色号: '#01 正红' })] })).toMatchObject({ ok: false, error: { code: 'PRODUCT_INVALID', field: 'values.0.value' } });
    expect(await add(rt, { productId: 'p-lipstick', values: [{ group: '容量', value: '5g' }], skus: [sku({ 色号: '#01 正红', 容量: '5g' })] })).toMatchObject({ ok: false, error: { code: 'PRODUCT_INVALID', field: 'values.0.group' } });
    const png = rt.storage.save('product', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]));
    if (!png.ok) throw new Error(png.reason);
    const plain = await rt.as('demo-staff')<ProductDraft>('admin', 'createProduct', {
      title: '单品',
      categoryId: 'cat-tools',
      images: [png.fileId],
      specGroups: [],
      skus: [sku({})],
      status: 'draft',
    });
    if (!plain.ok) throw new Error(plain.error.code);
    expect(await add(rt, { productId: plain.data._id, values: [{ group: '颜色', value: '红' }], skus: [sku({ 颜色: '红' })] })).toMatchObject({ ok: false, error: { code: 'PRODUCT_INVALID', field: 'values' } });
    expect(codeOf(await add(rt, { productId: 'no-such', values: [{ group: '色号', value: 'x' }], skus: [sku({ 色号: 'x' })] }))).toBe('PRODUCT_NOT_FOUND');
    expect(codeOf(await add(rt, { productId: 'p-lipstick', values: [{ group: '色号', value: 'x' }], skus: [sku({ 色号: 'x' })] }, 'demo-shopper'))).toBe('NOT_STAFF');
  });
});

describe.each(CONCURRENCY_DBS)('two adds at once (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('the same new shade twice makes its SKU once', async () => {
    const before = await rt.db.collection('skus').count({ productId: 'p-lipstick' });
    const input = { productId: 'p-lipstick', values: [{ group: '色号', value: '#20 奶茶' }], skus: [sku({ 色号: '#20 奶茶' })] };
    const results = (await Promise.all([add(rt, input), add(rt, input), add(rt, input)])).map(codeOf);
    expect(results.filter((c) => c === 'ok')).toHaveLength(1);
    for (const c of results.filter((c) => c !== 'ok')) expect(['PRODUCT_CHANGED', 'PRODUCT_INVALID']).toContain(c);
    const skus = await rt.db.collection('skus').find({ productId: 'p-lipstick' });
    expect(skus).toHaveLength(before + 1);
    expect(skus.filter((s) => s.specs['色号'] === '#20 奶茶')).toHaveLength(1);
  });
});
