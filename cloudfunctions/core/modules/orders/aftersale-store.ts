import type { AfterSaleKind, AfterSaleState } from '../../../../typings/contract';
import type { Db, Query, Tx } from '../../ports';
import type { AfterSaleDoc, OrderDoc } from '../../schema';
import { checkApply, ENDED, MOVES, moveSet, STAFF_OPEN, type AfterSaleMove, type ApplyError } from './aftersale-rules';
import { planRefund, type RefundPlan, type RefundPlanError } from './refunds';
import { UNSETTLED_REFUND } from './store';

/**
 * The after-sale writes. An application and its line's lock on the order (`afterSales.<skuId>`) are
 * written in one transaction, and so is every move that ends it (the lock goes with it), so a line
 * never has two open applications and never stays locked by an ended one.
 */

export function loadAfterSale(db: Db, id: string): Promise<AfterSaleDoc | null> {
  return db.collection('after_sales').get(id);
}

export interface ApplyInput {
  orderId: string;
  userId: string;
  skuId: string;
  kind: AfterSaleKind;
  quantity: number;
  reason: string;
  note: string;
  photos: string[];
}

/** Files the application and locks its line, in one transaction, checked against the order as it is in it. */
export async function applyAfterSaleTx(db: Db, id: string, input: ApplyInput, now: number, shopDays: number): Promise<AfterSaleDoc | { error: ApplyError | 'not_found' }> {
  return db.transaction(async (tx) => {
    const order = await tx.get('orders', input.orderId);
    if (!order || order.userId !== input.userId) return { error: 'not_found' as const };
    const checked = checkApply(order, input, now, shopDays);
    if ('error' in checked) return checked;
    const doc: AfterSaleDoc = {
      _id: id,
      orderId: input.orderId,
      userId: input.userId,
      skuId: input.skuId,
      line: (({ title, image, specs }) => ({ title, image, specs }))(order.lines.find((l) => l.skuId === input.skuId)!),
      kind: input.kind,
      quantity: input.quantity,
      reason: input.reason,
      note: input.note,
      photos: input.photos,
      amountFen: checked.amountFen,
      state: 'requested',
      staffNote: '',
      returnAddress: null,
      returnAddressAt: null,
      returnTracking: null,
      reshipTracking: null,
      refundId: null,
      refund: null,
      history: [{ state: 'requested', at: now, by: 'shopper', note: input.note }],
      staffOpen: true,
      createdAt: now,
      updatedAt: now,
    };
    await tx.update('orders', order._id, { $set: { [`afterSales.${input.skuId}`]: id } });
    await tx.set('after_sales', doc);
    return doc;
  });
}

/** Inside a transaction: frees the order's line if this application holds it. */
async function unlockTx(tx: Tx, doc: Pick<AfterSaleDoc, '_id' | 'orderId' | 'skuId'>): Promise<void> {
  const order = await tx.get('orders', doc.orderId);
  if (order?.afterSales?.[doc.skuId] === doc._id) await tx.update('orders', doc.orderId, { $set: { [`afterSales.${doc.skuId}`]: null } });
}

/**
 * Inside a transaction: the move, if the application is in a state it is made from; what else to set
 * with it. An ending move frees the line. The application after the move, or null.
 */
export async function moveAfterSaleTx(
  tx: Tx,
  id: string,
  move: AfterSaleMove,
  by: 'shopper' | 'staff' | 'platform',
  note: string,
  now: number,
  set: Record<string, unknown> = {},
): Promise<AfterSaleDoc | null> {
  const doc = await tx.get('after_sales', id);
  if (!doc || !MOVES[move].from.includes(doc.state)) return null;
  const patch = { ...moveSet(doc, move, by, note, now), ...set };
  await tx.update('after_sales', id, { $set: patch });
  if (ENDED.includes(MOVES[move].to)) await unlockTx(tx, doc);
  return { ...doc, ...patch } as AfterSaleDoc;
}

/** The move in its own transaction. */
export function moveAfterSale(db: Db, id: string, move: AfterSaleMove, by: 'shopper' | 'staff' | 'platform', note: string, now: number, set: Record<string, unknown> = {}): Promise<AfterSaleDoc | null> {
  return db.transaction((tx) => moveAfterSaleTx(tx, id, move, by, note, now, set));
}

export type AfterSaleRefundError = { error: 'state' | 'in_progress' } | RefundPlanError;

/**
 * Approves the application's refund (or its return's receipt, or a retry) and records the refund on
 * the order, in one transaction: the move, the refund's plan of the line's units against the order as
 * it is now, and the order's refund (of all that is left, the order moves to refunding). `refundOf`
 * names the refund. The order with its refund, ready to ask the platform, or why not.
 */
export async function startAfterSaleRefundTx(
  db: Db,
  id: string,
  move: AfterSaleMove,
  note: string,
  now: number,
  refundOf: (order: OrderDoc, plan: RefundPlan, doc: AfterSaleDoc) => NonNullable<OrderDoc['refund']>,
): Promise<{ order: OrderDoc; doc: AfterSaleDoc } | AfterSaleRefundError> {
  return db.transaction(async (tx) => {
    const doc = await tx.get('after_sales', id);
    if (!doc || !MOVES[move].from.includes(doc.state)) return { error: 'state' as const };
    const order = await tx.get('orders', doc.orderId);
    if (!order) return { error: 'state' as const };
    if (order.refund && UNSETTLED_REFUND.includes(order.refund.state)) return { error: 'in_progress' as const };
    const plan = planRefund(order, [{ skuId: doc.skuId, quantity: doc.quantity }]);
    if ('error' in plan) return plan;
    const refund = { ...refundOf(order, plan, doc), afterSaleId: id };
    const orderSet: Record<string, unknown> = plan.whole ? { status: 'refunding', refund: { ...refund, fromStatus: order.status } } : { refund };
    await tx.update('orders', order._id, { $set: orderSet });
    const moved = await moveAfterSaleTx(tx, id, move, 'staff', note, now, { refundId: refund.refundId, amountFen: plan.amountFen, refund: { state: 'PROCESSING', amountFen: plan.amountFen, points: 0, settledAt: null } });
    return { order: { ...order, ...(plan.whole ? { status: 'refunding' as const } : {}), refund: orderSet.refund as OrderDoc['refund'] }, doc: moved! };
  });
}

/** Inside a refund's settling transaction: its application (if it came from one) refunded, with the points it took back. */
export async function afterSaleRefundedTx(tx: Tx, order: OrderDoc, points: number, settledAt: number, now: number): Promise<void> {
  const id = order.refund?.afterSaleId;
  if (!id) return;
  const refund = { state: 'SUCCESS', amountFen: order.refund!.amountFen ?? 0, points, settledAt };
  await moveAfterSaleTx(tx, id, 'refund_settled', 'platform', '', now, { refund });
}

/** Inside the transaction that records the platform closed an application's refund: staff may ask again. */
export async function afterSaleRefundClosedTx(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  const id = order.refund?.afterSaleId;
  if (id) await moveAfterSaleTx(tx, id, 'refund_closed', 'platform', '退款已关闭，款项未退', now, { 'refund.state': 'CLOSED', 'refund.settledAt': now });
}

/** An ABNORMAL refund: shown on the application too. */
export async function afterSaleRefundState(db: Db, order: OrderDoc, state: 'ABNORMAL'): Promise<void> {
  const id = order.refund?.afterSaleId;
  if (id) await db.collection('after_sales').update({ _id: id, refundId: order.refund!.refundId, state: 'refunding' }, { $set: { 'refund.state': state } });
}

export const AFTER_SALES_PAGE = 20;

export function listAfterSalesOf(db: Db, query: Query, page: number): Promise<[number, AfterSaleDoc[]]> {
  const c = db.collection('after_sales');
  return Promise.all([c.count(query), c.find(query, { sort: [['updatedAt', 'desc']], limit: AFTER_SALES_PAGE, skip: (page - 1) * AFTER_SALES_PAGE })]);
}

/** The staff queue's query: `open` = states staff still have to act on. */
export const staffQueueQuery = (state?: AfterSaleState | 'open'): Query => (state === 'open' ? { staffOpen: true } : state ? { state } : {});

/** The return address staff gave last. */
export function lastReturnAddress(db: Db): Promise<AfterSaleDoc | null> {
  return db.collection('after_sales').findOne({ returnAddressAt: { $gt: 0 } }, { sort: [['returnAddressAt', 'desc']] });
}

export { STAFF_OPEN };
