import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDb } from '../../cloudfunctions/core/adapters/sqlite/db';
import { typedDb } from '../../cloudfunctions/core/ports';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import { runPostLiveJob } from '../../cloudfunctions/core/flows/postlive';
import type { PostLiveJobDoc } from '../../cloudfunctions/core/schema';
import { COMEBACK_TEMPLATE, NEW_MEMBER_PACK } from '../../cloudfunctions/core/modules/postlive/offers';
import { AssocCounter } from '../../cloudfunctions/core/modules/recommend/rules';
import type { LiveDoc } from '../../cloudfunctions/core/schema';
import type { Delivery, MessagingPort } from '../../cloudfunctions/core/ports/messaging';
import { seedTagRules } from '../seed/after-live';

/**
 * The post-live job on SQLite at scale: 100,000 viewers (30,000 of them also reserved, plus 10,000
 * reservers who did not watch), 10,000 products, 1,000,000 historical orders from 300,000
 * customers, 5,000 orders in the live (half from earlier customers). The data is written by a
 * child process with prepared inserts in one transaction per collection, so this process's memory
 * is the job's. The job runs as the timer would — 40-second runs resumed from the persisted cursor
 * until done — and its time and peak RSS are printed beside one full scan of the orders table
 * (every row read and parsed) in the same run.
 */
/** POSTLIVE_SCALE=0.1 runs a tenth of the sizes, for a quick look or a profile */
const SCALE = Number(process.env.POSTLIVE_SCALE ?? 1);
const n = (full: number) => Math.max(1, Math.round(full * SCALE));
const VIEWERS = n(100_000);
const RESERVED_VIEWERS = n(30_000);
const RESERVERS_ONLY = n(10_000);
const PRODUCTS = 10_000;
const ORDERS = n(1_000_000);
const CUSTOMERS = n(300_000);
/** viewers v000000… up to this index are also earlier customers */
const VIEWER_CUSTOMERS = n(60_000);
const LIVE_BUYERS = n(5_000);
const LIVE_ID = 'bench-live';
const NOW = Date.UTC(2026, 10, 24, 2, 0);
const DAY = 86_400_000;
const HOUR = 3_600_000;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pid = (i: number) => `p${String(i).padStart(5, '0')}`;
const viewer = (i: number) => `v${String(i).padStart(6, '0')}`;
const customer = (i: number) => (i < VIEWER_CUSTOMERS ? viewer(i) : `c${String(i).padStart(6, '0')}`);

export function generate(file: string): void {
  const db = new SqliteDb(file);
  const raw = db.raw;
  const random = mulberry32(7);
  const int = (n: number) => Math.floor(random() * n);
  // skewed popularity: index ~ n·u³ favours low ids
  const popular = () => Math.floor(PRODUCTS * random() ** 3);
  const insert = (collection: string) => {
    const stmt = raw.prepare(`INSERT INTO c_${collection} (_id, doc) VALUES (?, ?)`);
    return (doc: { _id: string }) => stmt.run(doc._id, JSON.stringify(doc));
  };
  const inTx = (fn: () => void) => raw.transaction(fn)();

  inTx(() => {
    const cat = insert('categories');
    for (let c = 0; c < 50; c++) cat({ _id: `cat${c}`, name: `分类${c}`, icon: '', sort: c } as never);
    const product = insert('products');
    const sku = insert('skus');
    for (let i = 0; i < PRODUCTS; i++) {
      const priceFen = 1900 + (i % 200) * 100;
      product({ _id: pid(i), title: `商品${i}`, subtitle: '', categoryId: `cat${i % 50}`, image: '', images: [], detail: '', specNames: [], priceFen, originalPriceFen: priceFen + 1000, sales: PRODUCTS - i, status: 'on_sale', searchText: '', createdAt: NOW - 400 * DAY } as never);
      sku({ _id: `${pid(i)}-1`, productId: pid(i), specs: {}, priceFen, stock: 1000, status: 'on_sale' } as never);
    }
  });

  const order = (id: string, userId: string, productIds: string[], at: number, source: Record<string, string>) => ({
    _id: id,
    userId,
    status: 'completed',
    lines: productIds.map((p) => ({ skuId: `${p}-1`, productId: p, title: `商品${p}`, image: '', specs: {}, quantity: 1, unitPriceFen: 9900, listPriceFen: 9900, lineTotalFen: 9900 })),
    price: { goodsFen: 9900 * productIds.length, discountFen: 0, shippingFen: 0, payableFen: 9900 * productIds.length, discounts: [] },
    address: null,
    couponId: null,
    source,
    createdAt: at,
    expiresAt: at + 30 * 60_000,
    paidAt: at + 60_000,
    shippedAt: at + DAY,
    completedAt: at + 4 * DAY,
    closedAt: null,
    tracking: null,
    transactionId: `tx-${id}`,
    paymentMethod: 'local',
    refund: null,
    stockReturnedAt: null,
    paidEffectsAt: at + 60_000,
  });

  // history: 1,000,000 orders; planted pairs make the association table worth reading
  const baskets = new Map<number, number[]>();
  inTx(() => {
    const put = insert('orders');
    for (let i = 0; i < ORDERS; i++) {
      const c = i < CUSTOMERS ? i : int(CUSTOMERS);
      const first = popular();
      const items = [first];
      if (random() < 0.4) items.push((first + 1) % PRODUCTS);
      if (random() < 0.15) items.push(popular());
      const distinct = [...new Set(items)];
      put(order(`o${String(i).padStart(7, '0')}`, customer(c), distinct.map(pid), NOW - (2 + int(360)) * DAY - int(DAY), { kind: 'organic' }));
      const basket = baskets.get(c) ?? [];
      basket.push(...distinct);
      baskets.set(c, basket);
    }
  });
  const counter = new AssocCounter();
  for (const b of baskets.values()) counter.add(b.map(pid));
  baskets.clear();
  const table = counter.finish();
  inTx(() => {
    const put = insert('item_assoc');
    for (const [productId, related] of table.items) put({ _id: productId, related, baskets: table.baskets, computedAt: NOW - HOUR } as never);
  });

  const live: LiveDoc = {
    _id: LIVE_ID,
    title: '压测直播：底妆专场',
    cover: '',
    startAt: NOW - 4 * HOUR,
    endAt: NOW - HOUR,
    cards: Array.from({ length: 20 }, (_, i) => ({ cardId: `card-${i + 1}`, productId: pid(i * 3), livePriceFen: 5900, order: i })),
    createdAt: NOW - 3 * DAY,
  };
  inTx(() => {
    insert('lives')(live);
    const stats = insert('live_stats');
    const reservation = insert('reservations');
    const credit = insert('consent_credits');
    const cart = insert('cart_items');
    const liveOrder = insert('orders');
    for (let i = 0; i < VIEWERS + RESERVERS_ONLY; i++) {
      const userId = viewer(i);
      if (i < VIEWERS) {
        const taps = random() < 0.3 ? 1 + int(6) : 0;
        const tappedCards: Record<string, number> = {};
        for (let t = 0; t < taps; t++) tappedCards[`card-${1 + int(20)}`] = (tappedCards[`card-${1 + int(20)}`] ?? 0) + 1;
        stats({ _id: `${LIVE_ID}:${userId}`, liveId: LIVE_ID, userId, watchMinutes: 1 + int(120), lastSlot: 0, cardTaps: taps, tappedCards, comments: int(5), keywordHits: int(3), addToCart: random() < 0.05 ? 1 : 0, consultTaps: 0, firstAt: live.startAt, lastAt: live.endAt - int(HOUR) } as never);
      }
      if (i < RESERVED_VIEWERS || i >= VIEWERS) {
        reservation({ _id: `${LIVE_ID}:${userId}`, liveId: LIVE_ID, userId, status: 'active', inviteCode: null, channelsState: null, beforeStart: true, createdAt: NOW - DAY, updatedAt: NOW - DAY, remindedAt: NOW - 4 * HOUR } as never);
      }
      if (random() < 0.7) credit({ _id: `${userId}:${templateId('marketing')}`, userId, templateId: templateId('marketing'), credits: 1, updatedAt: NOW - DAY } as never);
      if (i % 20 === 0) cart({ _id: `${userId}:${pid(5)}-1`, userId, skuId: `${pid(5)}-1`, quantity: 1, addedUnitPriceFen: 9900, createdAt: NOW - 2 * HOUR, updatedAt: NOW - 2 * HOUR } as never);
    }
    // live buyers: every 20th viewer; those below VIEWER_CUSTOMERS have bought before
    for (let b = 0; b < LIVE_BUYERS; b++) {
      const v = b * 20;
      const card = live.cards[int(20)];
      liveOrder(order(`lo${String(b).padStart(5, '0')}`, viewer(v), [card.productId], NOW - 3 * HOUR + int(2 * HOUR), { kind: 'live_card', liveId: LIVE_ID, cardId: card.cardId }));
    }
    const template = insert('coupon_templates');
    const base = { scope: { productIds: [], categoryIds: [] }, stackable: false, eligibility: 'system', liveId: null, issued: 0, perUserLimit: 1, claimStart: null, claimEnd: null, validDays: 7, validFrom: null, validTo: null, createdBy: 'bench', createdAt: NOW - DAY };
    template({ ...base, _id: COMEBACK_TEMPLATE, title: '直播回放专享 满199减30', rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] }, totalStock: 1_000_000 } as never);
    for (const d of NEW_MEMBER_PACK) template({ ...base, _id: d.templateId, title: `新人礼第 ${d.day} 天`, rule: { kind: 'no_threshold', valueFen: 1000 }, totalStock: 1_000_000 } as never);
    template({ ...base, _id: 'tpl-bundle', title: '买过粉底液，散粉 8 折', eligibility: 'anyone', rule: { kind: 'related', percentOff: 20, capFen: null, thresholdFen: 0, boughtProductIds: [pid(0)] }, scope: { productIds: [pid(1)], categoryIds: [] }, totalStock: 1_000_000 } as never);
    const rule = insert('tag_rules');
    for (const r of seedTagRules(NOW, 'bench')) rule(r);
  });
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.exec('ANALYZE');
  raw.close();
}

/** Delivers nothing and keeps nothing: the figures are the job's, not a recorder's. */
class CountingMessaging implements MessagingPort {
  readonly channel = 'local' as const;
  sent = 0;
  async sendSubscribe(): Promise<Delivery> {
    this.sent++;
    return { ok: true };
  }
  async sendSms(): Promise<Delivery> {
    this.sent++;
    return { ok: true };
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-postlive-'));
  const file = path.join(dir, 'bench.db');
  try {
    const genStart = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--generate', file], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`data generation failed (${child.status})`);
    const genSeconds = Number(process.hrtime.bigint() - genStart) / 1e9;
    console.log(`postlive: generated ${ORDERS.toLocaleString('en')} orders, ${PRODUCTS.toLocaleString('en')} products, ${VIEWERS.toLocaleString('en')} viewers in ${genSeconds.toFixed(1)}s (${mb(fs.statSync(file).size)} MB file)`);

    const sqlite = new SqliteDb(file);
    const db = typedDb(sqlite);
    const messaging = new CountingMessaging();
    const clock = { now: () => Date.now() };
    const live = (await db.collection('lives').get(LIVE_ID))!;
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const sample = () => {
      const rss = process.memoryUsage.rss();
      if (rss > peak) peak = rss;
    };

    const started = process.hrtime.bigint();
    let job: PostLiveJobDoc | null = null;
    let runs = 0;
    do {
      job = await runPostLiveJob({ db, messaging, clock, now: NOW }, live, {
        onUser: (_u, i) => {
          if (i % 500 === 0) sample();
        },
      });
      runs++;
      sample();
    } while (job && job.status === 'running');
    const jobSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const scanStart = process.hrtime.bigint();
    let scanned = 0;
    let lines = 0;
    for (const row of sqlite.raw.prepare('SELECT doc FROM c_orders').iterate() as IterableIterator<{ doc: string }>) {
      const o = JSON.parse(row.doc) as { lines: unknown[] };
      lines += o.lines.length;
      scanned++;
      if (scanned % 100_000 === 0) sample();
    }
    const scanSeconds = Number(process.hrtime.bigint() - scanStart) / 1e9;

    const outbox = sqlite.raw.prepare(`SELECT json_extract(doc, '$.status') AS s, COUNT(*) AS n FROM c_outbox GROUP BY s`).all() as Array<{ s: string; n: number }>;
    const coupons = (sqlite.raw.prepare('SELECT COUNT(*) AS n FROM c_coupons').get() as { n: number }).n;
    const tasks = (sqlite.raw.prepare('SELECT COUNT(*) AS n FROM c_sop_tasks').get() as { n: number }).n;
    const tags = (sqlite.raw.prepare('SELECT COUNT(*) AS n FROM c_user_tags').get() as { n: number }).n;
    console.log(
      `postlive: ${job?.processed.toLocaleString('en')} users in ${runs} run(s) of ≤40 s: ${JSON.stringify(job?.segments)}; ` +
        `outbox ${outbox.map((r) => `${r.s}=${r.n}`).join(' ')}; ${coupons} coupons; ${tasks} pack steps; ${tags} tags; ${messaging.sent} delivered`,
    );
    console.log(`postlive: scan read ${scanned.toLocaleString('en')} orders (${lines.toLocaleString('en')} lines); RSS before the job ${mb(baseline)} MB`);
    await db.close();
    console.log(`postlive: job=${jobSeconds.toFixed(1)}s scan=${scanSeconds.toFixed(1)}s ratio=${(jobSeconds / scanSeconds).toFixed(1)} peakMB=${mb(peak)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--generate') generate(process.argv[3]);
