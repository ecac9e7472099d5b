import type tcb from '@cloudbase/node-sdk';
import type { BaseDoc, Collection, Condition, FindOptions, Operators, Query, RawDb, RawTx as Tx, SortDirection, Update } from '../../ports/db';
import { BusyError, DuplicateKeyError, checkUpdatePaths } from '../../ports/db';
import { COLLECTION_NAMES } from '../../schema/collections';

/**
 * The Db port on the CloudBase document database (@cloudbase/node-sdk).
 * `where(...).update(...)` is atomic per document and reports `updated`, which is what conditional
 * updates rely on; transactions use `runTransaction` with by-id document references only.
 */
type CloudApp = ReturnType<typeof tcb.init>;
type CloudDb = ReturnType<CloudApp['database']>;
type Command = CloudDb['command'];
type Ref = ReturnType<CloudDb['collection']>;

/** CloudBase returns at most 1000 documents a page. */
const PAGE = 1000;

interface CloudResult {
  code?: string;
  message?: string;
  data?: unknown[];
  total?: number;
  updated?: number;
  deleted?: number;
}

/** What CloudBase answers for a taken `_id` or unique key, and for a transaction write conflict. */
const DUPLICATE = 'DATABASE_DUPLICATE_WRITE';
const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

const codeOf = (e: unknown): string | undefined =>
  e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : e && typeof e === 'object' ? String((e as { message?: unknown }).message ?? '') : String(e));

/** The SDK throws an error carrying the service's `code` (it also returns `{ code }` when told not to throw). */
function translate(collection: string, e: unknown): unknown {
  if (codeOf(e) === DUPLICATE) return new DuplicateKeyError(collection, messageOf(e));
  return e;
}

async function guard<R extends CloudResult>(collection: string, p: Promise<R>): Promise<R> {
  let res: R;
  try {
    res = await p;
  } catch (e) {
    throw translate(collection, e);
  }
  if (res && res.code) throw translate(collection, Object.assign(new Error(`CloudBase ${collection}: ${res.code} ${res.message ?? ''}`), { code: res.code }));
  return res;
}

/** How a transaction given up by the SDK's own retries is tried again: jittered, growing waits. */
export interface TransactionRetry {
  attempts: number;
  baseMs: number;
  maxMs: number;
}
const DEFAULT_RETRY: TransactionRetry = { attempts: 8, baseMs: 5, maxMs: 200 };

const isOperators = (c: Condition): c is Operators => c !== null && typeof c === 'object';

type RegExpFactory = CloudDb['RegExp'];

export function toWhere(_: Command, regexp: RegExpFactory, query: Query): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  const ands: unknown[] = [];
  for (const [field, cond] of Object.entries(query)) {
    if (cond === undefined) continue;
    if (field === '$and') {
      for (const sub of cond as Query[]) ands.push(toWhere(_, regexp, sub));
      continue;
    }
    const c = cond as Condition;
    if (!isOperators(c)) {
      where[field] = c === null ? _.eq(null) : c;
      continue;
    }
    const parts = Object.entries(c)
      .filter(([, v]) => v !== undefined)
      .map(([op, v]) => {
        switch (op) {
          case '$eq':
            return _.eq(v);
          case '$ne':
            return _.neq(v);
          case '$gt':
            return _.gt(v);
          case '$gte':
            return _.gte(v);
          case '$lt':
            return _.lt(v);
          case '$lte':
            return _.lte(v);
          case '$in':
            return _.in(v as unknown[]);
          case '$nin':
            return _.nin(v as unknown[]);
          case '$contains':
            return regexp({ regexp: String(v).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
          default:
            throw new Error(`unsupported operator ${op}`);
        }
      });
    where[field] = parts.length === 1 ? parts[0] : _.and(...(parts as never[]));
  }
  if (ands.length) return _.and(where as never, ...(ands as never[])) as unknown as Record<string, unknown>;
  return where;
}

export function toUpdate(_: Command, update: Update): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  // `_.set` replaces objects whole; a plain object would be merged field by field.
  for (const [k, v] of Object.entries(update.$set ?? {})) data[k] = v !== null && typeof v === 'object' ? _.set(v) : v;
  for (const [k, v] of Object.entries(update.$inc ?? {})) data[k] = _.inc(v);
  for (const k of update.$unset ?? []) data[k] = _.remove();
  for (const [k, v] of Object.entries(update.$push ?? {})) data[k] = _.push([v]);
  return data;
}

const valueAt = (doc: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

/**
 * The documents after `last` in the order `field direction, _id asc`, as MongoDB sorts a field of
 * one type or null: null (or missing) first ascending, last descending.
 */
export function pastLast(_: Command, field: string, direction: SortDirection, last: Record<string, unknown>): unknown {
  const v = valueAt(last, field) ?? null;
  const tie = { [field]: _.eq(v), _id: _.gt(last._id) };
  if (v === null) return direction === 'asc' ? _.or([tie, { [field]: _.neq(null) }]) : _.or([tie]);
  return direction === 'asc' ? _.or([{ [field]: _.gt(v) }, tie]) : _.or([{ [field]: _.lt(v) }, tie, { [field]: _.eq(null) }]);
}

const strip = <T extends BaseDoc>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
};

class CloudCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    private readonly db: CloudDb,
    private readonly name: string,
  ) {}

  private where(query: Query) {
    return toWhere(this.db.command, this.db.RegExp, query);
  }

  private ref(): Ref {
    return this.db.collection(this.name);
  }

  async get(id: string): Promise<T | null> {
    const res = await guard(this.name, this.ref().where({ _id: id }).limit(1).get() as Promise<CloudResult>);
    return ((res.data ?? [])[0] as T) ?? null;
  }

  /**
   * Pages of at most 1,000. A page after the first starts past the last document read: in `_id`
   * order (no sort, or a sort on `_id` alone) past its `_id`, in the order of one other field past
   * its value and `_id` (`pastLast`), so documents written meanwhile never shift a page. A sort on
   * two fields or more pages by `skip`, whose pages can shift under concurrent writes.
   */
  async find(query: Query, options?: FindOptions): Promise<T[]> {
    const wanted = options?.limit ?? Infinity;
    const sort = options?.sort ?? [];
    const byId = sort.length === 0 || (sort.length === 1 && sort[0][0] === '_id');
    const byField = !byId && sort.length === 1;
    const descending = byId && sort[0]?.[1] === 'desc';
    const out: T[] = [];
    let skip = options?.skip ?? 0;
    let after: string | null = null;
    let last: T | null = null;
    while (out.length < wanted) {
      const paged: Query = after === null ? query : { $and: [query, { _id: descending ? { $lt: after } : { $gt: after } }] };
      const where = this.where(paged);
      const cmd = this.db.command;
      let q = this.ref().where(last ? (cmd.and(where as never, pastLast(cmd, sort[0][0], sort[0][1], last as unknown as Record<string, unknown>) as never) as never) : where);
      for (const [f, d] of sort) q = q.orderBy(f, d);
      // ties in order by _id; a sort that names _id already decides them
      if (!sort.some(([f]) => f === '_id')) q = q.orderBy('_id', 'asc');
      const take = Math.min(PAGE, wanted - out.length);
      if (skip) q = q.skip(skip);
      const res = await guard(this.name, q.limit(take).get() as Promise<CloudResult>);
      const page = (res.data ?? []) as T[];
      out.push(...page);
      if (page.length < take) break;
      if (byId) {
        after = page[page.length - 1]._id;
        skip = 0;
      } else if (byField) {
        last = page[page.length - 1];
        skip = 0;
      } else skip += page.length;
    }
    return out;
  }

  async findOne(query: Query, options?: FindOptions): Promise<T | null> {
    return (await this.find(query, { ...options, limit: 1 }))[0] ?? null;
  }

  async count(query: Query): Promise<number> {
    const res = await guard(this.name, this.ref().where(this.where(query)).count() as Promise<CloudResult>);
    return res.total ?? 0;
  }

  async insert(doc: T): Promise<void> {
    await guard(this.name, this.ref().add({ ...doc }) as Promise<CloudResult>);
  }

  async update(query: Query, update: Update): Promise<number> {
    checkUpdatePaths(update);
    const res = await guard(
      this.name,
      this.ref().where(this.where(query)).update(toUpdate(this.db.command, update)) as Promise<CloudResult>,
    );
    return res.updated ?? 0;
  }

  async remove(query: Query): Promise<number> {
    const res = await guard(this.name, this.ref().where(this.where(query)).remove() as Promise<CloudResult>);
    return res.deleted ?? 0;
  }
}

interface DocRefLike {
  get(): Promise<unknown>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  delete(): Promise<unknown>;
}
interface TransactionLike {
  collection(name: string): { doc(id: string): DocRefLike };
}

export class CloudbaseDb implements RawDb {
  private readonly db: CloudDb;

  /** `names`: the collections this Db may open (the declared ones; the contract test passes its own). */
  constructor(
    app: CloudApp,
    private readonly names: ReadonlySet<string> = COLLECTION_NAMES,
    private readonly retry: TransactionRetry = DEFAULT_RETRY,
    private readonly random: () => number = Math.random,
  ) {
    this.db = app.database();
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    if (!this.names.has(name)) throw new Error(`undeclared collection: ${name}`);
    return new CloudCollection<T>(this.db, name);
  }

  /**
   * `runTransaction` (which itself retries a conflict 3 times at once); when it still conflicts, the
   * whole function is run again after a jittered wait, up to `retry.attempts` times, then BusyError.
   */
  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(fn);
      } catch (e) {
        if (codeOf(e) !== CONFLICT) throw e;
        if (attempt >= this.retry.attempts) throw new BusyError(attempt * 4);
        const ceiling = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** attempt);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * ceiling)));
      }
    }
  }

  private async runOnce<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    const _ = this.db.command;
    return (await this.db.runTransaction(async (t: TransactionLike) => {
      const doc = (c: string, id: string) => t.collection(c).doc(id);
      const run = async <V>(c: string, p: Promise<V>): Promise<V> => {
        try {
          const res = await p;
          const code = (res as CloudResult | undefined)?.code;
          if (code) throw Object.assign(new Error(`CloudBase ${c}: ${code} ${(res as CloudResult).message ?? ''}`), { code });
          return res;
        } catch (e) {
          throw translate(c, e);
        }
      };
      const tx: Tx = {
        get: async <T extends BaseDoc>(c: string, id: string) => {
          const res = (await run(c, doc(c, id).get())) as CloudResult & { data: unknown };
          const data = Array.isArray(res.data) ? res.data[0] : res.data;
          return ((data as T | undefined) ?? null) as T | null;
        },
        set: async <T extends BaseDoc>(c: string, d: T) => {
          await run(c, doc(c, d._id).set(strip(d)));
        },
        update: async (c: string, id: string, u: Update) => {
          checkUpdatePaths(u);
          await run(c, doc(c, id).update(toUpdate(_, u)));
        },
        remove: async (c: string, id: string) => {
          await run(c, doc(c, id).delete());
        },
      };
      return fn(tx);
    })) as R;
  }

  async close(): Promise<void> {}
}
