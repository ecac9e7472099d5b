import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime, type LocalRuntime } from '../../cloudfunctions/core/entry/local';
import type { Clock, Ids, Random, RawDb } from '../../cloudfunctions/core/ports';
import { withLatency } from './latency';
import { CloudbaseDb } from '../../cloudfunctions/core/adapters/cloudbase/db';
import { COLLECTIONS } from '../../cloudfunctions/core/schema/collections';
import { doubleCollections, startCloudbaseDouble, type CloudbaseDouble } from '../../scripts/cloudbase-double/server';
import type { Doc } from '../../scripts/cloudbase-double/store';
import { seedDemoShop } from '../../scripts/seed/seed';

/** A clock tests move by hand. */
export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start: number): TestClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

/** Ids in order: id-000001, id-000002, … */
export function sequentialIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}

/** Deterministic bytes from a seed (xorshift), for tests that need repeatable randomness. */
export function seededRandom(seed = 42): Random {
  let x = seed >>> 0 || 1;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out[i] = x & 0xff;
      }
      return out;
    },
  };
}

/** 2026-11-24 10:00 Asia/Shanghai */
export const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);

export interface TestRuntime extends LocalRuntime {
  clock: TestClock;
  dbPath: string;
  /** calls `fn.action` as `openid`; returns the whole result */
  as(openid: string | null): <T = unknown>(fn: string, action: string, data?: unknown, requestId?: string) => Promise<
    { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } }
  >;
  /** rows written to the database so far (SQLite total_changes) */
  writes(): number;
  /** bytes of the seeded randomness used so far (by the seed, ids, codes and simulators) */
  randomUsed(): number;
  /** of those, the bytes the demo shop's seed used */
  seedUsed: number;
  /** the CloudBase double the ports use, when asked for (`cloudbase`) */
  cloudbase?: CloudbaseDouble;
}

/** Where a test's database lives: SQLite, optionally behind injected latency, or the CloudBase double. */
export interface DbChoice {
  /** 0–`latencyMs` ms injected around every SQLite call, or the double's latency per request */
  latencyMs?: number;
  /** the ports' database is CloudbaseDb through the real SDK on the CloudBase double */
  cloudbase?: boolean;
}

/** The three databases every concurrency test of a limited resource runs on. */
export const CONCURRENCY_DBS: Array<[name: string, choice: DbChoice]> = [
  ['SQLite', {}],
  ['SQLite with 0–3 ms latency', { latencyMs: 3 }],
  ['the CloudBase double with 0–3 ms latency', { cloudbase: true, latencyMs: 3 }],
];

/** A Random that counts the bytes it has given. */
function countingRandom(inner: Random): Random & { used: number } {
  const r = {
    used: 0,
    bytes(n: number) {
      r.used += n;
      return inner.bytes(n);
    },
  };
  return r;
}

/**
 * The demo shop seeded once per worker (per start time and database): its SQLite file, its files,
 * the double's documents and how much of the seeded randomness the seed used. A runtime started from
 * it continues the same random sequence, so it holds what a freshly seeded one holds and makes the
 * same ids and codes from there on (tests/integration/test-runtime.test.ts compares the two).
 */
interface SeededTemplate {
  dir: string;
  /** bytes of the seeded randomness the seed used (after those the runtime's simulators take when made) */
  seedUsed: number;
  documents?: Map<string, Doc[]>;
}

const templates = new Map<string, Promise<SeededTemplate>>();
const templateDirs: string[] = [];
process.once('exit', () => {
  for (const dir of templateDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function seededTemplate(now: number, cloudbase: boolean): Promise<SeededTemplate> {
  const key = `${cloudbase ? 'cloudbase' : 'sqlite'}@${now}`;
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const rt = await testRuntime({ now, cloudbase, freshSeed: true });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-seeded-'));
      templateDirs.push(dir);
      rt.sqlite.raw.prepare('VACUUM INTO ?').run(path.join(dir, 'test.db'));
      const files = path.join(path.dirname(rt.dbPath), 'files');
      if (fs.existsSync(files)) fs.cpSync(files, path.join(dir, 'files'), { recursive: true });
      const seeded = { dir, seedUsed: rt.seedUsed, documents: rt.cloudbase?.store.snapshot() };
      await rt.close();
      return seeded;
    })();
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return template;
}

/**
 * A fresh runtime on its own SQLite file in a temp folder (or on the CloudBase double: `cloudbase`),
 * optionally with the demo shop, with 0–`latencyMs` ms injected around every database call and with
 * the database wrapped (`wrapDb`: fault injection). Latency starts after the seed. The demo shop is
 * copied from one seeded per worker unless `freshSeed` (or `wrapDb`, which may count the seed's calls).
 */
export async function testRuntime(
  options: { seed?: boolean; now?: number; latencyMs?: number; cloudbase?: boolean; wrapDb?: (db: RawDb) => RawDb; freshSeed?: boolean } = {},
): Promise<TestRuntime> {
  const now = options.now ?? T0;
  const seed = options.seed ?? true;
  const from = seed && !options.freshSeed && !options.wrapDb ? await seededTemplate(now, options.cloudbase ?? false) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-test-'));
  const dbPath = path.join(dir, 'test.db');
  if (from) {
    fs.copyFileSync(path.join(from.dir, 'test.db'), dbPath);
    const files = path.join(from.dir, 'files');
    if (fs.existsSync(files)) fs.cpSync(files, path.join(dir, 'files'), { recursive: true });
  }
  const clock = testClock(now);
  const random = countingRandom(seededRandom());
  const latency = options.latencyMs;
  const gate = { on: false };
  const double = options.cloudbase ? await startCloudbaseDouble({ collections: doubleCollections(COLLECTIONS) }) : undefined;
  if (double && from?.documents) double.store.load(from.documents);
  const base = (db: RawDb): RawDb => (double ? new CloudbaseDb(double.app) : db);
  const runtime = createLocalRuntime({
    dbPath,
    clock,
    random,
    log: () => undefined,
    ...(latency || options.wrapDb || double
      ? {
          wrapDb: (db: RawDb) => {
            const under = options.wrapDb ? options.wrapDb(base(db)) : base(db);
            return latency && !double ? withLatency(under, latency, gate) : under;
          },
        }
      : {}),
  });
  const beforeSeed = random.used;
  if (from) random.bytes(from.seedUsed);
  else if (seed) await seedDemoShop(runtime.ports);
  const seedUsed = random.used - beforeSeed;
  gate.on = true;
  if (double && latency) double.setLatency(latency);
  const close = runtime.close;
  return {
    ...runtime,
    clock,
    dbPath,
    as: (openid) => (fn, action, data, requestId) =>
      runtime.call(fn, { action, data, ...(requestId ? { requestId } : {}) }, openid) as never,
    writes: () => (runtime.sqlite.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    randomUsed: () => random.used,
    seedUsed,
    cloudbase: double,
    close: async () => {
      await close();
      await double?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
