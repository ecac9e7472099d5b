import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { move } from './store';
import { orderView } from './order-actions';

/** Staff order operations inside the orders module: ship (paid → shipped). Refunds are a flow (flows/refund.ts). */
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
});
