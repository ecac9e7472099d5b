import { randomBytes } from 'node:crypto';
import { find as mingoFind, Query as MingoQuery, update as mingoUpdate } from 'mingo';

/**
 * The documents behind the CloudBase double, with MongoDB's semantics where CloudBase inherits them:
 * queries, sorts and update operators are evaluated by `mingo`; unique indexes count a missing
 * field as null (MongoDB's default) unless declared partial; every write is atomic per document;
 * transactions read a snapshot taken when they start, and a write of theirs conflicts with another
 * open transaction's write to the same document or with any write committed since their snapshot.
 * A write outside a transaction to a document an open transaction has written waits for it to end.
 */

export type Doc = { _id: string } & Record<string, unknown>;

export interface DoubleIndex {
  name: string;
  fields: string[];
  /** counted only on documents that have every field (a partialFilterExpression of `$exists`) */
  partial?: boolean;
}
export interface DoubleCollection {
  name: string;
  unique: DoubleIndex[];
}

/** An error the service answers with: `code` as CloudBase sends it. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const CODES = {
  duplicate: 'DATABASE_DUPLICATE_WRITE',
  conflict: 'DATABASE_TRANSACTION_CONFLICT',
  noCollection: 'DATABASE_COLLECTION_NOT_EXIST',
  failed: 'DATABASE_REQUEST_FAILED',
  badParam: 'INVALID_PARAM',
  noTransaction: 'DATABASE_TRANSACTION_FAIL',
} as const;

interface Version {
  at: number;
  doc: Doc | null;
}
interface Tx {
  id: string;
  snapshot: number;
  writes: Map<string, { coll: string; id: string; doc: Doc | null }>;
}

const key = (coll: string, id: string) => `${coll}\u0000${id}`;
const clone = <T>(v: T): T => structuredClone(v);
const has = (doc: Doc, path: string): boolean => {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
};
const valueAt = (doc: Doc, path: string): unknown => {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined ? null : cur;
};

const UPDATE_OPERATORS = new Set(['$set', '$inc', '$unset', '$push', '$pull', '$addToSet', '$pop', '$mul', '$min', '$max', '$rename']);

/** MongoDB refuses one update naming the same path twice, or a path and one inside it. */
function checkPaths(update: Record<string, Record<string, unknown>>): void {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) throw new ServiceError(CODES.failed, `Unknown modifier: ${op}`);
    for (const path of Object.keys(fields)) {
      if (path === '_id') throw new ServiceError(CODES.failed, "Performing an update on the path '_id' would modify the immutable field '_id'");
      for (const other of paths) {
        if (other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
          throw new ServiceError(CODES.failed, `Updating the path '${path}' would create a conflict at '${other.length < path.length ? other : path}'`);
        }
      }
      paths.push(path);
    }
  }
}

function checkIncrements(doc: Doc, inc: Record<string, unknown> | undefined): void {
  for (const [path, by] of Object.entries(inc ?? {})) {
    if (typeof by !== 'number') throw new ServiceError(CODES.failed, `Cannot increment with non-numeric argument: {${path}: ${JSON.stringify(by)}}`);
    const current = has(doc, path) ? valueAt(doc, path) : 0;
    if (typeof current !== 'number') throw new ServiceError(CODES.failed, `Cannot apply $inc to a value of non-numeric type. {_id: "${doc._id}"} has the field '${path}' of non-numeric type`);
  }
}

function checkPushes(doc: Doc, push: Record<string, unknown> | undefined): void {
  for (const path of Object.keys(push ?? {})) {
    if (has(doc, path) && !Array.isArray(valueAt(doc, path))) {
      throw new ServiceError(CODES.failed, `The field '${path}' must be an array but is of another type in document {_id: "${doc._id}"}`);
    }
  }
}

/** The result of applying a MongoDB update document, or null when nothing changed. */
export function applyUpdate(doc: Doc, update: Record<string, Record<string, unknown>>): Doc | null {
  checkPaths(update);
  checkIncrements(doc, update.$inc);
  checkPushes(doc, update.$push);
  const next = clone(doc);
  const changed = mingoUpdate(next, update as never, undefined, undefined, { cloneMode: 'deep' });
  return changed.length ? next : null;
}

export class DocumentStore {
  private readonly versions = new Map<string, Map<string, Version[]>>();
  private readonly uniques = new Map<string, DoubleIndex[]>();
  private readonly txs = new Map<string, Tx>();
  /** document key → id of the open transaction that wrote it */
  private readonly locks = new Map<string, string>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private clock = 0;
  /** write conflicts raised so far, by collection */
  readonly conflicts = new Map<string, number>();

  constructor(collections: DoubleCollection[]) {
    for (const c of collections) this.addCollection(c.name, c.unique);
  }

  addCollection(name: string, unique: DoubleIndex[] = []): void {
    if (!this.versions.has(name)) this.versions.set(name, new Map());
    this.uniques.set(name, unique);
  }

  private coll(name: string): Map<string, Version[]> {
    const c = this.versions.get(name);
    if (!c) throw new ServiceError(CODES.noCollection, `Db or Table not exist: ${name}`);
    return c;
  }

  private latest(coll: string, id: string): Version | undefined {
    const history = this.coll(coll).get(id);
    return history?.[history.length - 1];
  }

  private at(coll: string, id: string, snapshot: number): Doc | null {
    const history = this.coll(coll).get(id) ?? [];
    for (let i = history.length - 1; i >= 0; i--) if (history[i].at <= snapshot) return history[i].doc;
    return null;
  }

  /**
   * The documents a reader sees: committed ones, or a transaction's snapshot with its own writes;
   * with `query._id` a string, only that one can match (what MongoDB's _id index gives).
   */
  private view(coll: string, tx?: Tx, query?: Record<string, unknown>): Doc[] {
    if (query && typeof query._id === 'string') {
      const doc = this.read(coll, query._id, tx);
      return doc ? [doc] : [];
    }
    const out: Doc[] = [];
    for (const id of this.coll(coll).keys()) {
      const doc = this.read(coll, id, tx);
      if (doc) out.push(doc);
    }
    if (tx) {
      for (const w of tx.writes.values()) if (w.coll === coll && w.doc && !this.coll(coll).has(w.id)) out.push(w.doc);
    }
    return out;
  }

  private read(coll: string, id: string, tx?: Tx): Doc | null {
    if (!tx) return this.latest(coll, id)?.doc ?? null;
    const own = tx.writes.get(key(coll, id));
    if (own) return own.doc;
    return this.at(coll, id, tx.snapshot);
  }

  private tx(id: string | undefined): Tx | undefined {
    if (!id) return undefined;
    const tx = this.txs.get(id);
    if (!tx) throw new ServiceError(CODES.noTransaction, `transaction ${id} is not open (committed, aborted or unknown)`);
    return tx;
  }

  find(coll: string, query: Record<string, unknown>, options: { order?: Record<string, 1 | -1>; offset?: number; limit?: number; transactionId?: string }): Doc[] {
    const tx = this.tx(options.transactionId);
    let cursor = mingoFind(this.view(coll, tx, query), query as never);
    if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order as never);
    if (options.offset) cursor = cursor.skip(options.offset);
    cursor = cursor.limit(options.limit ?? 100);
    return (cursor.all() as Doc[]).map(clone);
  }

  count(coll: string, query: Record<string, unknown>): number {
    const q = new MingoQuery(query as never);
    return this.view(coll, undefined, query).filter((d) => q.test(d)).length;
  }

  private checkUnique(coll: string, doc: Doc, tx?: Tx): void {
    if (!this.uniques.get(coll)?.length) return;
    const others = this.view(coll, tx).filter((d) => d._id !== doc._id);
    const pending = [...this.txs.values()]
      .filter((t) => t !== tx)
      .flatMap((t) => [...t.writes.values()].filter((w) => w.coll === coll && w.doc && w.id !== doc._id).map((w) => w.doc as Doc));
    for (const index of this.uniques.get(coll) ?? []) {
      if (index.partial && !index.fields.every((f) => has(doc, f))) continue;
      const mine = JSON.stringify(index.fields.map((f) => valueAt(doc, f)));
      for (const other of [...others, ...pending]) {
        if (index.partial && !index.fields.every((f) => has(other, f))) continue;
        if (JSON.stringify(index.fields.map((f) => valueAt(other, f))) === mine) {
          const dup = index.fields.map((f) => `${f}: ${JSON.stringify(valueAt(doc, f))}`).join(', ');
          throw new ServiceError(CODES.duplicate, `E11000 duplicate key error collection: ${coll} index: ${index.name} dup key: { ${dup} }`);
        }
      }
    }
  }

  /** Waits while an open transaction holds the document. */
  private async unlocked(coll: string, id: string): Promise<void> {
    const k = key(coll, id);
    while (this.locks.has(k)) {
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(k) ?? [];
        list.push(resolve);
        this.waiters.set(k, list);
      });
    }
  }

  private commitOne(coll: string, id: string, doc: Doc | null): void {
    const c = this.coll(coll);
    const history = c.get(id) ?? [];
    history.push({ at: ++this.clock, doc });
    const oldest = Math.min(...[...this.txs.values()].map((t) => t.snapshot), this.clock);
    while (history.length > 1 && history[1].at <= oldest) history.shift();
    if (history.length === 1 && history[0].doc === null && !this.txs.size) c.delete(id);
    else c.set(id, history);
  }

  /** A write inside a transaction: conflicts end the transaction, as MongoDB's WriteConflict does. */
  private txWrite(tx: Tx, coll: string, id: string, doc: Doc | null): void {
    const k = key(coll, id);
    const holder = this.locks.get(k);
    const committed = this.latest(coll, id);
    if ((holder && holder !== tx.id) || (committed && committed.at > tx.snapshot)) {
      this.conflicts.set(coll, (this.conflicts.get(coll) ?? 0) + 1);
      this.end(tx);
      throw new ServiceError(CODES.conflict, 'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.');
    }
    if (doc) {
      try {
        this.checkUnique(coll, doc, tx);
      } catch (e) {
        this.end(tx);
        throw e;
      }
    }
    this.locks.set(k, tx.id);
    tx.writes.set(k, { coll, id, doc });
  }

  async insert(coll: string, docs: Doc[], transactionId?: string): Promise<string[]> {
    const tx = this.tx(transactionId);
    const ids: string[] = [];
    for (const raw of docs) {
      const doc = { ...raw, _id: typeof raw._id === 'string' && raw._id ? raw._id : randomBytes(16).toString('hex') } as Doc;
      const existing = this.read(coll, doc._id, tx);
      if (existing) {
        if (tx) this.end(tx);
        throw new ServiceError(CODES.duplicate, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${doc._id}" }`);
      }
      if (tx) {
        this.txWrite(tx, coll, doc._id, doc);
      } else {
        await this.unlocked(coll, doc._id);
        if (this.read(coll, doc._id)) throw new ServiceError(CODES.duplicate, `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${doc._id}" }`);
        this.checkUnique(coll, doc);
        this.commitOne(coll, doc._id, doc);
      }
      ids.push(doc._id);
    }
    return ids;
  }

  /**
   * `where(...).update()` / `doc().update()` (merge: operators) and `doc().set()` (replace, upsert).
   * Returns how many documents changed and the id an upsert created.
   */
  async modify(
    coll: string,
    query: Record<string, unknown>,
    data: Record<string, unknown>,
    options: { multi: boolean; merge: boolean; upsert: boolean; transactionId?: string },
  ): Promise<{ updated: number; upsertId?: string }> {
    const tx = this.tx(options.transactionId);
    const isOperators = Object.keys(data).length > 0 && Object.keys(data).every((k) => k.startsWith('$'));
    if (options.merge && !isOperators && Object.keys(data).length) throw new ServiceError(CODES.failed, 'an update with merge needs update operators');
    if (!options.merge && Object.keys(data).some((k) => k.startsWith('$'))) throw new ServiceError(CODES.failed, 'a replacement document cannot hold update operators');
    if (tx && typeof query._id !== 'string') throw new ServiceError(CODES.badParam, 'inside a transaction documents are addressed by _id only');
    const q = new MingoQuery(query as never);
    const targets = this.view(coll, tx, query).filter((d) => q.test(d));
    if (!options.multi) targets.splice(1);
    if (!targets.length && options.upsert && typeof query._id === 'string') {
      const doc = { ...clone(data), _id: query._id } as Doc;
      if (tx) this.txWrite(tx, coll, doc._id, doc);
      else {
        await this.unlocked(coll, doc._id);
        this.checkUnique(coll, doc);
        this.commitOne(coll, doc._id, doc);
      }
      return { updated: 0, upsertId: doc._id };
    }
    let updated = 0;
    for (const target of targets) {
      const compute = (current: Doc): Doc | null =>
        options.merge ? applyUpdate(current, data as Record<string, Record<string, unknown>>) : JSON.stringify({ ...clone(data), _id: current._id }) === JSON.stringify(current) ? null : ({ ...clone(data), _id: current._id } as Doc);
      if (tx) {
        let next: Doc | null;
        try {
          next = compute(target);
        } catch (e) {
          this.end(tx);
          throw e;
        }
        if (next) {
          this.txWrite(tx, coll, target._id, next);
          updated += 1;
        }
        continue;
      }
      await this.unlocked(coll, target._id);
      // the document may have changed while waiting: match and compute on what is there now
      const current = this.read(coll, target._id);
      if (!current || !q.test(current)) continue;
      const next = compute(current);
      if (!next) continue;
      this.checkUnique(coll, next);
      this.commitOne(coll, current._id, next);
      updated += 1;
    }
    return { updated };
  }

  async remove(coll: string, query: Record<string, unknown>, options: { multi: boolean; transactionId?: string }): Promise<number> {
    const tx = this.tx(options.transactionId);
    if (tx && typeof query._id !== 'string') throw new ServiceError(CODES.badParam, 'inside a transaction documents are addressed by _id only');
    const q = new MingoQuery(query as never);
    const targets = this.view(coll, tx, query).filter((d) => q.test(d));
    if (!options.multi) targets.splice(1);
    let deleted = 0;
    for (const target of targets) {
      if (tx) {
        this.txWrite(tx, coll, target._id, null);
        deleted += 1;
        continue;
      }
      await this.unlocked(coll, target._id);
      const current = this.read(coll, target._id);
      if (!current || !q.test(current)) continue;
      this.commitOne(coll, current._id, null);
      deleted += 1;
    }
    return deleted;
  }

  begin(): string {
    const id = randomBytes(12).toString('hex');
    this.txs.set(id, { id, snapshot: this.clock, writes: new Map() });
    return id;
  }

  commit(transactionId: string): void {
    const tx = this.tx(transactionId)!;
    const writes = [...tx.writes.values()];
    this.txs.delete(tx.id);
    for (const w of writes) this.commitOne(w.coll, w.id, w.doc);
    this.release(tx);
  }

  abort(transactionId: string): void {
    const tx = this.txs.get(transactionId);
    if (tx) this.end(tx);
  }

  private end(tx: Tx): void {
    this.txs.delete(tx.id);
    this.release(tx);
  }

  private release(tx: Tx): void {
    for (const k of tx.writes.keys()) {
      if (this.locks.get(k) !== tx.id) continue;
      this.locks.delete(k);
      const list = this.waiters.get(k) ?? [];
      this.waiters.delete(k);
      for (const wake of list) wake();
    }
  }

  /** Every committed document, by collection (a copy). */
  snapshot(): Map<string, Doc[]> {
    const out = new Map<string, Doc[]>();
    for (const [name, docs] of this.versions) {
      const list: Doc[] = [];
      for (const history of docs.values()) {
        const doc = history[history.length - 1].doc;
        if (doc) list.push(clone(doc));
      }
      out.set(name, list);
    }
    return out;
  }

  /** Replaces the contents with a snapshot's documents (no transaction may be open). */
  load(snapshot: Map<string, Doc[]>): void {
    if (this.txs.size) throw new Error('load with open transactions');
    for (const [name, list] of snapshot) {
      if (!this.versions.has(name)) this.addCollection(name);
      const docs = new Map<string, Version[]>();
      for (const doc of list) docs.set(doc._id, [{ at: this.clock, doc: clone(doc) }]);
      this.versions.set(name, docs);
    }
  }

  /** How many transactions are open (a test checks none is left behind). */
  get openTransactions(): number {
    return this.txs.size;
  }
}
