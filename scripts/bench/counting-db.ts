import type { BaseDoc, Collection, RawDb, RawTx } from '../../cloudfunctions/core/ports';

/** The CloudBase adapter reads a `find` in pages of this many documents, one request each. */
const CLOUD_PAGE = 1000;

/**
 * Db calls as CloudBase would make them, counted by kind: each collection method is one request
 * (a `find` one per 1,000 documents read, as the cloud adapter pages); a transaction is its start,
 * one request per by-id operation inside it, and its commit.
 */
export class DbCallCounter {
  private readonly kinds = new Map<string, number>();
  total = 0;

  /** with `trace` on, each call as `kind collection`, in order */
  readonly calls: string[] = [];
  trace = false;

  add(kind: string, n = 1, collection = ''): void {
    this.total += n;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + n);
    if (this.trace) this.calls.push(n === 1 ? `${kind} ${collection}` : `${kind}×${n} ${collection}`);
  }

  reset(): void {
    this.total = 0;
    this.kinds.clear();
    this.calls.length = 0;
  }

  /** e.g. `get 2, update 1, tx 3`, in the order first seen */
  breakdown(): string {
    return [...this.kinds].map(([k, n]) => `${k} ${n}`).join(', ');
  }
}

export function countingDb(db: RawDb, counter: DbCallCounter): RawDb {
  const collection = <T extends BaseDoc>(name: string): Collection<T> => {
    const inner = db.collection<T>(name);
    return {
      get: (id) => (counter.add('get', 1, name), inner.get(id)),
      find: async (query, options) => {
        const found = await inner.find(query, options);
        const wanted = options?.limit ?? Infinity;
        counter.add(
          'find',
          found.length >= wanted ? Math.max(1, Math.ceil(found.length / CLOUD_PAGE)) : 1 + Math.floor(found.length / CLOUD_PAGE),
          name,
        );
        return found;
      },
      findOne: (query, options) => (counter.add('find', 1, name), inner.findOne(query, options)),
      count: (query) => (counter.add('count', 1, name), inner.count(query)),
      insert: (doc) => (counter.add('insert', 1, name), inner.insert(doc)),
      update: (query, update) => (counter.add('update', 1, name), inner.update(query, update)),
      remove: (query) => (counter.add('remove', 1, name), inner.remove(query)),
    };
  };
  return {
    collection,
    transaction: <R>(fn: (tx: RawTx) => Promise<R>) =>
      db.transaction((tx) => {
        counter.add('tx', 2, 'start+commit');
        const counted: RawTx = {
          get: (c, id) => (counter.add('tx', 1, `get ${c}`), tx.get(c, id)),
          set: (c, doc) => (counter.add('tx', 1, `set ${c}`), tx.set(c, doc)),
          update: (c, id, u) => (counter.add('tx', 1, `update ${c}`), tx.update(c, id, u)),
          remove: (c, id) => (counter.add('tx', 1, `remove ${c}`), tx.remove(c, id)),
        };
        return fn(counted);
      }),
    close: () => db.close(),
  };
}
