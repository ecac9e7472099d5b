import { STALE_AUDIT_INTENT_MS } from '../../cloudfunctions/core/kernel/audit';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { crashPlan, withCrash, type CrashPlan } from '../helpers/crash';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/** Bookkeeping the kernel writes around a call; everything else is the action's own effect. */
const KERNEL = new Set(['users', 'visits', 'requests', 'rate_windows', 'audit_intents', 'audit']);

const STAFF_WRITES: Array<[string, Record<string, unknown>]> = [
  ['updateSku', { skuId: 'p-serum-1', priceFen: 27900 }],
  ['adjustStock', { skuId: 'p-toner-1', mode: 'add', quantity: 5 }],
  ['setLiveState', { liveId: TONIGHT_LIVE, state: 'live' }],
  ['inviteStaff', { role: 'cs' }],
  ['createCouponTemplate', { title: '审计券', kind: 'no_threshold', valueFen: 500, totalStock: 10, perUserLimit: 1, validDays: 7 }],
  ['setReferralSettings', { promoterDailyCap: 3 }],
];

async function crashingRuntime(crashAfter: number): Promise<{ rt: TestRuntime; plan: CrashPlan }> {
  const plan = crashPlan(crashAfter);
  const rt = await testRuntime({ wrapDb: (db) => withCrash(db, plan) });
  plan.armed = true;
  return { rt, plan };
}

/** The entries the seed's owner left setting up the shop, so a test reads only its own call's. */
const seedAudit = async (rt: TestRuntime) => new Set((await rt.db.collection('audit').find({})).map((a) => a._id));

/** The process comes back: the database answers again and the repair timer runs. */
async function restart(rt: TestRuntime, plan: CrashPlan) {
  plan.crashed = false;
  plan.armed = false;
  rt.clock.advance(STALE_AUDIT_INTENT_MS + 1);
  expect(await rt.runTimer('admin', 'repairAudits')).toMatchObject({ ok: true });
}

describe.each(STAFF_WRITES)('a staff write (admin.%s) killed after each of its writes', (action, input) => {
  it('leaves an audit entry for every effect that reached the database, once the repair has run', async () => {
    const clean = await crashingRuntime(Infinity);
    const setUp = await seedAudit(clean.rt);
    expect(await clean.rt.as('demo-staff')('admin', action, input)).toMatchObject({ ok: true });
    const writes = clean.plan.writes.length;
    const complete = (await clean.rt.db.collection('audit').find({ action })).filter((a) => !setUp.has(a._id));
    expect(complete.length).toBeGreaterThan(0);
    expect(complete.every((a) => a.outcome === undefined && a.actor === 'demo-staff')).toBe(true);
    expect(await clean.rt.db.collection('audit_intents').count({})).toBe(0);
    await clean.rt.close();

    for (let k = 0; k < writes; k++) {
      const { rt, plan } = await crashingRuntime(k);
      const seeded = await seedAudit(rt);
      const answer = await rt.as('demo-staff')('admin', action, input);
      expect([k, answer]).toEqual([k, { ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) }]);
      const effects = plan.writes.filter((cs) => cs.some((c) => !KERNEL.has(c)));
      await restart(rt, plan);
      const audit = (await rt.db.collection('audit').find({ action })).filter((a) => !seeded.has(a._id));
      // an effect without its audit is what must never be left behind
      if (effects.length) expect([k, audit.length > 0]).toEqual([k, true]);
      for (const entry of audit) expect(entry).toMatchObject({ actor: 'demo-staff', role: 'owner', fn: 'admin', action, input });
      expect(await rt.db.collection('audit_intents').count({})).toBe(0);
      // the repair is idempotent
      expect(await rt.runTimer('admin', 'repairAudits')).toEqual({ ok: true, data: { repaired: 0 } });
      expect((await rt.db.collection('audit').find({ action })).filter((a) => !seeded.has(a._id))).toHaveLength(audit.length);
      await rt.close();
    }
  }, 60_000);
});

describe('audit intents', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('a business refusal writes no audit and leaves no intent', async () => {
    expect(await rt.as('demo-staff')('admin', 'updateSku', { skuId: 'no-such-sku', priceFen: 100 })).toMatchObject({ ok: false, error: { code: 'SKU_NOT_FOUND' } });
    expect(await rt.db.collection('audit').count({ action: 'updateSku' })).toBe(0);
    expect(await rt.db.collection('audit_intents').count({})).toBe(0);
  });

  it('the timer leaves an intent younger than a call can take alone, and records an old one as of unknown outcome', async () => {
    const intents = rt.db.collection('audit_intents');
    const base = { actor: 'demo-staff', role: 'owner' as const, fn: 'admin', action: 'updateSku', input: { skuId: 'p-serum-1', priceFen: 1 } };
    await intents.insert({ _id: 'i-old', ...base, createdAt: rt.clock.now() - STALE_AUDIT_INTENT_MS - 1 });
    await intents.insert({ _id: 'i-new', ...base, createdAt: rt.clock.now() - 1_000 });
    expect(await rt.runTimer('admin', 'repairAudits')).toEqual({ ok: true, data: { repaired: 1 } });
    expect((await intents.find({})).map((i) => i._id)).toEqual(['i-new']);
    expect(await rt.db.collection('audit').get('i-old:0')).toEqual({
      _id: 'i-old:0',
      ...base,
      entity: 'admin',
      entityId: '',
      before: null,
      after: null,
      outcome: 'unknown',
      createdAt: rt.clock.now() - STALE_AUDIT_INTENT_MS - 1,
    });
  });
});
