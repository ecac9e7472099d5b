import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';

/**
 * liveMetrics for a live with 100,000 viewers (their aggregates, 30,000 reservations, 8,000 orders,
 * WeCom joins and a week of visits) through the kernel, beside one scan of the live's event
 * aggregates on the same file in the same run: what any metric must at least read.
 * ratio = query / scan.
 */
const VIEWERS = 100_000;
const RESERVERS = 30_000;
const BUYERS = 8_000;
const LIVE = 'bench-live';
const DAY = 24 * 3600_000;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-metrics-'));
  const now = Date.UTC(2026, 11, 20, 4, 0, 0);
  const rt = createLocalRuntime({ dbPath: path.join(dir, 'bench.db'), clock: { now: () => now }, log: () => undefined });
  try {
    const S = now - 15 * DAY;
    const raw = rt.sqlite.raw;
    const put = (table: string) => raw.prepare(`INSERT INTO c_${table} (_id, doc) VALUES (?, ?)`);
    const users = put('users');
    const stats = put('live_stats');
    const reservations = put('reservations');
    const orders = put('orders');
    const joins = put('wecom_joins');
    const visits = put('visits');
    const started = process.hrtime.bigint();
    raw.transaction(() => {
      put('staff').run('bench-staff', JSON.stringify({ _id: 'bench-staff', role: 'owner', createdAt: 0 }));
      put('lives').run(LIVE, JSON.stringify({ _id: LIVE, title: 'bench', cover: '', startAt: S, endAt: S + 3 * 3600_000, cards: [{ cardId: 'card-1', productId: 'p-1', livePriceFen: 9900, order: 0 }], createdAt: S - DAY }));
      for (let i = 0; i < VIEWERS; i++) {
        const u = `v${i}`;
        const createdAt = i % 3 === 0 ? S - 2 * DAY : S - 60 * DAY;
        users.run(u, JSON.stringify({ _id: u, openid: u, nickname: u, createdAt, lastSeenAt: createdAt }));
        stats.run(`${LIVE}:${u}`, JSON.stringify({ _id: `${LIVE}:${u}`, liveId: LIVE, userId: u, watchMinutes: 1 + (i % 90), lastSlot: 0, cardTaps: i % 4, comments: i % 3, keywordHits: 0, addToCart: 0, consultTaps: 0, firstAt: S, lastAt: S + 3600_000 }));
        if (i < RESERVERS) reservations.run(`${LIVE}:${u}`, JSON.stringify({ _id: `${LIVE}:${u}`, liveId: LIVE, userId: u, status: 'active', inviteCode: null, channelsState: null, beforeStart: true, createdAt: S - DAY, updatedAt: S - DAY, remindedAt: null }));
        if (i % 10 === 0) joins.run(`add_contact:${LIVE}:wm_${u}`, JSON.stringify({ _id: `add_contact:${LIVE}:wm_${u}`, type: 'add_contact', liveId: LIVE, externalUserId: `wm_${u}`, userId: u, state: `lv_${LIVE}`, at: S + 3600_000, createdAt: S + 3600_000 }));
        if (i % 4 === 0) visits.run(`${u}:2026-12-07`, JSON.stringify({ _id: `${u}:2026-12-07`, userId: u, day: '2026-12-07', at: S + 2 * DAY }));
        if (i < BUYERS) {
          const o = `o${i}`;
          orders.run(o, JSON.stringify({ _id: o, userId: u, status: 'paid', lines: [{ productId: 'p-1', quantity: 1 }], price: { payableFen: 9900 }, source: { kind: i % 5 === 0 ? 'invite' : 'live_card', liveId: LIVE }, createdAt: S + 3600_000, paidAt: S + 3600_000 }));
        }
      }
    }).immediate();
    const seeded = Number(process.hrtime.bigint() - started) / 1e6;

    const t0 = process.hrtime.bigint();
    const result = await rt.call('admin', { action: 'liveMetrics', data: { liveId: LIVE } }, 'bench-staff');
    const queryMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!result.ok) throw new Error(result.error.code);

    const t1 = process.hrtime.bigint();
    let scanned = 0;
    for (const row of raw.prepare(`SELECT doc FROM c_live_stats WHERE json_extract(doc, '$.liveId') = ?`).iterate(LIVE) as Iterable<{ doc: string }>) {
      scanned += (JSON.parse(row.doc) as { watchMinutes: number }).watchMinutes > 0 ? 1 : 0;
    }
    const scanMs = Number(process.hrtime.bigint() - t1) / 1e6;

    const m = result.data as { funnel: Array<{ stage: string; users: number }>; retention7d: { value: number } };
    console.log(`metrics: seeded ${VIEWERS} viewers, ${RESERVERS} reservations, ${BUYERS} orders in ${seeded.toFixed(0)} ms; scanned ${scanned} aggregates`);
    console.log(`metrics: funnel ${m.funnel.map((f) => `${f.stage}=${f.users}`).join(' ')}; retention7d=${m.retention7d.value}`);
    console.log(`metrics: query=${queryMs.toFixed(0)}ms scan=${scanMs.toFixed(0)}ms ratio=${(queryMs / scanMs).toFixed(1)}`);
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
