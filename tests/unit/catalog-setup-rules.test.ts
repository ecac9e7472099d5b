import type { SpecGroup } from '../../typings/contract';
import { MAX_SKUS } from '../../typings/contract/limits';
import type { CategoryDoc } from '../../cloudfunctions/core/schema';
import { categoryTree, onSaleProblem, placementProblem, skusProblem, specCombinations, specsKey, topOf } from '../../cloudfunctions/core/modules/catalog/setup-rules';

const COLOUR: SpecGroup = { name: '色号', values: ['01', '02'] };
const SIZE: SpecGroup = { name: '容量', values: ['30ml', '50ml', '100ml'] };
const sku = (specs: Record<string, string>, priceFen = 10000, memberPriceFen?: number) => ({ specs, priceFen, ...(memberPriceFen !== undefined ? { memberPriceFen } : {}) });
/** one SKU for every combination, in combination order */
const allSkus = (groups: SpecGroup[]) => specCombinations(groups).map((specs) => sku(specs));

describe('specCombinations', () => {
  it('is one empty combination without groups', () => {
    expect(specCombinations([])).toEqual([{}]);
  });

  it('walks the first group slowest, each group in its values’ order', () => {
    expect(specCombinations([COLOUR, SIZE])).toEqual([
      { 色号: '01', 容量: '30ml' },
      { 色号: '01', 容量: '50ml' },
      { 色号: '01', 容量: '100ml' },
      { 色号: '02', 容量: '30ml' },
      { 色号: '02', 容量: '50ml' },
      { 色号: '02', 容量: '100ml' },
    ]);
    expect(specCombinations([SIZE, COLOUR]).slice(0, 2)).toEqual([
      { 容量: '30ml', 色号: '01' },
      { 容量: '30ml', 色号: '02' },
    ]);
  });

  it('multiplies the groups’ sizes', () => {
    expect(specCombinations([COLOUR, SIZE, { name: '包装', values: ['单支', '礼盒'] }])).toHaveLength(12);
  });
});

describe('specsKey', () => {
  it('is the same for equal combinations whatever the key order, different otherwise', () => {
    const names = ['色号', '容量'];
    expect(specsKey(names, { 色号: '01', 容量: '30ml' })).toBe(specsKey(names, { 容量: '30ml', 色号: '01' }));
    expect(specsKey(names, { 色号: '01', 容量: '30ml' })).not.toBe(specsKey(names, { 色号: '01', 容量: '50ml' }));
    expect(specsKey(names, { 色号: '01' })).toBe(JSON.stringify(['01', null]));
  });
});

describe('skusProblem', () => {
  it('without groups: exactly one SKU with no specs', () => {
    expect(skusProblem([], [sku({})])).toBeNull();
    expect(skusProblem([], [sku({}), sku({})])).toEqual({ message: expect.any(String), field: 'skus.1.specs' });
    expect(skusProblem([], [sku({ 色号: '01' })])).toEqual({ message: expect.any(String), field: 'skus.0.specs' });
    expect(skusProblem([], [])).toEqual({ message: expect.any(String), field: 'skus' });
  });

  it('two groups 2×3: six SKUs, one per combination, in any order', () => {
    const skus = allSkus([COLOUR, SIZE]);
    expect(skus).toHaveLength(6);
    expect(skusProblem([COLOUR, SIZE], skus)).toBeNull();
    expect(skusProblem([COLOUR, SIZE], [...skus].reverse())).toBeNull();
  });

  it('a missing combination is refused on skus', () => {
    const skus = allSkus([COLOUR, SIZE]);
    expect(skusProblem([COLOUR, SIZE], skus.slice(0, 5))).toEqual({ message: 'every spec combination needs its SKU', field: 'skus' });
  });

  it('a duplicate combination is refused on the second SKU with it', () => {
    const skus = allSkus([COLOUR, SIZE]);
    const dup = [...skus.slice(0, 3), sku({ 容量: '30ml', 色号: '01' }), ...skus.slice(3)];
    expect(skusProblem([COLOUR, SIZE], dup)).toEqual({ message: 'two SKUs have the same specs', field: 'skus.3.specs' });
    // six SKUs but one combination twice and one missing: the duplicate is named
    const swapped = [...skus.slice(0, 5), sku({ 色号: '01', 容量: '30ml' })];
    expect(skusProblem([COLOUR, SIZE], swapped)).toEqual({ message: 'two SKUs have the same specs', field: 'skus.5.specs' });
  });

  it('an unknown value, a missing key or an extra key is refused on that SKU', () => {
    const skus = allSkus([COLOUR, SIZE]);
    const unknown = skus.map((s, i) => (i === 2 ? sku({ 色号: '03', 容量: '30ml' }) : s));
    expect(skusProblem([COLOUR, SIZE], unknown)).toEqual({ message: 'each SKU names one value of every spec group', field: 'skus.2.specs' });
    const missing = skus.map((s, i) => (i === 1 ? sku({ 色号: '01' }) : s));
    expect(skusProblem([COLOUR, SIZE], missing)).toMatchObject({ field: 'skus.1.specs' });
    const extra = skus.map((s, i) => (i === 4 ? sku({ ...s.specs, 包装: '礼盒' }) : s));
    expect(skusProblem([COLOUR, SIZE], extra)).toMatchObject({ field: 'skus.4.specs' });
    // a key that is not a group, standing in for one that is
    const renamed = skus.map((s, i) => (i === 0 ? sku({ 颜色: '01', 容量: '30ml' }) : s));
    expect(skusProblem([COLOUR, SIZE], renamed)).toMatchObject({ field: 'skus.0.specs' });
  });

  it('group names must differ, and the values within a group', () => {
    expect(skusProblem([COLOUR, { name: '色号', values: ['03'] }], [sku({ 色号: '01' })])).toEqual({ message: 'spec group names must differ', field: 'specGroups' });
    expect(skusProblem([COLOUR, { name: '容量', values: ['30ml', '50ml', '30ml'] }], allSkus([COLOUR, SIZE]))).toEqual({
      message: 'values of 容量 must differ',
      field: 'specGroups.1.values',
    });
  });

  it('a member price must be below the price', () => {
    expect(skusProblem([], [sku({}, 10000, 9999)])).toBeNull();
    expect(skusProblem([], [sku({}, 10000, 0)])).toBeNull();
    expect(skusProblem([], [sku({}, 10000, 10000)])).toEqual({ message: 'member price must be below the price', field: 'skus.0.memberPriceFen' });
    const skus = allSkus([COLOUR]).map((s, i) => (i === 1 ? sku(s.specs, 5000, 6000) : s));
    expect(skusProblem([COLOUR], skus)).toEqual({ message: 'member price must be below the price', field: 'skus.1.memberPriceFen' });
  });

  it(`more than ${MAX_SKUS} combinations is refused on specGroups, ${MAX_SKUS} exactly is fine`, () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    const ten = [{ name: 'a', values: values(10) }, { name: 'b', values: values(10) }];
    expect(skusProblem(ten, allSkus(ten))).toBeNull();
    const over = [{ name: 'a', values: values(10) }, { name: 'b', values: values(10) }, { name: 'c', values: values(2) }];
    expect(skusProblem(over, allSkus(over).slice(0, MAX_SKUS))).toEqual({ message: `at most ${MAX_SKUS} spec combinations`, field: 'specGroups' });
  });
});

describe('onSaleProblem', () => {
  it('needs one SKU on sale; a SKU without a status is on sale', () => {
    expect(onSaleProblem([{ status: 'off_shelf' }, { status: 'on_sale' }])).toBeNull();
    expect(onSaleProblem([{}])).toBeNull();
    expect(onSaleProblem([{ status: 'off_shelf' }, { status: 'off_shelf' }])).toEqual({ message: 'a product on sale needs a SKU on sale', field: 'skus' });
    expect(onSaleProblem([])).toMatchObject({ field: 'skus' });
  });
});

describe('topOf', () => {
  it('is the parent of a sub-category and the category itself at the top', () => {
    expect(topOf({ _id: 'sub', parentId: 'top' })).toBe('top');
    expect(topOf({ _id: 'top', parentId: null })).toBe('top');
    expect(topOf({ _id: 'old' } as Pick<CategoryDoc, '_id' | 'parentId'>)).toBe('old');
  });
});

describe('placementProblem', () => {
  const top = { _id: 'top', parentId: null };
  const sub = { _id: 'sub', parentId: 'top' };

  it('the top level is always fine, even with sub-categories', () => {
    expect(placementProblem('x', null, null, false)).toBeNull();
    expect(placementProblem('x', null, null, true)).toBeNull();
    expect(placementProblem(null, undefined, null, false)).toBeNull();
  });

  it('under a top-level category is fine, for a new or an existing childless category', () => {
    expect(placementProblem(null, top, 'top', false)).toBeNull();
    expect(placementProblem('other', top, 'top', false)).toBeNull();
    // a legacy top-level category stored without parentId counts as top-level
    expect(placementProblem('other', { _id: 'top' } as Pick<CategoryDoc, '_id' | 'parentId'>, 'top', false)).toBeNull();
  });

  it('under a sub-category is refused: two levels at most', () => {
    expect(placementProblem(null, sub, 'sub', false)).toEqual({ message: 'the parent must be a top-level category', field: 'parentId' });
    expect(placementProblem('other', sub, 'sub', false)).toMatchObject({ field: 'parentId' });
  });

  it('under itself is refused', () => {
    expect(placementProblem('top', top, 'top', false)).toEqual({ message: 'a category cannot sit under itself', field: 'parentId' });
  });

  it('a category with sub-categories cannot move under a parent', () => {
    expect(placementProblem('other', top, 'top', true)).toEqual({ message: 'a category with sub-categories stays at the top', field: 'parentId' });
  });

  it('a missing parent is refused', () => {
    expect(placementProblem(null, null, 'gone', false)).toEqual({ message: 'no such parent category', field: 'parentId' });
    expect(placementProblem('x', undefined, 'gone', false)).toEqual({ message: 'no such parent category', field: 'parentId' });
  });
});

describe('categoryTree', () => {
  const c = (_id: string, sort: number, parentId: string | null) => ({ _id, sort, parentId });

  it('lists top-level categories by sort, each followed by its sub-categories by sort, orphans last', () => {
    const all = [
      c('b-2', 0, 'b'),
      c('orphan-2', 0, 'gone'),
      c('a', 1, null),
      c('b', 0, null),
      c('a-1', 5, 'a'),
      c('orphan-1', 0, 'gone-too'),
      c('a-0', 2, 'a'),
      c('b-1', 0, 'b'),
      c('c', 3, null),
    ];
    expect(categoryTree(all).map((x) => x._id)).toEqual(['b', 'b-1', 'b-2', 'a', 'a-0', 'a-1', 'c', 'orphan-1', 'orphan-2']);
  });

  it('breaks sort ties by id and keeps every category exactly once', () => {
    const all = [c('z', 0, null), c('m', 0, null), c('m-y', 1, 'm'), c('m-x', 1, 'm'), c('z-a', 0, 'z')];
    const tree = categoryTree(all);
    expect(tree.map((x) => x._id)).toEqual(['m', 'm-x', 'm-y', 'z', 'z-a']);
    expect(new Set(tree).size).toBe(all.length);
  });

  it('counts a category stored without parentId as top-level; a third level is listed with the orphans', () => {
    const all = [{ _id: 'legacy', sort: 1 } as { _id: string; sort: number; parentId: string | null }, c('new', 0, null), c('sub', 0, 'new'), c('deep', 0, 'sub')];
    expect(categoryTree(all).map((x) => x._id)).toEqual(['new', 'sub', 'legacy', 'deep']);
  });
});
