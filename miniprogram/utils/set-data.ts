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
