import type { BaseDoc, Collection, RawDb, RawTx } from '../../cloudfunctions/core/ports';
import { wrapCollection } from './db-proxy';

/**
 * The database as a network would make it: every call waits 0–`maxMs` ms (random) before it reaches
 * SQLite and again before its answer comes back, so concurrent check-then-write code interleaves as
 * it would against CloudBase. Synchronous SQLite alone runs each call to completion and hides races.
 * `gate.on` false lets calls through at once (seeding a shop before the test).
 */
export function withLatency(db: RawDb, maxMs = 3, gate: { on: boolean } = { on: true }, random: () => number = Math.random): RawDb {
  const pause = () => (gate.on ? new Promise<void>((resolve) => setTimeout(resolve, Math.floor(random() * (maxMs + 1)))) : Promise.resolve());
  const delayed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await pause();
      const out = await fn(...args);
      await pause();
      return out;
    };
  const collection = <T extends BaseDoc>(name: string): Collection<T> => wrapCollection(db.collection<T>(name), (_method, fn) => delayed(fn));
  return {
    collection,
    transaction: async <R>(fn: (tx: RawTx) => Promise<R>) => {
      await pause();
      const out = await db.transaction(fn);
      await pause();
      return out;
    },
    close: () => db.close(),
  };
}
