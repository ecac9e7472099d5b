import type { BaseDoc, Db, Query } from '../ports';
import { isDuplicateKey } from '../ports';

/**
 * Per-owner caps (cart lines, addresses, open questions) as counted slots: a slot is taken by one
 * atomic conditional update (`used < max`) and given back when the thing it counted goes. The
 * counter starts from the real count the first time it is used.
 */
export interface SlotDoc extends BaseDoc {
  used: number;
}

export interface SlotSpec {
  /** counter id, e.g. `cart:<userId>` */
  id: string;
  max: number;
  /** the collection and query whose count the counter starts from */
  counts: { collection: string; query: Query };
}

async function ensureCounter(db: Db, spec: SlotSpec): Promise<void> {
  const slots = db.collection<SlotDoc>('slots');
  if (await slots.get(spec.id)) return;
  const used = await db.collection(spec.counts.collection).count(spec.counts.query);
  try {
    await slots.insert({ _id: spec.id, used });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** Takes one slot; false when all `max` are in use. */
export async function takeSlot(db: Db, spec: SlotSpec): Promise<boolean> {
  await ensureCounter(db, spec);
  return (await db.collection<SlotDoc>('slots').update({ _id: spec.id, used: { $lt: spec.max } }, { $inc: { used: 1 } })) === 1;
}

/** Gives back `n` slots (never below zero). */
export async function releaseSlots(db: Db, id: string, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (!(await db.collection<SlotDoc>('slots').update({ _id: id, used: { $gte: 1 } }, { $inc: { used: -1 } }))) return;
  }
}
