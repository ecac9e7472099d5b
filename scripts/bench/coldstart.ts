import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunction, functionNames } from '../build';

/**
 * What a cold start of each cloud function spends loading its code: `require()` of the built bundle
 * (`npm run build`'s output) in a fresh Node process, the least of RUNS tries, beside `require()` of
 * `@cloudbase/node-sdk` alone in a fresh process (the one package every bundle loads from
 * node_modules). own = the bundle loaded in a fresh process where the SDK was loaded first: the
 * project's part (goal ≤ 50 ms). The first call's Db and
 * platform work is not in it: that is the round trips of `bench roundtrips`.
 */
const RUNS = 9;
const ROOT = path.resolve(__dirname, '../..');

/** milliseconds `require(target)` takes in a fresh process, after `preload` is loaded untimed */
function requireMs(target: string, preload?: string): number {
  const first = preload ? `require(${JSON.stringify(preload)});` : '';
  const script = `${first}const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  // run from the project, so the bundle's external SDK resolves from its node_modules as it would next to the bundle
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' });
  return Number(out);
}

const least = (target: string, preload?: string) => Math.min(...Array.from({ length: RUNS }, () => requireMs(target, preload)));

export async function run(): Promise<void> {
  const fns = functionNames();
  const built = [];
  for (const fn of fns) built.push(await buildFunction(fn));
  const sdkPath = require.resolve('@cloudbase/node-sdk', { paths: [ROOT] });
  const sdk = least(sdkPath);
  console.log(`coldstart: @cloudbase/node-sdk alone require=${sdk.toFixed(1)}ms (least of ${RUNS}, ${os.cpus().length} cores)`);
  let worst = 0;
  for (const b of built) {
    const bundle = path.join(ROOT, 'dist', 'cloudfunctions', b.fn, 'index.js');
    if (!fs.existsSync(bundle)) throw new Error(`no bundle for ${b.fn}`);
    const ms = least(bundle);
    // the project's part: the bundle loaded in a fresh process that already has the SDK
    const own = b.dependencies.includes('@cloudbase/node-sdk') ? least(bundle, sdkPath) : ms;
    worst = Math.max(worst, own);
    console.log(`coldstart: ${b.fn.padEnd(13)} require=${ms.toFixed(1)}ms sdk=${sdk.toFixed(1)}ms own=${own.toFixed(1)}ms bundle=${(b.bytes / 1024).toFixed(0)}KB`);
  }
  console.log(`coldstart: worst own=${worst.toFixed(1)}ms goal=50ms ${worst <= 50 ? 'ok' : 'OVER'}`);
}
