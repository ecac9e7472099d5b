import type { BaseDoc, Collection } from '../ports';
import { isDuplicateKey } from '../ports';

/**
 * A settings-like document written by `_id`: `set` over what is there, or the whole document
 * (`initial` with `set` over it) when there is none. Two writers racing on the first write both
 * land: the one whose insert is refused applies its `set` to the document the other made.
 */
export async function upsertById<T extends BaseDoc>(c: Collection<T>, initial: T, set: Partial<T>): Promise<void> {
  if (await c.update({ _id: initial._id }, { $set: set })) return;
  try {
    await c.insert({ ...initial, ...set });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await c.update({ _id: initial._id }, { $set: set });
  }
}
