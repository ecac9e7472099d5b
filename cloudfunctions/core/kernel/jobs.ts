import type { Collection, Db } from '../ports';
import type { JobDoc } from '../schema';

/** A timer run stops taking new work after this much time, leaving room to save its cursor. */
export const RUN_BUDGET_MS = 40_000;

/**
 * The `jobs` collection, read as one kind of job. Every kind keeps its cursor and lease in the
 * same collection under its own `_id`, so a kind only ever reads the documents it wrote.
 */
export const jobsOf = <T extends JobDoc>(db: Db): Collection<T> => db.collection('jobs') as unknown as Collection<T>;
