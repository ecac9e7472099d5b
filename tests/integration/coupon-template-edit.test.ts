import type { StaffCouponTemplate } from '../../typings/contract/coupons';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const DAY = 86_400_000;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

async function template(rt: TestRuntime, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', {
    title: '改券测试 10 元券',
    kind: 'no_threshold',
    valueFen: 1000,
    totalStock: 5,
    perUserLimit: 1,
    validDays: 7,
    ...extra,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.templateId;
}
const update = (rt: TestRuntime, data: Record<string, unknown>, openid = 'demo-staff') => rt.as(openid)<StaffCouponTemplate>('admin', 'updateCouponTemplate', data);
const claim = (rt: TestRuntime, openid: string, templateId: string) => rt.as(openid)<{ couponId: string }>('coupons', 'claim', { templateId });

describe('editing a coupon template', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('renames it, raises its stock and limit; coupons already claimed keep their name, new claims get the new one', async () => {
    const id = await template(rt);
    expect(codeOf(await claim(rt, 'fan-1', id))).toBe('ok');
    const r = await update(rt, { templateId: id, title: '改名后的 10 元券', totalStock: 50, perUserLimit: 2 });
    expect(r).toMatchObject({ ok: true, data: { templateId: id, title: '改名后的 10 元券', totalStock: 50, perUserLimit: 2, issued: 1 } });
    expect(codeOf(await claim(rt, 'fan-1', id))).toBe('ok');
    const coupons = await rt.db.collection('coupons').find({ templateId: id }, { sort: [['createdAt', 'asc']] });
    expect(coupons.map((c) => c.title).sort()).toEqual(['改名后的 10 元券', '改券测试 10 元券'].sort());
    const audit = await rt.db.collection('audit').find({ action: 'updateCouponTemplate' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { title: '改券测试 10 元券', totalStock: 5, perUserLimit: 1 }, after: { title: '改名后的 10 元券', totalStock: 50, perUserLimit: 2 } });
  });

  it('never takes the stock below what is issued; lowering to exactly that ends claims', async () => {
    const id = await template(rt);
    for (const fan of ['fan-1', 'fan-2', 'fan-3']) expect(codeOf(await claim(rt, fan, id))).toBe('ok');
    expect(await update(rt, { templateId: id, totalStock: 2 })).toMatchObject({ ok: false, error: { code: 'COUPON_TEMPLATE_INVALID', field: 'totalStock' } });
    expect((await rt.db.collection('coupon_templates').get(id))?.totalStock).toBe(5);
    expect(codeOf(await update(rt, { templateId: id, totalStock: 3 }))).toBe('ok');
    expect(codeOf(await claim(rt, 'fan-4', id))).toBe('COUPON_SOLD_OUT');
  });

  it('moves the end of claiming within the rules, or takes it away', async () => {
    const id = await template(rt, { claimStart: rt.clock.now() + DAY, claimEnd: rt.clock.now() + 3 * DAY });
    expect(await update(rt, { templateId: id, claimEnd: rt.clock.now() - 1 })).toMatchObject({ ok: false, error: { field: 'claimEnd' } });
    expect(await update(rt, { templateId: id, claimEnd: rt.clock.now() + DAY })).toMatchObject({ ok: false, error: { field: 'claimEnd' } });
    expect(await update(rt, { templateId: id, claimEnd: rt.clock.now() + 10 * DAY })).toMatchObject({ ok: true, data: { claimEnd: rt.clock.now() + 10 * DAY } });
    expect(await update(rt, { templateId: id, claimEnd: null })).toMatchObject({ ok: true, data: { claimEnd: null } });
    const fixed = await template(rt, { validDays: undefined, validTo: rt.clock.now() + 5 * DAY });
    expect(await update(rt, { templateId: fixed, claimEnd: rt.clock.now() + 6 * DAY })).toMatchObject({ ok: false, error: { field: 'claimEnd' } });
    expect(await update(rt, { templateId: fixed, claimEnd: null })).toMatchObject({ ok: false, error: { field: 'claimEnd' } });
  });

  it('refuses what may not change, an empty edit and an unknown template', async () => {
    const id = await template(rt);
    for (const field of [{ valueFen: 2000 }, { kind: 'threshold' }, { liveId: 'live-tonight' }, { eligibility: 'viewers' }, { validDays: 30 }]) {
      expect(codeOf(await update(rt, { templateId: id, ...field }))).toBe('INVALID_INPUT');
    }
    expect(await update(rt, { templateId: id })).toMatchObject({ ok: false, error: { code: 'COUPON_TEMPLATE_INVALID' } });
    expect(codeOf(await update(rt, { templateId: 'no-such', title: 'x' }))).toBe('COUPON_NOT_FOUND');
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    expect(codeOf(await update(rt, { templateId: id, title: 'x' }, 'cs-1'))).toBe('FORBIDDEN');
  });
});

describe.each(CONCURRENCY_DBS)('stock edits racing claims (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('claims and a stock cut at once never issue more than the stock', async () => {
    const id = await template(rt, { totalStock: 30 });
    const fans = Array.from({ length: 30 }, (_, i) => `racer-${i}`);
    const results = await Promise.all([
      ...fans.map((f) => claim(rt, f, id).then(codeOf)),
      (async () => {
        for (let cut = 25; cut >= 10; cut -= 5) await update(rt, { templateId: id, totalStock: cut });
        return 'cuts';
      })(),
    ]);
    const t = (await rt.db.collection('coupon_templates').get(id))!;
    const issued = await rt.db.collection('coupons').count({ templateId: id });
    expect(t.issued).toBe(issued);
    expect(issued).toBeLessThanOrEqual(t.totalStock);
    expect(results.filter((r) => r === 'ok')).toHaveLength(issued);
  }, 60_000);
});
