import type { TestRuntime } from './runtime';

/** A coupon template through the admin function, as staff would make it: ¥10 off, 100 of them, one each, 7 days; `over` changes any field. */
export async function createTemplate(rt: TestRuntime, over: Record<string, unknown> = {}): Promise<string> {
  const data = { title: '测试券', kind: 'no_threshold', valueFen: 1000, totalStock: 100, perUserLimit: 1, validDays: 7, ...over };
  const r = await rt.as('demo-staff')<{ templateId: string }>(
    'admin',
    'createCouponTemplate',
    Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
  );
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data.templateId;
}
