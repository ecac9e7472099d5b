import type { Db, Query } from '../ports';
import type { CollectionName } from '../schema';
import { isDuplicateKey } from '../ports';


export interface SlotSpec {
  /** counter id, e.g. `cart:<userId>` */
  id: string;
  max: number;
  /** the collection and query whose count the counter starts from */
  counts: { collection: CollectionName; query: Query };
}

/** The counter, started from the count of what it counts when missing. */
export async function ensureCounter(db: Db, spec: SlotSpec): Promise<void> {
  const slots = db.collection('slots');
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
  return (await db.collection('slots').update({ _id: spec.id, used: { $lt: spec.max } }, { $inc: { used: 1 } })) === 1;
}

/** Gives back `n` slots (never below zero). */
export async function releaseSlots(db: Db, id: string, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (!(await db.collection('slots').update({ _id: id, used: { $gte: 1 } }, { $inc: { used: -1 } }))) return;
  }
}

/** Takes one off a counter only while it stays at least `floor` after; false when it would not. */
export async function takeDownTo(db: Db, id: string, floor: number): Promise<boolean> {
  return (await db.collection('slots').update({ _id: id, used: { $gt: floor } }, { $inc: { used: -1 } })) === 1;
}

/** Adds one to a counter that exists (a missing one stays missing: it is made from its count). */
export async function addToCounter(db: Db, id: string): Promise<void> {
  await db.collection('slots').update({ _id: id }, { $inc: { used: 1 } });
}
