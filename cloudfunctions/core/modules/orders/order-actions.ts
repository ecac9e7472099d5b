import type { Order, OrderLine, OrderSource, OrderSummary } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { AppError, fail } from '../../kernel/errors';
import { liveOffer } from '../live/rules';
import { applyPayment } from '../../flows/payment';
import { ownAddress, shippingAddress } from './address-actions';
import { cartSlots } from './cart-actions';
import { releaseSlots } from '../../kernel/slots';
import { lockCoupons, unlockCoupons } from '../coupons/lifecycle';
import { chosenCoupons, discountsFor } from '../../flows/_discounts_old';
import { closeAndReturnStock, move } from './lifecycle';
import { loadLives, loadSkus } from '../catalog/store';
import { cartItemId, orderCouponIds, type OrderDoc } from '../../schema';
import { priceOrder } from './pricing';
import { mergeItems, orderLine, sellable } from './rules';
import { PAYMENT_WINDOW_MS } from './state';
import { creditedSource } from '../referral/rules';
import { returnStock, takeStock } from '../catalog/stock';

const orders = (ctx: Ctx) => ctx.db.collection('orders');
const ORDERS_PAGE = 10;

interface Draft {
  lines: OrderLine[];
  source: OrderSource;
}

/** Lines at today's prices: the live price applies to the card's product while its live is on. */
/**
 * Lines at today's prices. The live price applies to a line while its live is on: the card the
 * order's source names, or — for lines from the cart — the card the line was added from.
 */
async function draftLines(
  ctx: Ctx,
  items: Array<{ skuId: string; quantity: number }>,
  source: OrderSource | undefined,
  fromCart = false,
): Promise<Draft> {
  const merged = mergeItems(items);
  const { skus, products } = await loadSkus(ctx.db, merged.map((i) => i.skuId));
  const resolved: OrderSource = source ?? { kind: 'organic' };
  const cartCards = new Map<string, { liveId?: string; cardId?: string }>();
  if (fromCart) {
    const ids = merged.map((i) => cartItemId(ctx.caller.openid, i.skuId));
    for (const c of await ctx.db.collection('cart_items').find({ _id: { $in: ids } })) cartCards.set(c.skuId, c);
  }
  const lives = await loadLives(ctx.db, [resolved.liveId, ...[...cartCards.values()].map((c) => c.liveId)]);
  const lines = merged.map((item, i) => {
    const sku = skus.get(item.skuId) ?? null;
    const product = sku ? (products.get(sku.productId) ?? null) : null;
    if (!sellable(sku, product)) throw new AppError('SKU_UNAVAILABLE', undefined, `items.${i}.skuId`);
    const card = cartCards.get(item.skuId);
    const offer =
      liveOffer(resolved.liveId ? (lives.get(resolved.liveId) ?? null) : null, resolved.cardId, sku!.productId, ctx.now) ??
      (card?.liveId ? liveOffer(lives.get(card.liveId) ?? null, card.cardId, sku!.productId, ctx.now) : null);
    return orderLine(sku!, product!, item.quantity, offer);
  });
  return { lines, source: resolved };
}

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
});

/** The caller's own order, or ORDER_NOT_FOUND: another user's order is indistinguishable from none. */
export async function ownOrder(ctx: Ctx, orderId: string): Promise<OrderDoc> {
  const order = await orders(ctx).get(orderId);
  if (!order || order.userId !== ctx.caller.openid) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
  return order;
}

/**
 * Closes an unpaid order (cancel or expiry). The payment platform order is closed first so no late
 * payment can land; if it turns out to be paid, the payment is applied instead.
 */
export async function closeUnpaid(ctx: Pick<Ctx, 'db' | 'payment' | 'now'>, orderId: string, to: 'cancelled' | 'expired'): Promise<'closed' | 'paid' | 'unchanged'> {
  const paid = await ctx.payment.query(orderId);
  if (paid?.state === 'SUCCESS') {
    await applyPayment(ctx.db, paid, ctx.payment.method, ctx.now);
    return 'paid';
  }
  await ctx.payment.close(orderId);
  return (await closeAndReturnStock(ctx.db, orderId, 'created', to, ctx.now)) ? 'closed' : 'unchanged';
}

export const orderActions = bind<'mall'>()({
  previewOrder: {
    handler: async (ctx, { items, couponId, couponIds, source, fromCart }) => {
      const { lines } = await draftLines(ctx, items, source, fromCart);
      const checkout = await discountsFor(ctx.db, ctx.caller.openid, chosenCoupons(couponId, couponIds), lines, ctx.now);
      return { lines, price: priceOrder(lines, checkout.discounts), coupons: checkout.coupons };
    },
  },

  createOrder: {
    write: true,
    handler: async (ctx, { items, addressId, couponId, couponIds, source, fromCart }) => {
      const address = await ownAddress(ctx, addressId);
      if (!address) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
      const draft = await draftLines(ctx, items, source, fromCart);
      const chosen = chosenCoupons(couponId, couponIds);
      const checkout = await discountsFor(ctx.db, ctx.caller.openid, chosen, draft.lines, ctx.now);
      const price = priceOrder(draft.lines, checkout.discounts);
      const binding = await ctx.db.collection('referral_bindings').get(ctx.caller.openid);
      const { reason: sourceReason, ...credited } = creditedSource(draft.source, binding, ctx.now);
      const stockLines = draft.lines.map(({ skuId, quantity }) => ({ skuId, quantity }));
      await takeStock(ctx.db, stockLines);
      const orderId = ctx.ids.next();
      const fields = checkout.couponIds.map((id) => chosen.find((c) => c.couponId === id)!.field);
      try {
        await lockCoupons(ctx.db, ctx.caller.openid, checkout.couponIds, orderId, ctx.now, fields);
      } catch (e) {
        await returnStock(ctx.db, stockLines);
        throw e;
      }
      try {
        await orders(ctx).insert({
          _id: orderId,
          userId: ctx.caller.openid,
          status: 'created',
          lines: draft.lines,
          price,
          address: shippingAddress(address),
          couponId: checkout.couponIds[0] ?? null,
          couponIds: checkout.couponIds,
          source: credited,
          sourceReason,
          createdAt: ctx.now,
          expiresAt: ctx.now + PAYMENT_WINDOW_MS,
          paidAt: null,
          shippedAt: null,
          completedAt: null,
          closedAt: null,
          tracking: null,
          transactionId: null,
          paymentMethod: ctx.payment.method,
          refund: null,
          stockReturnedAt: null,
          paidEffectsAt: null,
        });
      } catch (e) {
        await unlockCoupons(ctx.db, checkout.couponIds, orderId);
        await returnStock(ctx.db, stockLines);
        throw e;
      }
      if (fromCart) {
        const ids = draft.lines.map((l) => cartItemId(ctx.caller.openid, l.skuId));
        const removed = await ctx.db.collection('cart_items').remove({ _id: { $in: ids } });
        await releaseSlots(ctx.db, cartSlots(ctx.caller.openid).id, removed);
      }
      return { orderId, payableFen: price.payableFen, status: 'created' as const };
    },
  },

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

  cancelOrder: {
    write: true,
    handler: async (ctx, { orderId }) => {
      const order = await ownOrder(ctx, orderId);
      if (order.status === 'cancelled') return { status: order.status };
      if (order.status !== 'created') return fail('ORDER_STATE_INVALID');
      await closeUnpaid(ctx, orderId, 'cancelled');
      const after = await ownOrder(ctx, orderId);
      if (after.status !== 'cancelled') return fail('ORDER_STATE_INVALID');
      return { status: after.status };
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
