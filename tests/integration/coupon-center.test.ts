import type { ClaimableCoupon, MyCoupon } from '../../typings/contract';
import type { BaseDoc, Collection, RawDb } from '../../cloudfunctions/core/ports';
import { welcomeCouponId } from '../../cloudfunctions/core/modules/coupons/welcome';
import { TEMPLATE_199_30, TEMPLATE_20_OFF, TEMPLATE_LIVE_50, TEMPLATE_NEW_MEMBER, TEMPLATE_POWDER, TEMPLATE_WELCOME } from '../../scripts/seed/marketing';
import { DEMO_SHOPPER, TONIGHT_LIVE } from '../../scripts/seed/seed';
import { wrapCollection } from '../helpers/db-proxy';
import { createTemplate } from '../helpers/coupon-templates';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

type Result<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
type Claimable = { items: ClaimableCoupon[]; welcome: MyCoupon | null };

const codeOf = (r: Result) => (r.ok ? 'ok' : r.error.code);
const tally = (results: Result[]) => results.map(codeOf).reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

async function claimable(rt: TestRuntime, openid: string, data: Record<string, string> = {}): Promise<Claimable> {
  const r = (await rt.as(openid)<Claimable>('coupons', 'listClaimable', data)) as Result<Claimable>;
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

const row = (c: ClaimableCoupon) => [c.templateId, c.claimed, c.claimable, c.reason];

describe.each(CONCURRENCY_DBS)('the coupon centre (%s)', (_label, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('when 300 shoppers claim a 40-stock shop coupon at once, exactly 40 are issued and the list then says sold out', async () => {
    const templateId = await createTemplate(rt, { totalStock: 40 });
    const results = (await Promise.all(Array.from({ length: 300 }, (_, i) => rt.as(`rush-${i}`)('coupons', 'claim', { templateId })))) as Result[];
    expect(tally(results)).toEqual({ ok: 40, COUPON_SOLD_OUT: 260 });
    expect(await rt.db.collection('coupons').count({ templateId })).toBe(40);
    expect((await rt.db.collection('coupon_templates').get(templateId))!.issued).toBe(40);
    // one who came too late (which ones did depends on the order the claims ran in)
    const refused = results.findIndex((r) => !r.ok);
    const late = (await claimable(rt, `rush-${refused}`)).items.find((c) => c.templateId === templateId)!;
    expect([late.remaining, late.claimable, late.reason]).toEqual([0, false, 'sold_out']);
  }, 60_000);

  it('when one shopper taps claim 15 times at once on a 2-per-person coupon, they get 2', async () => {
    const templateId = await createTemplate(rt, { perUserLimit: 2 });
    const results = (await Promise.all(Array.from({ length: 15 }, () => rt.as('tapper')('coupons', 'claim', { templateId })))) as Result[];
    expect(tally(results)).toEqual({ ok: 2, COUPON_LIMIT_REACHED: 13 });
    expect(await rt.db.collection('coupons').count({ templateId, userId: 'tapper' })).toBe(2);
    expect((await rt.db.collection('coupon_claims').get(`${templateId}:tapper`))!.count).toBe(2);
    expect((await rt.db.collection('coupon_templates').get(templateId))!.issued).toBe(2);
  }, 60_000);

  it('30 first calls of a new user at once give them exactly one new-member coupon', async () => {
    const issuedBefore = (await rt.db.collection('coupon_templates').get(TEMPLATE_WELCOME))!.issued;
    const results = (await Promise.all(Array.from({ length: 30 }, () => rt.as('o-first')('mall', 'listCategories', {})))) as Result[];
    expect(tally(results)).toEqual({ ok: 30 });
    expect(await rt.db.collection('coupons').find({ userId: 'o-first' })).toEqual([
      expect.objectContaining({ _id: welcomeCouponId('o-first'), templateId: TEMPLATE_WELCOME, status: 'available', source: 'grant', grantKey: 'welcome:o-first' }),
    ]);
    expect((await rt.db.collection('coupon_templates').get(TEMPLATE_WELCOME))!.issued).toBe(issuedBefore + 1);
    expect((await rt.db.collection('coupon_claims').get(`${TEMPLATE_WELCOME}:o-first`))!.count).toBe(1);
    expect((await rt.db.collection('users').get('o-first'))!.welcome).toBe('done');
  }, 60_000);
});

describe('the coupon centre', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it("lists the shop's claimable templates — not live-only, not granted-only — and a new user's new-member coupon", async () => {
    const list = await claimable(rt, 'o-newcomer');
    const ids = list.items.map((c) => c.templateId);
    expect(ids).toEqual(expect.arrayContaining([TEMPLATE_199_30, TEMPLATE_20_OFF, TEMPLATE_POWDER]));
    for (const hidden of [TEMPLATE_LIVE_50, TEMPLATE_NEW_MEMBER, TEMPLATE_WELCOME]) expect(ids).not.toContain(hidden);
    expect(list.welcome).toEqual({
      _id: welcomeCouponId('o-newcomer'),
      templateId: TEMPLATE_WELCOME,
      title: '新人无门槛券',
      rule: { kind: 'no_threshold', valueFen: 1000 },
      scope: { productIds: [], categoryIds: [] },
      stackable: false,
      status: 'available',
      validFrom: rt.clock.now(),
      // 7 days after the first call, to the end of that Shanghai day (2026-12-01 23:59:59.999)
      validTo: Date.UTC(2026, 11, 1, 15, 59, 59, 999),
      claimedAt: rt.clock.now(),
      usedAt: null,
      orderId: null,
      source: 'grant',
    });
    // the demo shopper was a member before new-member coupons: none is given to them
    expect((await claimable(rt, DEMO_SHOPPER)).welcome).toBeNull();
    expect(await rt.db.collection('coupons').count({ userId: DEMO_SHOPPER, templateId: TEMPLATE_WELCOME })).toBe(0);
  });

  it('claims a shop coupon once per its per-user limit, and the list then says claimed', async () => {
    expect(codeOf((await rt.as('o-one')('coupons', 'claim', { templateId: TEMPLATE_20_OFF })) as Result)).toBe('ok');
    expect((await rt.as('o-one')('coupons', 'claim', { templateId: TEMPLATE_20_OFF })) as Result).toEqual({
      ok: false,
      error: { code: 'COUPON_LIMIT_REACHED', message: 'You have claimed as many of these coupons as allowed' },
    });
    const items = (await claimable(rt, 'o-one')).items;
    expect(row(items.find((c) => c.templateId === TEMPLATE_20_OFF)!)).toEqual([TEMPLATE_20_OFF, 1, false, 'limit_reached']);
    // 满199减30 allows two each
    expect(row(items.find((c) => c.templateId === TEMPLATE_199_30)!)).toEqual([TEMPLATE_199_30, 0, true, null]);
  });

  it('with productId lists only the templates whose scope covers the product', async () => {
    const lipstickOnly = await createTemplate(rt, { title: '口红专享', scope: { productIds: ['p-lipstick'] } });
    const makeup = await createTemplate(rt, { title: '彩妆专享', scope: { categoryIds: ['cat-makeup'] } });
    const powder = (await claimable(rt, 'o-hint', { productId: 'p-powder' })).items.map((c) => c.templateId);
    expect(powder).toEqual(expect.arrayContaining([TEMPLATE_POWDER, TEMPLATE_199_30, TEMPLATE_20_OFF, makeup]));
    expect(powder).not.toContain(lipstickOnly);
    const serum = (await claimable(rt, 'o-hint', { productId: 'p-serum' })).items.map((c) => c.templateId);
    expect(serum).toEqual(expect.arrayContaining([TEMPLATE_199_30, TEMPLATE_20_OFF]));
    for (const other of [TEMPLATE_POWDER, lipstickOnly, makeup]) expect(serum).not.toContain(other);
    expect((await claimable(rt, 'o-hint', { productId: 'p-powder' })).welcome).toBeNull();
  });

  it("refuses an unknown product; with a live too, lists that live's templates that cover the product", async () => {
    expect(await rt.as('o-x')('coupons', 'listClaimable', { productId: 'no-such-product' })).toEqual({
      ok: false,
      error: { code: 'PRODUCT_NOT_FOUND', message: 'Product not found', field: 'productId' },
    });
    const serumOnly = await createTemplate(rt, { title: '直播间精华专享', liveId: TONIGHT_LIVE, scope: { productIds: ['p-serum'] } });
    const inLive = async (productId: string) => (await claimable(rt, 'o-x', { liveId: TONIGHT_LIVE, productId })).items.map((c) => c.templateId).sort();
    expect(await inLive('p-serum')).toEqual([TEMPLATE_LIVE_50, serumOnly].sort());
    expect(await inLive('p-powder')).toEqual([TEMPLATE_LIVE_50]);
  });

  it('a second call, or a second visit days later, gives no second new-member coupon', async () => {
    await rt.as('o-again')('mall', 'listCategories', {});
    rt.clock.advance(3 * 24 * 3600_000);
    await rt.as('o-again')('mall', 'listCategories', {});
    await rt.as('o-again')('mall', 'listCategories', {});
    expect(await rt.db.collection('coupons').count({ userId: 'o-again' })).toBe(1);
  });
});

describe('the new-member coupon when its grant fails', () => {
  let rt: TestRuntime;
  const fault = { armed: false, failures: 0 };
  /** the next claim-counter insert fails, once, as a lost connection would */
  const failingClaims = (db: RawDb): RawDb => ({
    ...db,
    collection: <T extends BaseDoc>(name: string): Collection<T> => {
      const inner = db.collection<T>(name);
      if (name !== 'coupon_claims') return inner;
      return wrapCollection(inner, (method, fn) => async (...args) => {
        if (method === 'insert' && fault.armed) {
          fault.armed = false;
          fault.failures++;
          throw new Error('connection reset');
        }
        return fn(...args);
      });
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  });
  beforeEach(async () => {
    rt = await testRuntime({ wrapDb: failingClaims });
  });
  afterEach(() => rt.close());

  it('the first call still answers, the user stays pending, and the next call gives exactly one', async () => {
    fault.armed = true;
    expect(codeOf((await rt.as('o-unlucky')('mall', 'listCategories', {})) as Result)).toBe('ok');
    expect(fault.failures).toBe(1);
    expect((await rt.db.collection('users').get('o-unlucky'))!.welcome).toBe('pending');
    expect(await rt.db.collection('coupons').count({ userId: 'o-unlucky' })).toBe(0);

    await Promise.all([1, 2, 3].map(() => rt.as('o-unlucky')('mall', 'listCategories', {})));
    expect((await rt.db.collection('users').get('o-unlucky'))!.welcome).toBe('done');
    expect((await rt.db.collection('coupons').find({ userId: 'o-unlucky' })).map((c) => [c._id, c.status])).toEqual([[welcomeCouponId('o-unlucky'), 'available']]);
    expect((await rt.db.collection('coupon_claims').get(`${TEMPLATE_WELCOME}:o-unlucky`))!.count).toBe(1);
  });
});
