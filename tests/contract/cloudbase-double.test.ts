import { CloudbaseDb } from '../../cloudfunctions/core/adapters/cloudbase/db';
import { doubleCollections, startCloudbaseDouble, type CloudbaseDouble } from '../../scripts/cloudbase-double/server';
import { CONTRACT_COLLECTION, dbContract } from './db.contract';

const collections = doubleCollections([CONTRACT_COLLECTION]);

for (const latencyMs of [0, 3]) {
  describe(`on the CloudBase double, ${latencyMs} ms latency`, () => {
    let double: CloudbaseDouble;
    beforeAll(async () => {
      double = await startCloudbaseDouble({ collections, latencyMs });
    });
    afterAll(() => double.close());
    jest.setTimeout(60_000);
    dbContract(`CloudBase double (${latencyMs} ms)`, async () => ({
      db: new CloudbaseDb(double.app, new Set([CONTRACT_COLLECTION.name])),
      close: async () => {
        expect(double.store.openTransactions).toBe(0);
      },
    }));
  });
}

describe('a find past one page on the CloudBase double while documents are removed between its pages', () => {
  let double: CloudbaseDouble;
  beforeAll(async () => {
    double = await startCloudbaseDouble({ collections });
  });
  afterAll(() => double.close());

  it.each([
    ['_id', 'asc'],
    ['_id', 'desc'],
    ['n', 'asc'],
    ['n', 'desc'],
  ] as const)('in %s %s order returns each document still there once, none skipped', async (field, direction) => {
    const items = new CloudbaseDb(double.app, new Set([CONTRACT_COLLECTION.name])).collection('contract_items');
    const tag = `shift-${field}-${direction}`;
    const docs = Array.from({ length: 1_100 }, (_, i) => ({ _id: `${tag}-${String(i).padStart(4, '0')}`, tag, n: i % 13 }));
    for (let i = 0; i < docs.length; i += 100) await Promise.all(docs.slice(i, i + 100).map((d) => items.insert(d)));
    // after the first page is read, 200 of its documents are removed before the next is asked for
    const find = double.store.find.bind(double.store);
    let pages = 0;
    const removed = new Set<string>();
    double.store.find = ((coll, query, options) => {
      const page = find(coll, query, options);
      if (coll === 'contract_items' && ++pages === 1) {
        for (const d of page.slice(0, 200)) removed.add(d._id);
        void double.store.remove('contract_items', { _id: { $in: [...removed] } }, { multi: true });
      }
      return page;
    }) as typeof double.store.find;
    try {
      const found = await items.find({ tag }, { sort: [[field, direction]] });
      const seen = found.map((d) => d._id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(docs.filter((d) => !removed.has(d._id) && !seen.includes(d._id)).map((d) => d._id)).toEqual([]);
      expect(pages).toBe(2);
    } finally {
      double.store.find = find;
    }
  });
});
