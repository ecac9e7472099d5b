import { courierOf, type ReturnAddress, type StaffAfterSale } from '../../../typings/contract';
import { bind, type Ctx } from '../kernel/define';
import { fail } from '../kernel/errors';
import { maskName } from '../kernel/mask';
import { defaultNickname } from '../kernel/users';
import type { AfterSaleDoc } from '../schema';
import {
  afterSaleView,
  approvalOf,
  lastReturnAddress,
  listAfterSalesOf,
  loadOrderSettings,
  saveOrderSettings,
  loadAfterSale,
  moveAfterSale,
  receiptOf,
  staffQueueQuery,
  startAfterSaleRefundTx,
  type AfterSaleMove,
} from '../modules/orders';
import { askPlatform, newRefund } from './refund';
import { tellOrder } from './order-notices';

/**
 * 售后, the staff side. Approving a refund (or receiving a return) is one transaction that moves the
 * application and records the refund of its units on the order (modules/orders/aftersale-store.ts);
 * then the platform is asked as for any refund (flows/refund.ts), and its result moves the
 * application with the refund's settling transaction. Pressed twice, the second finds the application
 * moved and asks nothing.
 */

/** Applications as staff see them, with their buyers and orders read once for all of them. */
async function staffViews(ctx: Ctx, docs: AfterSaleDoc[]): Promise<StaffAfterSale[]> {
  if (!docs.length) return [];
  const userIds = [...new Set(docs.map((d) => d.userId))];
  const orderIds = [...new Set(docs.map((d) => d.orderId))];
  const [users, orders, returnTo] = await Promise.all([
    ctx.db.collection('users').find({ _id: { $in: userIds } }, { limit: userIds.length }),
    ctx.db.collection('orders').find({ _id: { $in: orderIds } }, { limit: orderIds.length }),
    defaultReturnAddress(ctx),
  ]);
  return Promise.all(
    docs.map(async (doc) => ({
      ...(await afterSaleView(ctx, doc)),
      buyer: { nickname: maskName(users.find((u) => u._id === doc.userId)?.nickname ?? defaultNickname(doc.userId), 'ends') },
      orderStatus: orders.find((o) => o._id === doc.orderId)?.status ?? '',
      defaultReturnAddress: returnTo,
    })),
  );
}

/** The address an approval offers: the shop's (售后与收货设置), else the one last given. */
async function defaultReturnAddress(ctx: Ctx): Promise<ReturnAddress | null> {
  const settings = await loadOrderSettings(ctx.db);
  return settings.returnAddress ?? (await lastReturnAddress(ctx.db))?.returnAddress ?? null;
}

const staffView = async (ctx: Ctx, doc: AfterSaleDoc): Promise<StaffAfterSale> => (await staffViews(ctx, [doc]))[0];

async function found(ctx: Ctx, id: string): Promise<AfterSaleDoc> {
  const doc = await loadAfterSale(ctx.db, id);
  if (!doc) return fail('AFTERSALE_NOT_FOUND', undefined, 'afterSaleId');
  return doc;
}

/** A staff move without money; audited with the application before and after. */
async function staffMove(ctx: Ctx, id: string, move: AfterSaleMove, note: string, set: Record<string, unknown> = {}): Promise<StaffAfterSale> {
  const before = await found(ctx, id);
  const after = await moveAfterSale(ctx.db, id, move, 'staff', note, ctx.now, set);
  if (!after) return fail('AFTERSALE_STATE_INVALID');
  ctx.audit({ entity: 'after_sale', entityId: id, before: { state: before.state }, after: { state: after.state, note } });
  await tellOrder(ctx, after.orderId, { kind: 'aftersale', doc: after });
  return staffView(ctx, after);
}

/** A staff move that refunds the application's units: the move and the order's refund in one transaction, then the platform. */
async function refundMove(ctx: Ctx, id: string, move: AfterSaleMove, note: string): Promise<StaffAfterSale> {
  const before = await found(ctx, id);
  const started = await startAfterSaleRefundTx(ctx.db, id, move, note, ctx.now, (order, plan, doc) => newRefund(order, plan, `售后：${doc.reason}`.slice(0, 80), ctx.now));
  if ('error' in started) {
    if (started.error === 'state') return fail('AFTERSALE_STATE_INVALID');
    if (started.error === 'in_progress') return fail('REFUND_IN_PROGRESS');
    return fail('REFUND_LINES_INVALID', started.error, 'afterSaleId');
  }
  await askPlatform(ctx, started.order, ctx.now);
  const after = (await loadAfterSale(ctx.db, id))!;
  ctx.audit({ entity: 'after_sale', entityId: id, before: { state: before.state }, after: { state: after.state, refundId: after.refundId, amountFen: after.amountFen } });
  if (after.state === 'refunding') await tellOrder(ctx, after.orderId, { kind: 'aftersale', doc: after });
  return staffView(ctx, after);
}

export const afterSaleAdminActions = bind<'admin'>()({
  staffListAfterSales: {
    staff: 'staff.read',
    handler: async (ctx, { state, page }) => {
      const [total, items] = await listAfterSalesOf(ctx.db, staffQueueQuery(state), page ?? 1);
      return { items: await staffViews(ctx, items), total };
    },
  },

  staffGetAfterSale: {
    staff: 'staff.read',
    handler: async (ctx, { afterSaleId }) => staffView(ctx, await found(ctx, afterSaleId)),
  },

  getAfterSaleSettings: {
    staff: 'staff.read',
    handler: (ctx) => loadOrderSettings(ctx.db),
  },

  setAfterSaleSettings: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, change) => {
      const before = await loadOrderSettings(ctx.db);
      const after = await saveOrderSettings(ctx.db, change, ctx.now);
      const { updatedAt: _b, ...was } = before;
      const { updatedAt: _a, ...is } = after;
      ctx.audit({ entity: 'order_settings', entityId: 'aftersale', before: was, after: is });
      return after;
    },
  },

  approveAfterSale: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { afterSaleId, returnAddress }) => {
      const doc = await found(ctx, afterSaleId);
      const move = approvalOf(doc.kind);
      if (move === 'approve_refund') return refundMove(ctx, afterSaleId, move, '');
      const address = returnAddress ?? (await defaultReturnAddress(ctx));
      if (!address) return fail('INVALID_INPUT', 'returnAddress is needed for a return or exchange', 'returnAddress');
      return staffMove(ctx, afterSaleId, move, '', { returnAddress: address, returnAddressAt: ctx.now });
    },
  },

  rejectAfterSale: {
    staff: 'orders.fulfil',
    write: true,
    handler: (ctx, { afterSaleId, note, ask }) => staffMove(ctx, afterSaleId, ask ? 'ask' : 'reject', note, { staffNote: note }),
  },

  receiveReturn: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { afterSaleId, reship }) => {
      const doc = await found(ctx, afterSaleId);
      const move = receiptOf(doc.kind);
      if (move === 'receive_return') return refundMove(ctx, afterSaleId, move, '退货已收到');
      if (!reship) return fail('INVALID_INPUT', 'reship is needed for an exchange', 'reship');
      const courier = courierOf(reship.company);
      if (!courier) return fail('COURIER_UNKNOWN', undefined, 'reship.company');
      return staffMove(ctx, afterSaleId, move, `${courier.name} ${reship.number}`, { reshipTracking: { company: courier.name, number: reship.number.trim() } });
    },
  },

  retryAfterSaleRefund: {
    staff: 'orders.refund',
    write: true,
    handler: (ctx, { afterSaleId }) => refundMove(ctx, afterSaleId, 'retry_refund', '重新退款'),
  },
});
