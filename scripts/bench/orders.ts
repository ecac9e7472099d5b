import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { seedDemoShop } from '../seed/seed';
import { sameOrders } from './same-effects';

/**
 * Orders per second through the whole kernel (validation, identity, idempotency, pricing, atomic
 * stock decrement, order insert) on SQLite, beside, on the same file in the same run: `same`, the
 * same reads and writes hand-written as prepared statements in one transaction per order
 * (same-effects.ts), and `raw`, the bare conditional decrement. share = kernel / same: the part of
 * the database's own speed the kernel keeps (goal ≥ 0.5); ratio = raw / kernel.
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

    const raw = rt.sqlite.raw;
    // same: what each order did to the database, without the kernel, on a second SKU
    const sameStart = process.hrtime.bigint();
    const samePlaced = sameOrders(raw, ORDERS, { users, addresses, skuId: 'p-cushion-2', productId: 'p-cushion', stock: STOCK }, () => Date.now());
    const sameSeconds = Number(process.hrtime.bigint() - sameStart) / 1e9;
    const sameRate = ORDERS / sameSeconds;

    // raw: the same conditional decrement, straight on better-sqlite3
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
    console.log(`same: ${ORDERS} orders' reads and writes in ${sameSeconds.toFixed(2)}s, ${samePlaced} placed`);
    console.log(`raw: ${rawTaken} conditional decrements in ${rawSeconds.toFixed(2)}s`);
    console.log(
      `orders: kernel=${kernelRate.toFixed(0)}/s same=${sameRate.toFixed(0)}/s raw=${rawRate.toFixed(0)}/s share=${(kernelRate / sameRate).toFixed(2)} ratio=${(rawRate / kernelRate).toFixed(1)} oversold=${oversold}`,
    );
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
