import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/core/schema/collections';

/**
 * `npm run export:indexes`: writes dist/cloudbase/collections.json — every collection with its
 * indexes and unique keys in CloudBase's form (field name + direction "1"/"-1"), to create in the
 * CloudBase console (数据库 → 索引管理) or with the manager API before the first deploy.
 */
export function cloudbaseIndexes() {
  return COLLECTIONS.map((c) => ({
    collection: c.name,
    about: c.about,
    indexes: c.indexes.map((i) => ({
      name: i.name,
      unique: i.unique,
      keys: i.fields.map(([field, direction]) => ({ name: field, direction: direction === 'asc' ? '1' : '-1' })),
      ...(i.partial ? { partialFilterExpression: Object.fromEntries(i.fields.map(([field]) => [field, { $exists: true }])) } : {}),
    })),
  }));
}

if (require.main === module) {
  const out = path.resolve(__dirname, '../dist/cloudbase/collections.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(cloudbaseIndexes(), null, 2)}\n`);
  console.log(`wrote ${COLLECTIONS.length} collections to ${path.relative(process.cwd(), out)}`);
}
