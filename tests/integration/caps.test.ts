import { RATE_BUDGETS } from '../../cloudfunctions/core/kernel/rate-limit';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import type { BaseDoc } from '../../cloudfunctions/core/ports';
import { crashPlan, withCrash } from '../helpers/crash';
import { wrapCollection } from '../helpers/db-proxy';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

/** Per-user caps are slots taken by one conditional update: concurrent calls never pass the cap. */
describe.each(CONCURRENCY_DBS)('per-user caps under concurrency (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  const address = (i: number) => ({
    userName: `收件人${i}`,
    telNumber: '13800001234',
    provinceName: '浙江省',
    cityName: '杭州市',
    countyName: '西湖区',
    detailInfo: `文三路 ${i} 号`,
  });

  it('40 addresses saved at once by one user → exactly 20, one default; deleting frees a slot', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => rt.as('busy')('mall', 'saveAddress', address(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : '')))).toEqual(new Set(['ADDRESS_LIMIT']));
    expect(await rt.db.collection('addresses').count({ userId: 'busy' })).toBe(20);
    const book = await rt.as('busy')<{ items: Array<{ isDefault: boolean }> }>('mall', 'listAddresses', {});
    expect(book.ok && book.data.items.filter((a) => a.isDefault)).toHaveLength(1);
    expect(book.ok && book.data.items[0].isDefault).toBe(true);
    const first = results.find((r) => r.ok);
    const addressId = first && first.ok ? (first.data as { addressId: string }).addressId : '';
    expect(await rt.as('busy')('mall', 'deleteAddress', { addressId })).toEqual({ ok: true, data: { deleted: true } });
    expect((await rt.as('busy')('mall', 'saveAddress', address(99))).ok).toBe(true);
    expect((await rt.as('busy')('mall', 'saveAddress', address(100))).ok).toBe(false);
  });

  it('57 different SKUs added to the cart at once → exactly 50 lines; ordering from the cart frees them', async () => {
    const skus = (await rt.db.collection('skus').find({ status: 'on_sale', stock: { $gte: 1 } }, { limit: 60 })).map((s) => s._id);
    expect(skus.length).toBeGreaterThan(52);
    const results = await Promise.all(skus.map((skuId) => rt.as('shopaholic')('mall', 'addToCart', { skuId, quantity: 1 })));
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : '')))).toEqual(new Set(['CART_FULL']));
    expect(await rt.db.collection('cart_items').count({ userId: 'shopaholic' })).toBe(50);
    const lines = (await rt.db.collection('cart_items').find({ userId: 'shopaholic' }, { limit: 2 })).map((l) => l.skuId);
    const saved = await rt.as('shopaholic')<{ addressId: string }>('mall', 'saveAddress', address(1));
    const ordered = await rt.as('shopaholic')('mall', 'createOrder', {
      items: lines.map((skuId) => ({ skuId, quantity: 1 })),
      addressId: saved.ok ? saved.data.addressId : '',
      fromCart: true,
    });
    expect(ordered.ok).toBe(true);
    const inCart = new Set((await rt.db.collection('cart_items').find({ userId: 'shopaholic' })).map((l) => l.skuId));
    const outside = skus.filter((s) => !inCart.has(s)).slice(0, 3);
    const refill = await Promise.all(outside.map((skuId) => rt.as('shopaholic')('mall', 'addToCart', { skuId, quantity: 1 })));
    expect(refill.filter((r) => r.ok)).toHaveLength(2);
    expect(await rt.db.collection('cart_items').count({ userId: 'shopaholic' })).toBe(50);
  });

  it('a full rate budget of questions asked at once by one viewer → exactly 5 open; answering one frees a slot', async () => {
    const burst = RATE_BUDGETS['live.ask'].limit;
    const results = await Promise.all(Array.from({ length: burst }, (_, i) => rt.as('curious')<{ questionId: string }>('live', 'ask', { liveId: TONIGHT_LIVE, text: `问题 ${i}` })));
    const asked = results.filter((r) => r.ok);
    expect(asked).toHaveLength(5);
    expect(await rt.db.collection('questions').count({ userId: 'curious', status: 'open' })).toBe(5);
    const questionId = asked[0].ok ? asked[0].data.questionId : '';
    await rt.as('demo-staff')('admin', 'markQuestion', { questionId, status: 'picked' });
    await rt.as('demo-staff')('admin', 'markQuestion', { questionId, status: 'answered', answer: '可以的' });
    rt.clock.advance(RATE_BUDGETS['live.ask'].windowMs);
    expect((await rt.as('curious')('live', 'ask', { liveId: TONIGHT_LIVE, text: '再问一个' })).ok).toBe(true);
    expect((await rt.as('curious')('live', 'ask', { liveId: TONIGHT_LIVE, text: '又一个' })).ok).toBe(false);
  });
});

describe.each([
  ['SQLite', false],
  ['the CloudBase double', true],
])('counters a crash left off by one, recounted by repairCounters (%s)', (_db, cloudbase) => {
  const used = async (rt: TestRuntime, id: string) => (await rt.db.collection('slots').get(id))?.used;

  it('a cart slot taken by a call that died before its line is given back once the counter has been still for 2 minutes', async () => {
    const plan = crashPlan(Infinity);
    const rt = await testRuntime({ cloudbase, wrapDb: (db) => withCrash(db, plan) });
    try {
      const skus = (await rt.db.collection('skus').find({ status: 'on_sale', stock: { $gte: 1 } }, { limit: 3 })).map((s) => s._id);
      expect((await rt.as('crashy')('mall', 'addToCart', { skuId: skus[0], quantity: 1 })).ok).toBe(true);
      plan.armed = true;
      plan.dieAfter = (cs) => cs.includes('slots');
      await rt.as('crashy')('mall', 'addToCart', { skuId: skus[1], quantity: 1 }).catch(() => undefined);
      plan.crashed = false;
      plan.armed = false;
      expect([await used(rt, 'cart:crashy'), await rt.db.collection('cart_items').count({ userId: 'crashy' })]).toEqual([2, 1]);
      // still moving recently: a call could be between its two writes
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: 0, fixed: 0 } });
      rt.clock.advance(3 * 60_000);
      // (the seed's own counters are checked in the same run)
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: expect.any(Number), fixed: 1 } });
      expect(await used(rt, 'cart:crashy')).toBe(1);
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: 0, fixed: 0 } });
    } finally {
      await rt.close();
    }
  });

  it('an answer that died before giving its question slot back frees it at the recount', async () => {
    const plan = crashPlan(Infinity);
    const rt = await testRuntime({ cloudbase, wrapDb: (db) => withCrash(db, plan) });
    try {
      const { startAt } = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
      rt.clock.set(startAt + 10 * 60_000);
      const asked = await rt.as('asker')<{ questionId: string }>('live', 'ask', { liveId: TONIGHT_LIVE, text: '这款粉底液适合干皮吗？' });
      if (!asked.ok) throw new Error(asked.error.code);
      const slot = `questions:${TONIGHT_LIVE}:asker`;
      plan.armed = true;
      plan.dieAfter = (cs) => cs.includes('questions');
      await rt.as('demo-staff')('admin', 'markQuestion', { questionId: asked.data.questionId, status: 'answered', answer: '适合，记得先保湿' }).catch(() => undefined);
      plan.crashed = false;
      plan.armed = false;
      expect([await used(rt, slot), await rt.db.collection('questions').count({ userId: 'asker', status: 'open' })]).toEqual([1, 0]);
      rt.clock.advance(3 * 60_000);
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: expect.any(Number), fixed: 1 } });
      expect(await used(rt, slot)).toBe(0);
    } finally {
      await rt.close();
    }
  });

  it('a counter that moves while it is recounted is left as the move made it', async () => {
    let during: (() => Promise<unknown>) | null = null;
    const rt = await testRuntime({
      cloudbase,
      wrapDb: (db) => ({
        collection: <T extends BaseDoc>(name: string) =>
          wrapCollection(db.collection<T>(name), (method, fn) =>
            name === 'cart_items' && method === 'count'
              ? async (...args) => {
                  const n = await fn(...args);
                  const move = during;
                  during = null;
                  if (move) await move();
                  return n;
                }
              : fn,
          ),
        transaction: (fn) => db.transaction(fn),
        close: () => db.close(),
      }),
    });
    try {
      const skus = (await rt.db.collection('skus').find({ status: 'on_sale', stock: { $gte: 1 } }, { limit: 3 })).map((s) => s._id);
      expect((await rt.as('mover')('mall', 'addToCart', { skuId: skus[0], quantity: 1 })).ok).toBe(true);
      // the seed's counters checked first; then this one off by one, as a crash would leave it
      rt.clock.advance(3 * 60_000);
      await rt.runTimer('mall', 'repairCounters');
      await rt.db.collection('slots').update({ _id: 'cart:mover' }, { $inc: { used: 1 }, $set: { dirty: true } });
      rt.clock.advance(3 * 60_000);
      during = () => rt.as('mover')('mall', 'addToCart', { skuId: skus[1], quantity: 1 });
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: 1, fixed: 0 } });
      expect([await used(rt, 'cart:mover'), await rt.db.collection('cart_items').count({ userId: 'mover' })]).toEqual([3, 2]);
      rt.clock.advance(3 * 60_000);
      expect(await rt.runTimer('mall', 'repairCounters')).toEqual({ ok: true, data: { checked: 1, fixed: 1 } });
      expect(await used(rt, 'cart:mover')).toBe(2);
    } finally {
      await rt.close();
    }
  });
});
