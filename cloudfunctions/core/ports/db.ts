/**
 * The Db port. Two adapters implement it (SQLite locally, CloudBase in the cloud) and one
 * contract suite (tests/contract/db.contract.ts) holds them to the same behaviour.
 *
 * Rules both adapters keep:
 * - documents live in named collections declared in schema/ (typed by name there), with a string `_id`;
 * - queries are equality, comparison, `$in`/`$nin`, `$ne`, `$contains` (case-insensitive substring)
 *   and `$and`; `null` matches null or missing;
 *   dotted paths reach into nested objects;
 * - `update` applies to every matching document, each atomically; its return value is how many
 *   documents changed, which is how a limited resource is taken ("stock where stock >= n");
 * - an update names each path once: the same path twice, or a path and one inside it, is refused;
 * - transactions address documents by `_id` only (all CloudBase allows inside a transaction); one
 *   that keeps conflicting with others on the same documents is retried with backoff and then given
 *   up with BusyError, having written nothing.
 */

import type { BaseDoc, CollectionDocs, CollectionName } from '../schema';

export type Scalar = string | number | boolean | null;
export type JsonValue = Scalar | JsonValue[] | { [key: string]: JsonValue };

export interface Operators {
  $eq?: Scalar;
  $ne?: Scalar;
  $gt?: number | string;
  $gte?: number | string;
  $lt?: number | string;
  $lte?: number | string;
  $in?: Scalar[];
  $nin?: Scalar[];
  /** case-insensitive substring match on a string field */
  $contains?: string;
}
export type Condition = Scalar | Operators;
export type Query = { [field: string]: Condition | Query[] | undefined; $and?: Query[] };

export type SortDirection = 'asc' | 'desc';
export interface FindOptions {
  sort?: Array<[field: string, direction: SortDirection]>;
  limit?: number;
  skip?: number;
}

export interface Update {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $unset?: string[];
  /** append to an array field (created when missing) */
  $push?: Record<string, unknown>;
}

export type { BaseDoc };

export interface Collection<T extends BaseDoc> {
  get(id: string): Promise<T | null>;
  find(query: Query, options?: FindOptions): Promise<T[]>;
  findOne(query: Query, options?: FindOptions): Promise<T | null>;
  count(query: Query): Promise<number>;
  /** throws DuplicateKeyError when `_id` or a unique key is taken */
  insert(doc: T): Promise<void>;
  /** every matching document, each atomically; returns how many changed */
  update(query: Query, update: Update): Promise<number>;
  remove(query: Query): Promise<number>;
}

/** By-id operations inside a transaction, typed by collection name. */
export interface Tx {
  get<N extends CollectionName>(collection: N, id: string): Promise<CollectionDocs[N] | null>;
  /** creates or replaces the whole document */
  set<N extends CollectionName>(collection: N, doc: CollectionDocs[N]): Promise<void>;
  update(collection: CollectionName, id: string, update: Update): Promise<void>;
  remove(collection: CollectionName, id: string): Promise<void>;
}

/** The database as the domain sees it: every collection declared in schema/, typed by its name. */
export interface Db {
  collection<N extends CollectionName>(name: N): Collection<CollectionDocs[N]>;
  /** runs `fn` atomically; a throw rolls everything back. */
  transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** By-id operations on any collection: what adapters implement (and the contract suite drives). */
export interface RawTx {
  get<T extends BaseDoc>(collection: string, id: string): Promise<T | null>;
  set<T extends BaseDoc>(collection: string, doc: T): Promise<void>;
  update(collection: string, id: string, update: Update): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
}

/** An adapter's database, untyped by name; `typedDb` gives the domain's view of it. */
export interface RawDb {
  collection<T extends BaseDoc>(name: string): Collection<T>;
  transaction<R>(fn: (tx: RawTx) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** The domain's view of an adapter: the same object, its collections typed by name. */
export const typedDb = (raw: RawDb): Db => raw as unknown as Db;

export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

export const isDuplicateKey = (e: unknown): e is DuplicateKeyError => e instanceof DuplicateKeyError;

/**
 * A transaction that kept conflicting with others on the same documents and was given up after its
 * retries: nothing of it was written. The kernel answers BUSY.
 */
export class BusyError extends Error {
  constructor(readonly attempts: number) {
    super(`transaction still conflicting after ${attempts} attempts`);
    this.name = 'BusyError';
  }
}

export const isBusy = (e: unknown): e is BusyError => e instanceof BusyError;

/**
 * Every path an update names, once: the same path under two operators, or a path and one inside it
 * (`$set: { a }` with `$inc: { 'a.b' }`), is refused as MongoDB refuses it, on every adapter.
 */
export function checkUpdatePaths(update: Update): void {
  const paths = [
    ...Object.keys(update.$set ?? {}),
    ...Object.keys(update.$inc ?? {}),
    ...(update.$unset ?? []),
    ...Object.keys(update.$push ?? {}),
  ];
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i], paths[j]];
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) throw new Error(`conflicting update paths: ${a} and ${b}`);
    }
  }
}
