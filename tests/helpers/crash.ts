import type { BaseDoc, Collection, RawDb, RawTx } from '../../cloudfunctions/core/ports';
import { wrapCollection } from './db-proxy';

/** What a crash plan saw: the writes that reached the database, by collection, in order. */
export interface CrashPlan {
  /** writes let through before the process "dies"; Infinity = never */
  crashAfter: number;
  /** false while the shop is seeded: nothing is counted and nothing crashes */
  armed: boolean;
  crashed: boolean;
  /** collections of each write that reached the database (a committed transaction is one write) */
  writes: string[][];
  /** when set, the process dies right after the first write this accepts */
  dieAfter?: (collections: string[]) => boolean;
}

export class Crash extends Error {
  constructor() {
    super('process killed');
  }
}

export const crashPlan = (crashAfter = Infinity): CrashPlan => ({ crashAfter, armed: false, crashed: false, writes: [] });

const WRITES = new Set(['insert', 'update', 'remove']);

/**
 * The database as a process killed between two writes leaves it: once `crashAfter` writes have
 * reached it, the next write and every call after it fail as if the process had died (nothing of
 * them is written). Reads are never counted. A transaction is one write, committed or not at all.
 */
export function withCrash(db: RawDb, plan: CrashPlan): RawDb {
  const gate = () => {
    if (plan.crashed) throw new Crash();
  };
  const write = async <R>(collections: () => string[], run: () => Promise<R>): Promise<R> => {
    gate();
    if (!plan.armed) return run();
    if (plan.writes.length >= plan.crashAfter) {
      plan.crashed = true;
      throw new Crash();
    }
    const out = await run();
    plan.writes.push(collections());
    if (plan.dieAfter?.(collections())) {
      plan.crashAfter = plan.writes.length;
      plan.dieAfter = undefined;
    }
    return out;
  };
  const collection = <T extends BaseDoc>(name: string): Collection<T> =>
    wrapCollection(db.collection<T>(name), (method, fn) =>
      WRITES.has(method)
        ? (...args) => write(() => [name], () => fn(...args))
        : async (...args) => {
            gate();
            return fn(...args);
          },
    );
  return {
    collection,
    transaction: <R>(fn: (tx: RawTx) => Promise<R>) => {
      const touched = new Set<string>();
      return write(
        () => [...touched],
        () =>
          db.transaction((tx) =>
            fn({
              get: (c, id) => tx.get(c, id),
              set: (c, doc) => (touched.add(c), tx.set(c, doc)),
              update: (c, id, u) => (touched.add(c), tx.update(c, id, u)),
              remove: (c, id) => (touched.add(c), tx.remove(c, id)),
            }),
          ),
      );
    },
    close: () => db.close(),
  };
}
