import fs from 'node:fs';
import path from 'node:path';
import { cloudCaller } from '../../cloudfunctions/core/adapters/cloudbase/identity';
import { FUNCTIONS, HTTP_FUNCTIONS } from '../../cloudfunctions/core/functions';
import { parseCron } from '../../cloudfunctions/core/kernel/cron';
import { buildFunction, functionNames, NODE_TARGET, OUT } from '../../scripts/build';
import { readTriggers } from '../../scripts/local/triggers';
import { STALE_ISSUE_MS } from '../../cloudfunctions/core/modules/coupons';
import { STALE_CHECKOUT_MS } from '../../cloudfunctions/core/modules/orders';
import { STALE_REDEMPTION_MS } from '../../cloudfunctions/core/modules/points';

const ROOT = path.resolve(__dirname, '../..');
const cloudbaserc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as {
  functionRoot: string;
  functions: Array<{ name: string; handler: string; timeout: number; runtime: string; triggers: Array<{ name: string; type: string; config: string }> }>;
};

describe('deployable functions', () => {
  it('every function the runtime serves has a deploy folder, and no folder is left without a function', () => {
    expect(functionNames()).toEqual([...Object.keys(FUNCTIONS), ...HTTP_FUNCTIONS].sort());
  });

  it('cloudbaserc.json lists every function with the timers of its config.json', () => {
    expect(cloudbaserc.functionRoot).toBe('./dist/cloudfunctions');
    expect(cloudbaserc.functions.map((f) => f.name).sort()).toEqual(functionNames());
    for (const f of cloudbaserc.functions) {
      expect(f.handler).toBe('index.main');
      const fromConfig = readTriggers(f.name).map((t) => ({ name: t.name, type: 'timer', config: t.cron }));
      expect(f.triggers).toEqual(fromConfig);
    }
  });

  it('every function runs on a maintained Node.js, the one its bundle targets', () => {
    for (const f of cloudbaserc.functions) expect([f.name, f.runtime]).toEqual([f.name, 'Nodejs18.15']);
    expect(NODE_TARGET).toBe(`node${cloudbaserc.functions[0].runtime.match(/^Nodejs(\d+)/)![1]}`);
  });

  it('no function runs as long as a repair waits before it takes a call for dead', () => {
    // the repairs settle what a call left half-done once it is older than this: the call must be over
    const shortest = Math.min(STALE_ISSUE_MS, STALE_CHECKOUT_MS, STALE_REDEMPTION_MS);
    for (const f of cloudbaserc.functions) expect([f.name, f.timeout * 1000 < shortest]).toEqual([f.name, true]);
  });

  it('every timer in a config.json parses and has a handler in its function', () => {
    for (const fn of functionNames()) {
      if (!FUNCTIONS[fn]) {
        expect(readTriggers(fn)).toEqual([]);
        continue;
      }
      for (const trigger of readTriggers(fn)) {
        expect(() => parseCron(trigger.cron)).not.toThrow();
        expect(Object.keys(FUNCTIONS[fn].timers)).toContain(trigger.name);
      }
      expect(Object.keys(FUNCTIONS[fn].timers).sort()).toEqual(readTriggers(fn).map((t) => t.name).sort());
    }
  });

  it('bundles a function into index.js + package.json with only its runtime dependencies + config.json', async () => {
    const built = await buildFunction('admin');
    const dir = path.join(OUT, 'admin');
    expect(fs.readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json']);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg).toEqual({
      name: 'admin',
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { '@cloudbase/node-sdk': expect.any(String) },
    });
    expect(built.dependencies).toEqual(['@cloudbase/node-sdk']);
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(code).not.toMatch(/better-sqlite3/);
    // the bundle runs the kernel: routing and identity need no network
    const bundle = require(path.join(dir, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> };
    const context = { environment: JSON.stringify({ WX_OPENID: 'o-cloud' }) };
    expect(await bundle.main({ action: 'nope' }, context)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ACTION', message: 'admin has no action nope' },
    });
    expect(await bundle.main({ action: 'whoami', data: {} }, {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Sign-in required' },
    });
  }, 30_000);

  it("validates input inside the bundle with zod's own messages (its translations are left out of the bundle)", async () => {
    await buildFunction('mall');
    const dir = path.join(OUT, 'mall');
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).not.toMatch(/zod[\\/]v4[\\/]locales[\\/]he\./);
    const bundle = require(path.join(dir, 'index.js')) as { main: (event: unknown, context: unknown) => Promise<unknown> };
    const context = { environment: JSON.stringify({ WX_OPENID: 'o-cloud' }) };
    // the input is read before any Db call: no network is needed to refuse it
    const refused = (await bundle.main({ action: 'getProduct', data: { productId: 5 } }, context)) as { ok: boolean; error: { code: string; message: string; field?: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('INVALID_INPUT');
    expect(refused.error.message).toMatch(/productId/);
    expect(refused.error.message).toMatch(/expected string/i);
  }, 30_000);

  it('takes the caller from the CloudBase context, never from the event', () => {
    expect(cloudCaller({ environment: JSON.stringify({ WX_OPENID: 'o-1', WX_UNIONID: 'u-1' }) })).toEqual({
      openid: 'o-1',
      unionid: 'u-1',
    });
    expect(cloudCaller({ environment: JSON.stringify({}) })).toBeNull();
    expect(cloudCaller(undefined)).toBeNull();
  });
});
