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
