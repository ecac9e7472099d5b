import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDb } from '../../cloudfunctions/core/adapters/sqlite/db';
import { CONTRACT_COLLECTION, dbContract } from './db.contract';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'db-contract-')), 'contract.db');

dbContract('SQLite', async () => {
  const file = tempFile();
  const db = new SqliteDb(file, [CONTRACT_COLLECTION]);
  return {
    db,
    close: async () => {
      await db.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
});

describe('SqliteDb beyond the contract', () => {
  let file: string;
  let db: SqliteDb;
  beforeEach(() => {
    file = tempFile();
    db = new SqliteDb(file, [CONTRACT_COLLECTION]);
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('refuses a collection that is not declared', () => {
    expect(() => db.collection('users')).toThrow('undeclared collection: users');
  });

  it('refuses field paths that are not plain dotted names, so nothing reaches the SQL text', async () => {
    const items = db.collection(CONTRACT_COLLECTION.name);
    await expect(items.find({ "n') OR 1=1 --": 1 })).rejects.toThrow('invalid field path');
    await expect(items.find({}, { sort: [['n; DROP TABLE c_contract_items', 'asc']] })).rejects.toThrow('invalid field path');
    await expect(items.find({ $or: [] } as never)).rejects.toThrow('invalid field path');
  });

  it('refuses an unknown operator', async () => {
    await expect(db.collection(CONTRACT_COLLECTION.name).find({ n: { $regex: 'x' } as never })).rejects.toThrow('unsupported operator $regex');
  });

  it('keeps documents across a reopen of the same file, in WAL mode', async () => {
    await db.collection<{ _id: string; n: number }>(CONTRACT_COLLECTION.name).insert({ _id: 'kept', n: 1 });
    await db.close();
    db = new SqliteDb(file, [CONTRACT_COLLECTION]);
    expect(await db.collection(CONTRACT_COLLECTION.name).get('kept')).toEqual({ _id: 'kept', n: 1 });
    expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses a document without a string _id', async () => {
    await expect(db.collection(CONTRACT_COLLECTION.name).insert({ _id: '' })).rejects.toThrow('_id must be a non-empty string');
  });

  it('holds plain statements back while another caller’s transaction is open', async () => {
    const items = db.collection<{ _id: string; n: number }>(CONTRACT_COLLECTION.name);
    await items.insert({ _id: 'c', n: 0 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const tx = db.transaction(async (t) => {
      await t.set(CONTRACT_COLLECTION.name, { _id: 'c', n: 1 });
      await gate;
      await t.set(CONTRACT_COLLECTION.name, { _id: 'c', n: 2 });
    });
    const outside = items.get('c').then((d) => seen.push(d!.n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    release();
    await Promise.all([tx, outside]);
    expect(seen).toEqual([2]);
  });

  it('a transaction nested in another joins it and rolls back with it', async () => {
    const attempt = db.transaction(async (outer) => {
      await outer.set(CONTRACT_COLLECTION.name, { _id: 'o', n: 1 });
      await db.transaction((inner) => inner.set(CONTRACT_COLLECTION.name, { _id: 'i', n: 1 }));
      throw new Error('undo both');
    });
    await expect(attempt).rejects.toThrow('undo both');
    expect(await db.collection(CONTRACT_COLLECTION.name).count({})).toBe(0);
  });
});
