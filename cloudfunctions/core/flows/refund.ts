import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { loadOrder, move, orderView, setRefundState } from '../modules/orders';
import { closeAndReturnStock } from './order-close';

/**
 * A staff refund of a whole order: paid → refunding (orders), ask the platform (payment port; it
 * deduplicates by refund id, so asking again is safe), and on success close the order, returning
 * stock and coupons and taking back the points (order-close).
 */
export const refundActions = bind<'admin'>()({
  refundOrder: {
    staff: 'orders.refund',
    write: true,
    handler: async (ctx, { orderId, reason }) => {
      const before = await loadOrder(ctx.db, orderId);
      if (!before) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      if (before.status === 'paid') {
        const refund = { refundId: `R${orderId}`, reason, requestedAt: ctx.now, state: 'PROCESSING' };
        if (!(await move(ctx.db, orderId, 'refunding', { refund }))) return fail('ORDER_STATE_INVALID');
      } else if (before.status !== 'refunding') {
        return fail('ORDER_STATE_INVALID');
      }
      const result = await ctx.payment
        .refund({ orderId, refundId: `R${orderId}`, amountFen: before.price.payableFen, totalFen: before.price.payableFen, reason })
        .catch(() => null);
      if (result) await setRefundState(ctx.db, orderId, result.state);
      if (result?.state === 'SUCCESS') await closeAndReturnStock(ctx.db, orderId, 'refunding', 'refunded', ctx.now);
      const after = await loadOrder(ctx.db, orderId);
      ctx.audit({ entity: 'order', entityId: orderId, before: orderView(before), after: after && orderView(after) });
      return { status: after!.status };
    },
  },
});
