import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudbaseDb } from '../../cloudfunctions/core/adapters/cloudbase/db';
import { createLocalRuntime, type LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { MINUTE } from '../../cloudfunctions/core/kernel/time';
import type { RawDb } from '../../cloudfunctions/core/ports';
import { COLLECTIONS } from '../../cloudfunctions/core/schema/collections';
import { doubleCollections, startCloudbaseDouble, type CloudbaseDouble } from '../cloudbase-double/server';
import { DEMO_STAFF, TONIGHT_LIVE, seedDemoShop } from '../seed/seed';

/**
 * `npm run bench -- hot`: a live burst on the documents it shares, all requests at once:
 * 1,000 entries into one raffle draw, 1,000 claims of a 100-stock coupon, 500 orders of one line on
 * a 100-stock SKU, then the 100 orders' payment notifications at once. Each runs on the CloudBase double (the real SDK, MongoDB transactions, 0–3 ms per
 * request) beside the same on SQLite in the same run. Printed: what was answered, by code; the
 * counts must be exact (entries = entrants, issued = 100, sold = 100), INTERNAL must be 0 and
 * BUSY (given up after the transaction retries) is the figure to bring to 0.
 */
const ENTRANTS = 1000;
const CLAIMS = 1000;
const COUPON_STOCK = 100;
const ORDERS = 500;
const SKU_STOCK = 100;
const SKU = 'p-gift-base-1';
const ADDRESS = { userName: '压测', telNumber: '13600002222', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 8 号' };

type Tally = Record<string, number>;
const tally = (codes: string[]): Tally => codes.reduce<Tally>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});
const show = (t: Tally) =>
  Object.entries(t)
    .sort()
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

async function must<T>(p: Promise<{ ok: true; data: unknown } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.code);
  return r.data as T;
}

interface Setup {
  rt: LocalRuntime;
  double?: CloudbaseDouble;
  close(): Promise<void>;
}

async function setup(onDouble: boolean): Promise<Setup> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hot-'));
  const double = onDouble ? await startCloudbaseDouble({ collections: doubleCollections(COLLECTIONS) }) : undefined;
  const rt = createLocalRuntime({
    dbPath: path.join(dir, 'bench.db'),
    log: () => undefined,
    ...(double ? { wrapDb: (): RawDb => new CloudbaseDb(double.app) } : {}),
  });
  await seedDemoShop(rt.ports);
  return {
    rt,
    double,
    close: async () => {
      await rt.close();
      await double?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Answer = { ok: boolean; data?: unknown; error?: { code: string } };

async function burst(calls: Array<() => Promise<Answer>>): Promise<{ codes: Tally; ms: number; results: Answer[] }> {
  const started = Date.now();
  const results = await Promise.all(calls.map((c) => c()));
  const ms = Date.now() - started;
  const codes = tally(results.map((r) => (r.ok ? 'ok' : r.error!.code)));
  return { codes, ms, results };
}

async function scenarios(s: Setup, latencyMs: number): Promise<string[]> {
  const { rt } = s;
  const lines: string[] = [];
  const call = (openid: string, fn: string, action: string, data: unknown, requestId?: string) =>
    rt.call(fn, { action, data, ...(requestId ? { requestId } : {}) }, openid) as Promise<Answer>;

  // raffle: entrants reserve first (not timed), then all enter at once
  const live = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
  const { raffleId } = await must<{ raffleId: string }>(
    rt.call('admin', { action: 'createRaffle', data: { liveId: TONIGHT_LIVE, kind: 'reservation', title: '压测抽奖', draw: { type: 'once', at: live.startAt - 30 * MINUTE }, prizes: [{ kind: 'points', title: '10 积分', stock: 1, points: 10 }] } }, DEMO_STAFF),
  );
  const entrants = Array.from({ length: ENTRANTS }, (_, i) => `hot-fan-${i}`);
  for (let i = 0; i < entrants.length; i += 50) await Promise.all(entrants.slice(i, i + 50).map((u) => call(u, 'live', 'reserve', { liveId: TONIGHT_LIVE })));
  // the coupon and the SKU, and every buyer's address, also before the clock starts
  const { templateId } = await must<{ templateId: string }>(
    rt.call('admin', { action: 'createCouponTemplate', data: { title: '压测券', kind: 'no_threshold', valueFen: 1000, totalStock: COUPON_STOCK, perUserLimit: 1, validDays: 7 } }, DEMO_STAFF),
  );
  await rt.db.collection('skus').update({ _id: SKU }, { $set: { stock: SKU_STOCK, purchaseLimit: null } });
  const buyers = Array.from({ length: ORDERS }, (_, i) => `hot-buyer-${i}`);
  const addresses = new Map<string, string>();
  for (let i = 0; i < buyers.length; i += 50) {
    await Promise.all(
      buyers.slice(i, i + 50).map(async (u) => addresses.set(u, (await must<{ addressId: string }>(rt.call('mall', { action: 'saveAddress', data: ADDRESS }, u))).addressId)),
    );
  }
  s.double?.setLatency(latencyMs);

  const raffle = await burst(entrants.map((u, i) => () => call(u, 'raffle', 'enter', { raffleId }, `enter-${i}`)));
  const entries = await rt.db.collection('raffle_entries').count({ raffleId });
  lines.push(`  raffle.enter  ${ENTRANTS} at once: ${show(raffle.codes)} entries=${entries} (want ${ENTRANTS}) ${raffle.ms} ms`);

  const claims = await burst(Array.from({ length: CLAIMS }, (_, i) => () => call(`hot-claim-${i}`, 'coupons', 'claim', { templateId }, `claim-${i}`)));
  const issued = await rt.db.collection('coupons').count({ templateId });
  lines.push(`  coupons.claim ${CLAIMS} at once: ${show(claims.codes)} issued=${issued} (want ${COUPON_STOCK}) ${claims.ms} ms`);

  const orders = await burst(
    buyers.map((u, i) => () => call(u, 'mall', 'createOrder', { items: [{ skuId: SKU, quantity: 1 }], addressId: addresses.get(u) }, `order-${i}`)),
  );
  const sku = (await rt.db.collection('skus').get(SKU))!;
  const placed = await rt.db.collection('orders').count({ 'lines.0.skuId': SKU, userId: { $in: buyers } });
  lines.push(`  mall.createOrder ${ORDERS} at once: ${show(orders.codes)} orders=${placed} stock=${sku.stock} (want ${SKU_STOCK} orders, stock 0) ${orders.ms} ms`);

  // the 100 orders paid at once: each payment notification applies the payment and its effects
  const product = (await rt.db.collection('products').get(sku.productId))!;
  const orderIds = orders.results.flatMap((r) => (r.ok ? [(r.data as { orderId: string }).orderId] : []));
  const payStarted = Date.now();
  // a notification whose handling throws is answered with an error and redelivered by WeChat Pay
  const answers = await Promise.all(orderIds.map((id) => rt.devPay(id).then((a) => `http${a.status}`, (e: Error) => `threw:${e.name}`)));
  const payMs = Date.now() - payStarted;
  const paid = await rt.db.collection('orders').count({ _id: { $in: orderIds }, status: 'paid' });
  const sales = (await rt.db.collection('products').get(sku.productId))!.sales - product.sales;
  const statuses = tally(answers);
  lines.push(`  payment notifications ${orderIds.length} at once: ${show(statuses)} paid=${paid} sales+${sales} (want ${orderIds.length} and +${orderIds.length}) ${payMs} ms`);
  s.double?.setLatency(0);
  const busy = [raffle, claims, orders].reduce((n, b) => n + (b.codes.BUSY ?? 0), 0);
  const internal = [raffle, claims, orders].reduce((n, b) => n + (b.codes.INTERNAL ?? 0), 0);
  lines.push(`  BUSY=${busy} (goal 0) INTERNAL=${internal} (must be 0)`);
  return lines;
}

export async function run(): Promise<void> {
  // the SDK warns of every request over 3 s; under this burst on one machine many are
  process.env.SILENCE = 'true';
  for (const [name, onDouble, latency] of [
    ['SQLite (baseline)', false, 0],
    ['CloudBase double, 0–3 ms per request', true, 3],
  ] as const) {
    const s = await setup(onDouble);
    try {
      console.log(`hot: ${name}`);
      for (const line of await scenarios(s, latency)) console.log(line);
      if (s.double) console.log(`  double requests: ${[...s.double.calls.entries()].map(([a, n]) => `${a.replace('database.', '')}=${n}`).join(' ')}`);
    } finally {
      await s.close();
    }
  }
}
