import tcb from '@cloudbase/node-sdk';
import { CloudbaseDb } from '../../cloudfunctions/core/adapters/cloudbase/db';
import { CONTRACT_COLLECTION, dbContract } from './db.contract';

/**
 * The Db contract against a real CloudBase environment. Runs only when TCB_ENV,
 * TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set. The environment needs the collection
 * `contract_items` (created here when missing) with a unique index on `code`, added once in the
 * console; the suite empties that collection before each case, so use a test environment.
 */
const { TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env;
const enabled = Boolean(TCB_ENV && TENCENTCLOUD_SECRETID && TENCENTCLOUD_SECRETKEY);

if (enabled) {
  const app = tcb.init({ env: TCB_ENV, secretId: TENCENTCLOUD_SECRETID, secretKey: TENCENTCLOUD_SECRETKEY });
  beforeAll(async () => {
    console.log(`cloudbase contract: running against environment ${TCB_ENV}`);
    await Promise.resolve(app.database().createCollection(CONTRACT_COLLECTION.name)).catch(() => undefined);
  }, 30_000);
  jest.setTimeout(60_000);
  dbContract('CloudBase', async () => ({
    db: new CloudbaseDb(app, new Set([CONTRACT_COLLECTION.name])),
    close: async () => undefined,
  }));
} else {
  it('cloudbase contract skipped: TCB_ENV and credentials not set', () => {
    console.log('cloudbase contract skipped: TCB_ENV and credentials not set (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY)');
    expect(enabled).toBe(false);
  });
}
