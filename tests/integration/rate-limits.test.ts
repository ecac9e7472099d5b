import fs from 'node:fs';
import path from 'node:path';
import { RATE_BUDGETS } from '../../cloudfunctions/core/kernel/rate-limit';
import { MAX_CONSENT_CREDITS } from '../../typings/contract/limits';
import { templateId as templateOf } from '../../cloudfunctions/core/modules/messaging/templates';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

type Result = { ok: true; data: unknown } | { ok: false; error: { code: string } };
const codeOf = (r: Result) => (r.ok ? 'ok' : r.error.code);
const tally = (results: Result[]) => results.map(codeOf).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

async function couponTemplate(rt: TestRuntime): Promise<string> {
  const r = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', {
    title: '限流测试券',
    kind: 'no_threshold',
    valueFen: 500,
    totalStock: 10_000,
    perUserLimit: 100,
    validDays: 7,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.templateId;
}

describe.each(CONCURRENCY_DBS)('rate limits (%s)', (_label, dbChoice) => {
  let rt: TestRuntime;
  // on the double every call is SDK round trips: a burst of 100 there, 300 on SQLite
  const BURST = dbChoice.cloudbase ? 100 : 300;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it(`a burst of ${BURST} claims from one shopper gets exactly the documented budget through; the rest RATE_LIMITED`, async () => {
    const templateId = await couponTemplate(rt);
    const budget = RATE_BUDGETS['coupons.claim'];
    const results = await Promise.all(Array.from({ length: BURST }, () => rt.as('burst')('coupons', 'claim', { templateId })));
    expect(tally(results as Result[])).toEqual({ ok: budget.limit, RATE_LIMITED: BURST - budget.limit });
    expect(await rt.db.collection('coupons').count({ templateId, userId: 'burst' })).toBe(budget.limit);
    // another shopper has their own budget; the next window opens the burster's again
    expect(codeOf((await rt.as('neighbour')('coupons', 'claim', { templateId })) as Result)).toBe('ok');
    rt.clock.advance(budget.windowMs);
    expect(codeOf((await rt.as('burst')('coupons', 'claim', { templateId })) as Result)).toBe('ok');
  }, 60_000);

  it('reservations, consents, questions, watch tracking and invite codes each stop at their budget', async () => {
    const { startAt } = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
    rt.clock.set(startAt + 10 * 60_000);
    const calls: Array<[string, string, (i: number) => unknown]> = [
      ['live', 'reserve', () => ({ liveId: TONIGHT_LIVE })],
      ['live', 'recordConsents', () => ({ consents: { [templateOf('marketing')]: 'accept' } })],
      ['live', 'ask', (i) => ({ liveId: TONIGHT_LIVE, text: `第 ${i} 个问题：这款适合油皮吗` })],
      ['live', 'track', (i) => ({ batchId: `rate-batch-${String(i).padStart(4, '0')}`, events: [{ type: 'heartbeat', liveId: TONIGHT_LIVE, at: rt.clock.now() }] })],
      ['referral', 'myCode', () => ({ liveId: TONIGHT_LIVE })],
    ];
    for (const [fn, action, data] of calls) {
      const { limit } = RATE_BUDGETS[`${fn}.${action}`];
      const results = (await Promise.all(Array.from({ length: limit + 15 }, (_, i) => rt.as(`rl-${action}`)(fn, action, data(i))))) as Result[];
      const limited = results.filter((r) => codeOf(r) === 'RATE_LIMITED').length;
      expect([`${fn}.${action}`, limited]).toEqual([`${fn}.${action}`, 15]);
    }
  }, 60_000);

  it('consents accepted at once bank one credit each, and stop at the cap', async () => {
    const template = templateOf('marketing');
    const credits = async () => (await rt.db.collection('consent_credits').find({ userId: 'eager' })).map((c) => c.credits);
    const accept = () => rt.as('eager')('live', 'recordConsents', { consents: { [template]: 'accept' } }) as Promise<Result>;
    const n = Math.min(MAX_CONSENT_CREDITS, RATE_BUDGETS['live.recordConsents'].limit);
    expect(tally(await Promise.all(Array.from({ length: n }, accept)))).toEqual({ ok: n });
    expect(await credits()).toEqual([n]);
    rt.clock.advance(RATE_BUDGETS['live.recordConsents'].windowMs);
    expect(tally(await Promise.all(Array.from({ length: 10 }, accept)))).toEqual({ ok: 10 });
    expect(await credits()).toEqual([Math.min(MAX_CONSENT_CREDITS, n + 10)]);
  }, 60_000);
});

describe('rate windows', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('are removed by the daily purge once closed, and an open one is kept', async () => {
    await rt.as('a')('referral', 'myCode', { liveId: TONIGHT_LIVE });
    await rt.as('b')('referral', 'myCode', { liveId: TONIGHT_LIVE });
    rt.clock.advance(RATE_BUDGETS['referral.myCode'].windowMs);
    await rt.as('a')('referral', 'myCode', { liveId: TONIGHT_LIVE });
    expect(await rt.db.collection('rate_windows').count({})).toBe(3);
    expect(await rt.runTimer('mall', 'purgeRequests')).toEqual({ ok: true, data: { purged: 0, rateWindows: 2, exports: 0 } });
    expect((await rt.db.collection('rate_windows').find({})).map((w) => [w._id.split(':')[1], w.count])).toEqual([['a', 1]]);
  });

  it('a retried requestId is answered without spending budget, and a refused call can be retried later', async () => {
    const { limit, windowMs } = RATE_BUDGETS['live.recordConsents'];
    const consents = { consents: { [templateOf('marketing')]: 'accept' } };
    const first = await rt.as('retrier')('live', 'recordConsents', consents, 'req-first');
    for (let i = 0; i < limit + 5; i++) expect(await rt.as('retrier')('live', 'recordConsents', consents, 'req-first')).toEqual(first);
    for (let i = 1; i < limit; i++) expect(codeOf((await rt.as('retrier')('live', 'recordConsents', consents, `req-${i}`)) as Result)).toBe('ok');
    expect(codeOf((await rt.as('retrier')('live', 'recordConsents', consents, 'req-late')) as Result)).toBe('RATE_LIMITED');
    rt.clock.advance(windowMs);
    expect(codeOf((await rt.as('retrier')('live', 'recordConsents', consents, 'req-late')) as Result)).toBe('ok');
  });

  it('docs/API.md states every budget as the server applies it', () => {
    const api = fs.readFileSync(path.join(__dirname, '../../docs/API.md'), 'utf8');
    const section = api.slice(api.indexOf('### Rate budgets'), api.indexOf('### requestId'));
    const documented: Record<string, number> = {};
    for (const [, actions, n] of section.matchAll(/^\| (`[^|]+`) \| (\d+)/gm)) {
      for (const [, key] of actions.matchAll(/`([a-z]+\.[A-Za-z]+)`/g)) documented[key] = Number(n);
    }
    expect(documented).toEqual(Object.fromEntries(Object.entries(RATE_BUDGETS).map(([k, b]) => [k, b.limit])));
    expect(new Set(Object.values(RATE_BUDGETS).map((b) => b.windowMs))).toEqual(new Set([60_000]));
  });
});

describe('consent credits', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('bank at most the cap per template however often a shopper accepts', async () => {
    const template = templateOf('marketing');
    let last: Result | undefined;
    for (let i = 0; i < MAX_CONSENT_CREDITS + 10; i++) {
      if (i % RATE_BUDGETS['live.recordConsents'].limit === 0) rt.clock.advance(60_000);
      last = (await rt.as('keen')('live', 'recordConsents', { consents: { [template]: 'accept' } })) as Result;
      expect(codeOf(last)).toBe('ok');
    }
    expect(last).toEqual({ ok: true, data: { credits: { [template]: MAX_CONSENT_CREDITS } } });
    expect((await rt.db.collection('consent_credits').find({ userId: 'keen' })).map((c) => c.credits)).toEqual([MAX_CONSENT_CREDITS]);
  });
});
