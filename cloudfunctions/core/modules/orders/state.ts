import type { OrderStatus } from '../../../../typings/contract';

/**
 * The order state machine (订单状态机):
 *   created → paid → shipped → completed
 *   created → cancelled | expired
 *   paid | shipped | completed → refunding → refunded (a refund of all that is left of the order)
 *   refunding → the state it came from (the platform closed the refund without moving money)
 * Every move in the database is a conditional update from the states listed here, so a late or
 * repeated event can never move an order backwards. The one way back, when the platform closed the
 * refund, is not a move: it is `refundClosedTx`, conditional on the refund it names. A refund of part
 * of the order moves no state: the order stays paid, shipped or completed with the refund beside it.
 */
export const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  created: ['paid', 'cancelled', 'expired'],
  paid: ['shipped', 'refunding'],
  shipped: ['completed', 'refunding'],
  completed: ['refunding'],
  cancelled: [],
  expired: [],
  refunding: ['refunded'],
  refunded: [],
};

export const canMove = (from: OrderStatus, to: OrderStatus) => NEXT[from].includes(to);

/** The states an order may be in to move to `to`. */
export const movableFrom = (to: OrderStatus): OrderStatus[] =>
  (Object.keys(NEXT) as OrderStatus[]).filter((from) => NEXT[from].includes(to));

/** States whose reserved stock is back on the shelf. */
export const CLOSED: readonly OrderStatus[] = ['cancelled', 'expired', 'refunded'];

/** Unpaid orders expire this long after creation. */
export const PAYMENT_WINDOW_MS = 30 * 60_000;

/** Orders that count as bought: paid and not (being) refunded. */
export const PAID_STATUSES = ['paid', 'shipped', 'completed'] as const satisfies readonly OrderStatus[];

/** Orders whose payment counts toward member spend: paid and not yet refunded. */
export const SPEND_STATUSES: readonly OrderStatus[] = [...PAID_STATUSES, 'refunding'];
