import { AppError } from '../../kernel/errors';
import type { Db, Tx } from '../../ports';

/**
 * A coupon's life with an order, each move one conditional update (or, when an order closes, a
 * by-id check inside the order's own transaction), so each happens exactly once:
 *   createOrder:   available → locked(orderId)      (refused if another order took it first)
 *   paid:          locked(orderId) → used
 *   cancel/expiry: locked(orderId) → available      (in the transaction that closes the order)
 *   full refund:   used(orderId) → available        (same transaction; only while still valid)
 */
const coupons = (db: Db) => db.collection('coupons');

/** Locks each coupon to the order; all or nothing. `fields` names each coupon's input path for the refusal. */
export async function lockCoupons(db: Db, userId: string, couponIds: string[], orderId: string, now: number, fields: string[]): Promise<void> {
  const locked: string[] = [];
  for (const [i, _id] of couponIds.entries()) {
    const changed = await coupons(db).update(
      { _id, userId, status: 'available', validFrom: { $lte: now }, validTo: { $gte: now } },
      { $set: { status: 'locked', orderId, lockedAt: now } },
    );
    if (!changed) {
      await unlockCoupons(db, locked, orderId);
      throw new AppError('COUPON_NOT_APPLICABLE', 'This coupon is already in use by another order', fields[i]);
    }
    locked.push(_id);
  }
}

export async function unlockCoupons(db: Db, couponIds: string[], orderId: string): Promise<void> {
  if (!couponIds.length) return;
  await coupons(db).update({ _id: { $in: couponIds }, status: 'locked', orderId }, { $set: { status: 'available', orderId: null, lockedAt: null } });
}

/** On payment: the order's locked coupons are used. Repeats change nothing. */
export async function consumeCoupons(db: Db, orderId: string, couponIds: string[], now: number): Promise<void> {
  if (!couponIds.length) return;
  await coupons(db).update({ _id: { $in: couponIds }, status: 'locked', orderId }, { $set: { status: 'used', usedAt: now } });
}

/**
 * Inside the transaction that closes an order: an unpaid order's coupons go back to the wallet; a
 * fully refunded order's coupons go back if they are still valid (an expired one stays used).
 * The order's state move in the same transaction makes this happen once.
 */
export async function returnCouponsTx(tx: Tx, orderId: string, couponIds: string[], to: 'cancelled' | 'expired' | 'refunded', now: number): Promise<void> {
  for (const _id of couponIds) {
    const c = await tx.get('coupons', _id);
    if (!c || c.orderId !== orderId) continue;
    const back =
      to === 'refunded' ? c.status === 'used' && now <= c.validTo : c.status === 'locked';
    if (back) await tx.update('coupons', _id, { $set: { status: 'available', orderId: null, lockedAt: null, usedAt: null } });
  }
}
