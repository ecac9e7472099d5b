import type { OrderLine, OrderSource } from '../../../typings/contract';
import { bind, type Ctx } from '../kernel/define';
import { AppError, fail } from '../kernel/errors';
import { runFlow } from '../kernel/flow';
import { releaseSlots } from '../kernel/slots';
import { holdStock, loadLives, loadSkus, releaseHolds, returnHeldStock } from '../modules/catalog';
import { lockCoupons, unlockCoupons } from '../modules/coupons';
import { liveOffer } from '../modules/live';
import {
  PAYMENT_WINDOW_MS,
  cartLinesOf,
  cartSlots,
  mergeItems,
  orderLine,
  ownAddress,
  priceOrder,
  checkPurchaseLimits,
  closeCheckout,
  openCheckout,
  placeCheckoutTx,
  purchaseHeld,
  purchaseLimitsView,
  limitedLines,
  type LimitedLine,
  removeCartLines,
  sellable,
  shippingAddress,
  takePurchaseLimitsTx,
} from '../modules/orders';
import { bindingOf, creditedSource } from '../modules/referral';
import type { OrderDoc } from '../schema';
import { checkoutDiscounts, chosenCoupons, type LoadedSkus } from './checkout-discounts';

interface Draft {
  lines: OrderLine[];
  source: OrderSource;
  loaded: LoadedSkus;
  /** the lines under a per-user purchase limit */
  limited: LimitedLine[];
}

/**
 * Lines at today's prices, with the SKUs loaded once for the whole checkout. The live price applies
 * to a line while its live is on: the card the order's source names, or — for lines from the cart —
 * the card the line was added from.
 */
async function draftLines(
  ctx: Ctx,
  items: Array<{ skuId: string; quantity: number }>,
  source: OrderSource | undefined,
  fromCart = false,
): Promise<Draft> {
  const merged = mergeItems(items);
  const loaded = await loadSkus(ctx.db, merged.map((i) => i.skuId));
  const { skus, products } = loaded;
  const resolved: OrderSource = source ?? { kind: 'organic' };
  const cartCards = new Map<string, { liveId?: string; cardId?: string }>();
  if (fromCart) for (const c of await cartLinesOf(ctx.db, ctx.caller.openid, merged.map((i) => i.skuId))) cartCards.set(c.skuId, c);
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
  return { lines, source: resolved, loaded, limited: limitedLines(lines, skus) };
}

/**
 * Checkout: preview and create an order. createOrder runs as steps across modules:
 *  1. address (orders), lines at today's prices (catalog, live), discounts (points tier, coupons),
 *     the credited source (referral) — reads, nothing to undo;
 *  2. open the checkout (orders: what it is about to take) — compensated by closing it;
 *  3. hold stock (catalog: each line's decrement marks the SKU with the hold) — compensated by
 *     giving back what the marks say was taken;
 *  4. lock the chosen coupons (coupons) — compensated by unlocking them;
 *  5. insert the order (orders) — the commit point: in one transaction with the per-user purchase
 *     limits its lines take and the checkout marked placed (a line over its limit, or a checkout a
 *     repair already gave back, refuses the order and undoes 2–4);
 *  6. release the holds and close the checkout. A crash anywhere leaves the checkout open: the
 *     `repairCheckouts` timer settles it (holds released when the order exists, else stock and
 *     coupons given back);
 *  7. clear the ordered cart lines (orders) — after the commit; a failure leaves only cart lines.
 */
export const checkoutActions = bind<'mall'>()({
  previewOrder: {
    handler: async (ctx, { items, couponId, couponIds, source, fromCart, applySuggested }) => {
      const { lines, loaded, limited } = await draftLines(ctx, items, source, fromCart);
      const chosen = chosenCoupons(couponId, couponIds);
      const checkout = await checkoutDiscounts(ctx.db, ctx.caller.openid, chosen, lines, ctx.now, loaded, applySuggested);
      // what is left of each line's SKU, so the page can say "仅剩 2 件" before the order is refused
      const stock = Object.fromEntries(lines.map((l) => [l.skuId, Math.max(0, loaded.skus.get(l.skuId)?.stock ?? 0)]));
      const limits = purchaseLimitsView(limited, await purchaseHeld(ctx.db, ctx.caller.openid, limited));
      return { lines, price: priceOrder(lines, checkout.discounts), coupons: checkout.coupons, stock, limits };
    },
  },

  createOrder: {
    write: true,
    handler: async (ctx, { items, addressId, couponId, couponIds, source, fromCart }) => {
      const address = await ownAddress(ctx, addressId);
      if (!address) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
      const draft = await draftLines(ctx, items, source, fromCart);
      // 每人限购: refused here, before any stock is taken; the order's own transaction decides for good
      await checkPurchaseLimits(ctx.db, ctx.caller.openid, draft.limited);
      const chosen = chosenCoupons(couponId, couponIds);
      const checkout = await checkoutDiscounts(ctx.db, ctx.caller.openid, chosen, draft.lines, ctx.now, draft.loaded);
      const price = priceOrder(draft.lines, checkout.discounts);
      const { reason: sourceReason, ...credited } = creditedSource(draft.source, await bindingOf(ctx.db, ctx.caller.openid), ctx.now);
      const stockLines = draft.lines.map(({ skuId, quantity }) => ({ skuId, quantity }));
      const limited = draft.limited;
      const orderId = ctx.ids.next();
      const fields = checkout.couponIds.map((id) => chosen.find((c) => c.couponId === id)!.field);

      await runFlow(async (steps) => {
        await steps.step(
          'open checkout',
          () => openCheckout(ctx.db, { _id: orderId, userId: ctx.caller.openid, lines: stockLines, couponIds: checkout.couponIds, createdAt: ctx.now }),
          () => closeCheckout(ctx.db, orderId),
        );
        await steps.step('hold stock', () => holdStock(ctx.db, stockLines, orderId), () => returnHeldStock(ctx.db, stockLines, orderId));
        await steps.step(
          'lock coupons',
          () => lockCoupons(ctx.db, ctx.caller.openid, checkout.couponIds, orderId, ctx.now, fields),
          () => unlockCoupons(ctx.db, checkout.couponIds, orderId),
        );
        const order: OrderDoc = {
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
          ...(limited.length ? { limitedLines: limited.map(({ skuId, quantity }) => ({ skuId, quantity })) } : {}),
        };
        await steps.step('insert order', () =>
          ctx.db.transaction(async (tx) => {
            await takePurchaseLimitsTx(tx, ctx.caller.openid, limited);
            await placeCheckoutTx(tx, order, ctx.now);
          }),
        );
      });
      // the order is written: its stock stays taken, the holds and the checkout are settled
      await releaseHolds(ctx.db, stockLines, orderId);
      await closeCheckout(ctx.db, orderId);
      if (fromCart) {
        const removed = await removeCartLines(ctx.db, ctx.caller.openid, draft.lines.map((l) => l.skuId));
        await releaseSlots(ctx.db, cartSlots(ctx.caller.openid).id, ctx.now, removed);
      }
      return { orderId, payableFen: price.payableFen, status: 'created' as const };
    },
  },
});
