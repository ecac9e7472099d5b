import { isDuplicateKey, type Db } from '../../ports';
import { restockSubscriptionId, type RestockSubscriptionDoc, type SkuDoc } from '../../schema';

/**
 * 到货提醒 (restock reminders): a shopper may wait for a SKU only while it is sold out; once it is on
 * sale with stock again, every waiting shopper hears of it once. The subscriptions are this module's
 * (`restock_subscriptions`); the SKU's `restockWatch` says a pass still has subscribers to look at.
 */

/**
 * Records that `userId` waits for the SKU, once per shopper and SKU: a new subscription, one already
 * waiting left as it is, or a notified one waiting again for its next round. The SKU's watch goes up
 * after the write, so a pass that read the watch before it does not take the SKU for settled.
 */
export async function subscribeRestock(db: Db, userId: string, sku: Pick<SkuDoc, '_id' | 'productId'>, now: number): Promise<'created' | 'waiting' | 'rearmed'> {
  const subs = db.collection('restock_subscriptions');
  const _id = restockSubscriptionId(sku._id, userId);
  let outcome: 'created' | 'waiting' | 'rearmed' = 'created';
  try {
    await subs.insert({ _id, skuId: sku._id, productId: sku.productId, userId, status: 'waiting', round: 1, createdAt: now, updatedAt: now, notifiedAt: null });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = await subs.get(_id);
    outcome = 'waiting';
    if (existing?.status === 'notified') {
      const rearmed = await subs.update(
        { _id, status: 'notified', round: existing.round },
        { $set: { status: 'waiting', round: existing.round + 1, createdAt: now, updatedAt: now, notifiedAt: null } },
      );
      if (rearmed) outcome = 'rearmed';
    }
  }
  await db.collection('skus').update({ _id: sku._id }, { $inc: { restockWatch: 1 } });
  return outcome;
}

/** The oldest subscriptions still waiting for a SKU. */
export const waitingForRestock = (db: Db, skuId: string, limit: number): Promise<RestockSubscriptionDoc[]> =>
  db.collection('restock_subscriptions').find({ skuId, status: 'waiting' }, { sort: [['createdAt', 'asc']], limit });

/** Marks one round notified; false when another pass (or a new round) got there first. */
export async function markRestockNotified(db: Db, sub: RestockSubscriptionDoc, now: number): Promise<boolean> {
  return (
    (await db
      .collection('restock_subscriptions')
      .update({ _id: sub._id, status: 'waiting', round: sub.round }, { $set: { status: 'notified', notifiedAt: now, updatedAt: now } })) === 1
  );
}

/**
 * After a pass found no one left waiting: the watch goes back to 0 only if it is still what the pass
 * read, so a subscription recorded meanwhile keeps the SKU on the list for the next pass.
 */
export async function settleRestockWatch(db: Db, skuId: string, seen: number): Promise<boolean> {
  return (await db.collection('skus').update({ _id: skuId, restockWatch: seen }, { $set: { restockWatch: 0 } })) === 1;
}

/** SKUs with someone possibly waiting that have stock again (the timer's list). */
export const watchedSkusInStock = (db: Db, limit: number): Promise<SkuDoc[]> =>
  db.collection('skus').find({ restockWatch: { $gt: 0 }, stock: { $gt: 0 } }, { limit });

/** Of these SKUs, the ones `userId` is waiting for. */
export async function waitingSkuIds(db: Db, userId: string, skuIds: string[]): Promise<string[]> {
  if (!skuIds.length) return [];
  const subs = await db.collection('restock_subscriptions').find({ _id: { $in: skuIds.map((s) => restockSubscriptionId(s, userId)) }, status: 'waiting' });
  const waiting = new Set(subs.filter((s) => s.userId === userId).map((s) => s.skuId));
  return skuIds.filter((s) => waiting.has(s));
}
