import Database from 'better-sqlite3';
import { compileOptions, compileQuery, fieldExpr } from '../../cloudfunctions/core/adapters/sqlite/sql';
import type { FindOptions, Query } from '../../cloudfunctions/core/ports/db';

const j = (path: string) => `json_extract(doc, '$.${path}')`;
const t = (path: string) => `json_type(doc, '$.${path}')`;

describe('SQLite query compilation', () => {
  describe('fieldExpr', () => {
    it('maps _id to its column and other paths to json_extract', () => {
      expect(fieldExpr('_id')).toBe('_id');
      expect(fieldExpr('stock')).toBe(j('stock'));
      expect(fieldExpr('nested.v_2')).toBe(j('nested.v_2'));
    });

    it.each(["a'b", 'a..b', '.a', 'a.', '1a', 'a b', 'a-b', 'a[0]', '$.a', ''])('refuses %j', (path) => {
      expect(() => fieldExpr(path)).toThrow('invalid field path');
    });
  });

  describe('compileQuery', () => {
    const cases: Array<[string, Query, string, Array<string | number | null>]> = [
      ['empty', {}, '1', []],
      ['equality', { tag: 'x' }, `(${j('tag')} = ?)`, ['x']],
      ['booleans compare by JSON type', { a: true, b: false }, `(${t('a')} = 'true') AND (${t('b')} = 'false')`, []],
      ['a number equals only a number', { n: 1 }, `((${j('n')} = ? AND ${t('n')} IN ('integer', 'real')))`, [1]],
      ['null is IS NULL', { tag: null }, `(${j('tag')} IS NULL)`, []],
      ['$eq null', { tag: { $eq: null } }, `(${j('tag')} IS NULL)`, []],
      ['$ne value keeps null and missing', { tag: { $ne: 'x' } }, `(NOT COALESCE(${j('tag')} = ?, 0))`, ['x']],
      ['$ne null', { tag: { $ne: null } }, `(${j('tag')} IS NOT NULL)`, []],
      ['comparisons ANDed on one field', { n: { $gte: 1, $lt: 5 } }, `(${j('n')} >= ? AND ${j('n')} < ?)`, [1, 5]],
      ['$in', { n: { $in: [1, 2] } }, `(${j('n')} IN (?,?))`, [1, 2]],
      ['$in with null', { n: { $in: [1, null] } }, `((${j('n')} IN (?) OR ${j('n')} IS NULL))`, [1]],
      ['$in empty', { n: { $in: [] } }, '(0)', []],
      ['$nin keeps missing', { n: { $nin: [1] } }, `(NOT COALESCE(${j('n')} IN (?), 0))`, [1]],
      ['$nin empty', { n: { $nin: [] } }, '(NOT 0)', []],
      ['$contains folds the case of both sides', { s: { $contains: 'AbÉ' } }, `(instr(fold_case(${j('s')}), ?) > 0)`, ['abé']],
      ['_id uses the column', { _id: 'a' }, '(_id = ?)', ['a']],
      ['undefined conditions are skipped', { a: undefined, b: 'x' }, `(${j('b')} = ?)`, ['x']],
      ['an empty operator object matches everything', { a: {} }, '(1)', []],
      ['$and nests', { a: 'x', $and: [{ b: 'y' }, { c: { $gt: 3 } }] }, `(${j('a')} = ?) AND ((${j('b')} = ?)) AND ((${j('c')} > ?))`, ['x', 'y', 3]],
    ];
    it.each(cases)('%s', (_what, query, sql, params) => {
      expect(compileQuery(query)).toEqual({ sql, params });
    });

    it('never puts values into the SQL text', () => {
      const { sql, params } = compileQuery({ s: "x'); DROP TABLE t; --", n: { $in: ["'", '"'] } });
      expect(sql).not.toContain('DROP');
      expect(params).toEqual(["x'); DROP TABLE t; --", "'", '"']);
    });

    it('refuses unknown operators and bad paths', () => {
      expect(() => compileQuery({ a: { $regex: 'x' } as never })).toThrow('unsupported operator $regex');
      expect(() => compileQuery({ $or: [] } as never)).toThrow('invalid field path');
    });
  });

  describe('compileOptions', () => {
    const cases: Array<[string, FindOptions | undefined, string]> = [
      ['no options orders by _id', undefined, ' ORDER BY _id ASC'],
      ['sort fields then _id', { sort: [['n', 'desc'], ['s', 'asc']] }, ` ORDER BY ${j('n')} DESC, ${j('s')} ASC, _id ASC`],
      ['limit', { limit: 5 }, ' ORDER BY _id ASC LIMIT 5'],
      ['limit and skip', { limit: 5, skip: 10 }, ' ORDER BY _id ASC LIMIT 5 OFFSET 10'],
      ['skip alone means no limit', { skip: 3 }, ' ORDER BY _id ASC LIMIT -1 OFFSET 3'],
      ['fractions are floored, negatives clamped', { limit: 2.7, skip: -4 }, ' ORDER BY _id ASC LIMIT 2 OFFSET 0'],
      ['limit zero', { limit: 0 }, ' ORDER BY _id ASC LIMIT 0'],
    ];
    it.each(cases)('%s', (_what, options, sql) => {
      expect(compileOptions(options)).toBe(sql);
    });
  });

  it('compiled SQL runs on SQLite and selects what it says', () => {
    const raw = new Database(':memory:');
    raw.exec('CREATE TABLE t (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO t VALUES (?, ?)');
    insert.run('a', JSON.stringify({ n: 1, on: true }));
    insert.run('b', JSON.stringify({ n: 2, on: false }));
    insert.run('c', JSON.stringify({ n: 3 }));
    const { sql, params } = compileQuery({ on: { $ne: true }, n: { $gte: 2 } });
    const rows = raw.prepare(`SELECT _id FROM t WHERE ${sql}${compileOptions({ sort: [['n', 'desc']] })}`).all(...params);
    expect(rows).toEqual([{ _id: 'c' }, { _id: 'b' }]);
    raw.close();
  });
});
