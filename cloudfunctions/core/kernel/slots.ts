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

/** What a counter counts, as the recount reads it back. */
const countsOf = (spec: SlotSpec) => JSON.stringify(spec.counts);

/** The counter, started from the count of what it counts when missing. */
export async function ensureCounter(db: Db, spec: SlotSpec): Promise<void> {
  const slots = db.collection('slots');
  const existing = await slots.get(spec.id);
  if (existing) {
    if (!existing.counts) await slots.update({ _id: spec.id, counts: null }, { $set: { counts: countsOf(spec) } });
    return;
  }
  const used = await db.collection(spec.counts.collection).count(spec.counts.query);
  try {
    await slots.insert({ _id: spec.id, used, counts: countsOf(spec) });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

/** Takes one slot; false when all `max` are in use. The counter is left for the recount to check. */
export async function takeSlot(db: Db, spec: SlotSpec, now: number): Promise<boolean> {
  await ensureCounter(db, spec);
  return (await db.collection('slots').update({ _id: spec.id, used: { $lt: spec.max } }, { $inc: { used: 1 }, $set: { updatedAt: now, dirty: true } })) === 1;
}

/** Gives back `n` slots (never below zero). */
export async function releaseSlots(db: Db, id: string, now: number, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (!(await db.collection('slots').update({ _id: id, used: { $gte: 1 } }, { $inc: { used: -1 }, $set: { updatedAt: now, dirty: true } }))) return;
  }
}

/** How long a counter's last move waits before the recount trusts it: longer than any call runs. */
export const STALE_COUNTER_MS = 2 * 60_000;
/** Counters recounted per run. */
export const RECOUNT_BATCH = 200;

/**
 * Timer: counters moved since they were last checked and not moved for `olderThanMs` are recounted
 * from what they count. A call that took a slot and died before writing its record (or removed a
 * record and died before giving the slot back) left the counter off by one; no call still running
 * can be between its two writes by then, so the count is the truth. Each fix is conditional on the
 * counter not having moved since it was read. At local start-up (`olderThanMs` 0) every counter moved
 * by the previous process is checked.
 */
export async function repairCounters(db: Db, now: number, olderThanMs = STALE_COUNTER_MS): Promise<{ checked: number; fixed: number }> {
  const slots = db.collection('slots');
  const tally = { checked: 0, fixed: 0 };
  for (const c of await slots.find({ dirty: true, updatedAt: { $lte: now - olderThanMs } }, { sort: [['updatedAt', 'asc']], limit: RECOUNT_BATCH })) {
    tally.checked++;
    const counts = c.counts ? (JSON.parse(c.counts) as SlotSpec['counts']) : null;
    const used = counts ? await db.collection(counts.collection).count(counts.query) : c.used;
    const unmoved = { _id: c._id, used: c.used, updatedAt: c.updatedAt ?? null };
    if (used === c.used) await slots.update(unmoved, { $unset: ['dirty'] });
    else if (await slots.update(unmoved, { $set: { used }, $unset: ['dirty'] })) tally.fixed++;
  }
  return tally;
}

/** Takes one off a counter only while it stays at least `floor` after; false when it would not. */
export async function takeDownTo(db: Db, id: string, floor: number): Promise<boolean> {
  return (await db.collection('slots').update({ _id: id, used: { $gt: floor } }, { $inc: { used: -1 } })) === 1;
}

/** Adds one to a counter that exists (a missing one stays missing: it is made from its count). */
export async function addToCounter(db: Db, id: string): Promise<void> {
  await db.collection('slots').update({ _id: id }, { $inc: { used: 1 } });
}
