import type { OrderRefund, OrderStatus } from '../../../../typings/contract';
import type { Db, Tx, Update } from '../../ports';
import { cartItemId, type CartItemDoc, type OrderDoc } from '../../schema';
import { movableFrom } from './state';
import { givePurchaseLimitsTx } from './purchase-limits';
import { limitsAfterRefund } from './refunds';
import { orderSearchKeys, withSearchKeys } from './search';

/**
 * The orders module's writes. A move is a conditional update from the states the machine allows, so
 * repeats and late events change nothing.
 */
export async function move(db: Db, orderId: string, to: OrderStatus, set: Record<string, unknown>): Promise<boolean> {
  const update: Update = { $set: { status: to, ...set } };
  return (await db.collection('orders').update({ _id: orderId, status: { $in: movableFrom(to) } }, update)) === 1;
}

export function loadOrder(db: Db, orderId: string): Promise<OrderDoc | null> {
  return db.collection('orders').get(orderId);
}

export function insertOrder(db: Db, order: OrderDoc): Promise<void> {
  return db.collection('orders').insert(withSearchKeys(order));
}

/** Inside a transaction (a raffle prize's ¥0 order, placed with the prize's move). */
export function insertOrderTx(tx: Tx, order: OrderDoc): Promise<void> {
  return tx.set('orders', withSearchKeys(order));
}

/**
 * Orders written before they carried search keys get them, `limit` at a time; how many were
 * given keys (run until it returns 0). Each update is conditional on the keys still missing.
 */
export async function addMissingSearchKeys(db: Db, limit = 200): Promise<number> {
  const orders = db.collection('orders');
  const missing = await orders.find({ 'search.phoneTail': null }, { limit });
  let added = 0;
  for (const o of missing) added += await orders.update({ _id: o._id, 'search.phoneTail': null }, { $set: { search: orderSearchKeys(o) } });
  return added;
}

/**
 * Inside a transaction: `from` → `to` (cancelled, expired or refunded) with its purchase limits given
 * back; the order as it was, or null. The caller returns the stock and marks it (`stockReturnedAt`).
 */
export async function closeTx(
  tx: Tx,
  orderId: string,
  from: OrderStatus,
  to: 'cancelled' | 'expired' | 'refunded',
  now: number,
  set: Record<string, unknown> = {},
): Promise<OrderDoc | null> {
  const order = await tx.get('orders', orderId);
  if (!order || order.status !== from) return null;
  await tx.update('orders', orderId, { $set: { status: to, closedAt: now, ...set } });
  if (order.limitedLines?.length) await givePurchaseLimitsTx(tx, order.userId, order.limitedLines);
  return order;
}

/**
 * A move the order makes once on other documents without a transaction (kernel/marked.ts): `open`
 * while it runs, `done` once the counters moved, `since` when it began (a repair takes one still open
 * after a call's lifetime).
 */
export interface OrderMove {
  open: 'stockReturnOpen' | 'salesOpen';
  done: 'stockReturnedAt' | 'salesCountedAt';
  since: 'closedAt' | 'paidEffectsAt';
}
/** The stock of an order closed unpaid, going back to its SKUs. */
export const STOCK_RETURN: OrderMove = { open: 'stockReturnOpen', done: 'stockReturnedAt', since: 'closedAt' };
/** The sales of a paid order, counted on its products. */
export const SALES_COUNT: OrderMove = { open: 'salesOpen', done: 'salesCountedAt', since: 'paidEffectsAt' };

/** Records the move's counters moved; false when they already were. */
export async function markMoveDone(db: Db, orderId: string, move: OrderMove, now: number): Promise<boolean> {
  return (await db.collection('orders').update({ _id: orderId, [move.done]: null }, { $set: { [move.done]: now } })) > 0;
}

/** The move is finished: its counters moved and no document carries its mark. */
export async function closeMove(db: Db, orderId: string, move: OrderMove): Promise<void> {
  await db.collection('orders').update({ _id: orderId, [move.open]: true }, { $unset: [move.open] });
}

/** Orders whose move began at least `olderThanMs` ago and is still open (its call died), oldest first. */
export function openMoves(db: Db, move: OrderMove, now: number, olderThanMs: number, limit: number): Promise<OrderDoc[]> {
  return db.collection('orders').find({ [move.open]: true, [move.since]: { $lte: now - olderThanMs } }, { sort: [[move.since, 'asc']], limit });
}

/** Claims the once-only effects of a payment for this call and opens its sales count; false when another call claimed them. */
export async function claimPaidEffects(db: Db, orderId: string, now: number): Promise<boolean> {
  return (await db.collection('orders').update({ _id: orderId, paidEffectsAt: null }, { $set: { paidEffectsAt: now, [SALES_COUNT.open]: true } })) > 0;
}

/** A refund still with the platform: asked for (PROCESSING) or refused by the buyer's account (ABNORMAL). */
export const UNSETTLED_REFUND: ReadonlyArray<OrderRefund['state']> = ['PROCESSING', 'ABNORMAL'];

/**
 * Records a new refund on the order, conditional on the order being as it was read (its state and its
 * last refund): of all that is left the order moves to refunding; of a part it keeps its state.
 */
export async function startRefund(db: Db, before: Pick<OrderDoc, '_id' | 'status' | 'refund'>, refund: NonNullable<OrderDoc['refund']>): Promise<boolean> {
  const set: Record<string, unknown> = refund.whole ? { status: 'refunding', refund: { ...refund, fromStatus: before.status } } : { refund };
  const moved = await db
    .collection('orders')
    .update({ _id: before._id, status: before.status, 'refund.refundId': before.refund?.refundId ?? null }, { $set: set });
  return moved === 1;
}

/** Records where the platform has the order's refund; only for the refund it names, while it is unsettled. */
export async function setRefundState(db: Db, orderId: string, refundId: string, state: OrderRefund['state'], settledAt: number | null = null): Promise<boolean> {
  const moved = await db
    .collection('orders')
    .update({ _id: orderId, 'refund.refundId': refundId, 'refund.state': { $in: [...UNSETTLED_REFUND] } }, { $set: { 'refund.state': state, 'refund.settledAt': settledAt } });
  return moved === 1;
}

/**
 * Inside a transaction: the platform closed the refund without moving money: its refund kept as
 * CLOSED; a whole refund's order goes back to the state it came from (paid for refunds written
 * before that was kept). The order as it was, or null when the refund it names is no longer unsettled.
 */
export async function refundClosedTx(tx: Tx, orderId: string, refundId: string, now: number): Promise<OrderDoc | null> {
  const order = await tx.get('orders', orderId);
  const refund = order?.refund;
  if (!order || !refund || refund.refundId !== refundId || !UNSETTLED_REFUND.includes(refund.state)) return null;
  const whole = refund.whole ?? true;
  if (whole && order.status !== 'refunding') return null;
  const set = { 'refund.state': 'CLOSED', 'refund.settledAt': now };
  await tx.update('orders', orderId, { $set: whole ? { ...set, status: refund.fromStatus ?? 'paid' } : set });
  return order;
}

/** Inside a refund's settling transaction: the order, if the refund it names is still unsettled. */
export async function unsettledRefundTx(tx: Tx, orderId: string, refundId: string): Promise<OrderDoc | null> {
  const order = await tx.get('orders', orderId);
  if (!order?.refund || order.refund.refundId !== refundId || !UNSETTLED_REFUND.includes(order.refund.state)) return null;
  if ((order.refund.whole ?? true) && order.status !== 'refunding') return null;
  return order;
}

/**
 * A refund of part of the order settled, in its transaction: the refund marked SUCCESS, the totals
 * refunded so far, and the purchase-limit units of its lines given back.
 */
export async function settlePartRefundTx(tx: Tx, order: OrderDoc, refunded: NonNullable<OrderDoc['refunded']>, settledAt: number): Promise<void> {
  const limits = limitsAfterRefund(order, order.refund!.lines ?? []);
  await tx.update('orders', order._id, { $set: { 'refund.state': 'SUCCESS', 'refund.settledAt': settledAt, refunded, limitedLines: limits.keep } });
  if (limits.give.length) await givePurchaseLimitsTx(tx, order.userId, limits.give);
}

/** Refunds still PROCESSING that were asked for before `before`, oldest first. */
export function processingRefunds(db: Db, before: number, limit: number): Promise<OrderDoc[]> {
  return db
    .collection('orders')
    .find({ 'refund.state': 'PROCESSING', 'refund.requestedAt': { $lt: before } }, { sort: [['refund.requestedAt', 'asc']], limit });
}

/** The user's cart lines for these SKUs. */
export function cartLinesOf(db: Db, userId: string, skuIds: string[]): Promise<CartItemDoc[]> {
  return db.collection('cart_items').find({ _id: { $in: skuIds.map((s) => cartItemId(userId, s)) } });
}

/** Removes the user's cart lines for these SKUs; how many were there. */
export function removeCartLines(db: Db, userId: string, skuIds: string[]): Promise<number> {
  return db.collection('cart_items').remove({ _id: { $in: skuIds.map((s) => cartItemId(userId, s)) } });
}
