/**
 * The part of `next` that differs from `current`, for setData: unchanged keys are left out so
 * nothing travels to the view that it already shows. Values are compared by their JSON.
 */
export function changes<T extends Record<string, unknown>>(current: Record<string, unknown>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as Array<keyof T & string>) {
    const a = current[key];
    const b = next[key];
    if (a === b) continue;
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b)) continue;
    out[key] = b;
  }
  return out;
}

export const isEmpty = (o: object): boolean => Object.keys(o).length === 0;

/**
 * A setData patch that turns list `key` from `current` into `next`: only the items that changed,
 * by path (`lines[2]`), when the list keeps its length; the whole list otherwise.
 */
export function listChanges<T>(key: string, current: readonly T[], next: readonly T[]): Record<string, T | T[]> {
  if (current.length !== next.length) return { [key]: next as T[] };
  const out: Record<string, T> = {};
  next.forEach((item, i) => {
    if (JSON.stringify(item) !== JSON.stringify(current[i])) out[`${key}[${i}]`] = item;
  });
  return out;
}
