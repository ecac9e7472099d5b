import { createSeedProduct, DEMO_STAFF } from '../../scripts/seed/seed';
import { seedStaff } from '../../scripts/seed/staff';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

/** Best sellers first, as the kernel orders them. */
async function expectedTitles(rt: TestRuntime, categoryId: string, pageNo = 1): Promise<string[]> {
  const r = await rt.as('demo-shopper')<{ items: Array<{ title: string }> }>('mall', 'listProducts', { categoryId, page: pageNo, pageSize: 10 });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.items.map((i) => i.title);
}

describe('category page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/category/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open(options: Record<string, string> = {}) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  /** Nine more gift boxes, so the category has two pages. */
  async function moreGifts() {
    const call = seedStaff(rt.ports, DEMO_STAFF);
    for (let i = 1; i <= 9; i++) {
      const seed = { id: `p-gift-extra-${i}`, title: `加购礼盒 ${i}`, subtitle: '限量', category: 'cat-gift', priceFen: 10000 + i, originalPriceFen: 12000, specs: { 规格: ['标准'] }, stock: 10, sales: i };
      await createSeedProduct(rt.ports, call, seed, rt.clock.now());
    }
  }

  const titles = (comp: Rendered) => texts(comp, '.product >>> .van-card__title');
  const pickCategory = async (comp: Rendered, name: string) => {
    const item = comp.querySelectorAll('.sidebar__item >>> .van-sidebar-item').find((n) => (n.dom?.textContent ?? '').trim() === name);
    if (!item) throw new Error(`no category ${name}`);
    item.dispatchEvent('tap');
    await mp.settle();
  };

  it('lists the categories on the left and the first one\'s products on the right', async () => {
    const comp = await open();
    expect(texts(comp, '.sidebar__item')).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);
    expect(mp.callsTo('mall').map((c) => [c.action, c.data])).toEqual([
      ['listCategories', {}],
      ['listProducts', { categoryId: 'cat-skincare', page: 1, pageSize: 10 }],
    ]);
    expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-skincare'));
    expect(texts(comp, '.product >>> .van-card__price').slice(0, 1)).toEqual(['¥69.00']);
    expect(text(comp, '.more')).toBe('没有更多了');
    expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('护肤');
  });

  it('shows the chosen category, once per change', async () => {
    const comp = await open();
    await pickCategory(comp, '香氛');
    expect(mp.callsTo('mall', 'listProducts').at(-1)!.data).toEqual({ categoryId: 'cat-fragrance', page: 1, pageSize: 10 });
    expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-fragrance'));
    expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('香氛');
    await pickCategory(comp, '香氛');
    expect(mp.callsTo('mall', 'listProducts')).toHaveLength(2);
  });

  it('opens on the category the home row passed', async () => {
    const comp = await open({ id: 'cat-tools' });
    expect(mp.callsTo('mall', 'listProducts')[0].data).toEqual({ categoryId: 'cat-tools', page: 1, pageSize: 10 });
    expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('美妆工具');
  });

  it('loads the next page when the list is scrolled to its end, once', async () => {
    await moreGifts();
    const comp = await open({ id: 'cat-gift' });
    expect(titles(comp)).toHaveLength(10);
    expect(text(comp, '.more')).toBe('');
    const list = comp.querySelector('.panes__main')!;
    list.dispatchEvent('scrolltolower');
    list.dispatchEvent('scrolltolower');
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts').map((c) => c.data)).toEqual([
      { categoryId: 'cat-gift', page: 1, pageSize: 10 },
      { categoryId: 'cat-gift', page: 2, pageSize: 10 },
    ]);
    expect(titles(comp)).toEqual([...(await expectedTitles(rt, 'cat-gift')), ...(await expectedTitles(rt, 'cat-gift', 2))]);
    expect(text(comp, '.more')).toBe('没有更多了');
  });

  it('drops a slow answer for a category the shopper already left', async () => {
    const comp = await open();
    let release: () => void = () => undefined;
    mp.intercept('mall', 'listProducts', async (call) => {
      await new Promise<void>((resolve) => (release = resolve));
      return (await rt.call('mall', { action: 'listProducts', data: call.data }, call.openid)) as never;
    }, 1);
    const tapCategory = (name: string) =>
      comp.querySelectorAll('.sidebar__item >>> .van-sidebar-item').find((n) => (n.dom?.textContent ?? '').trim() === name)!.dispatchEvent('tap');
    tapCategory('礼盒');
    await new Promise((r) => setTimeout(r, 0));
    tapCategory('个护');
    await new Promise((r) => setTimeout(r, 0));
    release();
    await mp.settle();
    expect(mp.callsTo('mall', 'listProducts').map((c) => (c.data as { categoryId: string }).categoryId)).toEqual(['cat-skincare', 'cat-gift', 'cat-body']);
    expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('个护');
    expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-body'));
  });

  it('opens a product', async () => {
    const comp = await open({ id: 'cat-tools' });
    const first = (page(comp).data.products as Array<{ _id: string }>)[0]._id;
    await tap(comp, '.product', { 'data-id': first });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/product/index?id=${first}` }]);
  });

  it('shows an empty category as empty', async () => {
    await rt.db.collection('products').update({ categoryId: 'cat-gift' }, { $set: { status: 'off_shelf' } });
    const comp = await open({ id: 'cat-gift' });
    expect(text(comp, '.panes__main >>> .state__text')).toBe('这个分类还没有商品');
  });

  it('shows errors with retry: for the categories and for a category\'s products', async () => {
    mp.intercept('mall', 'listCategories', 'network', 1);
    const comp = await open();
    expect(text(comp, '.category-page >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    mp.intercept('mall', 'listProducts', 'network', 1);
    await tap(comp, '.category-page >>> .state__action');
    await mp.settle();
    expect(text(comp, '.panes__main >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.panes__main >>> .state__action');
    await mp.settle();
    expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-skincare'));
  });

  describe('two levels', () => {
    const MAKEUP = ['柔雾持妆粉底液', '轻盈定妆散粉', '丝绒哑光口红', '水光气垫霜', '九色大地色眼影盘', '纤长卷翘睫毛膏', '自然眉笔', '奶油腮红'];

    /** 唇部 under 彩妆, as staff make it, with 丝绒哑光口红 moved into it. */
    async function lipsUnderMakeup(): Promise<string> {
      await makeStaff(rt, 'op-cat', 'operator');
      const admin = rt.as('op-cat');
      const sub = await admin<{ _id: string; parentId: string | null }>('admin', 'saveCategory', { name: '唇部', parentId: 'cat-makeup' });
      if (!sub.ok) throw new Error(sub.error.code);
      expect(sub.data.parentId).toBe('cat-makeup');
      const moved = await admin('admin', 'editProduct', { productId: 'p-lipstick', categoryId: sub.data._id });
      if (!moved.ok) throw new Error(moved.error.code);
      expect(await rt.db.collection('products').get('p-lipstick')).toMatchObject({ categoryId: sub.data._id, topCategoryId: 'cat-makeup' });
      return sub.data._id;
    }

    const chips = (comp: Rendered) => texts(comp, '.subs__item');
    const chosenChip = (comp: Rendered) => find(comp, '.subs__item').filter((n) => hasClass(n, 'subs__item--on')).map((n) => (n.dom?.textContent ?? '').trim());
    const listed = () => mp.callsTo('mall', 'listProducts').map((c) => c.data);

    it('shows a top-level category\'s sub-categories as chips: 全部 lists the whole group, a sub only its own', async () => {
      const subId = await lipsUnderMakeup();
      const comp = await open();
      // the sidebar keeps to the top level
      expect(texts(comp, '.sidebar__item')).toEqual(['护肤', '彩妆', '香氛', '个护', '美妆工具', '礼盒']);
      await pickCategory(comp, '彩妆');
      expect(chips(comp)).toEqual(['全部', '唇部']);
      expect(chosenChip(comp)).toEqual(['全部']);
      expect(listed().at(-1)).toEqual({ topCategoryId: 'cat-makeup', page: 1, pageSize: 10 });
      expect([...titles(comp)].sort()).toEqual([...MAKEUP].sort());

      await tap(comp, '.subs__item', { 'data-index': '0' });
      await mp.settle();
      expect(listed().at(-1)).toEqual({ categoryId: subId, page: 1, pageSize: 10 });
      expect(chosenChip(comp)).toEqual(['唇部']);
      expect(titles(comp)).toEqual(['丝绒哑光口红']);
      // the same chip again asks nothing
      const asked = listed().length;
      await tap(comp, '.subs__item', { 'data-index': '0' });
      await mp.settle();
      expect(listed()).toHaveLength(asked);

      await tap(comp, '.subs__item', { 'data-index': '-1' });
      await mp.settle();
      expect(listed().at(-1)).toEqual({ topCategoryId: 'cat-makeup', page: 1, pageSize: 10 });
      expect(chosenChip(comp)).toEqual(['全部']);
      expect(titles(comp)).toHaveLength(MAKEUP.length);
      expect(titles(comp)).toContain('丝绒哑光口红');

      // another top-level category without sub-categories: no chips, its own products
      await pickCategory(comp, '香氛');
      expect(find(comp, '.subs__item')).toHaveLength(0);
      expect(listed().at(-1)).toEqual({ categoryId: 'cat-fragrance', page: 1, pageSize: 10 });
      expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-fragrance'));
    });

    it('opens on a shared sub-category: its top-level category with that chip chosen', async () => {
      const subId = await lipsUnderMakeup();
      const comp = await open({ id: subId });
      expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('彩妆');
      expect(chips(comp)).toEqual(['全部', '唇部']);
      expect(chosenChip(comp)).toEqual(['唇部']);
      expect(listed()).toEqual([{ categoryId: subId, page: 1, pageSize: 10 }]);
      expect(titles(comp)).toEqual(['丝绒哑光口红']);
      // what is shared from here names the sub-category
      expect((page(comp).onShareAppMessage() as { title: string; path: string }).path).toContain(`id=${subId}`);
    });

    it('shows no chips for a top-level category without sub-categories', async () => {
      await lipsUnderMakeup();
      const comp = await open();
      expect(text(comp, '.sidebar >>> .van-sidebar-item--selected')).toBe('护肤');
      expect(find(comp, '.subs')).toHaveLength(0);
      expect(find(comp, '.subs__item')).toHaveLength(0);
      expect(listed()).toEqual([{ categoryId: 'cat-skincare', page: 1, pageSize: 10 }]);
      expect(titles(comp)).toEqual(await expectedTitles(rt, 'cat-skincare'));
    });
  });
});
