import type { OrderRefund, OrderStatus } from '../../../../typings/contract';
import type { OrderDoc, RefundLineDoc } from '../../schema';

/**
 * Refund rules (pure). What a line of an order was paid is its goods total less its share of the
 * order's discounts, shared in proportion to the line totals (the remainder fen by fen to the lines
 * with the largest fractions, then the first), so the lines add up to exactly what was paid for goods.
 * Units of a line return their share of what is left of it (left × units / units left, rounded down);
 * the last units take all that is left, so a line never returns more than it was paid. Shipping is returned with the
 * last line: only a refund that leaves nothing of the order returns it. Coupons come back only then
 * (a partly refunded order still used them); points go back in proportion to the goods refunded.
 */

/** What each line was paid for, in fen, in the order's line order. */
export function linePaidFen(order: Pick<OrderDoc, 'lines' | 'price'>): number[] {
  const totals = order.lines.map((l) => l.lineTotalFen);
  const goods = totals.reduce((s, t) => s + t, 0);
  const paidGoods = Math.max(0, order.price.payableFen - order.price.shippingFen);
  if (goods === 0) return totals.map(() => 0);
  const discount = Math.min(goods, goods - paidGoods);
  const exact = totals.map((t) => (discount * t) / goods);
  const shares = exact.map(Math.floor);
  let left = discount - shares.reduce((s, x) => s + x, 0);
  const byFraction = exact.map((x, i) => ({ i, f: x - Math.floor(x) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    shares[i]++;
    left--;
  }
  return totals.map((t, i) => t - shares[i]);
}

/** What settled refunds have returned so far, per SKU. */
export function refundedOf(order: Pick<OrderDoc, 'refunded'>): Map<string, { quantity: number; amountFen: number }> {
  const m = new Map<string, { quantity: number; amountFen: number }>();
  for (const l of order.refunded?.lines ?? []) m.set(l.skuId, { quantity: l.quantity, amountFen: l.amountFen });
  return m;
}

/** Per line: how many units and how many fen may still be refunded. */
export function refundable(order: Pick<OrderDoc, 'lines' | 'price' | 'refunded'>): Array<{ skuId: string; quantity: number; amountFen: number }> {
  const paid = linePaidFen(order);
  const done = refundedOf(order);
  return order.lines.map((l, i) => {
    const d = done.get(l.skuId) ?? { quantity: 0, amountFen: 0 };
    return { skuId: l.skuId, quantity: Math.max(0, l.quantity - d.quantity), amountFen: Math.max(0, paid[i] - d.amountFen) };
  });
}

/** What `quantity` units of a line return of what is left of it. */
export const unitsShare = (left: { quantity: number; amountFen: number }, quantity: number): number =>
  quantity >= left.quantity ? left.amountFen : Math.floor((left.amountFen * quantity) / left.quantity);

export interface RefundPlan {
  lines: RefundLineDoc[];
  amountFen: number;
  /** nothing of the order is left after it: the order closes as refunded (shipping and coupons back) */
  whole: boolean;
}

export type RefundPlanError = { error: 'line_unknown' | 'quantity_over' | 'nothing_left'; skuId?: string };

/** The order states a refund may be asked in (after shipping too: a return, or goods never received). */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'completed'];

/**
 * A refund of the given lines (all that is left when none are given): each SKU once, its quantity
 * at most what is left of its line.
 */
export function planRefund(order: Pick<OrderDoc, 'lines' | 'price' | 'refunded'>, asked?: Array<{ skuId: string; quantity: number }>): RefundPlan | RefundPlanError {
  const left = refundable(order);
  const wanted = new Map<string, number>();
  for (const a of asked ?? left.filter((l) => l.quantity > 0)) {
    const i = order.lines.findIndex((l) => l.skuId === a.skuId);
    if (i < 0) return { error: 'line_unknown', skuId: a.skuId };
    const quantity = (wanted.get(a.skuId) ?? 0) + a.quantity;
    if (quantity > left[i].quantity) return { error: 'quantity_over', skuId: a.skuId };
    wanted.set(a.skuId, quantity);
  }
  if (wanted.size === 0) return { error: 'nothing_left' };
  const lines: RefundLineDoc[] = [];
  for (const [skuId, quantity] of wanted) {
    const i = order.lines.findIndex((l) => l.skuId === skuId);
    lines.push({ skuId, quantity, amountFen: unitsShare(left[i], quantity) });
  }
  const whole = left.every((l) => l.quantity === (wanted.get(l.skuId) ?? 0));
  const goods = lines.reduce((s, l) => s + l.amountFen, 0);
  return { lines, amountFen: goods + (whole ? order.price.shippingFen : 0), whole };
}

/** The refunded totals after a refund settles. */
export function addRefunded(order: Pick<OrderDoc, 'refunded'>, lines: RefundLineDoc[], amountFen: number, points: number): NonNullable<OrderDoc['refunded']> {
  const done = refundedOf(order);
  for (const l of lines) {
    const d = done.get(l.skuId) ?? { quantity: 0, amountFen: 0 };
    done.set(l.skuId, { quantity: d.quantity + l.quantity, amountFen: d.amountFen + l.amountFen });
  }
  return {
    amountFen: (order.refunded?.amountFen ?? 0) + amountFen,
    points: (order.refunded?.points ?? 0) + points,
    lines: [...done].map(([skuId, d]) => ({ skuId, ...d })),
  };
}

/** The points a refund takes back of what the order earned: in proportion to the goods it returns; all that is left for the last. */
export function pointsToReverse(earned: number, paidGoodsFen: number, refundGoodsFen: number, alreadyReversed: number, whole: boolean): number {
  const left = Math.max(0, earned - alreadyReversed);
  if (whole || paidGoodsFen <= 0) return left;
  return Math.min(left, Math.floor((earned * refundGoodsFen) / paidGoodsFen));
}

/** The purchase-limit units a refund gives back, and what the order holds of its limits after it. */
export function limitsAfterRefund(order: Pick<OrderDoc, 'limitedLines'>, lines: RefundLineDoc[]): { give: Array<{ skuId: string; quantity: number }>; keep: Array<{ skuId: string; quantity: number }> } {
  const refunded = new Map(lines.map((l) => [l.skuId, l.quantity]));
  const give: Array<{ skuId: string; quantity: number }> = [];
  const keep: Array<{ skuId: string; quantity: number }> = [];
  for (const l of order.limitedLines ?? []) {
    const back = Math.min(l.quantity, refunded.get(l.skuId) ?? 0);
    if (back > 0) give.push({ skuId: l.skuId, quantity: back });
    if (l.quantity - back > 0) keep.push({ skuId: l.skuId, quantity: l.quantity - back });
  }
  return { give, keep };
}

/** The lines a refund returns: its own, or (a whole refund written before partial refunds) every line. */
export function refundLinesOf(order: Pick<OrderDoc, 'lines' | 'price' | 'refunded' | 'refund'>): RefundLineDoc[] {
  if (order.refund?.lines) return order.refund.lines;
  const paid = linePaidFen(order);
  return order.lines.map((l, i) => ({ skuId: l.skuId, quantity: l.quantity, amountFen: paid[i] }));
}

/** A refund as the buyer and staff see it. */
export function refundView(order: Pick<OrderDoc, 'lines' | 'price' | 'refunded' | 'refund'>): OrderRefund | null {
  const r = order.refund;
  if (!r) return null;
  return {
    state: r.state,
    reason: r.reason,
    requestedAt: r.requestedAt,
    settledAt: r.settledAt ?? null,
    amountFen: r.amountFen ?? order.price.payableFen,
    lines: refundLinesOf(order),
    whole: r.whole ?? true,
  };
}

/** What settled refunds have returned, in fen (a whole refund settled before partial refunds: what was paid). */
export function refundedFenOf(order: Pick<OrderDoc, 'status' | 'price' | 'refunded'>): number {
  if (order.refunded) return order.refunded.amountFen;
  return order.status === 'refunded' ? order.price.payableFen : 0;
}
