import { AUTO_COMPLETE_DAYS, type OrderTrace } from '../../../../typings/contract';
import { bind, type Ctx, type TimerCtx } from '../../kernel/define';
import type { Db, LogisticsPort, Trace } from '../../ports';
import type { OrderDoc } from '../../schema';
import { ownOrder } from './order-actions';
import { loadOrderSettings } from './settings';
import { move } from './store';

/**
 * Tracking (物流): a shipped order's waybill is handed to WeChat's 物流查询组件 once (its token kept on
 * the order), and read when the buyer opens the order and by the autoCompleteOrders timer. The first
 * read that says signed for is kept (`logistics.deliveredAt`); a shipped order completes by itself
 * the shop's days after delivery (售后与收货设置, AUTO_COMPLETE_DAYS until set), or AUTO_COMPLETE_MAX_DAYS after shipping whatever the trace says
 * (a trace that never arrives must not hold the order open).
 */
export const AUTO_COMPLETE_MAX_DAYS = 15;
const DAY = 86_400_000;
export const AUTO_COMPLETE_BATCH = 100;

/** When a shipped order completes by itself. */
export function autoCompleteAt(o: Pick<OrderDoc, 'status' | 'shippedAt' | 'logistics'>, days = AUTO_COMPLETE_DAYS): number | null {
  if (o.status !== 'shipped' || o.shippedAt == null) return null;
  const latest = o.shippedAt + AUTO_COMPLETE_MAX_DAYS * DAY;
  const delivered = o.logistics?.deliveredAt;
  return delivered != null ? Math.min(latest, delivered + days * DAY) : latest;
}

/** Hands the order's waybill to WeChat once and keeps its token (conditional, so two callers keep one); null when it cannot. */
export async function followParcel(deps: { db: Db; logistics: LogisticsPort }, o: OrderDoc): Promise<string | null> {
  if (o.logistics?.token) return o.logistics.token;
  if (!o.tracking?.code || !o.transactionId) return null;
  try {
    const token = await deps.logistics.follow({
      openid: o.userId,
      transactionId: o.transactionId,
      deliveryId: o.tracking.code,
      waybillId: o.tracking.number,
      receiverPhone: o.address.telNumber,
      goods: o.lines.map((l) => ({ name: l.title, imageUrl: l.image })),
      orderDetailPath: `pages/order/index?id=${o._id}`,
    });
    await deps.db.collection('orders').update({ _id: o._id, 'logistics.token': null }, { $set: { logistics: { token, state: null, checkedAt: null, deliveredAt: null } } });
    return token;
  } catch {
    return null;
  }
}

/** The order's trace, the state and the first delivery kept; null when it cannot be read now. */
async function readTrace(deps: { db: Db; logistics: LogisticsPort; now: number }, o: OrderDoc): Promise<{ trace: Trace; deliveredAt: number | null } | null> {
  const token = await followParcel(deps, o);
  if (!token) return null;
  const orders = deps.db.collection('orders');
  try {
    const trace = await deps.logistics.trace(token);
    let deliveredAt = o.logistics?.deliveredAt ?? null;
    if (trace.state === 'delivered' && deliveredAt == null) {
      deliveredAt = deps.now;
      await orders.update({ _id: o._id, 'logistics.deliveredAt': null }, { $set: { 'logistics.deliveredAt': deliveredAt } });
    }
    await orders.update({ _id: o._id }, { $set: { 'logistics.state': trace.state, 'logistics.checkedAt': deps.now } });
    return { trace, deliveredAt };
  } catch {
    return null;
  }
}

export const logisticsActions = bind<'mall'>()({
  orderTrace: {
    handler: async (ctx: Ctx, { orderId }) => {
      const [o, settings] = await Promise.all([ownOrder(ctx, orderId), loadOrderSettings(ctx.db)]);
      const shippedOrLater = o.status === 'shipped' || o.status === 'completed';
      const read = shippedOrLater ? await readTrace(ctx, o) : null;
      const deliveredAt = read?.deliveredAt ?? o.logistics?.deliveredAt ?? null;
      const answer: OrderTrace = {
        state: read?.trace.state ?? null,
        events: read?.trace.events ?? [],
        company: o.tracking?.company ?? '',
        number: o.tracking?.number ?? '',
        deliveredAt,
        autoCompleteAt: autoCompleteAt({ ...o, logistics: o.logistics ? { ...o.logistics, deliveredAt } : o.logistics }, settings.autoCompleteDays),
      };
      return answer;
    },
  },
});

/**
 * Timer: shipped orders, oldest first: each past its time completes (conditional on still being
 * shipped, so a buyer's own confirmation wins); the others have their trace read for delivery.
 */
export async function autoCompleteOrders(ctx: Pick<TimerCtx, 'db' | 'logistics' | 'now'>): Promise<{ completed: number; checked: number }> {
  const tally = { completed: 0, checked: 0 };
  const { autoCompleteDays: days } = await loadOrderSettings(ctx.db);
  const shipped = await ctx.db
    .collection('orders')
    .find({ status: 'shipped', shippedAt: { $lt: ctx.now - DAY } }, { sort: [['shippedAt', 'asc']], limit: AUTO_COMPLETE_BATCH });
  for (const o of shipped) {
    let at = autoCompleteAt(o, days);
    if (at != null && at > ctx.now && o.logistics?.deliveredAt == null) {
      const read = await readTrace(ctx, o);
      if (read) tally.checked++;
      if (read?.deliveredAt != null) at = autoCompleteAt({ ...o, logistics: { token: null, state: null, checkedAt: null, ...o.logistics, deliveredAt: read.deliveredAt } }, days);
    }
    if (at != null && at <= ctx.now && (await move(ctx.db, o._id, 'completed', { completedAt: ctx.now, autoCompleted: true }))) tally.completed++;
  }
  return tally;
}
