import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { loadLive } from './actions';
import type { InputFor, LiveDraft } from '../../../../typings/contract';
import type { Db } from '../../ports';
import type { LiveCard, LiveDoc } from '../../schema';
import { cardPricing, cardsEditProblem, DEFAULT_KEYWORDS, liveState, mergeCards } from './rules';
import { changeCards } from './store';

type CardInput = { productId: string; livePriceFen: number; skus?: Array<{ skuId: string; livePriceFen: number }> };

/**
 * The cards' products (each on sale), their on-sale SKUs and each card's live prices, or the card that
 * does not price. A card the live already has (`kept`, by position) whose product is no longer on sale
 * keeps the prices it had: it stays on the live (sold out there) and does not block the edit.
 */
async function priceCards(db: Db, cards: CardInput[], kept: Array<LiveCard | undefined> = []) {
  const productIds = cards.map((c) => c.productId);
  const [products, skus] = await Promise.all([
    db.collection('products').find({ _id: { $in: productIds } }),
    db.collection('skus').find({ productId: { $in: productIds }, status: 'on_sale' }),
  ]);
  const pricing: Array<{ livePriceFen: number; skuPrices: Record<string, number>; stock: number }> = [];
  for (const [i, card] of cards.entries()) {
    const product = products.find((p) => p._id === card.productId);
    const own = skus.filter((s) => s.productId === card.productId);
    const was = kept[i];
    if (was && (product?.status !== 'on_sale' || !own.length)) {
      pricing.push({ livePriceFen: was.livePriceFen, skuPrices: was.skuPrices ?? {}, stock: 0 });
      continue;
    }
    if (!product || product.status !== 'on_sale') return fail('PRODUCT_NOT_FOUND', undefined, `cards.${i}.productId`);
    const priced = cardPricing(card, own);
    if (!priced.ok) return fail('INVALID_INPUT', priced.message, `cards.${i}.${priced.field}`);
    pricing.push({ livePriceFen: priced.livePriceFen, skuPrices: priced.skuPrices, stock: own.reduce((sum, s) => sum + Math.max(0, s.stock), 0) });
  }
  return { products, skus, pricing };
}

/** A live as its editor opens it. */
async function liveDraft(db: Db, live: LiveDoc, now: number): Promise<LiveDraft> {
  const productIds = live.cards.map((c) => c.productId);
  const [products, skus] = productIds.length
    ? await Promise.all([db.collection('products').find({ _id: { $in: productIds } }), db.collection('skus').find({ productId: { $in: productIds }, status: 'on_sale' })])
    : [[], []];
  return {
    _id: live._id,
    title: live.title,
    cover: live.cover,
    startAt: live.startAt,
    endAt: live.endAt,
    state: liveState(live, now),
    keywords: live.keywords?.length ? live.keywords : DEFAULT_KEYWORDS,
    rev: live.cardsRev ?? 0,
    cards: live.cards.map((c) => {
      const product = products.find((p) => p._id === c.productId);
      return {
        cardId: c.cardId,
        productId: c.productId,
        title: product?.title ?? '',
        image: product?.image ?? '',
        livePriceFen: c.livePriceFen,
        role: c.role ?? null,
        rerunAt: c.rerunAt ?? null,
        skus: skus
          .filter((s) => s.productId === c.productId)
          .map((s) => ({ skuId: s._id, specs: s.specs, priceFen: s.priceFen, livePriceFen: c.skuPrices?.[s._id] ?? null })),
      };
    }),
  };
}


/** Changes a live until it ends, by the rules of `admin.editLive` (docs/API.md); answers it as its editor opens it. */
export async function editLive(ctx: Ctx, { liveId, cards, rev, ...changes }: InputFor<'admin', 'editLive'>): Promise<LiveDraft> {
  const { before, set } = await changeCards(ctx.db, liveId, async (live) => {
    const state = liveState(live, ctx.now);
    if (state === 'ended') return fail('LIVE_ENDED');
    // made on an older draft: a re-run, role or edit since would be overwritten
    if (rev !== undefined && rev !== (live.cardsRev ?? 0)) return fail('LIVE_CHANGED', 'the cards changed since the draft was read', 'rev');
    if (changes.startAt !== undefined && changes.startAt !== live.startAt && state !== 'scheduled') return fail('LIVE_STARTED', 'the start stays once the live is on', 'startAt');
    const startAt = changes.startAt ?? live.startAt;
    const endAt = changes.endAt ?? live.endAt;
    if (endAt <= startAt) return fail('INVALID_INPUT', 'endAt must be after startAt', 'endAt');
    if (changes.endAt !== undefined && changes.endAt !== live.endAt && endAt <= ctx.now) return fail('INVALID_INPUT', 'endAt must be later than now', 'endAt');
    const fields: Partial<LiveDoc> = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.cover !== undefined ? { cover: changes.cover } : {}),
      startAt,
      endAt,
    };
    if (cards) {
      const problem = cardsEditProblem(state, live.cards, cards);
      if (problem) return fail(problem.code, problem.message, problem.field);
      const { pricing } = await priceCards(ctx.db, cards, cards.map((c) => (c.cardId ? live.cards.find((k) => k.cardId === c.cardId) : undefined)));
      fields.cards = mergeCards(live.cards, cards.map((c, i) => ({ ...c, ...pricing[i]! })));
    }
    return fields;
  });
  const after: LiveDoc = { ...before, ...set, cardsRev: (before.cardsRev ?? 0) + 1 };
  ctx.audit({ entity: 'live', entityId: liveId, before: { title: before.title, cover: before.cover, startAt: before.startAt, endAt: before.endAt, cards: before.cards }, after: { title: after.title, cover: after.cover, startAt: after.startAt, endAt: after.endAt, cards: after.cards } });
  return liveDraft(ctx.db, after, ctx.now);
}

const STAFF_LIVES_PAGE = 20;

/** Staff run lives: create and edit with cards, schedule a card's re-run, keywords (start/end by hand: flows/live-state.ts). */
export const liveAdminActions = bind<'admin'>()({
  createLive: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, input) => {
      const productIds = input.cards.map((c) => c.productId);
      if (new Set(productIds).size !== productIds.length) return fail('INVALID_INPUT', 'a product appears on two cards', 'cards');
      const { products, pricing } = await priceCards(ctx.db, input.cards);
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
          livePriceFen: pricing[order]!.livePriceFen,
          skuPrices: pricing[order]!.skuPrices,
          order,
          role: c.role ?? null,
          initialStock: pricing[order]!.stock,
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

  scheduleRerun: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, cardId, inMinutes }) => {
      const rerunAt = inMinutes === 0 ? null : ctx.now + inMinutes * 60_000;
      const { before } = await changeCards(ctx.db, liveId, (now) => {
        const at = now.cards.findIndex((c) => c.cardId === cardId);
        if (at < 0) return fail('CARD_NOT_FOUND', undefined, 'cardId');
        return { [`cards.${at}.rerunAt`]: rerunAt };
      });
      ctx.audit({ entity: 'live_card', entityId: `${liveId}:${cardId}`, before: { rerunAt: before.cards.find((c) => c.cardId === cardId)?.rerunAt ?? null }, after: { rerunAt } });
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

  listStaffLives: {
    staff: 'staff.read',
    handler: async ({ db, now }, { state, page }) => {
      // the state follows times and hand starts, so it is filtered after the read (a shop keeps a few hundred lives)
      const all = await db.collection('lives').find({}, { sort: [['startAt', 'desc']], limit: 1000 });
      const rows = all
        .map((l) => ({ l, state: liveState(l, now) }))
        .filter((r) => !state || r.state === state)
        .map(({ l, state: s }) => ({
          _id: l._id,
          title: l.title,
          cover: l.cover,
          startAt: l.startAt,
          endAt: l.endAt,
          state: s,
          manual: !!l.manualState,
          cardCount: l.cards.length,
          reservationCount: l.reservationCount ?? 0,
        }));
      const skip = ((page ?? 1) - 1) * STAFF_LIVES_PAGE;
      return { items: rows.slice(skip, skip + STAFF_LIVES_PAGE), total: rows.length };
    },
  },

  getLiveDraft: {
    staff: 'staff.read',
    handler: async ({ db, now }, { liveId }) => liveDraft(db, await loadLive(db, liveId), now),
  },

});
