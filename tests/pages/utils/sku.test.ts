import type { Sku, SpecGroup } from '../../../typings/contract/index';
import {
  chosenSku,
  hasStock,
  initialSelection,
  isAvailable,
  missingGroups,
  quantityLimit,
  selectionText,
  specView,
  toggle,
} from '../../../miniprogram/utils/sku';

const groups: SpecGroup[] = [
  { name: '色号', values: ['01', '02', '03'] },
  { name: '规格', values: ['单芯', '一壳两芯'] },
];
const sku = (id: string, 色号: string, 规格: string, stock: number, priceFen = 15900): Sku => ({
  _id: id,
  productId: 'p',
  specs: { 色号, 规格 },
  priceFen,
  stock,
});
// (02, 一壳两芯) sold out; (03, 单芯) does not exist
const skus = [sku('s1', '01', '单芯', 5), sku('s2', '01', '一壳两芯', 5, 19900), sku('s3', '02', '单芯', 1), sku('s4', '02', '一壳两芯', 0), sku('s6', '03', '一壳两芯', 2000)];

const marked = (selection: Record<string, string>, flag: 'disabled' | 'soldOut') =>
  Object.fromEntries(specView(groups, skus, selection).map((g) => [g.name, g.options.filter((o) => o[flag]).map((o) => o.value)]));

describe('SKU picker rules', () => {
  it('disables only values no SKU has with the other choices', () => {
    expect(marked({}, 'disabled')).toEqual({ 色号: [], 规格: [] });
    expect(marked({ 色号: '02' }, 'disabled')).toEqual({ 色号: [], 规格: [] });
    expect(marked({ 色号: '03' }, 'disabled')).toEqual({ 色号: [], 规格: ['单芯'] });
    expect(marked({ 规格: '单芯' }, 'disabled')).toEqual({ 色号: ['03'], 规格: [] });
    expect(marked({ 规格: '一壳两芯' }, 'disabled')).toEqual({ 色号: [], 规格: [] });
  });

  it('marks as sold out (缺货) the values whose SKUs with the other choices have no stock, never a disabled one', () => {
    expect(marked({}, 'soldOut')).toEqual({ 色号: [], 规格: [] });
    expect(marked({ 色号: '02' }, 'soldOut')).toEqual({ 色号: [], 规格: ['一壳两芯'] });
    expect(marked({ 规格: '一壳两芯' }, 'soldOut')).toEqual({ 色号: ['02'], 规格: [] });
    expect(marked({ 色号: '03' }, 'soldOut')).toEqual({ 色号: [], 规格: [] });
    expect(hasStock(skus, { 色号: '02' }, '规格', '一壳两芯')).toBe(false);
    expect(hasStock(skus, { 色号: '02' }, '规格', '单芯')).toBe(true);
  });

  it('marks the selected values', () => {
    const view = specView(groups, skus, { 色号: '01' });
    expect(view[0].options.map((o) => o.selected)).toEqual([true, false, false]);
    expect(view[1].options.map((o) => o.selected)).toEqual([false, false]);
  });

  it('toggles a value on and off, switches within a group, takes a sold-out one and refuses one no SKU has', () => {
    const a = toggle(skus, {}, '色号', '02');
    expect(a).toEqual({ 色号: '02' });
    expect(toggle(skus, a, '色号', '02')).toEqual({});
    expect(toggle(skus, a, '色号', '01')).toEqual({ 色号: '01' });
    expect(toggle(skus, a, '规格', '一壳两芯')).toEqual({ 色号: '02', 规格: '一壳两芯' });
    const c = { 色号: '03' };
    expect(toggle(skus, c, '规格', '单芯')).toBe(c);
    expect(isAvailable(skus, { 色号: '02' }, '规格', '一壳两芯')).toBe(true);
    expect(isAvailable(skus, { 色号: '03' }, '规格', '单芯')).toBe(false);
  });

  it('names the SKU once every group has a value', () => {
    expect(chosenSku(groups, skus, { 色号: '01' })).toBeNull();
    expect(chosenSku(groups, skus, { 色号: '01', 规格: '一壳两芯' })).toEqual(skus[1]);
    expect(missingGroups(groups, { 规格: '单芯' })).toEqual(['色号']);
    expect(selectionText(groups, { 规格: '单芯', 色号: '02' })).toBe('02 / 单芯');
  });

  it('starts with single-value groups chosen when a SKU has the value, sold out or not', () => {
    const one: SpecGroup[] = [{ name: '容量', values: ['30ml'] }, ...groups];
    const withSize = skus.map((s) => ({ ...s, specs: { ...s.specs, 容量: '30ml' } }));
    expect(initialSelection(one, withSize)).toEqual({ 容量: '30ml' });
    expect(initialSelection(one, withSize.map((s) => ({ ...s, stock: 0 })))).toEqual({ 容量: '30ml' });
    expect(initialSelection(one, [])).toEqual({});
  });

  it('picks the only SKU of a product without spec groups', () => {
    const plain: Sku = { _id: 'only', productId: 'p', specs: {}, priceFen: 100, stock: 3 };
    expect(chosenSku([], [plain], initialSelection([], [plain]))).toEqual(plain);
  });

  it('limits the quantity to the SKU stock, within 1..999', () => {
    expect(quantityLimit(null)).toBe(1);
    expect(quantityLimit(skus[2])).toBe(1);
    expect(quantityLimit(skus[0])).toBe(5);
    expect(quantityLimit(skus[4])).toBe(999);
    expect(quantityLimit(skus[3])).toBe(0);
  });
});
