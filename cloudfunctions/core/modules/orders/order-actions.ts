import type { Order, OrderSummary } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { AppError, fail } from '../../kernel/errors';
import { orderCouponIds, type OrderDoc } from '../../schema';
import { refundedFenOf, refundView } from './refunds';
import { receiptConfirmOf } from './shipping';
import { move } from './store';

const orders = (ctx: Ctx) => ctx.db.collection('orders');
const ORDERS_PAGE = 10;

export function orderView(o: OrderDoc): Order {
  return {
    _id: o._id,
    status: o.status,
    lines: o.lines,
    price: o.price,
    address: o.address,
    couponId: o.couponId,
    couponIds: orderCouponIds(o),
    source: o.source,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    shippedAt: o.shippedAt,
    completedAt: o.completedAt,
    closedAt: o.closedAt,
    tracking: o.tracking,
    receiptConfirm: receiptConfirmOf(o),
    refund: refundView(o),
    refundedFen: refundedFenOf(o),
  };
}

const summaryView = (o: OrderDoc): OrderSummary => ({
  _id: o._id,
  status: o.status,
  createdAt: o.createdAt,
  expiresAt: o.expiresAt,
  payableFen: o.price.payableFen,
  count: o.lines.reduce((s, l) => s + l.quantity, 0),
  lines: o.lines.map(({ title, image, quantity }) => ({ title, image, quantity })),
  receiptConfirm: receiptConfirmOf(o),
});

/** The caller's own order, or ORDER_NOT_FOUND: another user's order is indistinguishable from none. */
export async function ownOrder(ctx: Ctx, orderId: string): Promise<OrderDoc> {
  const order = await orders(ctx).get(orderId);
  if (!order || order.userId !== ctx.caller.openid) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
  return order;
}

export const orderActions = bind<'mall'>()({
  getOrder: {
    handler: async (ctx, { orderId }) => orderView(await ownOrder(ctx, orderId)),
  },

  listOrders: {
    handler: async (ctx, { status, page }) => {
      const query = { userId: ctx.caller.openid, ...(status ? { status } : {}) };
      const [total, items] = await Promise.all([
        orders(ctx).count(query),
        orders(ctx).find(query, { sort: [['createdAt', 'desc']], limit: ORDERS_PAGE, skip: ((page ?? 1) - 1) * ORDERS_PAGE }),
      ]);
      return { items: items.map(summaryView), total };
    },
  },

  confirmReceipt: {
    write: true,
    handler: async (ctx, { orderId }) => {
      const order = await ownOrder(ctx, orderId);
      if (order.status === 'completed') return { status: order.status };
      if (!(await move(ctx.db, orderId, 'completed', { completedAt: ctx.now }))) return fail('ORDER_STATE_INVALID');
      return { status: 'completed' as const };
    },
  },

  prepay: {
    handler: async (ctx, { orderId }) => {
      const order = await ownOrder(ctx, orderId);
      if (order.status !== 'created') return fail('ORDER_STATE_INVALID');
      if (ctx.now >= order.expiresAt) return fail('ORDER_EXPIRED');
      try {
        return await ctx.payment.prepay({
          orderId,
          amountFen: order.price.payableFen,
          description: order.lines.map((l) => l.title).join('、').slice(0, 100),
          openid: ctx.caller.openid,
          expiresAt: order.expiresAt,
        });
      } catch (e) {
        if (e instanceof AppError) throw e;
        return fail('PAYMENT_UNAVAILABLE');
      }
    },
  },
});
