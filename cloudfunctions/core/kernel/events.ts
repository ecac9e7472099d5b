import type { Db } from '../ports';
import { isDuplicateKey } from '../ports';
import type { UserEventDoc } from '../schema';

/**
 * Records an event SOP rules may start from, once per key (a repeated call records nothing).
 * The SOP runner turns it into tasks on its next run.
 */
export async function recordEvent(db: Db, e: Omit<UserEventDoc, 'processedAt'>): Promise<boolean> {
  try {
    await db.collection('user_events').insert({ ...e, processedAt: null });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

export const cartAddKey = (userId: string, skuId: string, at: number) => `cart:${userId}:${skuId}:${at}`;
export const paidKey = (orderId: string) => `paid:${orderId}`;
export const reserveKey = (liveId: string, userId: string) => `reserve:${liveId}:${userId}`;
export const tagAddedKey = (userId: string, tag: string, at: number) => `tag:${userId}:${tag}:${at}`;

/** An event the SOP runner has turned into its tasks. */
export async function markProcessed(db: Db, eventId: string, now: number): Promise<void> {
  await db.collection('user_events').update({ _id: eventId }, { $set: { processedAt: now } });
}
