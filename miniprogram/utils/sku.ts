import type { Sku, SpecGroup } from '../../typings/contract/index';
import { MAX_LINE_QUANTITY } from './generated/limits';

/**
 * The SKU picker's rules: one value per spec group; a value is selectable when some SKU on sale
 * matches it together with the values already chosen in the other groups, and marked sold out (缺货)
 * when none of those has stock — a sold-out SKU can still be chosen, for 到货提醒.
 */
export type Selection = Record<string, string>;

export interface SpecOptionView {
  value: string;
  selected: boolean;
  disabled: boolean;
  /** selectable, but no matching SKU has stock */
  soldOut: boolean;
}

export interface SpecGroupView {
  name: string;
  options: SpecOptionView[];
}

const matches = (sku: Sku, selection: Selection) => Object.keys(selection).every((name) => sku.specs[name] === selection[name]);

/** Whether `value` in group `name` can be chosen given the other groups' choices: some SKU on sale has it. */
export function isAvailable(skus: Sku[], selection: Selection, name: string, value: string): boolean {
  const probe: Selection = { ...selection, [name]: value };
  return skus.some((sku) => matches(sku, probe));
}

/** Whether some SKU with `value` in group `name` and the other groups' choices has stock. */
export function hasStock(skus: Sku[], selection: Selection, name: string, value: string): boolean {
  const probe: Selection = { ...selection, [name]: value };
  return skus.some((sku) => sku.stock > 0 && matches(sku, probe));
}

export function specView(groups: SpecGroup[], skus: Sku[], selection: Selection): SpecGroupView[] {
  return groups.map((group) => {
    const others: Selection = { ...selection };
    delete others[group.name];
    return {
      name: group.name,
      options: group.values.map((value) => {
        const disabled = !isAvailable(skus, others, group.name, value);
        return { value, selected: selection[group.name] === value, disabled, soldOut: !disabled && !hasStock(skus, others, group.name, value) };
      }),
    };
  });
}

/** Taps a value: selects it, or clears it when already selected; an unavailable value changes nothing. */
export function toggle(skus: Sku[], selection: Selection, name: string, value: string): Selection {
  if (selection[name] === value) {
    const next = { ...selection };
    delete next[name];
    return next;
  }
  const others = { ...selection };
  delete others[name];
  if (!isAvailable(skus, others, name, value)) return selection;
  return { ...others, [name]: value };
}

/** Groups with a single value that some SKU has start selected (sold out too: the page then offers 到货提醒). */
export function initialSelection(groups: SpecGroup[], skus: Sku[]): Selection {
  const selection: Selection = {};
  for (const group of groups) {
    const available = group.values.filter((v) => isAvailable(skus, {}, group.name, v));
    if (group.values.length === 1 && available.length === 1) selection[group.name] = available[0];
  }
  return selection;
}

/** The SKU the selection names, once every group has a value; null before that. */
export function chosenSku(groups: SpecGroup[], skus: Sku[], selection: Selection): Sku | null {
  if (!groups.every((g) => selection[g.name] !== undefined)) return null;
  return skus.find((sku) => groups.every((g) => sku.specs[g.name] === selection[g.name])) ?? null;
}

/** The groups still to choose, in order. */
export const missingGroups = (groups: SpecGroup[], selection: Selection): string[] =>
  groups.filter((g) => selection[g.name] === undefined).map((g) => g.name);

/** "01 象牙白 / 30ml" */
export const selectionText = (groups: SpecGroup[], selection: Selection): string =>
  groups
    .map((g) => selection[g.name])
    .filter((v): v is string => v !== undefined)
    .join(' / ');

/** The most one order line may hold: the SKU's stock and its 每人限购, within the contract's 1..MAX_QUANTITY. */
export const MAX_QUANTITY = MAX_LINE_QUANTITY;
export const quantityLimit = (sku: Sku | null): number => (sku ? Math.max(0, Math.min(sku.stock, MAX_QUANTITY, sku.perUserLimit ?? MAX_QUANTITY)) : 1);
