import { COLLECTIONS } from '../../cloudfunctions/core/schema/collections';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { ADDRESS } from '../helpers/address';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/** Every document of every collection, by collection, in _id order. */
async function contents(rt: TestRuntime): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { name } of COLLECTIONS) {
    const docs = await rt.db.collection(name as never).find({}, { sort: [['_id', 'asc']] });
    out[name] = docs;
  }
  return out;
}

/** What a shopper's first steps make: an address, a reservation, an order, and the ids after them. */
async function walk(rt: TestRuntime) {
  const as = rt.as('test-runtime-shopper');
  const address = await as<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!address.ok) throw new Error(address.error.code);
  const reserve = await as('live', 'reserve', { liveId: TONIGHT_LIVE });
  const order = await as('mall', 'createOrder', { items: [{ skuId: 'p-powder-1', quantity: 1 }], addressId: address.data.addressId });
  return { address, reserve, order, ids: [rt.ports.ids.next(), rt.ports.ids.next()] };
}

describe.each([
  ['SQLite', false],
  ['the CloudBase double', true],
])('a runtime copied from the seeded demo shop (%s)', (_name, cloudbase) => {
  it('holds what a freshly seeded one holds and goes on making the same ids and records', async () => {
    const fresh = await testRuntime({ cloudbase, freshSeed: true });
    const copied = await testRuntime({ cloudbase });
    const again = await testRuntime({ cloudbase });
    try {
      expect(copied.randomUsed()).toBe(fresh.randomUsed());
      expect(copied.randomUsed()).toBeGreaterThan(0);
      const seeded = await contents(fresh);
      expect(Object.values(seeded).flat().length).toBeGreaterThan(100);
      expect(await contents(copied)).toEqual(seeded);
      const steps = await walk(fresh);
      expect(steps.order.ok).toBe(true);
      expect(await walk(copied)).toEqual(steps);
      expect(await contents(copied)).toEqual(await contents(fresh));
      // a copy is its own: the walk in one copy is not in the next
      expect(await contents(again)).toEqual(seeded);
    } finally {
      await Promise.all([fresh.close(), copied.close(), again.close()]);
    }
    // two seeds and four full reads, on the double each through the SDK
  }, 120_000);
});
