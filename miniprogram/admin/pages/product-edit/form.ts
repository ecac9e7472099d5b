import type { InputFor, ProductDraft, SpecGroup, StaffCategory } from '../../../../typings/contract/index';
import { MAX_SKUS, MAX_SPEC_GROUPS, MAX_SPEC_VALUES } from '../../../utils/generated/limits';
import { yuan } from '../../../utils/money';
import { parseCount, parseYuan } from '../../utils/form';

/** The product editor's form as pure functions: spec groups to SKU rows, the form to the request. */

/** One SKU row as typed: money in yuan, counts as text. */
export interface SkuRowForm {
  key: string;
  specs: Record<string, string>;
  specText: string;
  price: string;
  memberPrice: string;
  stock: string;
  limit: string;
  onSale: boolean;
}

export interface ProductForm {
  title: string;
  subtitle: string;
  categoryId: string;
  images: string[];
  detail: string;
  originalPrice: string;
  groups: SpecGroup[];
  rows: SkuRowForm[];
}

export const emptyForm = (): ProductForm => ({ title: '', subtitle: '', categoryId: '', images: [], detail: '', originalPrice: '', groups: [], rows: gridRows([], []) });

/** A combination's key: its values in the groups' order. */
export const rowKey = (groups: SpecGroup[], specs: Record<string, string>) => groups.map((g) => specs[g.name] ?? '').join(' / ');

/** Every combination of the groups' values (one row without groups). */
export function combinations(groups: SpecGroup[]): Array<Record<string, string>> {
  return groups.reduce<Array<Record<string, string>>>((combos, g) => combos.flatMap((c) => g.values.map((v) => ({ ...c, [g.name]: v }))), [{}]);
}

/**
 * The SKU rows for the groups as they are now: one per combination, keeping what was typed in a row
 * whose combination is still there (by its values), new rows empty and on sale.
 */
export function gridRows(groups: SpecGroup[], previous: SkuRowForm[]): SkuRowForm[] {
  const usable = groups.filter((g) => g.name.trim() && g.values.length);
  const kept = new Map(previous.map((r) => [Object.values(r.specs).join('\u0000'), r]));
  return combinations(usable).map((specs) => {
    const key = rowKey(usable, specs);
    const before = kept.get(Object.values(specs).join('\u0000'));
    return {
      key: key || '默认规格',
      specs,
      specText: key || '默认规格',
      price: before?.price ?? '',
      memberPrice: before?.memberPrice ?? '',
      stock: before?.stock ?? '',
      limit: before?.limit ?? '',
      onSale: before?.onSale ?? true,
    };
  });
}

/** Why a value or a group may not be added, or ''. */
export function groupProblem(groups: SpecGroup[], name: string): string {
  const n = name.trim();
  if (!n) return '请输入规格名，如 色号';
  if (groups.length >= MAX_SPEC_GROUPS) return `最多 ${MAX_SPEC_GROUPS} 组规格`;
  if (groups.some((g) => g.name === n)) return '已有同名规格';
  return '';
}

export function valueProblem(groups: SpecGroup[], index: number, value: string): string {
  const v = value.trim();
  const group = groups[index];
  if (!group) return '规格不存在';
  if (!v) return '请输入规格值';
  if (group.values.includes(v)) return '已有这个规格值';
  if (group.values.length >= MAX_SPEC_VALUES) return `每组最多 ${MAX_SPEC_VALUES} 个值`;
  const combos = groups.reduce((n, g, i) => n * (i === index ? g.values.length + 1 : Math.max(1, g.values.length)), 1);
  if (combos > MAX_SKUS) return `规格组合最多 ${MAX_SKUS} 个`;
  return '';
}

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

type CreateInput = InputFor<'admin', 'createProduct'>;
type SkuInput = CreateInput['skus'][number];

/** The SKUs as the server takes them, or the first row that does not parse. */
function skusOf(rows: SkuRowForm[]): Checked<SkuInput[]> {
  const skus: SkuInput[] = [];
  for (const [i, r] of rows.entries()) {
    const at = `rows.${i}`;
    const priceFen = parseYuan(r.price);
    if (priceFen === null || priceFen <= 0) return { ok: false, field: `${at}.price`, message: `${r.specText}：请填写大于 0 的价格` };
    const stock = parseCount(r.stock, 0, 1_000_000);
    if (stock === null) return { ok: false, field: `${at}.stock`, message: `${r.specText}：请填写库存（0 或正整数）` };
    const sku: SkuInput = { specs: r.specs, priceFen, stock, status: r.onSale ? 'on_sale' : 'off_shelf' };
    if (r.memberPrice.trim()) {
      const member = parseYuan(r.memberPrice);
      if (member === null || member >= priceFen) return { ok: false, field: `${at}.memberPrice`, message: `${r.specText}：会员价要低于售价` };
      sku.memberPriceFen = member;
    }
    if (r.limit.trim()) {
      const limit = parseCount(r.limit, 1, 999);
      if (limit === null) return { ok: false, field: `${at}.limit`, message: `${r.specText}：每人限购填 1–999，或留空不限` };
      sku.perUserLimit = limit;
    }
    skus.push(sku);
  }
  return { ok: true, value: skus };
}

/** The form as a createProduct request, or what to fix first. */
export function createRequest(form: ProductForm, status: CreateInput['status']): Checked<CreateInput> {
  const common = commonFields(form);
  if (!common.ok) return common;
  const incomplete = form.groups.findIndex((g) => !g.name.trim() || !g.values.length);
  if (incomplete >= 0) return { ok: false, field: `groups.${incomplete}`, message: `规格「${form.groups[incomplete]!.name || '未命名'}」还没有规格值` };
  const skus = skusOf(form.rows);
  if (!skus.ok) return skus;
  if (status === 'on_sale' && !skus.value.some((s) => s.status === 'on_sale')) return { ok: false, field: 'rows', message: '上架销售需要至少一个在售规格' };
  return { ok: true, value: { ...common.value, specGroups: form.groups, skus: skus.value, status } };
}

/** The form as an editProduct request (text, category, images). */
export function editRequest(productId: string, form: ProductForm): Checked<InputFor<'admin', 'editProduct'>> {
  const common = commonFields(form);
  if (!common.ok) return common;
  const { title, subtitle, categoryId, images, detail } = common.value;
  return { ok: true, value: { productId, title, subtitle, categoryId, images, detail } };
}

function commonFields(form: ProductForm): Checked<Omit<CreateInput, 'specGroups' | 'skus' | 'status'>> {
  const title = form.title.trim();
  if (!title) return { ok: false, field: 'title', message: '请填写商品名称' };
  if (!form.categoryId) return { ok: false, field: 'categoryId', message: '请选择分类' };
  if (!form.images.length) return { ok: false, field: 'images', message: '请至少上传一张商品图' };
  let originalPriceFen: number | undefined;
  if (form.originalPrice.trim()) {
    const fen = parseYuan(form.originalPrice);
    if (fen === null) return { ok: false, field: 'originalPrice', message: '划线价最多两位小数' };
    originalPriceFen = fen;
  }
  return {
    ok: true,
    value: { title, subtitle: form.subtitle.trim(), categoryId: form.categoryId, images: form.images, detail: form.detail.trim(), ...(originalPriceFen !== undefined ? { originalPriceFen } : {}) },
  };
}

/** A saved product back in the form (editing: groups and SKUs are shown, changed in 商品与库存). */
export function formOf(p: ProductDraft): ProductForm {
  const rows = p.skus.map((s) => {
    const key = rowKey(p.specGroups, s.specs) || '默认规格';
    return {
      key,
      specs: s.specs,
      specText: key,
      price: yuan(s.priceFen),
      memberPrice: s.memberPriceFen === null ? '' : yuan(s.memberPriceFen),
      stock: String(s.stock),
      limit: s.perUserLimit ? String(s.perUserLimit) : '',
      onSale: s.status === 'on_sale',
    };
  });
  return {
    title: p.title,
    subtitle: p.subtitle,
    categoryId: p.categoryId,
    images: p.images,
    detail: p.detail,
    originalPrice: p.originalPriceFen ? yuan(p.originalPriceFen) : '',
    groups: p.specGroups,
    rows,
  };
}

/** Categories as the picker lists them: a sub-category under its parent's name. */
export function categoryOptions(categories: StaffCategory[]): Array<{ _id: string; label: string }> {
  const names = new Map(categories.map((c) => [c._id, c.name]));
  return categories.map((c) => ({ _id: c._id, label: c.parentId ? `${names.get(c.parentId) ?? '未分组'} / ${c.name}` : c.name }));
}

/** A spec value added to a product that exists. */
export interface AddedValue {
  group: string;
  value: string;
}

/** The groups with the added values at their ends. */
export const groupsWith = (groups: SpecGroup[], added: AddedValue[]): SpecGroup[] =>
  groups.map((g) => ({ ...g, values: [...g.values, ...added.filter((a) => a.group === g.name).map((a) => a.value)] }));

/**
 * The SKU rows the added values make: every combination holding at least one of them, keeping what
 * was typed in a row still there.
 */
export function addedRows(groups: SpecGroup[], added: AddedValue[], previous: SkuRowForm[]): SkuRowForm[] {
  const isNew = (specs: Record<string, string>) => added.some((a) => specs[a.group] === a.value);
  return gridRows(groupsWith(groups, added), previous).filter((r) => isNew(r.specs));
}

/** The added values and their rows as an addSpecValues request, or what to fix first. */
export function specValuesRequest(productId: string, added: AddedValue[], rows: SkuRowForm[]): Checked<InputFor<'admin', 'addSpecValues'>> {
  if (!added.length) return { ok: false, field: 'added', message: '请先添加规格值' };
  const skus = skusOf(rows);
  if (!skus.ok) return { ...skus, field: skus.field.replace(/^rows/, 'addedRows') };
  return { ok: true, value: { productId, values: added, skus: skus.value } };
}
