import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { loadLive } from './actions';
import type { LiveDoc } from '../../schema';
import { cardPricing, liveState } from './rules';

/** Staff run lives: create with cards, start/end by hand, schedule a card's re-run, keywords. */
export const liveAdminActions = bind<'admin'>()({
  createLive: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, input) => {
      const productIds = input.cards.map((c) => c.productId);
      if (new Set(productIds).size !== productIds.length) return fail('INVALID_INPUT', 'a product appears on two cards', 'cards');
      const products = await ctx.db.collection('products').find({ _id: { $in: productIds } });
      const skus = await ctx.db.collection('skus').find({ productId: { $in: productIds }, status: 'on_sale' });
      const pricing: Array<{ livePriceFen: number; skuPrices: Record<string, number> }> = [];
      for (const [i, card] of input.cards.entries()) {
        const product = products.find((p) => p._id === card.productId);
        if (!product || product.status !== 'on_sale') return fail('PRODUCT_NOT_FOUND', undefined, `cards.${i}.productId`);
        const priced = cardPricing(card, skus.filter((s) => s.productId === card.productId));
        if (!priced.ok) return fail('INVALID_INPUT', priced.message, `cards.${i}.${priced.field}`);
        pricing.push(priced);
      }
      const liveId = ctx.ids.next();
      const live: LiveDoc = {
        _id: liveId,
        title: input.title,
        cover: input.cover ?? products.find((p) => p._id === productIds[0])?.image ?? '',
        startAt: input.startAt,
        endAt: input.endAt,
        ...(input.channelsFinderUserName ? { channelsFinderUserName: input.channelsFinderUserName } : {}),
        ...(input.channelsNoticeId ? { channelsNoticeId: input.channelsNoticeId } : {}),
        ...(input.externalUrl ? { externalUrl: input.externalUrl } : {}),
        categoryIds: input.categoryIds ?? [...new Set(products.map((p) => p.categoryId))],
        cards: input.cards.map((c, order) => ({
          cardId: `card-${order + 1}`,
          productId: c.productId,
          livePriceFen: pricing[order].livePriceFen,
          skuPrices: pricing[order].skuPrices,
          order,
          role: c.role ?? null,
          initialStock: skus.filter((s) => s.productId === c.productId).reduce((sum, s) => sum + Math.max(0, s.stock), 0),
          rerunAt: null,
        })),
        reservationCount: 0,
        createdAt: ctx.now,
      };
      await ctx.db.collection('lives').insert(live);
      ctx.audit({ entity: 'live', entityId: liveId, before: null, after: live });
      return { liveId };
    },
  },

  setLiveState: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, state }) => {
      const before = await loadLive(ctx.db, liveId);
      // the moment it went on or off air by hand; pressing the same again keeps the first moment
      const again = before.manualState === state;
      const stamp = again ? {} : state === 'live' ? { startedAt: ctx.now } : state === 'ended' ? { endedAt: ctx.now } : {};
      const update = state === 'auto' ? { $unset: ['manualState', 'startedAt', 'endedAt'] } : { $set: { manualState: state, ...stamp } };
      await ctx.db.collection('lives').update({ _id: liveId }, update);
      const after = await loadLive(ctx.db, liveId);
      ctx.audit({ entity: 'live', entityId: liveId, before: { manualState: before.manualState ?? null }, after: { manualState: after.manualState ?? null } });
      return { state: liveState(after, ctx.now) };
    },
  },

  scheduleRerun: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, cardId, inMinutes }) => {
      const live = await loadLive(ctx.db, liveId);
      const index = live.cards.findIndex((c) => c.cardId === cardId);
      if (index < 0) return fail('CARD_NOT_FOUND', undefined, 'cardId');
      const rerunAt = inMinutes === 0 ? null : ctx.now + inMinutes * 60_000;
      await ctx.db.collection('lives').update({ _id: liveId }, { $set: { [`cards.${index}.rerunAt`]: rerunAt } });
      ctx.audit({ entity: 'live_card', entityId: `${liveId}:${cardId}`, before: { rerunAt: live.cards[index].rerunAt ?? null }, after: { rerunAt } });
      return { rerunAt };
    },
  },

  setLiveKeywords: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, keywords }) => {
      const live = await loadLive(ctx.db, liveId);
      const clean = [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
      await ctx.db.collection('lives').update({ _id: liveId }, { $set: { keywords: clean } });
      ctx.audit({ entity: 'live', entityId: liveId, before: { keywords: live.keywords ?? null }, after: { keywords: clean } });
      return { keywords: clean };
    },
  },
});
