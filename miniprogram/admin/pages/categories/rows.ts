import type { StaffCategory } from '../../../../typings/contract/index';

/** A category as the screen lists it: sub-categories indented under their parent, with the neighbours a move swaps with. */
export interface CategoryRow {
  _id: string;
  name: string;
  parentId: string | null;
  sort: number;
  sub: boolean;
  /** the category one place up / down at the same level, or '' at the edge */
  upId: string;
  downId: string;
}

export function categoryRows(items: StaffCategory[]): CategoryRow[] {
  const siblings = (c: StaffCategory) => items.filter((o) => o.parentId === c.parentId);
  return items.map((c) => {
    const level = siblings(c);
    const at = level.findIndex((o) => o._id === c._id);
    return { _id: c._id, name: c.name, parentId: c.parentId, sort: c.sort, sub: c.parentId !== null, upId: level[at - 1]?._id ?? '', downId: level[at + 1]?._id ?? '' };
  });
}

/**
 * The sorts that move a category one place among its siblings: the siblings are numbered 0, 1, 2…
 * in their new order, and only those whose number changes are written.
 */
export function swapSorts(rows: CategoryRow[], id: string, otherId: string): Array<{ row: CategoryRow; sort: number }> {
  const a = rows.find((r) => r._id === id);
  if (!a || !rows.some((r) => r._id === otherId)) return [];
  const level = rows.filter((r) => r.parentId === a.parentId);
  const i = level.findIndex((r) => r._id === id);
  const j = level.findIndex((r) => r._id === otherId);
  if (j < 0) return [];
  [level[i], level[j]] = [level[j]!, level[i]!];
  return level.flatMap((row, sort) => (row.sort === sort ? [] : [{ row, sort }]));
}
