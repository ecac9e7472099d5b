import type { SpecGroup } from '../../../../typings/contract';
import { MAX_SKUS } from '../../../../typings/contract/limits';
import type { CategoryDoc } from '../../schema';

/** Setting up the catalogue as pure rules: how spec groups and SKUs fit, where a category may sit. */

export interface Problem {
  message: string;
  field: string;
}

/** One key per spec combination, in the groups' order: equal combinations give equal keys. */
export const specsKey = (names: string[], specs: Record<string, string>) => JSON.stringify(names.map((n) => specs[n] ?? null));

/** Every combination of the groups' values, in their order (one empty combination without groups). */
export function specCombinations(groups: SpecGroup[]): Array<Record<string, string>> {
  return groups.reduce<Array<Record<string, string>>>((combos, g) => combos.flatMap((c) => g.values.map((v) => ({ ...c, [g.name]: v }))), [{}]);
}

/**
 * Why SKUs do not fit their spec groups, or null: group names and values are unique, each SKU names
 * exactly one value of every group, and every combination has exactly one SKU (without groups:
 * one SKU with no specs). A member price is below its price.
 */
export function skusProblem(groups: SpecGroup[], skus: Array<{ specs: Record<string, string>; priceFen: number; memberPriceFen?: number }>): Problem | null {
  const names = groups.map((g) => g.name);
  if (new Set(names).size !== names.length) return { message: 'spec group names must differ', field: 'specGroups' };
  for (const [i, g] of groups.entries()) {
    if (new Set(g.values).size !== g.values.length) return { message: `values of ${g.name} must differ`, field: `specGroups.${i}.values` };
  }
  const combinations = groups.reduce((n, g) => n * g.values.length, 1);
  if (combinations > MAX_SKUS) return { message: `at most ${MAX_SKUS} spec combinations`, field: 'specGroups' };
  const seen = new Set<string>();
  for (const [i, sku] of skus.entries()) {
    const keys = Object.keys(sku.specs);
    if (keys.length !== names.length || !groups.every((g) => g.values.includes(sku.specs[g.name] ?? '\u0000'))) {
      return { message: 'each SKU names one value of every spec group', field: `skus.${i}.specs` };
    }
    const key = specsKey(names, sku.specs);
    if (seen.has(key)) return { message: 'two SKUs have the same specs', field: `skus.${i}.specs` };
    seen.add(key);
    if (sku.memberPriceFen !== undefined && sku.memberPriceFen >= sku.priceFen) return { message: 'member price must be below the price', field: `skus.${i}.memberPriceFen` };
  }
  if (seen.size !== combinations) return { message: 'every spec combination needs its SKU', field: 'skus' };
  return null;
}

/** Why a product may not go on sale, or null: it needs a SKU on sale. */
export const onSaleProblem = (skus: Array<{ status?: 'on_sale' | 'off_shelf' }>): Problem | null =>
  skus.some((s) => (s.status ?? 'on_sale') === 'on_sale') ? null : { message: 'a product on sale needs a SKU on sale', field: 'skus' };

/** The top-level category a category sits under (itself at the top). */
export const topOf = (category: Pick<CategoryDoc, '_id' | 'parentId'>) => category.parentId ?? category._id;

/**
 * Why a category may not sit under `parentId`, or null: two levels at most, so the parent is a
 * top-level category other than itself, and a category with sub-categories stays at the top.
 */
export function placementProblem(categoryId: string | null, parent: Pick<CategoryDoc, '_id' | 'parentId'> | null | undefined, parentId: string | null, hasChildren: boolean): Problem | null {
  if (parentId === null) return null;
  if (parent === undefined || parent === null) return { message: 'no such parent category', field: 'parentId' };
  if (parent._id === categoryId) return { message: 'a category cannot sit under itself', field: 'parentId' };
  if ((parent.parentId ?? null) !== null) return { message: 'the parent must be a top-level category', field: 'parentId' };
  if (hasChildren) return { message: 'a category with sub-categories stays at the top', field: 'parentId' };
  return null;
}

/** Categories as staff list them: top-level ones by sort, each followed by its sub-categories by sort. */
export function categoryTree<C extends Pick<CategoryDoc, '_id' | 'parentId' | 'sort'>>(all: C[]): C[] {
  const bySort = (a: C, b: C) => a.sort - b.sort || (a._id < b._id ? -1 : 1);
  const tops = all.filter((c) => (c.parentId ?? null) === null).sort(bySort);
  const topIds = new Set(tops.map((c) => c._id));
  const out: C[] = [];
  for (const top of tops) out.push(top, ...all.filter((c) => c.parentId === top._id).sort(bySort));
  // a sub-category whose parent is gone is still listed, last, so staff can move or delete it
  out.push(...all.filter((c) => (c.parentId ?? null) !== null && !topIds.has(c.parentId!)).sort(bySort));
  return out;
}
