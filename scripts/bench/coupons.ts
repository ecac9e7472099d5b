import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { seedDemoShop } from '../seed/seed';
import { WELCOME_TEMPLATE_ID } from '../../cloudfunctions/core/modules/coupons/welcome';
import { sameClaims } from './same-effects';

/**
 * Coupon claims per second through the whole kernel (validation, identity, idempotency, claim
 * window, eligibility, per-user slot, conditional stock take, coupon insert) on SQLite, each by a
 * shopper on their first call, beside, on the same file in the same run: `same`, the same reads
 * and writes hand-written as prepared statements in one transaction per claim (same-effects.ts),
 * and `raw`, the bare conditional update (`issued < totalStock` → +1). share = kernel / same (goal
 * ≥ 0.5); ratio = raw / kernel. overissued counts coupons beyond the stock, which must be 0.
 */
const CLAIMS = 5000;
const IN_FLIGHT = 64;
const STOCK = 4000;
const RAW_ITERATIONS = 50_000;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-coupons-'));
  const rt = createLocalRuntime({ dbPath: path.join(dir, 'bench.db'), log: () => undefined });
  try {
    await seedDemoShop(rt.ports);
    const created = await rt.call(
      'admin',
      { action: 'createCouponTemplate', data: { title: '压测券', kind: 'no_threshold', valueFen: 1000, totalStock: STOCK, perUserLimit: 1, validDays: 7 } },
      'demo-staff',
    );
    if (!created.ok) throw new Error(created.error.code);
    const templateId = (created.data as { templateId: string }).templateId;

    let next = 0;
    let ok = 0;
    let refused = 0;
    const started = process.hrtime.bigint();
    const worker = async () => {
      while (next < CLAIMS) {
        const i = next++;
        const r = await rt.call('coupons', { action: 'claim', data: { templateId }, requestId: `bench-${i}` }, `bench-${i}`);
        if (r.ok) ok++;
        else if (r.error.code === 'COUPON_SOLD_OUT') refused++;
        else throw new Error(r.error.code);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const kernelSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const kernelRate = CLAIMS / kernelSeconds;

    const issued = (await rt.db.collection('coupon_templates').get(templateId))!.issued;
    const coupons = await rt.db.collection('coupons').count({ templateId });
    const overissued = Math.max(0, coupons - STOCK) + Math.max(0, issued - STOCK);

    const raw = rt.sqlite.raw;
    // same: what each claim did to the database, without the kernel, on a second template
    const second = await rt.call(
      'admin',
      { action: 'createCouponTemplate', data: { title: '压测券二', kind: 'no_threshold', valueFen: 1000, totalStock: STOCK, perUserLimit: 1, validDays: 7 } },
      'demo-staff',
    );
    if (!second.ok) throw new Error(second.error.code);
    const sameStart = process.hrtime.bigint();
    const sameIssued = sameClaims(raw, CLAIMS, { templateId: (second.data as { templateId: string }).templateId, welcomeTemplateId: WELCOME_TEMPLATE_ID, stock: STOCK }, () => Date.now());
    const sameSeconds = Number(process.hrtime.bigint() - sameStart) / 1e9;
    const sameRate = CLAIMS / sameSeconds;

    // raw: the same conditional stock take, straight on better-sqlite3, on a third template
    raw
      .prepare(`UPDATE c_coupon_templates SET doc = json_set(doc, '$.issued', 0, '$.totalStock', ?) WHERE _id = 'tpl-199-30'`)
      .run(RAW_ITERATIONS);
    const take = raw.prepare(
      `UPDATE c_coupon_templates SET doc = json_set(doc, '$.issued', json_extract(doc, '$.issued') + 1)
       WHERE _id = ? AND json_extract(doc, '$.issued') < json_extract(doc, '$.totalStock')`,
    );
    const rawStart = process.hrtime.bigint();
    let rawTaken = 0;
    for (let i = 0; i < RAW_ITERATIONS; i++) rawTaken += take.run('tpl-199-30').changes;
    const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
    const rawRate = RAW_ITERATIONS / rawSeconds;

    console.log(`coupons: ${CLAIMS} claims by ${CLAIMS} shoppers, ${IN_FLIGHT} in flight, stock ${STOCK}: ${ok} issued, ${refused} COUPON_SOLD_OUT`);
    console.log(`same: ${CLAIMS} claims' reads and writes in ${sameSeconds.toFixed(2)}s, ${sameIssued} issued`);
    console.log(`raw: ${rawTaken} conditional stock takes in ${rawSeconds.toFixed(2)}s`);
    console.log(
      `coupons: kernel=${kernelRate.toFixed(0)}/s same=${sameRate.toFixed(0)}/s raw=${rawRate.toFixed(0)}/s share=${(kernelRate / sameRate).toFixed(2)} ratio=${(rawRate / kernelRate).toFixed(1)} overissued=${overissued}`,
    );
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
