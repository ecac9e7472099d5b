import type { BaseDoc, FindOptions, Query, RawDb as Db } from '../../cloudfunctions/core/ports/db';
import { DuplicateKeyError, isBusy, isDuplicateKey } from '../../cloudfunctions/core/ports/db';
import { index, uniqueWherePresent, type TableSpec } from '../../cloudfunctions/core/schema/collections';

/**
 * The Db port contract: one suite every adapter must pass (DESIGN §3). It uses its own collection,
 * `contract_items`, with a unique key on `code` where present and an index on `n`; an adapter under test is
 * given that spec (SQLite) or must have the collection and unique index created (CloudBase).
 */
export const CONTRACT_COLLECTION: TableSpec = {
  name: 'contract_items',
  indexes: [uniqueWherePresent('code'), index('n')],
};

export interface ContractDb {
  db: Db;
  close(): Promise<void>;
}

interface Item extends BaseDoc {
  n?: number;
  s?: string;
  tag?: string | null;
  flag?: boolean;
  nested?: { k?: string; v?: number; extra?: { deep: string } };
  opt?: null;
  code?: string;
  hits?: number;
  log?: unknown[];
  stock?: number;
  seen?: boolean;
}

/** Six documents covering strings, numbers, booleans, null, missing fields and nesting. */
const FIXTURE: Item[] = [
  { _id: 'a', n: 1, s: 'Alpha', tag: 'x', flag: true, nested: { k: 'p', v: 10 }, opt: null },
  { _id: 'b', n: 2, s: 'beta', tag: 'y', flag: false, nested: { k: 'q', v: 20 } },
  { _id: 'c', n: 3, s: 'Gamma ALPHA', tag: 'x', flag: true, nested: { k: 'p', v: 30 } },
  { _id: 'd', n: 3, s: 'delta', flag: false },
  { _id: 'e', n: 5, s: 'epsilon', tag: null, flag: true, nested: { k: 'r', v: 5 } },
  { _id: 'f', n: 8, s: 'Price (50% off)?', tag: 'z', flag: false, nested: { k: 'q', v: 40 } },
];

/** [what, query, ids that match] */
const QUERY_CASES: Array<[string, Query, string[]]> = [
  ['empty query matches everything', {}, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['string equality', { tag: 'x' }, ['a', 'c']],
  ['number equality', { n: 3 }, ['c', 'd']],
  ['boolean true', { flag: true }, ['a', 'c', 'e']],
  ['boolean false does not match missing', { flag: false }, ['b', 'd', 'f']],
  ['null matches null and missing', { tag: null }, ['d', 'e']],
  ['null matches a field present as null and one missing', { opt: null }, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['$eq', { n: { $eq: 2 } }, ['b']],
  ['$eq null', { tag: { $eq: null } }, ['d', 'e']],
  ['$ne matches other values, null and missing', { tag: { $ne: 'x' } }, ['b', 'd', 'e', 'f']],
  ['$ne null matches present non-null values', { tag: { $ne: null } }, ['a', 'b', 'c', 'f']],
  ['$ne boolean', { flag: { $ne: true } }, ['b', 'd', 'f']],
  ['$gt', { n: { $gt: 3 } }, ['e', 'f']],
  ['$gte', { n: { $gte: 3 } }, ['c', 'd', 'e', 'f']],
  ['$lt', { n: { $lt: 2 } }, ['a']],
  ['$lte', { n: { $lte: 2 } }, ['a', 'b']],
  ['range $gt and $lt on one field', { n: { $gt: 1, $lt: 5 } }, ['b', 'c', 'd']],
  ['string comparison is by code point', { s: { $gte: 'c' } }, ['d', 'e']],
  ['comparison never matches a missing field', { 'nested.v': { $lt: 100 } }, ['a', 'b', 'c', 'e', 'f']],
  ['$in', { tag: { $in: ['x', 'y'] } }, ['a', 'b', 'c']],
  ['$in with null matches null and missing', { tag: { $in: ['y', null] } }, ['b', 'd', 'e']],
  ['$in empty matches nothing', { tag: { $in: [] } }, []],
  ['$in on numbers', { n: { $in: [1, 5, 99] } }, ['a', 'e']],
  ['$nin matches missing', { tag: { $nin: ['x'] } }, ['b', 'd', 'e', 'f']],
  ['$nin with null excludes null and missing', { tag: { $nin: ['x', null] } }, ['b', 'f']],
  ['$nin empty matches everything', { tag: { $nin: [] } }, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['$contains is case-insensitive', { s: { $contains: 'alpha' } }, ['a', 'c']],
  ['$contains with upper case input', { s: { $contains: 'ALP' } }, ['a', 'c']],
  ['$contains treats pattern characters literally', { s: { $contains: '(50%' } }, ['f']],
  ['$contains dot is not a wildcard', { s: { $contains: '.' } }, []],
  ['$contains never matches a missing field', { 'nested.k': { $contains: 'p' } }, ['a', 'c']],
  ['dotted path equality', { 'nested.k': 'p' }, ['a', 'c']],
  ['dotted path comparison', { 'nested.v': { $gte: 20 } }, ['b', 'c', 'f']],
  ['dotted path null matches missing parent', { 'nested.k': null }, ['d']],
  ['several fields are ANDed', { tag: 'x', flag: true, n: { $gt: 1 } }, ['c']],
  ['$and', { $and: [{ tag: 'x' }, { n: { $gt: 1 } }] }, ['c']],
  ['$and beside fields', { flag: true, $and: [{ n: { $gte: 3 } }, { n: { $lte: 5 } }] }, ['c', 'e']],
  ['$and over the same field twice', { $and: [{ s: { $contains: 'a' } }, { s: { $contains: 'l' } }] }, ['a', 'c', 'd']],
  ['_id equality', { _id: 'e' }, ['e']],
  ['_id $in', { _id: { $in: ['a', 'e', 'zz'] } }, ['a', 'e']],
  ['_id $gt', { _id: { $gt: 'd' } }, ['e', 'f']],
];

const SORT_CASES: Array<[string, FindOptions, string[]]> = [
  ['number ascending, ties by _id', { sort: [['n', 'asc']] }, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['number descending, ties still by _id ascending', { sort: [['n', 'desc']] }, ['f', 'e', 'c', 'd', 'b', 'a']],
  ['boolean then number descending', { sort: [['flag', 'asc'], ['n', 'desc']] }, ['f', 'd', 'b', 'e', 'c', 'a']],
  ['boolean descending then _id descending', { sort: [['flag', 'desc'], ['_id', 'desc']] }, ['e', 'c', 'a', 'f', 'd', 'b']],
  ['strings by code point', { sort: [['s', 'asc']] }, ['a', 'c', 'f', 'b', 'd', 'e']],
  ['dotted path', { sort: [['nested.v', 'desc']], limit: 3 }, ['f', 'c', 'b']],
  ['limit', { sort: [['n', 'asc']], limit: 2 }, ['a', 'b']],
  ['skip and limit', { sort: [['n', 'asc']], skip: 2, limit: 2 }, ['c', 'd']],
  ['skip alone', { sort: [['n', 'asc']], skip: 4 }, ['e', 'f']],
  ['skip past the end', { sort: [['n', 'asc']], skip: 10 }, []],
  ['no sort orders by _id', {}, ['a', 'b', 'c', 'd', 'e', 'f']],
  ['_id descending', { sort: [['_id', 'desc']] }, ['f', 'e', 'd', 'c', 'b', 'a']],
  ['_id descending with a limit', { sort: [['_id', 'desc']], limit: 2 }, ['f', 'e']],
];

const ids = (docs: BaseDoc[]) => docs.map((d) => d._id);

async function expectDuplicate(p: Promise<unknown>): Promise<DuplicateKeyError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DuplicateKeyError);
  expect(isDuplicateKey(error)).toBe(true);
  return error as DuplicateKeyError;
}

/** Registers the Db contract for one adapter; `makeDb` gives a Db whose contract collection is empty. */
export function dbContract(name: string, makeDb: () => Promise<ContractDb>): void {
  describe(`Db contract: ${name}`, () => {
    let handle: ContractDb;
    let db: Db;
    const items = () => db.collection<Item>(CONTRACT_COLLECTION.name);
    const seed = async () => {
      for (const doc of FIXTURE) await items().insert(doc);
    };

    beforeEach(async () => {
      handle = await makeDb();
      db = handle.db;
      await items().remove({ _id: { $ne: null } });
    });
    afterEach(() => handle.close());

    describe('insert and get', () => {
      it('returns the document as inserted, with nesting, arrays, booleans and null intact', async () => {
        const doc = { _id: 'doc-1', n: 0, s: '中文 and ascii', flag: false, opt: null, nested: { k: 'p', v: -3.5 }, log: [1, 'two', { three: 3 }] };
        await items().insert(doc as Item);
        expect(await items().get('doc-1')).toEqual(doc);
      });

      it('returns null for a missing id', async () => {
        expect(await items().get('nope')).toBeNull();
      });

      it('refuses a second document with the same _id and keeps the first', async () => {
        await items().insert({ _id: 'dup', n: 1 });
        const error = await expectDuplicate(items().insert({ _id: 'dup', n: 2 }));
        expect(error.collection).toBe(CONTRACT_COLLECTION.name);
        expect(await items().get('dup')).toEqual({ _id: 'dup', n: 1 });
        expect(await items().count({})).toBe(1);
      });

      it('refuses a second document with the same unique key', async () => {
        await items().insert({ _id: 'u1', code: 'SUMMER' });
        await expectDuplicate(items().insert({ _id: 'u2', code: 'SUMMER' }));
        expect(ids(await items().find({}))).toEqual(['u1']);
      });

      it('refuses an update that would take a unique key already held, changing nothing', async () => {
        await items().insert({ _id: 'u1', code: 'A' });
        await items().insert({ _id: 'u2', code: 'B' });
        await expectDuplicate(items().update({ _id: 'u2' }, { $set: { code: 'A' } }));
        expect(await items().get('u2')).toEqual({ _id: 'u2', code: 'B' });
      });
    });

    describe('queries', () => {
      beforeEach(seed);

      it.each(QUERY_CASES)('%s', async (_what, query, expected) => {
        expect(ids(await items().find(query)).sort()).toEqual(expected);
        expect(await items().count(query)).toBe(expected.length);
      });

      it('a boolean matches only a boolean, never the number 1 or 0', async () => {
        await items().insert({ _id: 'one', flag: 1 as unknown as boolean });
        await items().insert({ _id: 'zero', flag: 0 as unknown as boolean });
        expect(ids(await items().find({ flag: true })).sort()).toEqual(['a', 'c', 'e']);
        expect(ids(await items().find({ flag: false })).sort()).toEqual(['b', 'd', 'f']);
        expect(ids(await items().find({ flag: 1 as unknown as boolean })).sort()).toEqual(['one']);
      });

      it('$contains folds case beyond ASCII', async () => {
        await items().insert({ _id: 'fr', s: 'Une école' });
        await items().insert({ _id: 'ru', s: 'ПРИВЕТ мир' });
        expect(ids(await items().find({ s: { $contains: 'ÉCOLE' } }))).toEqual(['fr']);
        expect(ids(await items().find({ s: { $contains: 'привет' } }))).toEqual(['ru']);
      });

      it('findOne returns the first match in sort order, or null', async () => {
        expect((await items().findOne({ flag: true }, { sort: [['n', 'desc']] }))?._id).toBe('e');
        expect((await items().findOne({ tag: 'x' }))?._id).toBe('a');
        expect(await items().findOne({ tag: 'nothing' })).toBeNull();
      });
    });

    describe('sort, limit and skip', () => {
      beforeEach(seed);

      it.each(SORT_CASES)('%s', async (_what, options, expected) => {
        expect(ids(await items().find({}, options))).toEqual(expected);
      });

      it('a find without a limit returns every match, past a 1,000-document page, in _id order either way', async () => {
        const many = Array.from({ length: 1_050 }, (_, i) => ({ _id: `m${String(i).padStart(4, '0')}`, n: i % 7, tag: 'many' }));
        for (let i = 0; i < many.length; i += 50) await Promise.all(many.slice(i, i + 50).map((d) => items().insert(d)));
        const all = await items().find({ tag: 'many' });
        expect(ids(all)).toEqual(many.map((d) => d._id));
        expect(ids(await items().find({ tag: 'many' }, { sort: [['_id', 'desc']] }))).toEqual(many.map((d) => d._id).reverse());
        expect(ids(await items().find({ tag: 'many' }, { sort: [['_id', 'asc']], skip: 990 }))).toEqual(many.slice(990).map((d) => d._id));
        expect(await items().find({ tag: 'many', n: 3 })).toHaveLength(many.filter((d) => d.n === 3).length);
      });

      it('a find without a limit sorted by another field returns every match past a page: null first ascending, last descending, ties by _id', async () => {
        const many = Array.from({ length: 1_050 }, (_, i) => ({ _id: `s${String(i).padStart(4, '0')}`, tag: 'sorted', ...(i % 11 === 0 ? {} : { n: i % 7 }) }));
        for (let i = 0; i < many.length; i += 50) await Promise.all(many.slice(i, i + 50).map((d) => items().insert(d)));
        const key = (d: { n?: number }) => d.n ?? null;
        const byId = (a: { _id: string }, b: { _id: string }) => (a._id < b._id ? -1 : 1);
        const nulls = many.filter((d) => key(d) === null).sort(byId);
        const valued = many.filter((d) => key(d) !== null);
        const asc = [...nulls, ...[...valued].sort((a, b) => a.n! - b.n! || byId(a, b))];
        const desc = [...[...valued].sort((a, b) => b.n! - a.n! || byId(a, b)), ...nulls];
        expect(ids(await items().find({ tag: 'sorted' }, { sort: [['n', 'asc']] }))).toEqual(asc.map((d) => d._id));
        expect(ids(await items().find({ tag: 'sorted' }, { sort: [['n', 'desc']] }))).toEqual(desc.map((d) => d._id));
        expect(ids(await items().find({ tag: 'sorted' }, { sort: [['n', 'desc']], skip: 20 }))).toEqual(desc.slice(20).map((d) => d._id));
      });

      it('applies the query before sort and paging', async () => {
        expect(ids(await items().find({ flag: false }, { sort: [['n', 'desc']], skip: 1, limit: 1 }))).toEqual(['d']);
      });
    });

    describe('update', () => {
      beforeEach(seed);

      it('$set on a nested path keeps the siblings and creates missing parents', async () => {
        expect(await items().update({ _id: 'a' }, { $set: { 'nested.v': 11, 'nested.extra.deep': 'x' } })).toBe(1);
        expect((await items().get('a'))?.nested).toEqual({ k: 'p', v: 11, extra: { deep: 'x' } });
      });

      it('$set of an object replaces it whole', async () => {
        expect(await items().update({ _id: 'a' }, { $set: { nested: { k: 'z' } } })).toBe(1);
        expect((await items().get('a'))?.nested).toEqual({ k: 'z' });
      });

      it('$inc on a missing field starts from zero', async () => {
        expect(await items().update({ _id: 'b' }, { $inc: { hits: 2 } })).toBe(1);
        expect(await items().update({ _id: 'b' }, { $inc: { hits: -1, n: 10 } })).toBe(1);
        expect(await items().get('b')).toMatchObject({ hits: 1, n: 12 });
      });

      it('$unset removes the field; unsetting it again changes nothing', async () => {
        expect(await items().update({ _id: 'a' }, { $unset: ['tag', 'nested.v'] })).toBe(1);
        const a = await items().get('a');
        expect(a).not.toHaveProperty('tag');
        expect(a?.nested).toEqual({ k: 'p' });
        expect(await items().update({ _id: 'a' }, { $unset: ['tag'] })).toBe(0);
      });

      it('$push appends, creating the array when missing', async () => {
        expect(await items().update({ _id: 'c' }, { $push: { log: 'first' } })).toBe(1);
        expect(await items().update({ _id: 'c' }, { $push: { log: { at: 2 } } })).toBe(1);
        expect((await items().get('c'))?.log).toEqual(['first', { at: 2 }]);
      });

      it('refuses an update naming one path twice or a path inside another, changing nothing', async () => {
        await expect(items().update({ _id: 'a' }, { $set: { nested: { k: 'z' } }, $inc: { 'nested.v': 1 } })).rejects.toThrow();
        await expect(items().update({ _id: 'a' }, { $set: { n: 5 }, $inc: { n: 1 } })).rejects.toThrow();
        await expect(items().update({ _id: 'a' }, { $set: { 'nested.k': 'z' }, $unset: ['nested'] })).rejects.toThrow();
        await expect(db.transaction((tx) => tx.update(CONTRACT_COLLECTION.name, 'a', { $set: { n: 5 }, $inc: { n: 1 } }))).rejects.toThrow();
        expect(await items().get('a')).toEqual(FIXTURE[0]);
      });

      it('refuses $inc of a field that holds something other than a number', async () => {
        await expect(items().update({ _id: 'a' }, { $inc: { s: 1 } })).rejects.toThrow();
        await expect(items().update({ _id: 'a' }, { $inc: { opt: 1 } })).rejects.toThrow();
        expect(await items().get('a')).toEqual(FIXTURE[0]);
      });

      it('returns how many documents changed when several match', async () => {
        expect(await items().update({ tag: 'x' }, { $set: { seen: true } })).toBe(2);
        expect(await items().count({ seen: true })).toBe(2);
      });

      it('returns 0 when setting values already held', async () => {
        expect(await items().update({ tag: 'x' }, { $set: { tag: 'x' } })).toBe(0);
        expect(await items().update({ _id: 'a' }, { $set: { n: 1, 'nested.k': 'p' } })).toBe(0);
      });

      it('returns 0 and changes nothing when the condition fails', async () => {
        expect(await items().update({ _id: 'a', n: { $gt: 100 } }, { $inc: { n: 1 } })).toBe(0);
        expect(await items().update({ _id: 'missing' }, { $set: { n: 1 } })).toBe(0);
        expect(await items().get('a')).toEqual(FIXTURE[0]);
        expect(await items().get('missing')).toBeNull();
      });

      it('when 200 callers take one unit of a stock of 37 at once, exactly 37 succeed and stock ends at zero', async () => {
        await items().insert({ _id: 'stock', stock: 37 });
        const results = await Promise.all(
          Array.from({ length: 200 }, () => items().update({ _id: 'stock', stock: { $gte: 1 } }, { $inc: { stock: -1 } })),
        );
        expect(results.filter((r) => r === 1)).toHaveLength(37);
        expect(results.filter((r) => r !== 0 && r !== 1)).toEqual([]);
        expect((await items().get('stock'))?.stock).toBe(0);
      });
    });

    describe('remove', () => {
      beforeEach(seed);

      it('removes the matching documents and returns how many', async () => {
        expect(await items().remove({ tag: 'x' })).toBe(2);
        expect(ids(await items().find({})).sort()).toEqual(['b', 'd', 'e', 'f']);
        expect(await items().remove({ tag: 'x' })).toBe(0);
        expect(await items().remove({ _id: 'e' })).toBe(1);
        expect(await items().count({})).toBe(3);
      });
    });

    describe('transactions by _id', () => {
      beforeEach(seed);

      it('commits every write and returns the function result', async () => {
        const result = await db.transaction(async (tx) => {
          const a = await tx.get<Item>(CONTRACT_COLLECTION.name, 'a');
          await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'g', n: (a?.n ?? 0) + 100 });
          await tx.update(CONTRACT_COLLECTION.name, 'a', { $inc: { n: 1 }, $set: { 'nested.k': 'tx' } });
          await tx.remove(CONTRACT_COLLECTION.name, 'b');
          return 'done';
        });
        expect(result).toBe('done');
        expect(await items().get('g')).toEqual({ _id: 'g', n: 101 });
        expect(await items().get('a')).toMatchObject({ n: 2, nested: { k: 'tx', v: 10 } });
        expect(await items().get('b')).toBeNull();
      });

      it('set replaces the whole document; get of a missing id is null', async () => {
        await db.transaction(async (tx) => {
          expect(await tx.get(CONTRACT_COLLECTION.name, 'missing')).toBeNull();
          await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'c', n: 30 });
        });
        expect(await items().get('c')).toEqual({ _id: 'c', n: 30 });
      });

      it('a throw rolls back every write and reaches the caller', async () => {
        const attempt = db.transaction(async (tx) => {
          await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'g', n: 1 });
          await tx.update(CONTRACT_COLLECTION.name, 'a', { $inc: { n: 5 } });
          await tx.remove(CONTRACT_COLLECTION.name, 'b');
          throw new Error('boom');
        });
        await expect(attempt).rejects.toThrow('boom');
        expect(await items().get('g')).toBeNull();
        expect(await items().get('a')).toEqual(FIXTURE[0]);
        expect(await items().get('b')).toEqual(FIXTURE[1]);
      });

      it('a unique key taken inside a transaction is DuplicateKeyError and the transaction writes nothing', async () => {
        await items().insert({ _id: 'u1', code: 'TAKEN' });
        await expectDuplicate(
          db.transaction(async (tx) => {
            await tx.update(CONTRACT_COLLECTION.name, 'a', { $inc: { n: 1 } });
            await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'u2', code: 'TAKEN' });
          }),
        );
        expect(await items().get('u2')).toBeNull();
        expect(await items().get('a')).toEqual(FIXTURE[0]);
      });

      it('concurrent read-modify-write transactions on one document lose no increment; one given up is BusyError and wrote nothing', async () => {
        await items().insert({ _id: 'counter', n: 0 });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 40 }, () =>
            db.transaction(async (tx) => {
              const c = await tx.get<Item>(CONTRACT_COLLECTION.name, 'counter');
              await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'counter', n: (c?.n ?? 0) + 1 });
            }),
          ),
        );
        const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(refused.filter((o) => !isBusy(o.reason))).toEqual([]);
        expect((await items().get('counter'))?.n).toBe(40 - refused.length);
        expect(40 - refused.length).toBeGreaterThan(0);
      });

      it('a few concurrent read-modify-write transactions on one document all commit, retried past their conflicts', async () => {
        await items().insert({ _id: 'counter', n: 0 });
        await Promise.all(
          Array.from({ length: 4 }, () =>
            db.transaction(async (tx) => {
              const c = await tx.get<Item>(CONTRACT_COLLECTION.name, 'counter');
              await tx.set<Item>(CONTRACT_COLLECTION.name, { _id: 'counter', n: (c?.n ?? 0) + 1 });
            }),
          ),
        );
        expect((await items().get('counter'))?.n).toBe(4);
      });

      it('concurrent $inc transactions alongside plain updates lose nothing', async () => {
        await items().insert({ _id: 'counter', n: 0 });
        await Promise.all([
          ...Array.from({ length: 20 }, () => db.transaction((tx) => tx.update(CONTRACT_COLLECTION.name, 'counter', { $inc: { n: 1 } }))),
          ...Array.from({ length: 20 }, () => items().update({ _id: 'counter' }, { $inc: { n: 1 } })),
        ]);
        expect((await items().get('counter'))?.n).toBe(40);
      });
    });
  });
}
