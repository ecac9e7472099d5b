import { jobsOf } from '../../kernel/jobs';
import { DAY } from '../../kernel/time';
import type { Db } from '../../ports';
import type { JobDoc } from '../../schema';
import { PAID_STATUSES } from '../orders';
import { ASSOC_JOB, type ItemAssocDoc } from '../../schema';
import { AssocCounter } from './rules';

/**
 * Rebuilds the item-to-item table from paid orders of the last year: one basket per customer,
 * read a page of customers at a time (their orders by the userId index), counted in integer-keyed
 * maps, then written as one document per product. Readers see the previous table until the new
 * one is written; documents of products that no longer have partners are removed afterwards.
 */
export const ASSOC_WINDOW_MS = 365 * DAY;
const USER_PAGE = 500;
const WRITE_CHUNK = 200;

export async function rebuildAssociations(db: Db, now: number): Promise<{ users: number; products: number; pairs: number; computedAt: number }> {
  const counter = new AssocCounter();
  let cursor = '';
  for (;;) {
    const users = await db.collection('users').find({ _id: { $gt: cursor } }, { sort: [['_id', 'asc']], limit: USER_PAGE });
    if (!users.length) break;
    cursor = users[users.length - 1]._id;
    const orders = await db
      .collection('orders')
      .find({ userId: { $in: users.map((u) => u._id) }, status: { $in: [...PAID_STATUSES] }, createdAt: { $gte: now - ASSOC_WINDOW_MS } });
    const baskets = new Map<string, Set<string>>();
    for (const o of orders) {
      const basket = baskets.get(o.userId) ?? new Set<string>();
      for (const line of o.lines) basket.add(line.productId);
      baskets.set(o.userId, basket);
    }
    for (const basket of baskets.values()) counter.add(basket);
    if (users.length < USER_PAGE) break;
  }
  const table = counter.finish();
  const docs: ItemAssocDoc[] = [...table.items.entries()].map(([productId, related]) => ({
    _id: productId,
    related,
    baskets: table.baskets,
    computedAt: now,
  }));
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
    const chunk = docs.slice(i, i + WRITE_CHUNK);
    await db.transaction(async (tx) => {
      for (const doc of chunk) await tx.set('item_assoc', doc);
    });
  }
  await db.collection('item_assoc').remove({ computedAt: { $lt: now } });
  const summary = { users: table.baskets, products: docs.length, pairs: table.pairs, computedAt: now };
  const jobs = jobsOf<JobDoc>(db);
  const job: JobDoc = { _id: ASSOC_JOB, kind: 'assoc', status: 'done', cursor: null, leaseUntil: 0, updatedAt: now, ...summary };
  if (!(await jobs.update({ _id: ASSOC_JOB }, { $set: { ...summary, updatedAt: now } }))) {
    await jobs.insert(job).catch(() => jobs.update({ _id: ASSOC_JOB }, { $set: { ...summary, updatedAt: now } }));
  }
  return summary;
}
