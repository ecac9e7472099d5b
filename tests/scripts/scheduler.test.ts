import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime, type LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { REQUEST_RETENTION_MS } from '../../cloudfunctions/core/kernel/idempotency';
import { startScheduler } from '../../scripts/local/scheduler';
import { readTriggers, type TimerTrigger } from '../../scripts/local/triggers';
import type { ApiResult } from '../../typings/contract/errors';

/** Epoch ms of a wall-clock time in Asia/Shanghai. */
const sh = (h: number, mi = 0, s = 0) => Date.UTC(2026, 10, 24, h - 8, mi, s);

/** A runtime stand-in whose clock is jest's fake clock and whose timer runs are recorded. */
function fakeRuntime(run: (fn: string, trigger: string) => Promise<ApiResult<unknown>>) {
  const runs: Array<{ fn: string; trigger: string; at: number }> = [];
  const runtime = {
    ports: { clock: { now: () => Date.now() } },
    runTimer: (fn: string, trigger: string) => {
      runs.push({ fn, trigger, at: Date.now() });
      return run(fn, trigger);
    },
  } as unknown as LocalRuntime;
  return { runtime, runs };
}

const ok = async (): Promise<ApiResult<unknown>> => ({ ok: true, data: null });

describe('in-process timer scheduler', () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    lines.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('runs a trigger when it is due, not before, and again at the next slot', async () => {
    jest.setSystemTime(sh(4, 29, 58));
    const { runtime, runs } = fakeRuntime(ok);
    const scheduler = startScheduler(runtime, [{ fn: 'mall', name: 'purgeRequests', cron: '0 30 4 * * * *' }], log);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([{ fn: 'mall', trigger: 'purgeRequests', at: sh(4, 30) }]);
    expect(lines).toEqual(['[timer] mall.purgeRequests {"ok":true,"data":null}']);
    await jest.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(runs.map((r) => r.at)).toEqual([sh(4, 30), sh(4, 30) + 24 * 3_600_000]);
    await scheduler.stop();
  });

  it('runs several triggers each on its own schedule', async () => {
    jest.setSystemTime(sh(10));
    const { runtime, runs } = fakeRuntime(ok);
    const triggers: TimerTrigger[] = [
      { fn: 'mall', name: 'everyTenSeconds', cron: '*/10 * * * * * *' },
      { fn: 'admin', name: 'everyMinute', cron: '0 * * * * * *' },
    ];
    const scheduler = startScheduler(runtime, triggers, log);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs.filter((r) => r.trigger === 'everyTenSeconds')).toHaveLength(6);
    expect(runs.filter((r) => r.trigger === 'everyMinute')).toEqual([{ fn: 'admin', trigger: 'everyMinute', at: sh(10, 1) }]);
    await scheduler.stop();
  });

  it('skips a slot while the previous run of that trigger is still going', async () => {
    jest.setSystemTime(sh(10));
    let finish: () => void = () => undefined;
    const { runtime, runs } = fakeRuntime(() => new Promise((resolve) => (finish = () => resolve({ ok: true, data: null }))));
    const scheduler = startScheduler(runtime, [{ fn: 'mall', name: 'slow', cron: '* * * * * * *' }], log);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toHaveLength(1);
    finish();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(2);
    finish();
    await scheduler.stop();
  });

  it('logs a failed run and keeps scheduling', async () => {
    jest.setSystemTime(sh(10));
    let calls = 0;
    const { runtime, runs } = fakeRuntime(async () => {
      if (++calls === 1) throw new Error('db locked');
      return { ok: true, data: 'fine' };
    });
    const scheduler = startScheduler(runtime, [{ fn: 'mall', name: 'flaky', cron: '* * * * * * *' }], log);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(runs).toHaveLength(2);
    expect(lines).toEqual(['[timer] mall.flaky failed: db locked', '[timer] mall.flaky {"ok":true,"data":"fine"}']);
    await scheduler.stop();
  });

  it('stop() waits for a running job, then nothing more runs', async () => {
    jest.setSystemTime(sh(10));
    let finish: () => void = () => undefined;
    const { runtime, runs } = fakeRuntime(() => new Promise((resolve) => (finish = () => resolve({ ok: true, data: null }))));
    const scheduler = startScheduler(runtime, [{ fn: 'mall', name: 'slow', cron: '* * * * * * *' }], log);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    expect(lines).toEqual(['[timer] mall.slow {"ok":true,"data":null}']);

    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stop() with nothing running resolves and clears every timer', async () => {
    jest.setSystemTime(sh(10));
    const { runtime, runs } = fakeRuntime(ok);
    const scheduler = startScheduler(runtime, [{ fn: 'mall', name: 'daily', cron: '0 30 4 * * * *' }], log);
    expect(jest.getTimerCount()).toBe(1);
    await scheduler.stop();
    expect(jest.getTimerCount()).toBe(0);
    expect(runs).toEqual([]);
  });

  it('runs the real mall.purgeRequests trigger from config.json against SQLite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-'));
    jest.setSystemTime(sh(4, 29, 59));
    const runtime = createLocalRuntime({ dbPath: path.join(dir, 'test.db'), clock: { now: () => Date.now() }, log: () => undefined });
    const requests = runtime.db.collection('requests');
    await requests.insert({ _id: 'stale', hash: 'h', state: 'done', result: null, createdAt: sh(4) - REQUEST_RETENTION_MS });
    await requests.insert({ _id: 'recent', hash: 'h', state: 'done', result: null, createdAt: sh(4) });
    const triggers = readTriggers('mall').filter((t) => t.name === 'purgeRequests');
    expect(triggers).toEqual([{ fn: 'mall', name: 'purgeRequests', cron: '0 30 4 * * * *' }]);
    const scheduler = startScheduler(runtime, triggers, log);
    await jest.advanceTimersByTimeAsync(1_000);
    await scheduler.stop();
    expect(lines).toEqual(['[timer] mall.purgeRequests {"ok":true,"data":{"purged":1,"rateWindows":0,"exports":0}}']);
    expect((await requests.find({})).map((r) => r._id)).toEqual(['recent']);
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('readTriggers', () => {
  it('reads only timer triggers from a function’s config.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triggers-'));
    fs.mkdirSync(path.join(dir, 'shop'));
    fs.writeFileSync(
      path.join(dir, 'shop', 'config.json'),
      JSON.stringify({
        triggers: [
          { name: 'nightly', type: 'timer', config: '0 0 3 * * * *' },
          { name: 'hook', type: 'http', config: '/x' },
        ],
      }),
    );
    fs.mkdirSync(path.join(dir, 'bare'));
    fs.writeFileSync(path.join(dir, 'bare', 'config.json'), '{}');
    expect(readTriggers('shop', dir)).toEqual([{ fn: 'shop', name: 'nightly', cron: '0 0 3 * * * *' }]);
    expect(readTriggers('bare', dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every declared trigger of every function parses and names a timer the function has', () => {
    const { FUNCTIONS } = jest.requireActual<typeof import('../../cloudfunctions/core/functions')>('../../cloudfunctions/core/functions');
    for (const [fn, def] of Object.entries(FUNCTIONS)) {
      for (const trigger of readTriggers(fn)) {
        expect(`${fn}.${trigger.name}: ${Object.prototype.hasOwnProperty.call(def.timers, trigger.name)}`).toBe(`${fn}.${trigger.name}: true`);
      }
    }
  });
});
