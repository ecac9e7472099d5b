import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResult } from '../../typings/contract/errors';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import type { Clock } from '../../cloudfunctions/core/ports';
import { DEMO_SHOPPER, DEMO_STAFF, TONIGHT_LIVE, seedDemoShop, tonightWindow } from '../seed/seed';
import { TEMPLATE_LIVE_50 } from '../seed/marketing';
import { RAFFLE_TONIGHT } from '../seed/raffles';
import { DbCallCounter, countingDb } from './counting-db';

/**
 * Db calls per action, one call each on the seeded shop ten minutes into tonight's live, counted as
 * CloudBase would make them (see counting-db.ts), beside the minimum docs/PERFORMANCE.md writes
 * down for each action (what it must read and write) and the ceiling it must stay under. Every
 * caller has called once before, so the identity/role prelude is counted in its steady state; a
 * new user's first call is printed on its own.
 */
interface Case {
  fn: string;
  action: string;
  as: string;
  data?: Record<string, unknown> | ((state: State) => Record<string, unknown>);
  /** the one figure the issue sets for it; read-only actions default to 3 */
  ceiling?: number;
  write?: boolean;
}

interface State {
  addressId: string;
  orderId: string;
  raffleId: string;
}

const BUYER = 'rt-buyer';
const FRIEND = 'rt-friend';

export const CASES: Case[] = [
  { fn: 'mall', action: 'getHome', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'listCategories', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'listProducts', as: DEMO_SHOPPER, data: { categoryId: 'cat-makeup' } },
  { fn: 'mall', action: 'getProduct', as: DEMO_SHOPPER, data: { productId: 'p-serum' } },
  { fn: 'mall', action: 'searchHints', as: DEMO_SHOPPER, data: {} },
  { fn: 'mall', action: 'listFavorites', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'listHistory', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'getCart', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'listAddresses', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'listOrders', as: DEMO_SHOPPER },
  { fn: 'mall', action: 'getOrder', as: DEMO_SHOPPER, data: { orderId: 'demo-order-3' } },
  { fn: 'mall', action: 'favorite', as: DEMO_SHOPPER, data: { productId: 'p-cream', on: true }, write: true },
  { fn: 'mall', action: 'addToCart', as: BUYER, data: { skuId: 'p-powder-1', quantity: 1 }, write: true },
  { fn: 'mall', action: 'previewOrder', as: BUYER, data: { items: [{ skuId: 'p-powder-1', quantity: 1 }], applySuggested: true } },
  { fn: 'mall', action: 'createOrder', as: BUYER, data: (s) => ({ items: [{ skuId: 'p-powder-1', quantity: 1 }], addressId: s.addressId }), ceiling: 10, write: true },
  { fn: 'mall', action: 'createOrder', as: BUYER, data: (s) => ({ items: [{ skuId: 'p-powder-1', quantity: 1 }, { skuId: 'p-serum-1', quantity: 1 }], addressId: s.addressId }), ceiling: 11, write: true },
  { fn: 'mall', action: 'prepay', as: BUYER, data: (s) => ({ orderId: s.orderId }), write: true },
  { fn: 'live', action: 'list', as: DEMO_SHOPPER },
  { fn: 'live', action: 'get', as: DEMO_SHOPPER, data: { liveId: TONIGHT_LIVE } },
  { fn: 'live', action: 'reserve', as: FRIEND, data: { liveId: TONIGHT_LIVE }, ceiling: 4, write: true },
  { fn: 'live', action: 'myStats', as: DEMO_SHOPPER, data: { liveId: TONIGHT_LIVE } },
  { fn: 'live', action: 'messageSettings', as: DEMO_SHOPPER },
  { fn: 'live', action: 'listPosts', as: DEMO_SHOPPER },
  { fn: 'coupons', action: 'listMine', as: DEMO_SHOPPER, data: { status: 'available' } },
  { fn: 'coupons', action: 'listClaimable', as: DEMO_SHOPPER, data: { liveId: TONIGHT_LIVE } },
  { fn: 'coupons', action: 'claim', as: BUYER, data: { templateId: TEMPLATE_LIVE_50 }, ceiling: 5, write: true },
  { fn: 'points', action: 'balance', as: DEMO_SHOPPER },
  { fn: 'points', action: 'history', as: DEMO_SHOPPER },
  { fn: 'points', action: 'listRewards', as: DEMO_SHOPPER },
  { fn: 'raffle', action: 'get', as: DEMO_SHOPPER, data: (s) => ({ raffleId: s.raffleId }) },
  { fn: 'raffle', action: 'enter', as: BUYER, data: (s) => ({ raffleId: s.raffleId }), ceiling: 5, write: true },
  { fn: 'raffle', action: 'listForLive', as: DEMO_SHOPPER, data: { liveId: TONIGHT_LIVE } },
  { fn: 'raffle', action: 'myEntries', as: DEMO_SHOPPER },
  { fn: 'referral', action: 'listTasks', as: DEMO_SHOPPER },
  { fn: 'referral', action: 'promoterCenter', as: DEMO_SHOPPER },
  { fn: 'recommend', action: 'forMe', as: DEMO_SHOPPER, data: { limit: 6 } },
  { fn: 'admin', action: 'whoami', as: DEMO_STAFF },
  { fn: 'admin', action: 'listAllOrders', as: DEMO_STAFF, data: { status: 'paid' } },
  { fn: 'admin', action: 'getOrder', as: DEMO_STAFF, data: { orderId: 'demo-order-3' } },
  { fn: 'admin', action: 'listStaffProducts', as: DEMO_STAFF },
  { fn: 'admin', action: 'listCouponTemplates', as: DEMO_STAFF },
];

const READ_CEILING = 3;

/** A row of docs/PERFORMANCE.md's round-trip table: `| \`fn.action\` | minimum | ceiling | measured | ... |` */
export interface DocRow {
  minimum: number;
  measured: number;
}

export function documented(): Map<string, DocRow> {
  const doc = path.join(__dirname, '../../docs/PERFORMANCE.md');
  const out = new Map<string, DocRow>();
  if (!fs.existsSync(doc)) return out;
  for (const m of fs.readFileSync(doc, 'utf8').matchAll(/^\| `([a-z]+\.[A-Za-z]+(?: \(\d lines?\))?)` \| (\d+) \| [\d-]+ \| (\d+) \|/gm)) {
    out.set(m[1], { minimum: Number(m[2]), measured: Number(m[3]) });
  }
  return out;
}

export const label = (c: Case) => `${c.fn}.${c.action}${c.action === 'createOrder' ? ` (${(typeof c.data === 'function' ? (c.data({ addressId: '', orderId: '', raffleId: '' }).items as unknown[]) : []).length} line${(typeof c.data === 'function' && (c.data({ addressId: '', orderId: '', raffleId: '' }).items as unknown[]).length > 1) ? 's' : ''})` : ''}`;

export interface Measured {
  name: string;
  calls: number;
  ceiling: number | null;
  ok: boolean;
  code: string | null;
  breakdown: string;
  trace: string[];
}

/** Runs every case once on a fresh seeded shop; `traced` names the actions whose calls are listed. */
export async function measure(traced: Set<string> = new Set()): Promise<{ rows: Measured[]; firstCall: { calls: number; breakdown: string; ok: boolean } }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-roundtrips-'));
  // the morning of a live day: the buyer reserves before tonight's live starts
  let at = tonightWindow(Date.now()).startAt - 6 * 3_600_000;
  const clock: Clock = { now: () => at };
  const counter = new DbCallCounter();
  const rt = createLocalRuntime({ dbPath: path.join(dir, 'bench.db'), clock, log: () => undefined, wrapDb: (db) => countingDb(db, counter) });
  const call = (fn: string, action: string, data: unknown, as: string, requestId?: string): Promise<ApiResult<unknown>> =>
    rt.call(fn, { action, data, ...(requestId ? { requestId } : {}) }, as);
  try {
    await seedDemoShop(rt.ports);
    // the buyer reserved before the live: tonight's reservation raffle is open to them
    await call('live', 'reserve', { liveId: TONIGHT_LIVE }, BUYER, 'rt-early');
    at = tonightWindow(at).startAt + 10 * 60_000;
    await rt.call('admin', { action: 'setLiveState', data: { liveId: TONIGHT_LIVE, state: 'live' } }, DEMO_STAFF);

    // a new user's first call: the user record, the day's visit and the welcome gift
    counter.reset();
    const first = await call('mall', 'getHome', {}, 'rt-newcomer');
    const firstCall = { calls: counter.total, breakdown: counter.breakdown(), ok: first.ok };

    // everyone has been seen a moment ago: the prelude is counted as it is on most calls
    for (const u of [DEMO_SHOPPER, DEMO_STAFF, BUYER, FRIEND]) await call('mall', 'getCart', {}, u);
    // a live's WeCom contact and group links are made and kept on its first view, once per live
    await call('live', 'get', { liveId: TONIGHT_LIVE }, FRIEND);
    const saved = await call('mall', 'saveAddress', { userName: '测一测', telNumber: '13800000000', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '1 号' }, BUYER);
    if (!saved.ok) throw new Error(`saveAddress: ${saved.error.code}`);
    // a buyer who watched the live: live-only coupons and raffles are open to them
    const heartbeats = Array.from({ length: 12 }, (_, i) => ({ type: 'heartbeat', liveId: TONIGHT_LIVE, at: at - 6 * 60_000 + i * 30_000 }));
    await call('live', 'track', { batchId: 'rt-watch', events: heartbeats }, BUYER);
    const state: State = { addressId: (saved.data as { addressId: string }).addressId, orderId: '', raffleId: RAFFLE_TONIGHT };

    const rows: Measured[] = [];
    let n = 0;
    for (const c of CASES) {
      const data = typeof c.data === 'function' ? c.data(state) : (c.data ?? {});
      counter.reset();
      counter.trace = traced.has(`${c.fn}.${c.action}`);
      const r = await call(c.fn, c.action, data, c.as, c.write ? `rt-${n++}` : undefined);
      if (c.action === 'createOrder' && r.ok && !state.orderId) state.orderId = (r.data as { orderId: string }).orderId;
      rows.push({
        name: label(c),
        calls: counter.total,
        ceiling: c.ceiling ?? (c.write ? null : READ_CEILING),
        ok: r.ok,
        code: r.ok ? null : r.error.code,
        breakdown: counter.breakdown(),
        trace: [...counter.calls],
      });
      at += 1000;
    }
    return { rows, firstCall };
  } finally {
    await rt.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  // ROUNDTRIPS_TRACE=coupons.claim,live.reserve lists each call those actions make
  const traced = new Set((process.env.ROUNDTRIPS_TRACE ?? '').split(',').filter(Boolean));
  const { rows, firstCall } = await measure(traced);
  const doc = documented();
  let over = 0;
  for (const r of rows) {
    const verdict = !r.ok ? `refused ${r.code}` : r.ceiling !== null && r.calls > r.ceiling ? 'OVER' : 'ok';
    if (verdict === 'OVER') over++;
    console.log(`roundtrips: ${r.name} calls=${r.calls} min=${doc.get(r.name)?.minimum ?? '?'} ceiling=${r.ceiling ?? '-'} ${verdict}  [${r.breakdown}]`);
    r.trace.forEach((line, i) => console.log(`  ${i + 1}. ${line}`));
  }
  console.log(`roundtrips: first call of a new user (mall.getHome) calls=${firstCall.calls} ${firstCall.ok ? 'ok' : 'refused'}  [${firstCall.breakdown}]`);
  console.log(`roundtrips: ${rows.length} actions, ${over} over their ceiling`);
}
