import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { checkInvariants, INVARIANTS } from './check';

/** `npm run check:invariants`: checks the local database (DB_PATH, default .data/mall.db); exit 1 on a violation. */
async function main() {
  const dbPath = path.resolve(process.env.DB_PATH ?? '.data/mall.db');
  const runtime = createLocalRuntime({ dbPath, log: () => undefined });
  try {
    const violations = await checkInvariants(runtime.ports.db, runtime.ports.clock.now());
    for (const [name, text] of Object.entries(INVARIANTS)) {
      const found = violations.filter((v) => v.invariant === name);
      console.log(`${found.length ? '✗' : '✓'} ${name}: ${text}${found.length ? ` — ${found.length} violation(s)` : ''}`);
      for (const v of found.slice(0, 20)) console.log(`    ${v.id}: ${v.found}`);
    }
    console.log(violations.length ? `${violations.length} violation(s) in ${dbPath}` : `all invariants hold in ${dbPath}`);
    process.exitCode = violations.length ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
