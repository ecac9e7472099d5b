import type { StaffOrderEvent, StaffOrderPrice } from '../../../../typings/contract';
import type { OrderDoc } from '../../schema';

/** What an order's own record says happened to it, and what its price was made of. Pure. */

/** The member-price discount's source (flows/checkout-discounts.ts); every other discount is a coupon. */
export const MEMBER_PRICE_SOURCE = 'member_price';

/**
 * The order's events, oldest first, from the times its record holds: placed, paid, shipped,
 * completed, refund asked for and settled, or closed unpaid (cancelled, expired).
 */
export function orderEvents(o: Pick<OrderDoc, 'status' | 'createdAt' | 'paidAt' | 'shippedAt' | 'completedAt' | 'closedAt' | 'refund'>): StaffOrderEvent[] {
  const events: StaffOrderEvent[] = [{ kind: 'created', at: o.createdAt }];
  if (o.paidAt !== null) events.push({ kind: 'paid', at: o.paidAt });
  if (o.shippedAt !== null) events.push({ kind: 'shipped', at: o.shippedAt });
  if (o.completedAt !== null) events.push({ kind: 'completed', at: o.completedAt });
  if (o.refund) events.push({ kind: 'refund_requested', at: o.refund.requestedAt });
  // the platform's word on a refund that did not go through
  if (o.refund?.settledAt != null && (o.refund.state === 'ABNORMAL' || o.refund.state === 'CLOSED')) {
    events.push({ kind: o.refund.state === 'ABNORMAL' ? 'refund_abnormal' : 'refund_closed', at: o.refund.settledAt });
  }
  // a refund of part of the order settled (the order keeps its state)
  if (o.refund?.settledAt != null && o.refund.state === 'SUCCESS' && o.refund.whole === false) events.push({ kind: 'refunded_part', at: o.refund.settledAt });
  if (o.closedAt !== null && (o.status === 'refunded' || o.status === 'cancelled' || o.status === 'expired')) {
    events.push({ kind: o.status, at: o.closedAt });
  }
  // stable: events at the same moment keep the order above
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
}

/**
 * The order's price in the parts staff read it by: goods at the prices charged (the live price
 * already in them, `liveSavingFen` being what it took off the SKU prices), the member-price
 * discount, each coupon, shipping, payable.
 */
export function priceParts(o: Pick<OrderDoc, 'lines' | 'price' | 'source'>): StaffOrderPrice {
  const liveSavingFen = o.source.liveId
    ? o.lines.reduce((sum, l) => sum + Math.max(0, l.listPriceFen - l.unitPriceFen) * l.quantity, 0)
    : 0;
  const member = o.price.discounts.filter((d) => d.source === MEMBER_PRICE_SOURCE);
  return {
    goodsFen: o.price.goodsFen,
    liveSavingFen,
    memberFen: member.reduce((sum, d) => sum + d.amountFen, 0),
    coupons: o.price.discounts.filter((d) => d.source !== MEMBER_PRICE_SOURCE).map((d) => ({ couponId: d.source, label: d.label, amountFen: d.amountFen })),
    discountFen: o.price.discountFen,
    shippingFen: o.price.shippingFen,
    payableFen: o.price.payableFen,
  };
}
