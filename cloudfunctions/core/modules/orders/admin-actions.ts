import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { closeAndReturnStock, move } from './lifecycle';
import { orderView } from './order-actions';

/** Staff order operations: ship (paid → shipped) and refund (paid → refunding → refunded). */
export const orderAdminActions = bind<'admin'>()({
  shipOrder: {
    staff: 'orders.fulfil',
    write: true,
    handler: async (ctx, { orderId, company, trackingNumber }) => {
      const orders = ctx.db.collection('orders');
      const before = await orders.get(orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const tracking = { company, number: trackingNumber };
      if (!(await move(ctx.db, orderId, 'shipped', { shippedAt: ctx.now, tracking }))) return fail('ORDER_STATE_INVALID');
      const after = await orders.get(orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: 'shipped' as const };
    },
  },

  refundOrder: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { orderId, reason }) => {
      const orders = ctx.db.collection('orders');
      const before = await orders.get(orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      if (before.status === 'paid') {
        const refund = { refundId: `R${orderId}`, reason, requestedAt: ctx.now, state: 'PROCESSING' };
        if (!(await move(ctx.db, orderId, 'refunding', { refund }))) return fail('ORDER_STATE_INVALID');
      } else if (before.status !== 'refunding') {
        return fail('ORDER_STATE_INVALID');
      }
      // refunding: ask (again) — the platform deduplicates by refund id
      const result = await ctx.payment
        .refund({ orderId, refundId: `R${orderId}`, amountFen: before.price.payableFen, totalFen: before.price.payableFen, reason })
        .catch(() => null);
      if (result) await orders.update({ _id: orderId }, { $set: { 'refund.state': result.state } });
      if (result?.state === 'SUCCESS') await closeAndReturnStock(ctx.db, orderId, 'refunding', 'refunded', ctx.now);
      const after = await orders.get(orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: after!.status };
    },
  },
});
