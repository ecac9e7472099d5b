import type { Cart } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { isDuplicateKey } from '../../ports';
import { releaseSlots, takeSlot, type SlotSpec } from '../../kernel/slots';
import { liveOffer } from '../live';
import { cartAddKey, recordEvent } from '../../kernel/events';
import { loadLives, loadSkus } from '../catalog';
import { cartItemId } from '../../schema';
import { cartLine, MAX_CART_LINES, MAX_LINE_QUANTITY, sellable, unitPrice } from './rules';

const cartItems = (ctx: Ctx) => ctx.db.collection('cart_items');

/** At most MAX_CART_LINES lines per user. */
export const cartSlots = (userId: string): SlotSpec => ({
  id: `cart:${userId}`,
  max: MAX_CART_LINES,
  counts: { collection: 'cart_items', query: { userId } },
});

export async function cartView(ctx: Ctx): Promise<Cart> {
  const items = await cartItems(ctx).find({ userId: ctx.caller.openid }, { sort: [['updatedAt', 'desc']], limit: MAX_CART_LINES });
  const [{ skus, products }, lives] = await Promise.all([
    loadSkus(ctx.db, items.map((i) => i.skuId)),
    loadLives(ctx.db, items.map((i) => i.liveId)),
  ]);
  const lines = items.map((item) => {
    const sku = skus.get(item.skuId) ?? null;
    const product = sku ? (products.get(sku.productId) ?? null) : null;
    const offer = sku && item.liveId ? liveOffer(lives.get(item.liveId) ?? null, item.cardId, sku.productId, ctx.now) : null;
    return cartLine(item, sku, product, offer);
  });
  const buyable = lines.filter((l) => l.problem === null);
  return {
    lines,
    goodsFen: buyable.reduce((s, l) => s + l.lineTotalFen, 0),
    count: lines.reduce((s, l) => s + l.quantity, 0),
  };
}

/** Sets a line's quantity (adding to it when `add`), checked against stock, with optimistic retry. */
async function putLine(ctx: Ctx, skuId: string, quantity: number, add: boolean, live?: { liveId?: string; cardId?: string }) {
  const { skus, products } = await loadSkus(ctx.db, [skuId]);
  const sku = skus.get(skuId) ?? null;
  const product = sku ? (products.get(sku.productId) ?? null) : null;
  if (!sellable(sku, product)) return fail('SKU_UNAVAILABLE', undefined, 'skuId');
  const lives = await loadLives(ctx.db, [live?.liveId]);
  const offer = live?.liveId ? liveOffer(lives.get(live.liveId) ?? null, live.cardId, sku!.productId, ctx.now) : null;
  const id = cartItemId(ctx.caller.openid, skuId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await cartItems(ctx).get(id);
    if (!existing && !add) return fail('CART_ITEM_NOT_FOUND', undefined, 'skuId');
    const next = add ? (existing?.quantity ?? 0) + quantity : quantity;
    if (next > Math.min(sku!.stock, MAX_LINE_QUANTITY)) return fail('OUT_OF_STOCK', undefined, 'quantity');
    if (!existing) {
      if (!(await takeSlot(ctx.db, cartSlots(ctx.caller.openid), ctx.now))) return fail('CART_FULL');
      try {
        await cartItems(ctx).insert({
          _id: id,
          userId: ctx.caller.openid,
          skuId,
          quantity: next,
          addedUnitPriceFen: unitPrice(sku!, offer),
          ...(offer ? { liveId: offer.liveId, cardId: offer.cardId } : {}),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        return;
      } catch (e) {
        await releaseSlots(ctx.db, cartSlots(ctx.caller.openid).id, ctx.now);
        if (!isDuplicateKey(e)) throw e;
        continue;
      }
    }
    const set: Record<string, unknown> = { quantity: next, updatedAt: ctx.now };
    if (offer) Object.assign(set, { liveId: offer.liveId, cardId: offer.cardId, addedUnitPriceFen: unitPrice(sku!, offer) });
    if (await cartItems(ctx).update({ _id: id, quantity: existing.quantity }, { $set: set })) return;
  }
  return fail('REQUEST_IN_PROGRESS');
}

export const cartActions = bind<'mall'>()({
  getCart: { handler: (ctx) => cartView(ctx) },

  addToCart: {
    write: true,
    handler: async (ctx, { skuId, quantity, liveId, cardId }) => {
      await putLine(ctx, skuId, quantity, true, { liveId, cardId });
      const userId = ctx.caller.openid;
      await recordEvent(ctx.db, { _id: cartAddKey(userId, skuId, ctx.now), userId, type: 'cart_add', at: ctx.now, ref: skuId });
      return cartView(ctx);
    },
  },

  updateCartItem: {
    write: true,
    handler: async (ctx, { skuId, quantity }) => {
      await putLine(ctx, skuId, quantity, false);
      return cartView(ctx);
    },
  },

  removeCartItem: {
    write: true,
    handler: async (ctx, { skuId }) => {
      const removed = await cartItems(ctx).remove({ _id: cartItemId(ctx.caller.openid, skuId) });
      await releaseSlots(ctx.db, cartSlots(ctx.caller.openid).id, ctx.now, removed);
      return cartView(ctx);
    },
  },
});
