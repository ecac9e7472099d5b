import { compileOptions, compileQuery } from '../../cloudfunctions/core/adapters/sqlite/sql';
import type { FindOptions, Query, RawDb } from '../../cloudfunctions/core/ports';
import { COLLECTIONS } from '../../cloudfunctions/core/schema/collections';
import { cloudbaseIndexes } from '../../scripts/export-indexes';
import { wrapCollection } from '../helpers/db-proxy';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Each filter of the staff order list reads `orders` through an index: the queries the action
 * really sends are recorded and SQLite's planner is asked how it runs each one. The same indexes
 * are what `npm run export:indexes` hands CloudBase.
 */

interface Sent {
  query: Query;
  options?: FindOptions;
}

function recording(sent: Sent[]) {
  return (db: RawDb): RawDb =>
    new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver);
        return (name: string) => {
          const c = target.collection(name);
          if (name !== 'orders') return c;
          return wrapCollection(c, (method, fn) => async (...args) => {
            if (method === 'find') sent.push({ query: args[0] as Query, options: args[1] as FindOptions | undefined });
            return fn(...args);
          });
        };
      },
    });
}

describe('the staff order list reads orders through an index for each filter', () => {
  let rt: TestRuntime;
  const sent: Sent[] = [];
  beforeAll(async () => {
    rt = await testRuntime({ wrapDb: recording(sent) });
  });
  afterAll(() => rt.close());

  const plan = ({ query, options }: Sent): string => {
    const { sql, params } = compileQuery(query);
    const rows = rt.sqlite.raw.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM c_orders WHERE ${sql}${compileOptions(options)}`).all(...params) as Array<{ detail: string }>;
    return rows.map((r) => r.detail).join('; ');
  };

  // a page comes out of the index in order (no sort of every match to skip the first pages), but
  // for a buyer search, where only the matched buyers' own orders are sorted
  it.each([
    ['no filter', {}, 'SCAN c_orders USING INDEX c_orders__createdAt'],
    ['status', { status: 'paid' }, 'SEARCH c_orders USING INDEX c_orders__status_createdAt (<expr>=?)'],
    ['live', { liveId: 'live-past' }, 'SEARCH c_orders USING INDEX c_orders__source_liveId_createdAt (<expr>=?)'],
    ['phone tail', { phoneTail: '8000' }, 'SEARCH c_orders USING INDEX c_orders__search_phoneTail_createdAt (<expr>=?)'],
    ['buyer', { buyer: '小美' }, 'SEARCH c_orders USING INDEX c_orders__userId_createdAt (<expr>=?); USE TEMP B-TREE FOR ORDER BY'],
    ['order number', { orderId: 'demo-order-1' }, 'SEARCH c_orders USING PRIMARY KEY (_id=?)'],
    ['days', { fromDay: '2026-11-01', toDay: '2026-11-20' }, 'SEARCH c_orders USING INDEX c_orders__createdAt (<expr>>? AND <expr><?)'],
    ['status and days', { status: 'completed', fromDay: '2026-11-01' }, 'SEARCH c_orders USING INDEX c_orders__status_createdAt (<expr>=? AND <expr>>?)'],
    // a substring cannot use an index: the newest orders are read in order until the page is full
    ['product', { product: '口红' }, 'SCAN c_orders USING INDEX c_orders__createdAt'],
  ])('%s', async (_what, data, expected) => {
    sent.length = 0;
    const r = await rt.as('demo-staff')('admin', 'listAllOrders', { ...data, page: 2 });
    expect(r.ok).toBe(true);
    expect(sent).toHaveLength(1);
    expect(plan(sent[0])).toBe(expected);
  });

  it('exports the same indexes for CloudBase', () => {
    const orders = cloudbaseIndexes().find((c) => c.collection === 'orders')!;
    const keys = (name: string) => orders.indexes.find((i) => i.name === name)?.keys;
    expect([keys('status_createdAt'), keys('source_liveId_createdAt'), keys('search_phoneTail_createdAt')]).toEqual([
      [
        { name: 'status', direction: '1' },
        { name: 'createdAt', direction: '-1' },
      ],
      [
        { name: 'source.liveId', direction: '1' },
        { name: 'createdAt', direction: '-1' },
      ],
      [
        { name: 'search.phoneTail', direction: '1' },
        { name: 'createdAt', direction: '-1' },
      ],
    ]);
    expect(orders.indexes).toHaveLength(COLLECTIONS.find((c) => c.name === 'orders')!.indexes.length);
  });
});
