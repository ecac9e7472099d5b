import { startServer, type ServerHandle } from '../../scripts/local/server';
import type { Category, Home, Product, ProductDraft, ProductSummary, StaffBanner, StaffCategory, StaffProduct } from '../../typings/contract';
import { MAX_BANNERS } from '../../typings/contract/limits';
import type { AuditDoc } from '../../cloudfunctions/core/schema';
import { DEFAULT_CATEGORY_ICON } from '../../cloudfunctions/core/modules/catalog';
import { SEED_CATEGORIES } from '../../scripts/seed/catalog-data';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const OPERATOR = 'op-1';
const CS = 'cs-1';
const SHOPPER = 'setup-shopper';
type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
type Listing = { items: ProductSummary[]; total: number };

/** 色号 × 容量, 2×2 */
const SPEC_GROUPS = [
  { name: '色号', values: ['01 自然', '02 象牙'] },
  { name: '容量', values: ['30ml', '50ml'] },
];
const SKUS = [
  { specs: { 色号: '01 自然', 容量: '30ml' }, priceFen: 15900, memberPriceFen: 14900, stock: 10 },
  { specs: { 色号: '01 自然', 容量: '50ml' }, priceFen: 19900, stock: 5, perUserLimit: 2 },
  { specs: { 色号: '02 象牙', 容量: '30ml' }, priceFen: 15900, stock: 0 },
  { specs: { 色号: '02 象牙', 容量: '50ml' }, priceFen: 19900, stock: 8 },
];

describe('setting up the shop: categories, products with images and SKUs, banners', () => {
  let rt: TestRuntime;
  let server: ServerHandle;
  beforeEach(async () => {
    rt = await testRuntime();
    server = await startServer(rt, 0);
    await rt.db.collection('staff').insert({ _id: OPERATOR, role: 'operator', createdAt: 0 });
    await rt.db.collection('staff').insert({ _id: CS, role: 'cs', createdAt: 0 });
  });
  afterEach(async () => {
    await server.close();
    await rt.close();
  });

  const admin = <T>(action: string, data: unknown, openid = OPERATOR, requestId?: string) => rt.as(openid)<T>('admin', action, data, requestId) as Promise<Res<T>>;
  const mall = <T>(action: string, data: unknown) => rt.as(SHOPPER)<T>('mall', action, data) as Promise<Res<T>>;
  const ok = <T>(r: Res<T>): T => {
    if (!r.ok) throw new Error(`${r.error.code}${r.error.field ? ` (${r.error.field})` : ''}: ${r.error.message}`);
    return r.data;
  };
  const refused = (code: string, field?: string) => ({ ok: false, error: { code, ...(field ? { field } : {}) } });
  const ids = async (data: object) => ok(await mall<Listing>('listProducts', data)).items.map((p) => p._id);

  async function upload(purpose = 'product'): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'p.png');
    const res = await fetch(`${server.url}/files?purpose=${purpose}`, { method: 'POST', body: form, headers: { 'x-wx-openid': OPERATOR } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { fileId: string }).fileId;
  }
  /** what an <image> shows for an uploaded file */
  const shown = (fileId: string) => rt.storage.showable(fileId);

  /** Runs one write and returns its answer with the audit entries it left (exactly one expected by the callers). */
  async function audited<T>(call: () => Promise<Res<T>>): Promise<{ data: T; entries: AuditDoc[] }> {
    const seen = new Set((await rt.db.collection('audit').find({})).map((a) => a._id));
    const data = ok(await call());
    const entries = (await rt.db.collection('audit').find({})).filter((a) => !seen.has(a._id));
    return { data, entries };
  }
  const counts = async () => ({
    products: await rt.db.collection('products').count({}),
    skus: await rt.db.collection('skus').count({}),
    categories: await rt.db.collection('categories').count({}),
    banners: await rt.db.collection('banners').count({}),
    audit: await rt.db.collection('audit').count({}),
  });

  async function topAndSub(): Promise<{ top: StaffCategory; sub: StaffCategory }> {
    const top = ok(await admin<StaffCategory>('saveCategory', { name: '家居香氛' }));
    const sub = ok(await admin<StaffCategory>('saveCategory', { name: '手作烛台', parentId: top._id }));
    return { top, sub };
  }
  const productInput = (categoryId: string, images: string[], over: object = {}) => ({
    title: '苔藓森林蜡烛',
    subtitle: '大豆蜡 手工',
    categoryId,
    images,
    detail: '燃烧 40 小时',
    originalPriceFen: 25900,
    specGroups: SPEC_GROUPS,
    skus: SKUS,
    status: 'on_sale',
    ...over,
  });
  async function product(categoryId: string, over: object = {}): Promise<ProductDraft> {
    return ok(await admin<ProductDraft>('createProduct', productInput(categoryId, [await upload()], over)));
  }

  describe('categories', () => {
    it('an operator makes a top-level category and a sub-category under it; a third level is refused', async () => {
      const made = await audited(() => admin<StaffCategory>('saveCategory', { name: '家居香氛' }));
      const top = made.data;
      expect(top).toEqual({ _id: expect.any(String), name: '家居香氛', icon: DEFAULT_CATEGORY_ICON, sort: SEED_CATEGORIES.length, parentId: null });
      expect(made.entries).toEqual([expect.objectContaining({ actor: OPERATOR, action: 'saveCategory', entity: 'category', entityId: top._id, before: null, after: top })]);

      const sub = ok(await admin<StaffCategory>('saveCategory', { name: '手作烛台', parentId: top._id }));
      expect(sub).toEqual({ _id: expect.any(String), name: '手作烛台', icon: DEFAULT_CATEGORY_ICON, sort: 0, parentId: top._id });

      const before = await counts();
      expect(await admin('saveCategory', { name: '三级分类', parentId: sub._id })).toMatchObject(refused('CATEGORY_INVALID', 'parentId'));
      expect(await admin('saveCategory', { name: '无父分类', parentId: 'no-such-category' })).toMatchObject(refused('CATEGORY_INVALID', 'parentId'));
      // the top cannot go under itself, nor (having a sub-category) under another top
      expect(await admin('saveCategory', { categoryId: top._id, name: '家居香氛', parentId: top._id })).toMatchObject(refused('CATEGORY_INVALID', 'parentId'));
      expect(await admin('saveCategory', { categoryId: top._id, name: '家居香氛', parentId: 'cat-body' })).toMatchObject(refused('CATEGORY_INVALID', 'parentId'));
      expect(await admin('saveCategory', { categoryId: 'no-such-category', name: '改名' })).toMatchObject(refused('CATEGORY_NOT_FOUND', 'categoryId'));
      expect(await counts()).toEqual(before);

      const staff = ok(await admin<{ items: StaffCategory[] }>('listStaffCategories', {}, CS));
      expect(staff.items.map((c) => c._id)).toEqual([...SEED_CATEGORIES.map((c) => c.id), top._id, sub._id]);
    });

    it('getHome lists only top-level categories; mall.listCategories lists all with parentId, each top followed by its children', async () => {
      const { top, sub } = await topAndSub();
      const makeupSub = ok(await admin<StaffCategory>('saveCategory', { name: '唇妆', parentId: 'cat-makeup', sort: 3 }));
      const makeupFirst = ok(await admin<StaffCategory>('saveCategory', { name: '底妆', parentId: 'cat-makeup', sort: 1 }));
      const seeded = SEED_CATEGORIES.map((c, sort) => ({ _id: c.id, name: c.name, icon: c.icon, sort, parentId: null }));
      const view = ({ _id, name, icon, sort, parentId }: StaffCategory): Category => ({ _id, name, icon, sort, parentId });

      const all = ok(await mall<{ items: Category[] }>('listCategories', {})).items;
      expect(all).toEqual([seeded[0], seeded[1], view(makeupFirst), view(makeupSub), ...seeded.slice(2), view(top), view(sub)]);

      const home = ok(await mall<Home>('getHome', {}));
      expect(home.categories).toEqual([...seeded, view(top)]);
    });

    it('renaming a category changes its products’ search; moving a top-level category moves its products’ listing', async () => {
      const { top, sub } = await topAndSub();
      const p = await product(sub._id);
      expect(await ids({ keyword: '手作烛台' })).toEqual([p._id]);

      const renamed = await audited(() => admin<StaffCategory>('saveCategory', { categoryId: sub._id, name: '疗愈小物' }));
      expect(renamed.data).toEqual({ ...sub, name: '疗愈小物' });
      expect(renamed.entries).toEqual([expect.objectContaining({ entity: 'category', entityId: sub._id, before: sub, after: { ...sub, name: '疗愈小物' } })]);
      expect(await ids({ keyword: '疗愈小物' })).toEqual([p._id]);
      expect(await ids({ keyword: '手作烛台' })).toEqual([]);

      // a seeded top-level category holding products moves under another top: its products follow
      const gifts = await ids({ categoryId: 'cat-gift' });
      expect(gifts.length).toBeGreaterThan(0);
      expect(await ids({ topCategoryId: 'cat-gift' })).toEqual(gifts);
      const makeupBefore = await ids({ topCategoryId: 'cat-makeup' });
      const moved = await audited(() => admin<StaffCategory>('saveCategory', { categoryId: 'cat-gift', name: '礼盒', parentId: 'cat-makeup' }));
      expect(moved.data).toMatchObject({ _id: 'cat-gift', parentId: 'cat-makeup', sort: SEED_CATEGORIES.findIndex((c) => c.id === 'cat-gift') });
      expect(moved.entries).toEqual([expect.objectContaining({ entity: 'category', entityId: 'cat-gift', before: expect.objectContaining({ parentId: null }), after: expect.objectContaining({ parentId: 'cat-makeup' }) })]);
      expect(await ids({ topCategoryId: 'cat-gift' })).toEqual([]);
      expect((await ids({ topCategoryId: 'cat-makeup' })).sort()).toEqual([...makeupBefore, ...gifts].sort());
      expect(await ids({ categoryId: 'cat-gift' })).toEqual(gifts);
      expect(ok(await mall<Home>('getHome', {})).categories.map((c) => c._id)).not.toContain('cat-gift');

      // and the new top-level category's own products stay under it too
      const own = await product(top._id, { title: '香氛礼袋' });
      expect((await ids({ topCategoryId: top._id })).sort()).toEqual([p._id, own._id].sort());
      expect(await ids({ categoryId: top._id })).toEqual([own._id]);
    });

    it('deleteCategory refuses one with products or sub-categories, deletes an empty one, and answers removed:false for an unknown id', async () => {
      const { top, sub } = await topAndSub();
      const p = await product(sub._id);
      const before = await counts();
      expect(await admin('deleteCategory', { categoryId: top._id })).toMatchObject(refused('CATEGORY_IN_USE', 'categoryId'));
      expect(await admin('deleteCategory', { categoryId: sub._id })).toMatchObject(refused('CATEGORY_IN_USE', 'categoryId'));
      expect(await admin('deleteCategory', { categoryId: 'cat-skincare' })).toMatchObject(refused('CATEGORY_IN_USE', 'categoryId'));
      expect(await admin('deleteCategory', { categoryId: top._id }, CS)).toMatchObject(refused('FORBIDDEN'));
      expect(await counts()).toEqual(before);

      // a draft still holds its category
      const empty = ok(await admin<StaffCategory>('saveCategory', { name: '空分类', parentId: top._id }));
      const draft = await product(empty._id, { status: 'draft' });
      expect(await admin('deleteCategory', { categoryId: empty._id })).toMatchObject(refused('CATEGORY_IN_USE'));
      ok(await admin('editProduct', { productId: draft._id, categoryId: sub._id }));

      const removed = await audited(() => admin<{ removed: boolean }>('deleteCategory', { categoryId: empty._id }));
      expect(removed.data).toEqual({ removed: true });
      expect(removed.entries).toEqual([expect.objectContaining({ action: 'deleteCategory', entity: 'category', entityId: empty._id, before: empty, after: null })]);
      expect(await rt.db.collection('categories').get(empty._id)).toBeNull();
      expect(ok(await admin<{ items: StaffCategory[] }>('listStaffCategories', {})).items.map((c) => c._id)).not.toContain(empty._id);
      expect(ok(await admin('deleteCategory', { categoryId: empty._id }))).toEqual({ removed: false });
      expect(ok(await admin('deleteCategory', { categoryId: 'never-was' }))).toEqual({ removed: false });

      // once emptied, the sub and then the top go
      ok(await admin('editProduct', { productId: p._id, categoryId: 'cat-body' }));
      ok(await admin('editProduct', { productId: draft._id, categoryId: 'cat-body' }));
      expect(ok(await admin('deleteCategory', { categoryId: sub._id }))).toEqual({ removed: true });
      expect(ok(await admin('deleteCategory', { categoryId: top._id }))).toEqual({ removed: true });
      expect(ok(await mall<{ items: Category[] }>('listCategories', {})).items.map((c) => c._id)).toEqual(SEED_CATEGORIES.map((c) => c.id));
    });
  });

  describe('products', () => {
    it('a product with 色号 × 容量 and two uploaded images goes on sale in its sub-category and its top', async () => {
      const { top, sub } = await topAndSub();
      const [a, b] = [await upload(), await upload()];
      const before = await counts();
      const made = await audited(() => admin<ProductDraft>('createProduct', productInput(sub._id, [a, b])));
      const draft = made.data;
      expect(await counts()).toEqual({ ...before, products: before.products + 1, skus: before.skus + 4, audit: before.audit + 1 });
      expect(draft).toMatchObject({
        title: '苔藓森林蜡烛',
        subtitle: '大豆蜡 手工',
        categoryId: sub._id,
        images: [shown(a), shown(b)],
        detail: '燃烧 40 小时',
        specGroups: SPEC_GROUPS,
        originalPriceFen: 25900,
        status: 'on_sale',
        afterSaleDays: null,
      });
      expect(draft.images[0]).toMatch(/^\/files\/uploads\/product\/[0-9a-f]+\.png$/);
      expect(draft.skus.map(({ _id, ...s }) => s)).toEqual([
        { specs: SKUS[0]!.specs, priceFen: 15900, memberPriceFen: 14900, stock: 10, perUserLimit: null, status: 'on_sale' },
        { specs: SKUS[1]!.specs, priceFen: 19900, memberPriceFen: null, stock: 5, perUserLimit: 2, status: 'on_sale' },
        { specs: SKUS[2]!.specs, priceFen: 15900, memberPriceFen: null, stock: 0, perUserLimit: null, status: 'on_sale' },
        { specs: SKUS[3]!.specs, priceFen: 19900, memberPriceFen: null, stock: 8, perUserLimit: null, status: 'on_sale' },
      ]);
      expect(new Set(draft.skus.map((s) => s._id)).size).toBe(4);
      expect(made.entries).toEqual([expect.objectContaining({ actor: OPERATOR, action: 'createProduct', entity: 'product', entityId: draft._id, before: null, after: draft })]);
      expect(ok(await admin<ProductDraft>('getProductDraft', { productId: draft._id }, CS))).toEqual(draft);

      expect(await ids({ categoryId: sub._id })).toEqual([draft._id]);
      expect(await ids({ topCategoryId: top._id })).toEqual([draft._id]);
      // the exact filter is exact: nothing is filed in the top itself
      expect(await ids({ categoryId: top._id })).toEqual([]);
      expect(await ids({ topCategoryId: 'cat-skincare' })).not.toContain(draft._id);
      const listed = ok(await mall<Listing>('listProducts', { topCategoryId: top._id })).items[0]!;
      expect(listed).toMatchObject({ image: shown(a), priceFen: 15900, stock: 23 });

      const page = ok(await mall<Product>('getProduct', { productId: draft._id }));
      expect(page).toMatchObject({ status: 'on_sale', images: [shown(a), shown(b)], specGroups: SPEC_GROUPS, priceFen: 15900, originalPriceFen: 25900 });
      expect(page.skus.map((s) => [s._id, s.specs, s.priceFen])).toEqual(draft.skus.map((s) => [s._id, s.specs, s.priceFen]));
      expect(ok(await mall<unknown>('addToCart', { skuId: draft.skus[0]!._id, quantity: 1 }))).toBeTruthy();

      // the file it shows is served
      for (const url of page.images) {
        const res = await fetch(`${server.url}${new URL(url, server.url).pathname}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      }
    });

    it('a draft is invisible to shoppers and cannot go on sale without a SKU on sale', async () => {
      const { sub } = await topAndSub();
      const skus = SKUS.map((s) => ({ ...s, status: 'off_shelf' }));
      const before = await counts();
      expect(await admin('createProduct', productInput(sub._id, [await upload()], { skus }))).toMatchObject(refused('PRODUCT_INVALID', 'skus'));
      expect(await counts()).toEqual(before);

      const draft = await product(sub._id, { title: '草稿蜡烛', status: 'draft', skus });
      expect(draft.status).toBe('draft');
      expect(await ids({ categoryId: sub._id })).toEqual([]);
      expect(await ids({ keyword: '草稿蜡烛' })).toEqual([]);
      expect(await mall('getProduct', { productId: draft._id })).toMatchObject(refused('PRODUCT_NOT_FOUND'));
      expect(await mall('addToCart', { skuId: draft.skus[0]!._id, quantity: 1 })).toMatchObject(refused('SKU_UNAVAILABLE'));

      const staffList = ok(await admin<{ items: StaffProduct[] }>('listStaffProducts', { status: 'draft' }));
      expect(staffList.items.map((p) => p._id)).toEqual([draft._id]);

      const beforeOnSale = await counts();
      expect(await admin('updateProduct', { productId: draft._id, status: 'on_sale' })).toMatchObject(refused('PRODUCT_INVALID', 'skus'));
      expect(await counts()).toEqual(beforeOnSale);
      expect((await rt.db.collection('products').get(draft._id))!.status).toBe('draft');

      // once a SKU is on sale, it may go on sale
      ok(await admin('updateSku', { skuId: draft.skus[1]!._id, status: 'on_sale' }));
      expect(ok(await admin<StaffProduct>('updateProduct', { productId: draft._id, status: 'on_sale' })).status).toBe('on_sale');
      expect(await ids({ keyword: '草稿蜡烛' })).toEqual([draft._id]);
      expect(ok(await mall<Product>('getProduct', { productId: draft._id })).skus.map((s) => s._id)).toEqual([draft.skus[1]!._id]);
    });

    it('a draft with SKUs on sale goes on sale by updateProduct; a product without spec groups has one SKU with no specs', async () => {
      const { top } = await topAndSub();
      const single = await product(top._id, { title: '单品蜡烛', status: 'draft', specGroups: [], skus: [{ specs: {}, priceFen: 9900, stock: 3 }] });
      expect(single.specGroups).toEqual([]);
      expect(single.skus).toEqual([expect.objectContaining({ specs: {}, priceFen: 9900, status: 'on_sale' })]);
      expect(await ids({ keyword: '单品蜡烛' })).toEqual([]);
      ok(await admin('updateProduct', { productId: single._id, status: 'on_sale' }));
      expect(await ids({ keyword: '单品蜡烛' })).toEqual([single._id]);
      expect(ok(await mall<Product>('getProduct', { productId: single._id }))).toMatchObject({ specGroups: [], skus: [{ specs: {}, priceFen: 9900 }] });
    });

    it('refusals write nothing: mismatched SKUs, an unknown category, images that were not uploaded for products', async () => {
      const { sub } = await topAndSub();
      const good = await upload();
      const review = await upload('review');
      const before = await counts();
      const create = (over: object, images = [good]) => admin('createProduct', productInput(sub._id, images, over));

      expect(await create({ skus: SKUS.slice(0, 3) })).toMatchObject(refused('PRODUCT_INVALID', 'skus'));
      expect(await create({ skus: [SKUS[0], SKUS[0], SKUS[2], SKUS[3]] })).toMatchObject(refused('PRODUCT_INVALID', 'skus.1.specs'));
      expect(await create({ skus: [SKUS[0], { ...SKUS[1], specs: { 色号: '03 玫瑰', 容量: '50ml' } }, SKUS[2], SKUS[3]] })).toMatchObject(refused('PRODUCT_INVALID', 'skus.1.specs'));
      expect(await create({ skus: [{ ...SKUS[0], specs: { ...SKUS[0]!.specs, 香调: '木质' } }, ...SKUS.slice(1)] })).toMatchObject(refused('PRODUCT_INVALID', 'skus.0.specs'));
      expect(await create({ skus: [{ ...SKUS[0], memberPriceFen: SKUS[0]!.priceFen }, ...SKUS.slice(1)] })).toMatchObject(refused('PRODUCT_INVALID', 'skus.0.memberPriceFen'));
      expect(await create({ specGroups: [SPEC_GROUPS[0], { name: '色号', values: ['30ml'] }] })).toMatchObject(refused('PRODUCT_INVALID', 'specGroups'));
      expect(await create({ specGroups: [], skus: [{ specs: {}, priceFen: 100, stock: 1 }, { specs: {}, priceFen: 200, stock: 1 }] })).toMatchObject(refused('PRODUCT_INVALID', 'skus.1.specs'));
      expect(await create({ categoryId: 'no-such-category' })).toMatchObject(refused('CATEGORY_NOT_FOUND', 'categoryId'));
      expect(await create({}, [good, 'https://evil.example/x.png'])).toMatchObject(refused('FILE_INVALID', 'images.1'));
      expect(await create({}, ['https://evil.example/x.png'])).toMatchObject(refused('FILE_INVALID', 'images.0'));
      expect(await create({}, [good, review])).toMatchObject(refused('FILE_INVALID', 'images.1'));
      expect(await create({}, [good.replace(/[0-9a-f]{6}\.png$/, '000000.png')])).toMatchObject(refused('FILE_INVALID', 'images.0'));
      // only the demo images the local runtime draws itself are kept without an upload
      expect(await create({}, ['/assets/p/p-serum.png'])).toMatchObject(refused('FILE_INVALID', 'images.0'));
      expect(await create({}, ['/assets/uploads/p-serum.svg'])).toMatchObject(refused('FILE_INVALID', 'images.0'));
      expect(await create({}, ['/files/uploads/product/0123456789abcdef01234567.png'])).toMatchObject(refused('FILE_INVALID', 'images.0'));
      expect(await create({}, [good, good])).toMatchObject(refused('FILE_INVALID', 'images'));
      expect(await create({}, [])).toMatchObject(refused('INVALID_INPUT'));
      expect(await create({}, ['javascript:alert(1)'])).toMatchObject(refused('INVALID_INPUT', 'images.0'));
      expect(await create({ status: 'off_shelf', skus: SKUS.map((s) => ({ ...s, status: 'gone' })) })).toMatchObject(refused('INVALID_INPUT'));
      expect(await create({ title: ' 前后空格 ' })).toMatchObject(refused('INVALID_INPUT', 'title'));
      expect(await admin('createProduct', productInput(sub._id, [good]), CS)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
      expect(await counts()).toEqual(before);
      expect(await rt.db.collection('audit_intents').count({})).toBe(0);

      // the same input with its flaws fixed goes through
      expect(ok(await create({}, [good]))).toMatchObject({ categoryId: sub._id, images: [shown(good)] });
    });

    it('a createProduct retried with the same requestId makes one product; another requestId makes another', async () => {
      const { sub } = await topAndSub();
      const input = productInput(sub._id, [await upload()], { title: '重试蜡烛' });
      const before = await counts();
      const first = ok(await admin<ProductDraft>('createProduct', input, OPERATOR, 'create-candle-1'));
      const again = ok(await admin<ProductDraft>('createProduct', input, OPERATOR, 'create-candle-1'));
      expect(again).toEqual(first);
      expect(await counts()).toEqual({ ...before, products: before.products + 1, skus: before.skus + 4, audit: before.audit + 1 });
      expect(await rt.db.collection('products').count({ title: '重试蜡烛' })).toBe(1);
      const other = ok(await admin<ProductDraft>('createProduct', input, OPERATOR, 'create-candle-2'));
      expect(other._id).not.toBe(first._id);
      expect(await rt.db.collection('products').count({ title: '重试蜡烛' })).toBe(2);
    });

    it('editProduct changes the title (search follows), moves the product (the top filter follows) and reorders images without re-upload', async () => {
      const { top, sub } = await topAndSub();
      const [a, b, c] = [await upload(), await upload(), await upload()];
      const p = ok(await admin<ProductDraft>('createProduct', productInput(sub._id, [a, b])));
      expect(await ids({ keyword: '苔藓森林' })).toEqual([p._id]);

      const retitled = await audited(() => admin<ProductDraft>('editProduct', { productId: p._id, title: '鼠尾草海盐烛' }));
      expect(retitled.data).toEqual({ ...p, title: '鼠尾草海盐烛' });
      expect(retitled.entries).toEqual([expect.objectContaining({ action: 'editProduct', entity: 'product', entityId: p._id, before: p, after: retitled.data })]);
      expect(await ids({ keyword: '鼠尾草' })).toEqual([p._id]);
      expect(await ids({ keyword: '苔藓森林' })).toEqual([]);
      // the category name still finds it
      expect(await ids({ keyword: '手作烛台' })).toEqual([p._id]);

      // images: the ones it shows are kept as they are, in the new order; a new upload joins them
      const reordered = ok(await admin<ProductDraft>('editProduct', { productId: p._id, images: [p.images[1], p.images[0]] }));
      expect(reordered.images).toEqual([shown(b), shown(a)]);
      expect(ok(await mall<Listing>('listProducts', { categoryId: sub._id })).items[0]!.image).toBe(shown(b));
      const grown = ok(await admin<ProductDraft>('editProduct', { productId: p._id, images: [shown(a), c, shown(b)] }));
      expect(grown.images).toEqual([shown(a), shown(c), shown(b)]);
      // an image it does not show, not uploaded, is refused and changes nothing
      const before = await counts();
      expect(await admin('editProduct', { productId: p._id, images: [shown(a), 'https://evil.example/x.png'] })).toMatchObject(refused('FILE_INVALID', 'images.1'));
      expect(await admin('editProduct', { productId: p._id, categoryId: 'no-such-category' })).toMatchObject(refused('CATEGORY_NOT_FOUND', 'categoryId'));
      expect(await admin('editProduct', { productId: 'no-such-product', title: 'x' })).toMatchObject(refused('PRODUCT_NOT_FOUND', 'productId'));
      expect(await counts()).toEqual(before);
      expect(ok(await admin<ProductDraft>('getProductDraft', { productId: p._id }))).toEqual(grown);

      // moved to a seeded top-level category: the top filter follows, the new category name finds it
      const moved = await audited(() => admin<ProductDraft>('editProduct', { productId: p._id, categoryId: 'cat-fragrance' }));
      expect(moved.data.categoryId).toBe('cat-fragrance');
      expect(moved.entries).toEqual([expect.objectContaining({ entity: 'product', before: expect.objectContaining({ categoryId: sub._id }), after: expect.objectContaining({ categoryId: 'cat-fragrance' }) })]);
      expect(await ids({ topCategoryId: top._id })).toEqual([]);
      expect(await ids({ categoryId: sub._id })).toEqual([]);
      expect(await ids({ topCategoryId: 'cat-fragrance' })).toContain(p._id);
      expect(await ids({ keyword: '手作烛台' })).toEqual([]);
      expect(await ids({ keyword: '鼠尾草 ' })).toEqual([p._id]);
      expect(ok(await mall<Product>('getProduct', { productId: p._id }))).toMatchObject({ title: '鼠尾草海盐烛', categoryId: 'cat-fragrance', images: [shown(a), shown(c), shown(b)] });

      // and back into the sub-category: listed under its top again
      ok(await admin('editProduct', { productId: p._id, categoryId: sub._id }));
      expect(await ids({ topCategoryId: top._id })).toEqual([p._id]);
      expect(await ids({ topCategoryId: 'cat-fragrance' })).not.toContain(p._id);
    });

    it('a seeded product is edited with the images it already shows (asset paths with a query), in a new order', async () => {
      const seeded = ok(await admin<ProductDraft>('getProductDraft', { productId: 'p-serum' }));
      expect(seeded.images).toEqual(['/assets/p/p-serum.svg', '/assets/p/p-serum.svg?view=2']);
      const edited = await audited(() => admin<ProductDraft>('editProduct', { productId: 'p-serum', title: '修护精华液 Pro', images: [...seeded.images].reverse() }));
      expect(edited.data).toEqual({ ...seeded, title: '修护精华液 Pro', images: ['/assets/p/p-serum.svg?view=2', '/assets/p/p-serum.svg'] });
      expect(edited.entries).toEqual([expect.objectContaining({ entity: 'product', entityId: 'p-serum', before: seeded, after: edited.data })]);
      expect(ok(await mall<Product>('getProduct', { productId: 'p-serum' }))).toMatchObject({ title: '修护精华液 Pro', image: '/assets/p/p-serum.svg?view=2' });
      // an image this product does not show is taken only as an upload or a drawn demo image
      expect(await admin('editProduct', { productId: 'p-serum', images: ['/assets/p/p-toner.svg?view=22'] })).toMatchObject(refused('FILE_INVALID', 'images.0'));
    });

    it('updateProduct recomputes the search text when the title changes', async () => {
      const { sub } = await topAndSub();
      const p = await product(sub._id);
      ok(await admin('updateProduct', { productId: p._id, title: '晨雾松针烛', subtitle: '秋冬款' }));
      expect(await ids({ keyword: '晨雾松针' })).toEqual([p._id]);
      expect(await ids({ keyword: '秋冬款' })).toEqual([p._id]);
      expect(await ids({ keyword: '苔藓森林' })).toEqual([]);
      expect(await ids({ keyword: '手作烛台' })).toEqual([p._id]);
    });
  });

  describe('banners', () => {
    const SEEDED = ['banner-1', 'banner-2'];
    const homeBanners = async () => ok(await mall<Home>('getHome', {})).banners;

    it('a banner with an uploaded image shows on the home page in sort order; an edit keeps its image; delete removes it', async () => {
      const image = await upload();
      const made = await audited(() => admin<StaffBanner>('saveBanner', { image, title: '香氛新品上市', path: '/pages/category/index?cat=home' }));
      const banner = made.data;
      expect(banner).toEqual({ _id: expect.any(String), image: shown(image), title: '香氛新品上市', path: '/pages/category/index?cat=home', sort: SEEDED.length, productTitle: null });
      expect(made.entries).toEqual([expect.objectContaining({ action: 'saveBanner', entity: 'banner', entityId: banner._id, before: null, after: banner })]);
      expect(await homeBanners()).toEqual([
        expect.objectContaining({ _id: 'banner-1' }),
        expect.objectContaining({ _id: 'banner-2' }),
        { _id: banner._id, image: shown(image), title: '香氛新品上市', path: '/pages/category/index?cat=home' },
      ]);

      // the image it shows is kept as it is; a seeded banner keeps its asset image while its sort changes
      const edited = await audited(() => admin<StaffBanner>('saveBanner', { bannerId: banner._id, image: banner.image, title: '香氛新品 8 折', path: '/pages/category/index' }));
      expect(edited.data).toEqual({ ...banner, title: '香氛新品 8 折', path: '/pages/category/index' });
      expect(edited.entries).toEqual([expect.objectContaining({ entity: 'banner', entityId: banner._id, before: banner, after: edited.data })]);
      const first = ok(await admin<{ items: StaffBanner[] }>('listBanners', {})).items[0]!;
      expect(ok(await admin<StaffBanner>('saveBanner', { bannerId: first._id, image: first.image, title: first.title, path: first.path, sort: 9 }))).toEqual({ ...first, sort: 9 });
      expect((await homeBanners()).map((b) => [b._id, b.image])).toEqual([
        ['banner-2', '/assets/banner/new.svg'],
        [banner._id, shown(image)],
        ['banner-1', '/assets/banner/live.svg'],
      ]);
      expect(ok(await admin<{ items: StaffBanner[] }>('listBanners', {}, CS)).items.map((b) => b._id)).toEqual(['banner-2', banner._id, 'banner-1']);

      const before = await counts();
      expect(await admin('saveBanner', { image, title: '站外', path: '/admin/pages/products/index' })).toMatchObject(refused('INVALID_INPUT', 'path'));
      expect(await admin('saveBanner', { image, title: '站外', path: 'https://evil.example/' })).toMatchObject(refused('INVALID_INPUT', 'path'));
      expect(await admin('saveBanner', { image: 'https://evil.example/x.png', title: '外链图', path: '/pages/index/index' })).toMatchObject(refused('FILE_INVALID', 'image'));
      expect(await admin('saveBanner', { image: await upload('review'), title: '晒单图', path: '/pages/index/index' })).toMatchObject(refused('FILE_INVALID', 'image'));
      expect(await admin('saveBanner', { bannerId: 'no-such-banner', image, title: '没有', path: '/pages/index/index' })).toMatchObject(refused('BANNER_NOT_FOUND', 'bannerId'));
      expect(await admin('saveBanner', { image, title: '客服', path: '/pages/index/index' }, CS)).toMatchObject(refused('FORBIDDEN'));
      expect(await counts()).toEqual(before);

      const removed = await audited(() => admin<{ removed: boolean }>('deleteBanner', { bannerId: banner._id }));
      expect(removed.data).toEqual({ removed: true });
      expect(removed.entries).toEqual([expect.objectContaining({ action: 'deleteBanner', entity: 'banner', entityId: banner._id, before: edited.data, after: null })]);
      expect((await homeBanners()).map((b) => b._id)).toEqual(['banner-2', 'banner-1']);
      expect(ok(await admin('deleteBanner', { bannerId: banner._id }))).toEqual({ removed: false });
    });

    it('a banner opening a product page names a product that exists, and staff see its title', async () => {
      const image = await upload();
      const made = ok(await admin<StaffBanner>('saveBanner', { image, title: '精华液特惠', path: '/pages/product/index?id=p-serum' }));
      expect(made).toMatchObject({ path: '/pages/product/index?id=p-serum', productTitle: '修护精华液' });
      expect(ok(await admin<{ items: StaffBanner[] }>('listBanners', {})).items.map((b) => [b._id, b.productTitle])).toEqual([
        ['banner-1', null],
        ['banner-2', null],
        [made._id, '修护精华液'],
      ]);
      const before = await counts();
      expect(await admin('saveBanner', { image, title: '不存在', path: '/pages/product/index?id=no-such-product' })).toMatchObject(refused('PRODUCT_NOT_FOUND', 'path'));
      expect(await counts()).toEqual(before);
    });

    it(`the shop keeps at most ${MAX_BANNERS} banners`, async () => {
      const image = await upload();
      for (let i = SEEDED.length; i < MAX_BANNERS; i++) ok(await admin('saveBanner', { image, title: `第 ${i + 1} 张`, path: '/pages/index/index' }));
      expect(await rt.db.collection('banners').count({})).toBe(MAX_BANNERS);
      const before = await counts();
      expect(await admin('saveBanner', { image, title: '第 11 张', path: '/pages/index/index' })).toMatchObject(refused('BANNERS_FULL'));
      expect(await counts()).toEqual(before);
      // a full shop still edits its banners, and takes a new one once one goes
      ok(await admin('saveBanner', { bannerId: 'banner-2', image: '/assets/banner/new.svg', title: '新人礼', path: '/pages/coupon-center/index' }));
      ok(await admin('deleteBanner', { bannerId: 'banner-1' }));
      const last = ok(await admin<StaffBanner>('saveBanner', { image, title: '第 11 张', path: '/pages/index/index' }));
      const kept = ok(await admin<{ items: StaffBanner[] }>('listBanners', {})).items;
      expect(kept).toHaveLength(MAX_BANNERS);
      expect(kept.map((b) => b._id)).not.toContain('banner-1');
      expect(kept.map((b) => b._id)).toContain(last._id);
    });
  });
});
