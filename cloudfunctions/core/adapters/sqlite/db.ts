import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BaseDoc, Collection, FindOptions, Query, RawDb, RawTx as Tx, Update } from '../../ports/db';
import { DuplicateKeyError } from '../../ports/db';
import { applyUpdate } from '../../kernel/apply-update';
import { COLLECTIONS, type TableSpec } from '../../schema/collections';
import { compileOptions, compileQuery, fieldExpr } from './sql';

/**
 * The Db port on an embedded SQLite file (better-sqlite3 12.x): one table per collection,
 * documents as JSON text, indexes as expression indexes on json_extract.
 *
 * better-sqlite3 is synchronous, so every single-statement operation is atomic within the process;
 * writes that read and then change documents run in one IMMEDIATE transaction. An async
 * `transaction()` holds a gate so no other caller's statements run inside it.
 */
export class SqliteDb implements RawDb {
  readonly raw: Database.Database;
  private readonly specs = new Map<string, TableSpec>();
  private readonly collections = new Map<string, SqliteCollection<BaseDoc>>();
  private readonly txScope = new AsyncLocalStorage<symbol>();
  private activeTx: symbol | null = null;
  private waiters: Array<() => void> = [];

  constructor(file: string, specs: TableSpec[] = COLLECTIONS) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.raw = new Database(file);
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('busy_timeout = 5000');
    // `$contains` folds case as JavaScript (and MongoDB's regex) do, beyond ASCII
    this.raw.function('fold_case', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : null));
    for (const spec of specs) this.createCollection(spec);
  }

  private createCollection(spec: TableSpec): void {
    this.specs.set(spec.name, spec);
    const table = tableName(spec.name);
    this.raw.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`);
    for (const index of spec.indexes) {
      const columns = index.fields.map(([f, d]) => `${fieldExpr(f)}${d === 'desc' ? ' DESC' : ''}`).join(', ');
      this.raw.exec(
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${table}__${index.name} ON ${table} (${columns})`,
      );
    }
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    let c = this.collections.get(name);
    if (!c) {
      if (!this.specs.has(name)) throw new Error(`undeclared collection: ${name}`);
      c = new SqliteCollection(this, name);
      this.collections.set(name, c);
    }
    return c as unknown as Collection<T>;
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, cached by its SQL text. */
  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      if (this.statements.size > 1000) this.statements.clear();
      stmt = this.raw.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Waits while another caller's transaction is open, then runs `fn` synchronously. */
  async exec<R>(fn: () => R): Promise<R> {
    while (this.activeTx && this.txScope.getStore() !== this.activeTx) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return fn();
  }

  async transaction<R>(fn: (tx: Tx) => Promise<R>): Promise<R> {
    const current = this.txScope.getStore();
    if (current && current === this.activeTx) return fn(this.txOps());
    while (this.activeTx) await new Promise<void>((resolve) => this.waiters.push(resolve));
    const token = Symbol('tx');
    this.activeTx = token;
    try {
      this.raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.txScope.run(token, () => fn(this.txOps()));
        this.raw.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.activeTx = null;
      const waiting = this.waiters;
      this.waiters = [];
      for (const wake of waiting) wake();
    }
  }

  private txOps(): Tx {
    return {
      get: <T extends BaseDoc>(c: string, id: string) => this.collection<T>(c).get(id),
      set: async <T extends BaseDoc>(c: string, doc: T) => {
        await this.exec(() => {
          const s = this.collection(c) as unknown as SqliteCollection<T>;
          s.writeRow(doc, 'upsert');
        });
      },
      update: async (c: string, id: string, update: Update) => {
        await this.collection(c).update({ _id: id }, update);
      },
      remove: async (c: string, id: string) => {
        await this.collection(c).remove({ _id: id });
      },
    };
  }

  async close(): Promise<void> {
    if (this.raw.open) this.raw.close();
  }
}

const tableName = (collection: string) => {
  if (!/^[a-z][a-z0-9_]*$/.test(collection)) throw new Error(`invalid collection name: ${collection}`);
  return `c_${collection}`;
};

/**
 * Checked by shape, not `instanceof Error`: better-sqlite3 registers its error class once per
 * process, so in another module context (a jest test file, a vm) its errors are foreign objects.
 */
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' &&
  e !== null &&
  'code' in e &&
  (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');

class SqliteCollection<T extends BaseDoc> implements Collection<T> {
  private readonly table: string;
  private readonly stmts: {
    get: Database.Statement;
    insert: Database.Statement;
    upsert: Database.Statement;
    replace: Database.Statement;
    remove: Database.Statement;
  };

  constructor(
    private readonly db: SqliteDb,
    private readonly name: string,
  ) {
    this.table = tableName(name);
    const raw = db.raw;
    this.stmts = {
      get: raw.prepare(`SELECT doc FROM ${this.table} WHERE _id = ?`),
      insert: raw.prepare(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`),
      upsert: raw.prepare(
        `INSERT INTO ${this.table} (_id, doc) VALUES (?, ?) ON CONFLICT(_id) DO UPDATE SET doc = excluded.doc`,
      ),
      replace: raw.prepare(`UPDATE ${this.table} SET doc = ? WHERE _id = ?`),
      remove: raw.prepare(`DELETE FROM ${this.table} WHERE _id = ?`),
    };
  }

  private selectSql(query: Query, options?: FindOptions, columns = 'doc') {
    const { sql, params } = compileQuery(query);
    return { sql: `SELECT ${columns} FROM ${this.table} WHERE ${sql}${compileOptions(options)}`, params };
  }

  get(id: string): Promise<T | null> {
    return this.db.exec(() => {
      const row = this.stmts.get.get(id) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as T) : null;
    });
  }

  find(query: Query, options?: FindOptions): Promise<T[]> {
    return this.db.exec(() => {
      const { sql, params } = this.selectSql(query, options);
      return (this.db.prepare(sql).all(...params) as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as T);
    });
  }

  async findOne(query: Query, options?: FindOptions): Promise<T | null> {
    const rows = await this.find(query, { ...options, limit: 1 });
    return rows[0] ?? null;
  }

  count(query: Query): Promise<number> {
    return this.db.exec(() => {
      const { sql, params } = compileQuery(query);
      const row = this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table} WHERE ${sql}`).get(...params) as {
        n: number;
      };
      return row.n;
    });
  }

  /** Writes one row; maps constraint failures to DuplicateKeyError. */
  writeRow(doc: T, mode: 'insert' | 'upsert' | 'replace'): void {
    if (typeof doc._id !== 'string' || !doc._id) throw new Error(`${this.name}: _id must be a non-empty string`);
    const json = JSON.stringify(doc);
    try {
      if (mode === 'replace') this.stmts.replace.run(json, doc._id);
      else this.stmts[mode].run(doc._id, json);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateKeyError(this.name, (e as Error).message);
      throw e;
    }
  }

  insert(doc: T): Promise<void> {
    return this.db.exec(() => this.writeRow(doc, 'insert'));
  }

  update(query: Query, update: Update): Promise<number> {
    return this.db.exec(() => {
      const { sql, params } = this.selectSql(query);
      const select = this.db.prepare(sql);
      const run = () => {
        let changed = 0;
        for (const row of select.all(...params) as Array<{ doc: string }>) {
          const next = applyUpdate(JSON.parse(row.doc) as T, update);
          if (JSON.stringify(next) === row.doc) continue;
          this.writeRow(next, 'replace');
          changed++;
        }
        return changed;
      };
      return this.db.raw.inTransaction ? run() : this.db.raw.transaction(run).immediate();
    });
  }

  remove(query: Query): Promise<number> {
    return this.db.exec(() => {
      const { sql, params } = compileQuery(query);
      return this.db.prepare(`DELETE FROM ${this.table} WHERE ${sql}`).run(...params).changes;
    });
  }
}
