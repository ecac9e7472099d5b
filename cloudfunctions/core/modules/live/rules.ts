import type { LiveBrief, LiveState } from '../../../../typings/contract';
import type { LiveCard, LiveDoc } from '../../schema';

/** A live's state from its times, unless staff started or ended it by hand. */
export function liveState(live: Pick<LiveDoc, 'startAt' | 'endAt' | 'manualState'>, now: number): LiveState {
  if (live.manualState) return live.manualState;
  if (now < live.startAt) return 'scheduled';
  if (now < live.endAt) return 'live';
  return 'ended';
}

/**
 * When the live is on air: from its start (or the moment staff started it by hand) to its end (or
 * the moment staff ended it); a live started by hand and not ended stays on. `to` is exclusive.
 */
export function airWindow(live: Pick<LiveDoc, 'startAt' | 'endAt' | 'manualState' | 'startedAt' | 'endedAt'>): { from: number; to: number } {
  if (live.manualState === 'scheduled') return { from: Infinity, to: Infinity };
  const from = live.manualState === 'live' ? Math.min(live.startedAt ?? live.startAt, live.startAt) : live.startAt;
  const to = live.manualState === 'ended' ? Math.min(live.endedAt ?? live.endAt, live.endAt) : live.manualState === 'live' ? Infinity : live.endAt;
  return { from, to };
}

export const onAir = (live: Parameters<typeof airWindow>[0], at: number): boolean => {
  const { from, to } = airWindow(live);
  return at >= from && at < to;
};

export const liveBrief = (live: LiveDoc, now: number): LiveBrief => ({
  _id: live._id,
  title: live.title,
  cover: live.cover,
  startAt: live.startAt,
  endAt: live.endAt,
  state: liveState(live, now),
});

/** The live to feature: one on now, else the soonest upcoming. */
export function featuredLive(lives: LiveDoc[], now: number): LiveDoc | null {
  const on = lives.filter((l) => liveState(l, now) === 'live').sort((a, b) => a.startAt - b.startAt);
  if (on.length) return on[0];
  const upcoming = lives.filter((l) => liveState(l, now) === 'scheduled').sort((a, b) => a.startAt - b.startAt);
  return upcoming[0] ?? null;
}

/** A live card's prices apply to its product's listed SKUs only while its live is on. */
export interface LiveOffer {
  liveId: string;
  cardId: string;
  productId: string;
  /** the card's shown (lowest) live price */
  livePriceFen: number;
  /** live price by SKU id; SKUs not listed sell at their regular price */
  skuPrices: Record<string, number>;
}

export function liveOffer(live: LiveDoc | null, cardId: string | undefined, productId: string, now: number): LiveOffer | null {
  if (!live || !cardId || liveState(live, now) !== 'live') return null;
  const card = live.cards.find((c) => c.cardId === cardId && c.productId === productId);
  return card ? { liveId: live._id, cardId, productId, livePriceFen: card.livePriceFen, skuPrices: card.skuPrices ?? {} } : null;
}

/** A card a landing names on a live still to start: the price it will have, and from when. */
export function upcomingOffer(
  live: LiveDoc | null,
  cardId: string | undefined,
  productId: string,
  now: number,
): { liveId: string; cardId: string; livePriceFen: number; startAt: number } | null {
  if (!live || !cardId || liveState(live, now) !== 'scheduled') return null;
  const card = live.cards.find((c) => c.cardId === cardId && c.productId === productId);
  return card ? { liveId: live._id, cardId, livePriceFen: card.livePriceFen, startAt: live.startAt } : null;
}

/** The live price one SKU sells at under an offer, or null when that SKU has none (never above its regular price). */
export function skuLivePrice(offer: Pick<LiveOffer, 'productId' | 'skuPrices'> | null, sku: { _id: string; productId: string; priceFen: number }): number | null {
  if (!offer || offer.productId !== sku.productId) return null;
  const price = offer.skuPrices[sku._id];
  return price === undefined ? null : Math.min(price, sku.priceFen);
}

export type CardPricing =
  | { ok: true; livePriceFen: number; skuPrices: Record<string, number> }
  | { ok: false; field: string; message: string };

/**
 * A card's per-SKU live prices from what staff entered. With a SKU list, each listed SKU (on sale,
 * of this product) gets its own price, none above its regular price, and the card's price must be the
 * lowest of them. Without a list, the card's price applies to the SKUs at the product's lowest regular
 * price (the ones it was set against); dearer SKUs sell at their regular price.
 */
export function cardPricing(
  input: { livePriceFen: number; skus?: Array<{ skuId: string; livePriceFen: number }> },
  productSkus: Array<{ _id: string; priceFen: number }>,
): CardPricing {
  if (!productSkus.length) return { ok: false, field: 'productId', message: 'the product has no SKU on sale' };
  if (!input.skus) {
    const lowest = Math.min(...productSkus.map((s) => s.priceFen));
    if (input.livePriceFen > lowest) return { ok: false, field: 'livePriceFen', message: 'the live price may not exceed the regular price' };
    const skuPrices = Object.fromEntries(productSkus.filter((s) => s.priceFen === lowest).map((s) => [s._id, input.livePriceFen]));
    return { ok: true, livePriceFen: input.livePriceFen, skuPrices };
  }
  const skuPrices: Record<string, number> = {};
  for (const [i, line] of input.skus.entries()) {
    const sku = productSkus.find((s) => s._id === line.skuId);
    if (!sku) return { ok: false, field: `skus.${i}.skuId`, message: 'not an on-sale SKU of this product' };
    if (line.skuId in skuPrices) return { ok: false, field: `skus.${i}.skuId`, message: 'a SKU is listed twice' };
    if (line.livePriceFen > sku.priceFen) return { ok: false, field: `skus.${i}.livePriceFen`, message: 'the live price may not exceed the regular price' };
    skuPrices[line.skuId] = line.livePriceFen;
  }
  const lowest = Math.min(...Object.values(skuPrices));
  if (input.livePriceFen !== lowest) return { ok: false, field: 'livePriceFen', message: 'the card price is the lowest of its SKU live prices' };
  return { ok: true, livePriceFen: lowest, skuPrices };
}

/** Counted in comments when staff set none. */
export const DEFAULT_KEYWORDS = ['想要', '链接', '多少钱', '怎么买', '上车', '已拍'];

/** Cards at or above this live price offer one-to-one consultation. */
export const CONSULT_FROM_FEN = 20000;

/** A card as staff send it when editing a live: an existing card names its id. */
export interface CardEdit {
  cardId?: string;
  productId: string;
  role?: 'traffic' | 'trust';
}

export interface CardsProblem {
  code: 'INVALID_INPUT' | 'CARD_NOT_FOUND' | 'LIVE_STARTED';
  message: string;
  field: string;
}

/**
 * Why `next` may not replace a live's cards, or null: each product on one card; a named card is one
 * of the live's and keeps its product; once the live is on, every card already shown stays.
 */
export function cardsEditProblem(state: LiveState, before: Array<Pick<LiveCard, 'cardId' | 'productId'>>, next: CardEdit[]): CardsProblem | null {
  const products = next.map((c) => c.productId);
  if (new Set(products).size !== products.length) return { code: 'INVALID_INPUT', message: 'a product appears on two cards', field: 'cards' };
  const named = new Set<string>();
  for (const [i, card] of next.entries()) {
    if (!card.cardId) continue;
    const was = before.find((c) => c.cardId === card.cardId);
    if (!was || named.has(card.cardId)) return { code: 'CARD_NOT_FOUND', message: 'not a card of this live', field: `cards.${i}.cardId` };
    if (was.productId !== card.productId) return { code: 'INVALID_INPUT', message: 'a card keeps its product', field: `cards.${i}.productId` };
    named.add(card.cardId);
  }
  if (state === 'live' && before.some((c) => !named.has(c.cardId))) return { code: 'LIVE_STARTED', message: 'cards already shown stay on during the live', field: 'cards' };
  return null;
}

/**
 * The live's cards after an edit, in the order sent: a named card keeps its id, re-run and stock bar;
 * a new one takes the next free number and starts its stock bar at the product's stock now.
 */
export function mergeCards(
  before: LiveCard[],
  next: Array<CardEdit & { livePriceFen: number; skuPrices: Record<string, number>; stock: number }>,
): LiveCard[] {
  let n = before.reduce((max, c) => Math.max(max, Number(/^card-(\d+)$/.exec(c.cardId)?.[1] ?? 0)), 0);
  return next.map((c, order) => {
    const was = c.cardId ? before.find((b) => b.cardId === c.cardId) : undefined;
    return {
      cardId: was?.cardId ?? `card-${++n}`,
      productId: c.productId,
      livePriceFen: c.livePriceFen,
      skuPrices: c.skuPrices,
      order,
      role: c.role ?? null,
      initialStock: was?.initialStock ?? c.stock,
      rerunAt: was?.rerunAt ?? null,
    };
  });
}
