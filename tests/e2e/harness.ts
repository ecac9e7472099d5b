/**
 * End-to-end harness: the local runtime in this process on a fresh SQLite file, a clock the test
 * sets (running forward in real time from there), the HTTP server on a free port serving the
 * preview, and headless Debian Chromium through playwright-core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { createLocalRuntime, type LocalRuntime } from '../../cloudfunctions/core/entry/local';
import type { Clock } from '../../cloudfunctions/core/ports';
import { startServer, type ServerHandle } from '../../scripts/local/server';
import { buildPreview, PREVIEW_DIR } from '../../scripts/preview/build';
import { seedDemoShop, tonightWindow } from '../../scripts/seed/seed';
import { seededRandom } from '../helpers/runtime';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);

export const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');

/** 2026-11-24 10:00 Asia/Shanghai: the seed's "today". */
export const SEED_AT = Date.UTC(2026, 10, 24, 2, 0, 0);
export const MINUTE = 60_000;

/** A clock that runs in real time from wherever the test sets it. */
export interface RunningClock extends Clock {
  set(ms: number): void;
}

export function runningClock(start: number): RunningClock {
  let base = start;
  let since = Date.now();
  return {
    now: () => base + (Date.now() - since),
    set(ms) {
      base = ms;
      since = Date.now();
    },
  };
}

export interface E2eRuntime {
  runtime: LocalRuntime;
  clock: RunningClock;
  server: ServerHandle;
  url: string;
  /** tonight's live window, from the seed */
  tonight: { startAt: number; endAt: number };
  close(): Promise<void>;
}

let built: Promise<unknown> | null = null;

/** Builds the preview once per test process. */
export function ensurePreview(): Promise<unknown> {
  built ??= buildPreview();
  return built;
}

export async function startE2eRuntime(): Promise<E2eRuntime> {
  await ensurePreview();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-e2e-'));
  const clock = runningClock(SEED_AT);
  const runtime = createLocalRuntime({ dbPath: path.join(dir, 'e2e.db'), clock, random: seededRandom(7), log: () => undefined });
  await seedDemoShop(runtime.ports);
  const tonight = tonightWindow(SEED_AT);
  const server = await startServer(runtime, 0);
  return {
    runtime,
    clock,
    server,
    url: server.url,
    tonight,
    async close() {
      await server.close();
      await runtime.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface E2eBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile (--user-data-dir), as CI runs it. */
export async function launchChromium(): Promise<E2eBrowser> {
  // loaded on use, so a machine without Chromium never loads it
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, viewport: { width: 900, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh page at the preview as `openid`, with the browser's clock at the runtime's. */
export async function openPreview(context: BrowserContext, rt: E2eRuntime, hash: string, openid = 'demo-shopper'): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.clock.install({ time: rt.clock.now() });
  // the dev identity where the preview's wx.setStorageSync keeps it, once per tab (the side panel may switch it later)
  const identity = JSON.stringify(JSON.stringify({ v: openid }));
  await page.addInitScript({
    content: `if (!sessionStorage.getItem('e2e-identity')) { localStorage.setItem('mp:devOpenid', ${identity}); sessionStorage.setItem('e2e-identity', '1'); }`,
  });
  await page.goto(`${rt.url}/${hash}`);
  await page.waitForFunction('window.__preview && window.__preview.ready');
  return { page, errors };
}

export const previewBuilt = () => fs.existsSync(path.join(PREVIEW_DIR, 'index.html'));

/** What a suite's tests get: the runtime, the browser, and pages opened as a user. */
export interface ChromiumSuite {
  readonly rt: E2eRuntime;
  /** a fresh page at `hash` as `openid`; its page errors and console errors fail the test */
  open(hash: string, openid?: string): Promise<Page>;
  /** an action called straight on the runtime (setting the scene), its data or a throw */
  call<T>(fn: string, action: string, data: unknown, openid: string): Promise<T>;
}

/**
 * A suite in headless Chromium: one runtime and one browser for the suite, every page a test opens
 * closed after it and none of them allowed a page or console error. Without Chromium the suite says
 * it is skipped (a test that asserts so).
 */
export function describeInChromium(title: string, body: (suite: ChromiumSuite) => void, setupTimeout = 120_000): void {
  if (!hasChromium()) {
    describe(title, () => {
      it('is skipped on this machine', () => {
        console.log(`e2e skipped: ${CHROMIUM} not installed (Debian: apt-get install -y chromium; .ci/run installs it)`);
        expect(hasChromium()).toBe(false);
      });
    });
    return;
  }
  describe(title, () => {
    let rt: E2eRuntime | undefined;
    let chromium: E2eBrowser | undefined;
    let opened: Array<{ page: Page; errors: string[] }> = [];

    beforeAll(async () => {
      rt = await startE2eRuntime();
      chromium = await launchChromium();
    }, setupTimeout);

    afterAll(async () => {
      await chromium?.close();
      await rt?.close();
    });

    afterEach(async () => {
      const errors = opened.flatMap((o) => o.errors);
      for (const o of opened) await o.page.close();
      opened = [];
      expect(errors).toEqual([]);
    });

    body({
      get rt() {
        return rt!;
      },
      async open(hash, openid = 'demo-shopper') {
        const got = await openPreview(chromium!.context, rt!, hash, openid);
        opened.push(got);
        return got.page;
      },
      async call<T>(fn: string, action: string, data: unknown, openid: string): Promise<T> {
        const r = await rt!.runtime.call(fn, { action, data }, openid);
        if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code}`);
        return r.data as T;
      },
    });
  });
}
