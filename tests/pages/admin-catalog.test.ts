import type { Product, ProductDraft, StaffBanner, StaffCategory } from '../../typings/contract/index';
import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { PNG, pick, useChooseMedia } from './helpers/media';
import { doubleTap, find, hasClass, input, load, mount, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp } from './helpers/wx';

/** Setting up the shop from the admin: the product editor, categories, home banners, and the products list's tabs. */

const OPERATOR = 'op-1';
const CS = 'cs-1';

type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

const toasts = () => (mp.of('showToast') as Array<{ title: string }>).map((t) => t.title);
const dataOf = (action: string) => mp.callsTo('admin', action).map((c) => c.data);
/** every write to the admin function the pages sent (reads are list/get/whoami) */
const writes = () => mp.callsTo('admin').filter((c) => !/^(list|get|whoami)/.test(c.action));

describe('admin catalog screens', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state and photo-picker
    for (const name of ['product-edit', 'categories', 'banners', 'products']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  freshRuntimeEach((r) => {
    rt = r;
    useChooseMedia();
  });

  async function open(name: string, openid: string, options: Record<string, string> = {}): Promise<Rendered> {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]!);
    const instance = page(comp);
    instance.onLoad(options);
    if (typeof instance.onShow === 'function') instance.onShow();
    await mp.settle();
    return comp;
  }

  const form = (comp: Rendered) => page(comp).data.form as { images: string[]; rows: Array<{ specText: string; price: string; stock: string; memberPrice: string; onSale: boolean }> };
  const skusOf = (productId: string) => rt.db.collection('skus').find({ productId }, { sort: [['_id', 'asc']] });
  const staffCategories = async () => ok(await rt.as('demo-staff')<{ items: StaffCategory[] }>('admin', 'listStaffCategories', {})).items;

  /** Picks files in the photo picker under `selector` and waits for their uploads. */
  async function upload(comp: Rendered, selector: string, paths: string[]) {
    pick(paths);
    await tap(comp, `${selector} >>> .photos__add`);
    const picker = comp.querySelector(selector)!;
    for (let i = 0; i < 100 && (i === 0 || picker.instance.data.uploading); i++) await tick();
    expect(picker.instance.data.uploading).toBe(false);
    await mp.settle();
  }

  /** Chooses the category labelled `label` in the editor's picker, as WeChat reports it: its index. */
  function chooseCategory(comp: Rendered, label: string) {
    const options = page(comp).data.categories as Array<{ _id: string; label: string }>;
    const index = options.findIndex((o) => o.label === label);
    if (index < 0) throw new Error(`no category ${label} in ${options.map((o) => o.label).join(',')}`);
    // the <picker> has no class of its own: its change reaches it from the box inside, as WeChat bubbles it
    const box = comp.querySelector('.edit__category');
    if (!box) throw new Error('no category picker');
    box.dispatchEvent('change', { detail: { value: index }, bubbles: true });
  }

  async function addGroup(comp: Rendered, name: string, values: string[]) {
    input(comp, '.group__new', name);
    await tap(comp, '.group__add-group');
    const g = String((page(comp).data.form as { groups: unknown[] }).groups.length - 1);
    for (const v of values) {
      input(comp, '.group__input', v, { 'data-group': g });
      await tap(comp, '.group__add-value', { 'data-group': g });
    }
  }

  /** A new product's form filled in: two images, title, 彩妆, 色号 × 容量, 99 元 and 10 each. */
  async function fillNewProduct(comp: Rendered, title = '丝滑唇釉') {
    await upload(comp, '.edit__images', ['wxfile://tmp/front.png', 'wxfile://tmp/side.png']);
    input(comp, '.edit__title', title);
    chooseCategory(comp, '彩妆');
    await tick();
    await addGroup(comp, '色号', ['01 豆沙', '02 正红']);
    await addGroup(comp, '容量', ['3ml', '6ml']);
    input(comp, '.batch__price', '99');
    input(comp, '.batch__stock', '10');
    await tap(comp, '.batch__apply');
  }

  describe('product editor', () => {
    it('an operator makes a product: two images, 色号 × 容量 in four rows, batch price and stock, a 会员价, 上架销售', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('product-edit', OPERATOR);
      expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '新建商品' }]);
      expect(text(comp, '.edit__category')).toBe('请选择分类 ›');
      await fillNewProduct(comp);
      expect(mp.of('uploadFile').map((u) => (u as { filePath: string }).filePath)).toEqual(['wxfile://tmp/front.png', 'wxfile://tmp/side.png']);
      expect(form(comp).images).toEqual([expect.stringMatching(/^local:\/\/uploads\/product\//), expect.stringMatching(/^local:\/\/uploads\/product\//)]);
      // what was typed after the upload leaves the thumbnails as they were, the first the cover
      expect(comp.querySelectorAll('.edit__images >>> .photos__thumb')).toHaveLength(2);
      expect((comp.querySelector('.edit__images')!.instance.data.photos as Array<{ path: string }>).map((p) => p.path)).toEqual(['wxfile://tmp/front.png', 'wxfile://tmp/side.png']);
      expect(texts(comp, '.edit__images >>> .photos__cover')).toEqual(['封面']);
      expect(text(comp, '.edit__category')).toBe('彩妆 ›');
      expect(texts(comp, '.sku-row__spec')).toEqual(['01 豆沙 / 3ml', '01 豆沙 / 6ml', '02 正红 / 3ml', '02 正红 / 6ml']);
      expect(find(comp, '.sku-row__price')).toHaveLength(4);
      expect(form(comp).rows.map((r) => [r.price, r.stock, r.memberPrice])).toEqual(Array(4).fill(['99', '10', '']));
      input(comp, '.sku-row__member', '89', { 'data-row': '1' });
      await tick();
      // a double tap makes one product
      doubleTap(comp, '.edit__publish');
      await mp.settle();

      const sent = dataOf('createProduct') as Array<{ images: string[]; status: string }>;
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ title: '丝滑唇釉', categoryId: 'cat-makeup', status: 'on_sale', specGroups: [{ name: '色号', values: ['01 豆沙', '02 正红'] }, { name: '容量', values: ['3ml', '6ml'] }] });
      const products = await rt.db.collection('products').find({ title: '丝滑唇釉' });
      expect(products).toHaveLength(1);
      const made = products[0]!;
      expect(made).toMatchObject({ status: 'on_sale', categoryId: 'cat-makeup', topCategoryId: 'cat-makeup', specNames: ['色号', '容量'], priceFen: 9900 });
      // kept in the order picked (the first the cover), each as the runtime serves it
      expect(made.images).toEqual(sent[0]!.images.map((id) => `/files/${id.slice('local://'.length)}`));
      expect(made.images.every((src) => /^\/files\/uploads\/product\/[0-9a-f]+\.png$/.test(src))).toBe(true);
      expect(made.image).toBe(made.images[0]);
      const skus = await rt.db.collection('skus').find({ productId: made._id }, { sort: [['_id', 'asc']] });
      expect(skus.map((s) => [s.specs, s.priceFen, s.stock, s.memberPriceFen ?? null, s.status])).toEqual([
        [{ 色号: '01 豆沙', 容量: '3ml' }, 9900, 10, null, 'on_sale'],
        [{ 色号: '01 豆沙', 容量: '6ml' }, 9900, 10, 8900, 'on_sale'],
        [{ 色号: '02 正红', 容量: '3ml' }, 9900, 10, null, 'on_sale'],
        [{ 色号: '02 正红', 容量: '6ml' }, 9900, 10, null, 'on_sale'],
      ]);
      expect(mp.of('redirectTo')).toEqual([{ url: `/admin/pages/product-edit/index?id=${made._id}` }]);
      expect(toasts()).toContain('已上架');

      const shown = ok(await rt.as('demo-shopper')<Product>('mall', 'getProduct', { productId: made._id }));
      expect(shown).toMatchObject({ title: '丝滑唇釉', images: made.images, status: 'on_sale' });
      expect(shown.skus).toHaveLength(4);
      expect(shown.specGroups).toEqual([
        { name: '色号', values: ['01 豆沙', '02 正红'] },
        { name: '容量', values: ['3ml', '6ml'] },
      ]);
    });

    it('refuses what cannot be saved, naming it, before anything is sent; removing a value keeps what was typed in the rows left', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const before = await rt.db.collection('products').count({});
      const comp = await open('product-edit', OPERATOR);
      input(comp, '.edit__title', '丝滑唇釉');
      chooseCategory(comp, '彩妆');
      await tick();
      // no groups: one row, 默认规格
      expect(texts(comp, '.sku-row__spec')).toEqual(['默认规格']);
      input(comp, '.sku-row__price', '99', { 'data-row': '0' });
      input(comp, '.sku-row__stock', '10', { 'data-row': '0' });
      await tap(comp, '.edit__publish');
      await mp.settle();
      expect(text(comp, '.edit__error')).toBe('请至少上传一张商品图');
      expect(writes()).toEqual([]);
      expect(await rt.db.collection('products').count({})).toBe(before);

      await upload(comp, '.edit__images', ['wxfile://tmp/front.png']);
      expect(find(comp, '.edit__error')).toHaveLength(0);
      input(comp, '.edit__subtitle', '水光不粘杯');
      await tick();
      // a second pick adds to the first
      await upload(comp, '.edit__images', ['wxfile://tmp/side.png']);
      expect(form(comp).images).toHaveLength(2);
      expect(comp.querySelectorAll('.edit__images >>> .photos__thumb')).toHaveLength(2);
      await addGroup(comp, '色号', ['01 豆沙', '02 正红']);
      await addGroup(comp, '容量', ['3ml', '6ml']);
      input(comp, '.batch__price', '99');
      input(comp, '.batch__stock', '10');
      await tap(comp, '.batch__apply');
      input(comp, '.sku-row__price', '', { 'data-row': '2' });
      await tap(comp, '.edit__publish');
      await mp.settle();
      expect(text(comp, '.edit__error')).toBe('02 正红 / 3ml：请填写大于 0 的价格');
      expect(find(comp, '.sku-row').map((n) => hasClass(n, 'sku-row--error'))).toEqual([false, false, true, false]);
      expect(writes()).toEqual([]);

      input(comp, '.sku-row__price', '99', { 'data-row': '2' });
      await tick();
      // typing into the rows clears what was said about them
      expect(find(comp, '.edit__error')).toHaveLength(0);
      input(comp, '.sku-row__member', '99', { 'data-row': '0' });
      await tap(comp, '.edit__publish');
      await mp.settle();
      expect(text(comp, '.edit__error')).toBe('01 豆沙 / 3ml：会员价要低于售价');
      input(comp, '.sku-row__member', '120', { 'data-row': '0' });
      await tap(comp, '.edit__draft');
      await mp.settle();
      expect(text(comp, '.edit__error')).toBe('01 豆沙 / 3ml：会员价要低于售价');
      expect(writes()).toEqual([]);
      expect(await rt.db.collection('products').count({})).toBe(before);

      // the 6ml rows changed by hand: one a price of its own, the other less stock and off sale
      input(comp, '.sku-row__member', '', { 'data-row': '0' });
      input(comp, '.sku-row__price', '129', { 'data-row': '1' });
      input(comp, '.sku-row__stock', '5', { 'data-row': '3' });
      await tap(comp, '.sku-row__sale', { 'data-row': '3' });
      expect(texts(comp, '.sku-row__sale')).toEqual(['在售', '在售', '在售', '不售']);
      // 3ml goes: its two rows with it, the 6ml rows keep what was typed
      await tap(comp, '.group__value-remove', { 'data-group': '1', 'data-value': '0' });
      expect(texts(comp, '.group__value')).toEqual(['01 豆沙 ×', '02 正红 ×', '6ml ×']);
      expect(texts(comp, '.sku-row__spec')).toEqual(['01 豆沙 / 6ml', '02 正红 / 6ml']);
      expect(form(comp).rows.map((r) => [r.price, r.stock, r.onSale])).toEqual([
        ['129', '10', true],
        ['99', '5', false],
      ]);
      expect(texts(comp, '.sku-row__sale')).toEqual(['在售', '不售']);
      // a whole group goes: one row per 色号, still keeping nothing they never had
      await tap(comp, '.group__remove', { 'data-group': '1' });
      expect(texts(comp, '.group__name')).toEqual(['色号']);
      expect(texts(comp, '.sku-row__spec')).toEqual(['01 豆沙', '02 正红']);
      expect(form(comp).rows.map((r) => r.price)).toEqual(['', '']);
      expect(writes()).toEqual([]);
    });

    it('存为草稿 keeps a new product from shoppers', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('product-edit', OPERATOR);
      await fillNewProduct(comp, '草稿唇釉');
      await tap(comp, '.edit__draft');
      await mp.settle();
      expect(dataOf('createProduct')).toEqual([expect.objectContaining({ title: '草稿唇釉', categoryId: 'cat-makeup', status: 'draft' })]);
      const [made] = await rt.db.collection('products').find({ title: '草稿唇釉' });
      expect(made).toMatchObject({ status: 'draft' });
      expect(await rt.db.collection('skus').count({ productId: made!._id })).toBe(4);
      expect(toasts()).toContain('已存为草稿');
      expect(mp.of('redirectTo')).toEqual([{ url: `/admin/pages/product-edit/index?id=${made!._id}` }]);

      const listed = ok(await rt.as('demo-shopper')<{ items: Array<{ _id: string }> }>('mall', 'listProducts', { categoryId: 'cat-makeup', pageSize: 50 }));
      expect(listed.items.length).toBeGreaterThan(0);
      expect(listed.items.map((p) => p._id)).not.toContain(made!._id);
      const searched = ok(await rt.as('demo-shopper')<{ items: Array<{ _id: string }> }>('mall', 'listProducts', { keyword: '草稿唇釉' }));
      expect(searched.items).toEqual([]);
      expect(await rt.as('demo-shopper')('mall', 'getProduct', { productId: made!._id })).toMatchObject({ ok: false, error: { code: 'PRODUCT_NOT_FOUND' } });
      // put on sale, the same listing shows it
      ok(await rt.as(OPERATOR)('admin', 'updateProduct', { productId: made!._id, status: 'on_sale' }));
      const after = ok(await rt.as('demo-shopper')<{ items: Array<{ _id: string }> }>('mall', 'listProducts', { categoryId: 'cat-makeup', pageSize: 50 }));
      expect(after.items.map((p) => p._id)).toContain(made!._id);
    });

    it('edits a seeded product: its images shown as they are, the title changed, the SKUs as text only', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const before = (await rt.db.collection('products').get('p-foundation'))!;
      const skusBefore = await skusOf('p-foundation');
      const comp = await open('product-edit', OPERATOR, { id: 'p-foundation' });
      expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '编辑商品' }]);
      expect(dataOf('getProductDraft')).toEqual([{ productId: 'p-foundation' }]);
      expect(page(comp).data.initialImages).toEqual(before.images);
      const picker = comp.querySelector('.edit__images')!;
      expect((picker.instance.data.photos as Array<{ fileId: string }>).map((p) => p.fileId)).toEqual(before.images);
      expect(comp.querySelectorAll('.edit__images >>> .photos__thumb')).toHaveLength(2);
      expect(texts(comp, '.edit__images >>> .photos__cover')).toEqual(['封面']);
      expect(text(comp, '.edit__category')).toBe('彩妆 ›');
      expect(form(comp).images).toEqual(before.images);
      // the SKUs are shown, not edited here
      expect(texts(comp, '.sku-row')).toEqual(['01 象牙白 / 30ml¥169.00 · 库存 300', '02 自然色 / 30ml¥169.00 · 库存 300', '03 小麦色 / 30ml¥169.00 · 库存 300']);
      for (const field of ['.sku-row__price', '.sku-row__stock', '.sku-row__member', '.sku-row__limit', '.sku-row__sale', '.group__new', '.batch__apply']) expect(find(comp, field)).toHaveLength(0);
      expect(find(comp, '.edit__publish')).toHaveLength(0);
      expect(find(comp, '.edit__draft')).toHaveLength(0);

      input(comp, '.edit__title', '柔雾持妆粉底液（新版）');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(dataOf('editProduct')).toEqual([
        { productId: 'p-foundation', title: '柔雾持妆粉底液（新版）', subtitle: before.subtitle, categoryId: 'cat-makeup', images: before.images, detail: before.detail },
      ]);
      expect(toasts()).toContain('已保存');
      expect(mp.of('redirectTo')).toEqual([]);
      const after = (await rt.db.collection('products').get('p-foundation'))!;
      expect(after).toMatchObject({ title: '柔雾持妆粉底液（新版）', images: before.images, image: before.image, status: 'on_sale', categoryId: 'cat-makeup' });
      expect(await skusOf('p-foundation')).toEqual(skusBefore);
      expect(ok(await rt.as('demo-shopper')<Product>('mall', 'getProduct', { productId: 'p-foundation' })).title).toBe('柔雾持妆粉底液（新版）');
    });

    it('edit mode: a new size adds one SKU per shade, each with its price and stock', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('product-edit', OPERATOR, { id: 'p-foundation' });
      const sizeGroup = (page(comp).data.form as { groups: Array<{ name: string }> }).groups.findIndex((g) => g.name === '容量');
      input(comp, '.group__input', '30ml', { 'data-group': String(sizeGroup) });
      await tap(comp, '.group__add-value', { 'data-group': String(sizeGroup) });
      expect(text(comp, '.edit__error')).toBe('已有这个规格值');
      input(comp, '.group__input', '50ml', { 'data-group': String(sizeGroup) });
      await tap(comp, '.group__add-value', { 'data-group': String(sizeGroup) });
      expect(texts(comp, '.added-row__spec')).toEqual(['01 象牙白 / 50ml', '02 自然色 / 50ml', '03 小麦色 / 50ml']);
      await tap(comp, '.added__save');
      expect(text(comp, '.edit__error')).toBe('01 象牙白 / 50ml：请填写大于 0 的价格');
      expect(dataOf('addSpecValues')).toEqual([]);
      for (const i of [0, 1, 2]) {
        input(comp, '.added-row__price', '229', { 'data-row': String(i) });
        input(comp, '.added-row__stock', '100', { 'data-row': String(i) });
      }
      await tap(comp, '.added__save');
      await mp.settle();
      expect(dataOf('addSpecValues')).toEqual([
        {
          productId: 'p-foundation',
          values: [{ group: '容量', value: '50ml' }],
          skus: ['01 象牙白', '02 自然色', '03 小麦色'].map((shade) => ({ specs: { 色号: shade, 容量: '50ml' }, priceFen: 22900, stock: 100, status: 'on_sale' })),
        },
      ]);
      expect(toasts()).toContain('已添加规格');
      expect(find(comp, '.added-row')).toHaveLength(0);
      expect(texts(comp, '.sku-row')).toHaveLength(6);
      expect(await skusOf('p-foundation')).toHaveLength(6);
    });

    it('edit mode: a picked image joins the ones kept, which go back as they are', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const before = (await rt.db.collection('products').get('p-foundation'))!;
      const comp = await open('product-edit', OPERATOR, { id: 'p-foundation' });
      await upload(comp, '.edit__images', ['wxfile://tmp/new.png']);
      input(comp, '.edit__subtitle', '新配方');
      await tick();
      expect(comp.querySelectorAll('.edit__images >>> .photos__thumb')).toHaveLength(3);
      await tap(comp, '.edit__save');
      await mp.settle();
      const sent = dataOf('editProduct')[0] as { images: string[]; subtitle: string };
      expect(sent.subtitle).toBe('新配方');
      expect(sent.images).toEqual([...before.images, expect.stringMatching(/^local:\/\/uploads\/product\//)]);
      const after = (await rt.db.collection('products').get('p-foundation'))!;
      expect(after.images).toEqual([...before.images, expect.stringMatching(/^\/files\/uploads\/product\/[0-9a-f]+\.png$/)]);
      expect(after.image).toBe(before.image);
      // the editor now holds what the server kept
      expect(form(comp).images).toEqual(after.images);
      expect(page(comp).data.initialImages).toEqual(after.images);
      expect((comp.querySelector('.edit__images')!.instance.data.photos as Array<{ fileId: string }>).map((p) => p.fileId)).toEqual(after.images);
    });

    it('a validation problem in edit mode is shown and nothing is sent', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('product-edit', OPERATOR, { id: 'p-foundation' });
      input(comp, '.edit__title', '  ');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(text(comp, '.edit__error')).toBe('请填写商品名称');
      expect(dataOf('editProduct')).toEqual([]);
      expect((await rt.db.collection('products').get('p-foundation'))!.title).toBe('柔雾持妆粉底液');
    });
  });

  describe('customer service reads only', () => {
    it('sees no save buttons on the editor and no add or change controls on the categories', async () => {
      await makeStaff(rt, CS, 'cs');
      const creating = await open('product-edit', CS);
      expect(text(creating, '.note')).toBe('你的角色只能查看商品');
      for (const button of ['.edit__publish', '.edit__draft', '.edit__save']) expect(find(creating, button)).toHaveLength(0);
      expect(creating.querySelector('.edit__images')!.instance.data.disabled).toBe(true);

      const editing = await open('product-edit', CS, { id: 'p-foundation' });
      expect(page(editing).data.form).toMatchObject({ title: '柔雾持妆粉底液' });
      expect(texts(editing, '.sku-row')).toHaveLength(3);
      for (const button of ['.edit__publish', '.edit__draft', '.edit__save']) expect(find(editing, button)).toHaveLength(0);
      // a handler reached anyway sends nothing: the server would refuse it
      page(editing).onSave();
      await mp.settle();
      expect(dataOf('editProduct')).toEqual([]);

      const categories = await open('categories', CS);
      expect(texts(categories, '.category__name')).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);
      expect(text(categories, '.note')).toBe('你的角色只能查看分类');
      for (const control of ['.categories__add', '.category__up', '.category__down', '.category__rename', '.category__add-sub', '.category__delete']) {
        expect(find(categories, control)).toHaveLength(0);
      }
    });
  });

  describe('categories', () => {
    const names = (comp: Rendered) => texts(comp, '.category__name');

    async function saveName(comp: Rendered, name: string) {
      input(comp, '.edit__name', name);
      await tap(comp, '.edit__save');
      await mp.settle();
    }

    it('adds a top-level category and one under it, renames, moves, and deletes an empty one after confirming', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('categories', OPERATOR);
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);

      await tap(comp, '.categories__add');
      expect(text(comp, '.edit .section-title')).toBe('新建一级分类');
      await saveName(comp, '旅行装');
      expect(dataOf('saveCategory')).toEqual([{ name: '旅行装', parentId: null }]);
      expect(find(comp, '.edit__name')).toHaveLength(0);
      const top = (await staffCategories()).find((c) => c.name === '旅行装')!;
      expect(top).toMatchObject({ parentId: null, sort: 6 });
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒', '旅行装']);

      await tap(comp, '.category__add-sub', { 'data-id': top._id });
      expect(text(comp, '.edit .section-title')).toBe('在「旅行装」下新建二级分类');
      await saveName(comp, '小样');
      const sub = (await staffCategories()).find((c) => c.name === '小样')!;
      expect(sub).toMatchObject({ parentId: top._id, sort: 0 });
      expect(await rt.db.collection('categories').get(sub._id)).toMatchObject({ name: '小样', parentId: top._id });
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒', '旅行装', '└ 小样']);
      expect(find(comp, '.category--sub').map((n) => n.dom?.getAttribute('data-id'))).toEqual([sub._id]);
      // a sub-category takes no sub-categories of its own
      expect(find(comp, '.category__add-sub', { 'data-id': sub._id })).toHaveLength(0);

      await tap(comp, '.category__rename', { 'data-id': sub._id });
      expect(page(comp).data.edit).toMatchObject({ categoryId: sub._id, name: '小样', title: '修改名称' });
      await saveName(comp, '旅行小样');
      expect(dataOf('saveCategory').at(-1)).toEqual({ categoryId: sub._id, name: '旅行小样' });
      expect(await rt.db.collection('categories').get(sub._id)).toMatchObject({ name: '旅行小样', parentId: top._id });
      expect(names(comp)).toContain('└ 旅行小样');

      // 旅行装 one place up: it and 礼盒 swap their sorts
      await tap(comp, '.category__up', { 'data-id': top._id });
      await mp.settle();
      expect((await rt.db.collection('categories').get(top._id))!.sort).toBe(5);
      expect((await rt.db.collection('categories').get('cat-gift'))!.sort).toBe(6);
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '旅行装', '└ 旅行小样', '礼盒']);
      await tap(comp, '.category__down', { 'data-id': top._id });
      await mp.settle();
      expect((await rt.db.collection('categories').get(top._id))!.sort).toBe(6);
      expect((await rt.db.collection('categories').get('cat-gift'))!.sort).toBe(5);
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒', '旅行装', '└ 旅行小样']);
      // the edges move nowhere
      const movesBefore = dataOf('saveCategory').length;
      await tap(comp, '.category__up', { 'data-id': 'cat-skincare' });
      await mp.settle();
      expect(dataOf('saveCategory')).toHaveLength(movesBefore);

      // 旅行装 holds a sub-category: the server refuses it; cancelled: nothing is asked
      mp.answer('showModal', { confirm: false });
      await tap(comp, '.category__delete', { 'data-id': sub._id });
      await mp.settle();
      expect(mp.of('showModal').at(-1)).toMatchObject({ title: '删除「旅行小样」？' });
      expect(dataOf('deleteCategory')).toEqual([]);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.category__delete', { 'data-id': sub._id });
      await mp.settle();
      expect(dataOf('deleteCategory')).toEqual([{ categoryId: sub._id }]);
      expect(await rt.db.collection('categories').get(sub._id)).toBeNull();
      expect(toasts()).toContain('已删除');
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒', '旅行装']);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.category__delete', { 'data-id': top._id });
      await mp.settle();
      expect(await rt.db.collection('categories').get(top._id)).toBeNull();
      expect(names(comp)).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);
    });

    it("refuses to delete a category that holds products with the server's words, and keeps it", async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('categories', OPERATOR);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.category__delete', { 'data-id': 'cat-gift' });
      await mp.settle();
      expect(dataOf('deleteCategory')).toEqual([{ categoryId: 'cat-gift' }]);
      expect(mp.of('showToast').at(-1)).toEqual({ title: '分类下还有商品或子分类，不能删除', icon: 'none' });
      expect(await rt.db.collection('categories').get('cat-gift')).toMatchObject({ name: '礼盒' });
      expect(names(comp)).toContain('礼盒');
    });

    it('refuses an empty name without sending it, and 取消 closes the box', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('categories', OPERATOR);
      await tap(comp, '.categories__add');
      await saveName(comp, '   ');
      expect(mp.of('showToast').at(-1)).toEqual({ title: '分类名 1–12 个字', icon: 'none' });
      expect(dataOf('saveCategory')).toEqual([]);
      await tap(comp, '.edit__cancel');
      expect(find(comp, '.edit__name')).toHaveLength(0);
      expect(await rt.db.collection('categories').count({})).toBe(6);
    });
  });

  describe('home banners', () => {
    it('adds a banner with an uploaded image that opens a product found by name, moves it up, and deletes it after confirming', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const comp = await open('banners', OPERATOR);
      expect(texts(comp, '.banner__title')).toEqual(['今晚 8 点直播：底妆专场', '新人礼：注册即领无门槛券']);

      await tap(comp, '.banners__add');
      expect(find(comp, '.banners__add')).toHaveLength(0);
      await upload(comp, '.edit__image', ['wxfile://tmp/banner.png']);
      expect(mp.of('chooseMedia')).toEqual([expect.objectContaining({ count: 1 })]);
      input(comp, '.edit__title', '粉底液限时直降');
      await tap(comp, '.edit__target', { 'data-key': 'product' });
      expect(hasClass(find(comp, '.edit__target', { 'data-key': 'product' })[0], 'chip--on')).toBe(true);
      // no product chosen yet: not sent
      await tap(comp, '.edit__save');
      expect(mp.of('showToast').at(-1)).toEqual({ title: '请选择商品', icon: 'none' });
      expect(dataOf('saveBanner')).toEqual([]);

      input(comp, '.find__input', '粉底液');
      await tap(comp, '.find__go');
      await mp.settle();
      expect(dataOf('listStaffProducts')).toEqual([{ status: 'on_sale', keyword: '粉底液' }]);
      // 粉底液 is in the name of one and in the subtitles of others
      expect(texts(comp, '.find__item')).toEqual(['底妆礼盒选择', '轻盈定妆散粉选择', '柔雾持妆粉底液选择']);
      await tap(comp, '.find__item', { 'data-id': 'p-foundation' });
      expect(text(comp, '.edit__product')).toBe('已选：柔雾持妆粉底液');
      await tap(comp, '.edit__save');
      await mp.settle();

      expect(dataOf('saveBanner')).toEqual([{ image: expect.stringMatching(/^local:\/\/uploads\/product\//), title: '粉底液限时直降', path: '/pages/product/index?id=p-foundation' }]);
      const stored = await rt.db.collection('banners').find({ title: '粉底液限时直降' });
      expect(stored).toEqual([expect.objectContaining({ path: '/pages/product/index?id=p-foundation', sort: 2, image: expect.stringMatching(/^\/files\/uploads\/product\/[0-9a-f]+\.png$/) })]);
      const made = stored[0]!;
      expect(texts(comp, '.banner__title')).toEqual(['今晚 8 点直播：底妆专场', '新人礼：注册即领无门槛券', '粉底液限时直降']);
      expect(texts(comp, '.banner__target')).toEqual(['打开：直播', '打开：领券中心', '打开：商品「柔雾持妆粉底液」']);
      expect(find(comp, '.edit__title')).toHaveLength(0);

      await tap(comp, '.banner__up', { 'data-index': '2' });
      await mp.settle();
      const sorted = ok(await rt.as('demo-staff')<{ items: StaffBanner[] }>('admin', 'listBanners', {})).items;
      expect(sorted.map((b) => [b.title, b.sort])).toEqual([
        ['今晚 8 点直播：底妆专场', 0],
        ['粉底液限时直降', 1],
        ['新人礼：注册即领无门槛券', 2],
      ]);
      expect(texts(comp, '.banner__title')).toEqual(['今晚 8 点直播：底妆专场', '粉底液限时直降', '新人礼：注册即领无门槛券']);
      // the image was kept as it was stored when only the order changed
      expect((await rt.db.collection('banners').get(made._id))!.image).toBe(made.image);

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.banner__delete', { 'data-id': made._id });
      await mp.settle();
      expect(mp.of('showModal').at(-1)).toMatchObject({ title: '删除「粉底液限时直降」？' });
      expect(dataOf('deleteBanner')).toEqual([{ bannerId: made._id }]);
      expect(await rt.db.collection('banners').get(made._id)).toBeNull();
      expect(texts(comp, '.banner__title')).toEqual(['今晚 8 点直播：底妆专场', '新人礼：注册即领无门槛券']);
    });
  });

  describe('products list', () => {
    it('the 草稿 tab lists only drafts; 新建商品 and 编辑 open the editor', async () => {
      await makeStaff(rt, OPERATOR, 'operator');
      const image = rt.storage.save('product', PNG);
      if (!image.ok) throw new Error('upload refused');
      const draft = ok(
        await rt.as(OPERATOR)<ProductDraft>('admin', 'createProduct', {
          title: '未上架的唇釉',
          categoryId: 'cat-makeup',
          images: [image.fileId],
          specGroups: [],
          skus: [{ specs: {}, priceFen: 9900, stock: 5 }],
          status: 'draft',
        }),
      );
      const comp = await open('products', OPERATOR);
      expect(texts(comp, '.products__tab')).toEqual(['全部', '在售', '草稿', '已下架']);
      expect(texts(comp, '.product__title')).toContain('未上架的唇釉');
      expect(texts(comp, '.product__title').length).toBeGreaterThan(1);

      await tap(comp, '.products__tab', { 'data-status': 'draft' });
      await mp.settle();
      expect(dataOf('listStaffProducts').at(-1)).toEqual({ page: 1, status: 'draft' });
      expect(hasClass(find(comp, '.products__tab', { 'data-status': 'draft' })[0], 'chip--on')).toBe(true);
      expect(texts(comp, '.product__title')).toEqual(['未上架的唇釉']);
      expect(texts(comp, '.product__status')).toEqual(['草稿']);

      await tap(comp, '.products__tab', { 'data-status': 'on_sale' });
      await mp.settle();
      expect(texts(comp, '.product__title')).not.toContain('未上架的唇釉');
      expect(texts(comp, '.product__status').every((s) => s === '在售')).toBe(true);

      await tap(comp, '.products__new');
      expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/product-edit/index' }]);
      await tap(comp, '.products__tab', { 'data-status': 'draft' });
      await mp.settle();
      await tap(comp, '.product__edit', { 'data-id': draft._id });
      await tap(comp, '.products__categories');
      expect(mp.of('navigateTo')).toEqual([
        { url: '/admin/pages/product-edit/index' },
        { url: `/admin/pages/product-edit/index?id=${draft._id}` },
        { url: '/admin/pages/categories/index' },
      ]);
    });
  });
});
