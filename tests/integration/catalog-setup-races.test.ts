/**
 * The shop's setup limits under concurrent staff: the banner limit, two category levels and a
 * category deleted while a product is filed in it, each run at once, with and without injected
 * database latency (synchronous SQLite alone hides check-then-write races).
 */
import { MAX_BANNERS } from '../../typings/contract/limits';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const OWNER = 'race-owner';
type Res = { ok: true; data: { _id: string } } | { ok: false; error: { code: string } };

describe.each(CONCURRENCY_DBS)('setting up the shop at once (%s)', (_label, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
    await rt.db.collection('staff').insert({ _id: OWNER, role: 'owner', createdAt: 0 });
  });
  afterEach(() => rt.close());

  const admin = (action: string, data: unknown) => rt.as(OWNER)('admin', action, data) as Promise<Res>;
  const upload = () => {
    const saved = rt.storage.save('product', PNG);
    if (!saved.ok) throw new Error(saved.reason);
    return saved.fileId;
  };
  const tally = (results: Res[]) => results.reduce<Record<string, number>>((t, r) => ((t[r.ok ? 'ok' : r.error.code] = (t[r.ok ? 'ok' : r.error.code] ?? 0) + 1), t), {});

  it(`12 banners saved at once beside the 2 seeded: the shop ends with ${MAX_BANNERS}, and one frees a place when deleted`, async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => admin('saveBanner', { image: upload(), title: `活动 ${i}`, path: '/pages/live/index' })));
    expect(tally(results)).toEqual({ ok: MAX_BANNERS - 2, BANNERS_FULL: 4 });
    expect(await rt.db.collection('banners').count({})).toBe(MAX_BANNERS);
    expect((await admin('deleteBanner', { bannerId: 'banner-1' })).ok).toBe(true);
    expect(tally(await Promise.all([1, 2].map((i) => admin('saveBanner', { image: upload(), title: `补位 ${i}`, path: '/pages/live/index' }))))).toEqual({ ok: 1, BANNERS_FULL: 1 });
    expect(await rt.db.collection('banners').count({})).toBe(MAX_BANNERS);
  });

  it('a sub-category made under a top-level category while that one moves under another: never three levels', async () => {
    for (let round = 0; round < 10; round++) {
      const top = await admin('saveCategory', { name: `顶层${round}` });
      if (!top.ok) throw new Error(top.error.code);
      const [sub, move] = await Promise.all([
        admin('saveCategory', { name: `子类${round}`, parentId: top.data._id }),
        admin('saveCategory', { categoryId: top.data._id, name: `顶层${round}`, parentId: 'cat-body' }),
      ]);
      // at most one of the two lands
      expect(sub.ok && move.ok).toBe(false);
      const all = await rt.db.collection('categories').find({});
      const byId = new Map(all.map((c) => [c._id, c]));
      const depth = (id: string): number => {
        const parent = byId.get(id)?.parentId;
        return parent ? 1 + depth(parent) : 1;
      };
      expect(Math.max(...all.map((c) => depth(c._id)))).toBeLessThanOrEqual(2);
      for (const r of [sub, move]) if (!r.ok) expect(r.error.code).toBe('CATEGORY_INVALID');
    }
  });

  it('a category deleted while a product is made in it: never a product in a category that is gone', async () => {
    for (let round = 0; round < 10; round++) {
      const category = await admin('saveCategory', { name: `临时${round}` });
      if (!category.ok) throw new Error(category.error.code);
      const [created, removed] = await Promise.all([
        admin('createProduct', {
          title: `新品${round}`,
          categoryId: category.data._id,
          images: [upload()],
          specGroups: [],
          skus: [{ specs: {}, priceFen: 1000, stock: 5 }],
          status: 'on_sale',
        }),
        admin('deleteCategory', { categoryId: category.data._id }),
      ]);
      const exists = !!(await rt.db.collection('categories').get(category.data._id));
      const filed = await rt.db.collection('products').find({ categoryId: category.data._id });
      // the product stays only with its category, and then the delete was refused
      expect([created.ok, exists, filed.length]).toEqual(created.ok ? [true, true, 1] : [false, exists, 0]);
      if (created.ok) expect(removed.ok ? 'removed' : (removed as { error: { code: string } }).error.code).toBe('CATEGORY_IN_USE');
      else expect((created as { error: { code: string } }).error.code).toBe('CATEGORY_NOT_FOUND');
      expect(await rt.db.collection('skus').count({ productId: { $in: filed.map((p) => p._id) } })).toBe(filed.length);
    }
  });
});
