import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { seedDemoShop } from './seed';

/** `npm run seed`: seeds the demo shop into ${DB_PATH:-.data/mall.db} if it is empty (npm start does this too). */
async function main() {
  const dbPath = path.resolve(process.env.DB_PATH ?? '.data/mall.db');
  const runtime = createLocalRuntime({ dbPath });
  const { seeded } = await seedDemoShop(runtime.ports);
  await runtime.close();
  console.log(seeded ? `seeded the demo shop into ${dbPath}` : `${dbPath} already has a shop; nothing seeded`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
