import { followParcel } from './logistics';
import { courierOf, type OrderLine, type ReceiptConfirm, type ShippingUploadState } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { maskPhone } from '../../kernel/mask';
import type { Db, Ports } from '../../ports';
import { ShippingRejected, type SettlementPush, type ShippingParcel, type ShippingUpload } from '../../ports/shipping';
import type { OrderDoc, ShippingInfo } from '../../schema';
import { orderView } from './order-actions';
import { move } from './store';

/**
 * Shipping reported to WeChat's 发货信息管理. For the categories it covers, a payment's funds stay
 * frozen until the shop reports the shipment (upload_shipping_info) and the buyer confirms receipt.
 *
 * The ship action moves the order (paid → shipped) with its report `pending`, then reports it once.
 * A report that failed for a reason that passes (network, the platform busy, a payment it does not know
 * yet) stays pending and the `uploadShipping` timer makes it again with a backoff; so does one left by
 * a crash between the move and the report. Before a retry the timer asks get_order whether the
 * platform already has the shipment, so a report that went through but was not recorded never spends
 * the one correction WeChat allows. A report the platform refuses as such is `failed`, shown to staff,
 * who correct the waybill (reshipOrder). A shipment already reported can be corrected once.
 *
 * The buyer confirms receipt in WeChat's 确认收货 component when the order carries `receiptConfirm`, or
 * with the shop's own button. WeChat's `trade_manage_order_settlement` push is only a prompt: the order
 * moves by what get_order then says, so a forged or repeated push changes nothing.
 */

/** WeChat's item description limit (商品信息). */
export const ITEM_DESC_MAX = 120;
/** Reports are retried this many times, then left `failed` for staff to see. */
export const MAX_UPLOAD_ATTEMPTS = 8;
const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 3600_000, 6 * 3600_000];
/** The page WeChat's shipping messages open; WeChat appends transaction_id, merchant_id and merchant_trade_no. */
export const SHIPPING_JUMP_PATH = 'pages/order/index';
/** errcodes of a report the platform refused as such: retrying the same body cannot pass. */
const REFUSED = new Set([47001, 10060005, 10060006, 10060007, 10060008, 10060009, 10060024, 10060025, 10060026]);
const RESHIP_USED = 10060003;
const NOT_SHIPPABLE = 10060004;

/** What the parcel holds, as WeChat shows it to the buyer: "title spec×n；…", at most 120 characters. */
export function itemDescOf(lines: readonly Pick<OrderLine, 'title' | 'specs' | 'quantity'>[]): string {
  const parts = lines.map((l) => [l.title, ...Object.values(l.specs)].join(' ') + `×${l.quantity}`);
  const all = parts.join('；');
  if ([...all].length <= ITEM_DESC_MAX) return all;
  const total = lines.reduce((s, l) => s + l.quantity, 0);
  const tail = `等${total}件`;
  return [...all].slice(0, ITEM_DESC_MAX - tail.length - 1).join('') + '…' + tail;
}

/** The report of a shipped order's one parcel. */
export function shippingUploadOf(order: OrderDoc, now: number): ShippingUpload {
  if (!order.transactionId || !order.tracking) throw new Error(`order ${order._id} has no payment or no waybill to report`);
  const code = order.tracking.code ?? courierOf(order.tracking.company)?.code ?? order.tracking.company;
  const contact = /\d{4}$/.test(order.address.telNumber.trim()) ? maskPhone(order.address.telNumber) : '';
  const parcel: ShippingParcel = {
    trackingNo: order.tracking.number,
    expressCompany: code,
    itemDesc: itemDescOf(order.lines),
    ...(contact ? { receiverContact: contact } : {}),
  };
  // a correction must be later than the report it replaces, even within the same millisecond
  const uploadedAt = Math.max(now, (order.shippingInfo?.uploadedAt ?? 0) + 1);
  return { transactionId: order.transactionId, openid: order.userId, parcels: [parcel], uploadedAt };
}

/** What a failed report means: retry later, refused as sent, or the platform already past shipping. */
export function uploadFailure(error: unknown): 'retry' | 'refused' | 'reship_used' | 'not_shippable' {
  if (!(error instanceof ShippingRejected)) return 'retry';
  if (error.errcode === RESHIP_USED) return 'reship_used';
  if (error.errcode === NOT_SHIPPABLE) return 'not_shippable';
  return REFUSED.has(error.errcode) ? 'refused' : 'retry';
}

export const nextAttemptAt = (attempts: number, now: number) => now + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;

const errorOf = (e: unknown): ShippingInfo['error'] =>
  e instanceof ShippingRejected ? { code: e.errcode, message: e.errmsg.slice(0, 200) } : { code: -1, message: String(e instanceof Error ? e.message : e).slice(0, 200) };

/** A report to make now: the order has a platform payment (a ¥0 prize order has none). */
export function pendingInfo(order: Pick<OrderDoc, 'transactionId' | 'price'>, now: number, corrected = false): ShippingInfo {
  const payable = !!order.transactionId && order.price.payableFen > 0;
  return { state: payable ? 'pending' : 'none', attempts: 0, nextAt: payable ? now : null, error: null, uploadedAt: null, corrected };
}

/** The confirm-receipt component's extraData, while the buyer can confirm in WeChat. */
export function receiptConfirmOf(order: OrderDoc): ReceiptConfirm | null {
  const info = order.shippingInfo;
  if (order.status !== 'shipped' || info?.state !== 'uploaded' || !order.transactionId || !info.merchantId) return null;
  return { transaction_id: order.transactionId, merchant_id: info.merchantId, merchant_trade_no: order._id };
}

/** A conditional write of the report's state: only while the report is as this caller read it. */
async function setInfo(db: Db, order: OrderDoc, patch: Partial<ShippingInfo>): Promise<boolean> {
  const info = order.shippingInfo!;
  const moved = await db
    .collection('orders')
    .update(
      { _id: order._id, status: 'shipped', 'shippingInfo.state': info.state, 'shippingInfo.attempts': info.attempts, 'shippingInfo.corrected': info.corrected },
      { $set: Object.fromEntries(Object.entries(patch).map(([k, v]) => [`shippingInfo.${k}`, v])) },
    );
  return moved === 1;
}

/**
 * Makes the order's pending report, once; `verify` first asks the platform whether it already has the
 * shipment (a retry, or a report a crash left). Returns the report's state afterwards.
 */
export async function reportShipment(ports: Pick<Ports, 'db' | 'shipping'>, orderId: string, now: number, verify: boolean): Promise<ShippingUploadState | null> {
  const order = await ports.db.collection('orders').get(orderId);
  const info = order?.shippingInfo;
  if (!order || order.status !== 'shipped' || !info) return null;
  if (info.state !== 'pending') return info.state;
  const attempts = info.attempts + 1;
  const later = async (e: unknown): Promise<ShippingUploadState> => {
    const giveUp = attempts >= MAX_UPLOAD_ATTEMPTS;
    await setInfo(ports.db, order, { state: giveUp ? 'failed' : 'pending', attempts, nextAt: giveUp ? null : nextAttemptAt(attempts, now), error: errorOf(e) });
    return giveUp ? 'failed' : 'pending';
  };
  const uploaded = async (): Promise<ShippingUploadState> => {
    await setInfo(ports.db, order, { state: 'uploaded', attempts, nextAt: null, error: null, uploadedAt: Math.max(now, (info.uploadedAt ?? 0) + 1), merchantId: ports.shipping.merchantId, platformState: 'shipped', platformCheckedAt: now });
    return 'uploaded';
  };
  try {
    if (!(await ports.shipping.managed())) {
      await setInfo(ports.db, order, { state: 'none', attempts, nextAt: null, error: null });
      return 'none';
    }
    if (verify && !info.corrected) {
      const state = await ports.shipping.orderState(order.transactionId!);
      if (state && state !== 'unshipped') return await uploaded();
    }
    await ports.shipping.upload(shippingUploadOf(order, now));
    return await uploaded();
  } catch (e) {
    const kind = uploadFailure(e);
    if (kind === 'retry') return later(e);
    if (kind === 'not_shippable' || kind === 'reship_used') {
      // the platform is past this report: shipped already (a report that was not recorded), confirmed, or refunded
      const state = await ports.shipping.orderState(order.transactionId!).catch(() => null);
      if (state && state !== 'unshipped' && state !== 'refunded') return uploaded();
    }
    await setInfo(ports.db, order, { state: 'failed', attempts, nextAt: null, error: errorOf(e) });
    return 'failed';
  }
}

/** Reports due now (pending, their time come), oldest first. */
export function dueReports(db: Db, now: number, limit: number): Promise<OrderDoc[]> {
  return db
    .collection('orders')
    .find({ status: 'shipped', 'shippingInfo.state': 'pending', 'shippingInfo.nextAt': { $lte: now } }, { sort: [['shippingInfo.nextAt', 'asc']], limit });
}

const jumpPathSet = new WeakSet<object>();

/** Timer: makes the due reports again; tells WeChat once per instance which page its shipping messages open. */
export async function uploadShipping(ctx: Pick<Ports, 'db' | 'shipping'> & { now: number }): Promise<Record<ShippingUploadState, number>> {
  if (!jumpPathSet.has(ctx.shipping)) {
    try {
      if (await ctx.shipping.managed()) await ctx.shipping.setJumpPath(SHIPPING_JUMP_PATH);
      jumpPathSet.add(ctx.shipping);
    } catch {
      // tried again on the next run
    }
  }
  const counts: Record<ShippingUploadState, number> = { pending: 0, uploaded: 0, failed: 0, none: 0 };
  for (const order of await dueReports(ctx.db, ctx.now, 50)) {
    const state = await reportShipment(ctx, order._id, ctx.now, true);
    if (state) counts[state] += 1;
  }
  return counts;
}

/**
 * WeChat's settlement push for a payment: the order is looked up by the push's merchant_trade_no and
 * transaction_id together, and moved only by what get_order says (received, completed or settling:
 * the buyer confirmed, or the platform did when its window ended). Always answers `success`: a push
 * for nothing of ours is acknowledged and dropped.
 */
export async function applySettlementPush(ports: Pick<Ports, 'db' | 'shipping'>, push: SettlementPush, now: number): Promise<'completed' | 'recorded' | 'ignored'> {
  const orders = ports.db.collection('orders');
  const order = await orders.get(push.merchant_trade_no);
  if (!order || !order.transactionId || order.transactionId !== push.transaction_id || !order.shippingInfo) return 'ignored';
  const state = await ports.shipping.orderState(order.transactionId);
  if (!state) return 'ignored';
  const settled = state === 'completed' && push.settlement_time ? push.settlement_time * 1000 : null;
  await orders.update(
    { _id: order._id },
    { $set: { 'shippingInfo.platformState': state, 'shippingInfo.platformCheckedAt': now, ...(settled ? { 'shippingInfo.settledAt': settled } : {}) } },
  );
  if (order.status === 'shipped' && (state === 'received' || state === 'completed' || state === 'settling')) {
    const at = push.confirm_receive_time ? push.confirm_receive_time * 1000 : now;
    if (await move(ports.db, order._id, 'completed', { completedAt: at })) return 'completed';
  }
  return 'recorded';
}

/** Staff: paid → shipped with a listed carrier, then the report to WeChat; reshipOrder corrects the waybill. */
export const shippingAdminActions = bind<'admin'>()({
  shipOrder: {
    staff: 'orders.fulfil',
    write: true,
    handler: async (ctx, { orderId, company, trackingNumber }) => {
      const orders = ctx.db.collection('orders');
      const before = await orders.get(orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const courier = courierOf(company);
      if (!courier) return fail('COURIER_UNKNOWN', undefined, 'company');
      const tracking = { company: courier.name, code: courier.code, number: trackingNumber };
      if (!(await move(ctx.db, orderId, 'shipped', { shippedAt: ctx.now, tracking, shippingInfo: pendingInfo(before, ctx.now) }))) return fail('ORDER_STATE_INVALID');
      const upload = (await reportShipment(ctx, orderId, ctx.now, false)) ?? 'none';
      const shipped = await orders.get(orderId);
      // the parcel handed to WeChat's 物流查询组件 now; a failure is retried by the first trace read
      if (shipped) await followParcel(ctx, shipped);
      const after = await orders.get(orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: 'shipped' as const, upload };
    },
  },
  reshipOrder: {
    staff: 'orders.fulfil',
    write: true,
    handler: async (ctx, { orderId, company, trackingNumber }) => {
      const orders = ctx.db.collection('orders');
      const before = await orders.get(orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const courier = courierOf(company);
      if (!courier) return fail('COURIER_UNKNOWN', undefined, 'company');
      const info = before.shippingInfo ?? pendingInfo(before, ctx.now);
      if (before.status !== 'shipped') return fail('ORDER_STATE_INVALID');
      if (info.state === 'uploaded' && info.corrected) return fail('RESHIP_USED');
      // a correction still on its way to WeChat is the one correction: it is not replaced
      if (info.state === 'pending' && info.corrected) return fail('ORDER_STATE_INVALID');
      if (info.state === 'uploaded' && info.platformState && info.platformState !== 'shipped') return fail('ORDER_STATE_INVALID');
      // a reported shipment spends WeChat's one correction; an unreported one is reported as corrected
      const corrected = info.state === 'uploaded' || info.corrected;
      // the last report's time is kept: the correction's upload_time must come after it
      const next: ShippingInfo = info.state === 'none' ? info : { ...pendingInfo(before, ctx.now, corrected), merchantId: info.merchantId ?? null, uploadedAt: info.uploadedAt };
      const tracking = { company: courier.name, code: courier.code, number: trackingNumber };
      const moved = await orders.update(
        { _id: orderId, status: 'shipped', 'shippingInfo.state': before.shippingInfo?.state ?? null, 'shippingInfo.corrected': before.shippingInfo?.corrected ?? null },
        { $set: { tracking, shippingInfo: next } },
      );
      if (moved !== 1) return fail('ORDER_STATE_INVALID');
      const upload = (await reportShipment(ctx, orderId, ctx.now, false)) ?? next.state;
      const after = await orders.get(orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: 'shipped' as const, upload };
    },
  },
  remindReceipt: {
    staff: 'orders.fulfil',
    write: true,
    handler: async (ctx, { orderId, receivedAt }) => {
      const orders = ctx.db.collection('orders');
      const order = await orders.get(orderId);
      if (!order) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const info = order.shippingInfo;
      if (order.status !== 'shipped' || info?.state !== 'uploaded' || !order.transactionId) return fail('ORDER_STATE_INVALID');
      if (info.remindedAt) return fail('RECEIPT_REMINDED');
      // taken first, so two staff tapping at once make one reminder
      const taken = await orders.update({ _id: orderId, status: 'shipped', 'shippingInfo.remindedAt': null }, { $set: { 'shippingInfo.remindedAt': ctx.now } });
      if (taken !== 1) return fail('RECEIPT_REMINDED');
      try {
        await ctx.shipping.remindConfirm(order.transactionId, Math.min(receivedAt ?? ctx.now, ctx.now));
      } catch (e) {
        // WeChat already reminded (or the order is past it): the slot stays taken; anything else gives it back
        if (!(e instanceof ShippingRejected && (e.errcode === RESHIP_USED || e.errcode === NOT_SHIPPABLE))) {
          await orders.update({ _id: orderId, 'shippingInfo.remindedAt': ctx.now }, { $set: { 'shippingInfo.remindedAt': null } });
          return fail('SHIPPING_UNAVAILABLE');
        }
      }
      ctx.audit({ entity: 'order', entityId: orderId, before: { remindedAt: null }, after: { remindedAt: ctx.now } });
      return { remindedAt: ctx.now };
    },
  },
});
