import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { seedDemoShop } from '../seed/seed';

/**
 * Orders per second through the whole kernel (validation, identity, idempotency, pricing, atomic
 * stock decrement, order insert) on SQLite, beside the raw better-sqlite3 conditional decrement on
 * the same file in the same run. ratio = raw / kernel: how many raw decrements one order costs.
 */
const ORDERS = 5000;
const IN_FLIGHT = 64;
const STOCK = 4000;
const RAW_ITERATIONS = 50_000;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-orders-'));
  const rt = createLocalRuntime({ dbPath: path.join(dir, 'bench.db'), log: () => undefined });
  try {
    await seedDemoShop(rt.ports);
    const skus = rt.db.collection('skus');
    // the flash box's 每人限购 would stop 200 users placing 5000 orders: measured without it
    await skus.update({ _id: 'p-gift-base-1' }, { $set: { stock: STOCK }, $unset: ['perUserLimit'] });

    const users = Array.from({ length: 200 }, (_, i) => `bench-${i}`);
    const addresses = new Map<string, string>();
    for (const u of users) {
      const r = await rt.call('mall', { action: 'saveAddress', data: { userName: '压测', telNumber: '13800000000', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '1 号' } }, u);
      if (!r.ok) throw new Error(r.error.code);
      addresses.set(u, (r.data as { addressId: string }).addressId);
    }

    let next = 0;
    let ok = 0;
    let refused = 0;
    const started = process.hrtime.bigint();
    const worker = async () => {
      while (next < ORDERS) {
        const i = next++;
        const user = users[i % users.length];
        const r = await rt.call(
          'mall',
          { action: 'createOrder', data: { items: [{ skuId: 'p-gift-base-1', quantity: 1 }], addressId: addresses.get(user) }, requestId: `bench-${i}` },
          user,
        );
        if (r.ok) ok++;
        else if (r.error.code === 'OUT_OF_STOCK') refused++;
        else throw new Error(r.error.code);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const kernelSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const kernelRate = ORDERS / kernelSeconds;

    const left = (await skus.get('p-gift-base-1'))!.stock;
    const orders = await rt.db.collection('orders').count({ 'lines.0.skuId': 'p-gift-base-1', status: 'created' });
    const oversold = Math.max(0, orders - STOCK) + Math.max(0, -left);

    // raw: the same conditional decrement, straight on better-sqlite3
    const raw = rt.sqlite.raw;
    raw.prepare(`UPDATE c_skus SET doc = json_set(doc, '$.stock', ?) WHERE _id = 'p-cushion-1'`).run(RAW_ITERATIONS);
    const decrement = raw.prepare(
      `UPDATE c_skus SET doc = json_set(doc, '$.stock', json_extract(doc, '$.stock') - 1) WHERE _id = ? AND json_extract(doc, '$.stock') >= 1`,
    );
    const rawStart = process.hrtime.bigint();
    let rawTaken = 0;
    for (let i = 0; i < RAW_ITERATIONS; i++) rawTaken += decrement.run('p-cushion-1').changes;
    const rawSeconds = Number(process.hrtime.bigint() - rawStart) / 1e9;
    const rawRate = RAW_ITERATIONS / rawSeconds;

    console.log(`orders: ${ORDERS} createOrder calls, ${IN_FLIGHT} in flight, stock ${STOCK}: ${ok} created, ${refused} OUT_OF_STOCK, ${left} left`);
    console.log(`raw: ${rawTaken} conditional decrements in ${rawSeconds.toFixed(2)}s`);
    console.log(
      `orders: kernel=${kernelRate.toFixed(0)}/s raw=${rawRate.toFixed(0)}/s ratio=${(rawRate / kernelRate).toFixed(1)} oversold=${oversold}`,
    );
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
