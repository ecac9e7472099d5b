import { AppError } from '../../kernel/errors';
import type { Db, Tx } from '../../ports';
import type { CheckoutIntentDoc, OrderDoc } from '../../schema';
import { withSearchKeys } from './search';

/** A checkout left this long without settling is taken for crashed (a call never runs this long). */
export const STALE_CHECKOUT_MS = 2 * 60_000;

const intents = (db: Db) => db.collection('checkout_intents');

/** Before any stock is held: what the checkout is about to take. */
export function openCheckout(db: Db, intent: Pick<CheckoutIntentDoc, '_id' | 'userId' | 'lines' | 'couponIds' | 'createdAt'>): Promise<void> {
  return intents(db).insert({ ...intent, placedAt: null, abandonedAt: null });
}

/**
 * Inside the transaction that writes the order: the checkout must still be open (a repair that found
 * it stale has given its stock back and abandoned it: the order is refused, nothing written).
 */
export async function placeCheckoutTx(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  const intent = await tx.get('checkout_intents', order._id);
  if (!intent || intent.abandonedAt !== null) throw new AppError('CHECKOUT_EXPIRED', 'the checkout took too long and was given back', undefined);
  await tx.update('checkout_intents', order._id, { $set: { placedAt: now } });
  await tx.set('orders', withSearchKeys(order));
}

/** The checkout is settled (its order written and its holds released, or all of it given back). */
export async function closeCheckout(db: Db, orderId: string): Promise<void> {
  await intents(db).remove({ _id: orderId });
}

/** Checkouts older than the stale limit (or `olderThanMs`), oldest first. */
export function staleCheckouts(db: Db, now: number, limit: number, olderThanMs = STALE_CHECKOUT_MS): Promise<CheckoutIntentDoc[]> {
  return intents(db).find({ createdAt: { $lte: now - olderThanMs } }, { sort: [['createdAt', 'asc']], limit });
}

/** A stale checkout that never placed its order is abandoned, in one transaction with the check; false when it was placed meanwhile. */
export async function abandonCheckout(db: Db, orderId: string, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const intent = await tx.get('checkout_intents', orderId);
    if (!intent || intent.placedAt !== null) return false;
    if (intent.abandonedAt === null) await tx.update('checkout_intents', orderId, { $set: { abandonedAt: now } });
    return true;
  });
}
