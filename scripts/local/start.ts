import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { addMissingSearchKeys } from '../../cloudfunctions/core/modules/orders';
import { repairAtStart } from './repair-at-start';
import { buildPreview } from '../preview/build';
import { seedDemoShop } from '../seed/seed';
import { startScheduler } from './scheduler';
import { startServer } from './server';
import { readTriggers } from './triggers';

/** `npm start`: every function on one SQLite file, served on loopback, timers in-process. */
async function main() {
  const dbPath = path.resolve(process.env.DB_PATH ?? '.data/mall.db');
  const port = Number(process.env.PORT ?? 8787);
  const runtime = createLocalRuntime({ dbPath, baseUrl: `http://127.0.0.1:${port}` });
  const { seeded } = await seedDemoShop(runtime.ports);
  await repairAtStart(runtime.ports);
  // orders a database from before order search kept: given their search keys once
  let keyed = 0;
  for (let n = await addMissingSearchKeys(runtime.ports.db); n > 0; n = await addMissingSearchKeys(runtime.ports.db)) keyed += n;
  if (keyed) console.log(`Orders: search keys added to ${keyed} order(s)`);
  const triggers = Object.keys(runtime.functions).flatMap((fn) => readTriggers(fn));
  const scheduler = startScheduler(runtime, triggers);
  // the simulated WeChat Pay settles refunds a few seconds after they are asked for and calls back, as the platform does
  const refunds = setInterval(() => void runtime.devSettleRefunds().catch((e: unknown) => console.error('Refund settlement failed:', e)), 2_000);
  refunds.unref();
  // and the simulated content check pushes its verdicts of review photos (wxa_media_check) the same way
  const mediaChecks = setInterval(() => void runtime.devMediaChecks().catch((e: unknown) => console.error('Media check push failed:', e)), 2_000);
  mediaChecks.unref();
  // the browser preview of the mini program's pages, served at / (a failed build leaves the API up)
  const preview = process.env.PREVIEW === 'off' ? null : await buildPreview().catch((e: unknown) => (console.error('Preview build failed:', e), null));
  // WeChat DevTools or another local front end that posts with its own Origin: LOCAL_ALLOWED_ORIGINS=http://127.0.0.1:9420,…
  const allowedOrigins = (process.env.LOCAL_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const server = await startServer(runtime, port, { allowedOrigins });

  console.log(`Local runtime: ${server.url}  (database ${dbPath}${seeded ? ', demo shop seeded' : ''})`);
  if (preview) console.log(`Preview: ${server.url}/  (${preview.pages} pages, ${preview.components} components, built in ${preview.ms} ms)`);
  console.log('Bound to 127.0.0.1 only: the X-WX-OPENID header is a development identity, not for production.');
  console.log(`Functions: ${Object.keys(runtime.functions).join(', ')}; timers: ${triggers.map((t) => `${t.fn}.${t.name}`).join(', ') || 'none'}`);
  console.log('Users: demo-shopper (member), demo-staff (owner); any other openid is a new user.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    clearInterval(refunds);
    clearInterval(mediaChecks);
    await server.close();
    await scheduler.stop();
    await runtime.close();
    console.log('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
