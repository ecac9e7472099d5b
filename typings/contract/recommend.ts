import { z } from 'zod';
import { def, id } from './common';

/** Personal recommendations (为你推荐): co-purchase associations blended with category affinity. */

/** Why a product is recommended; the page words it ("因为你买过 X"). */
export type RecommendationReason =
  | { kind: 'bought_with'; productId: string; title: string }
  | { kind: 'category'; categoryId: string; name: string }
  | { kind: 'live'; liveId: string; title: string }
  | { kind: 'popular' };

export interface Recommendation {
  productId: string;
  title: string;
  image: string;
  priceFen: number;
  originalPriceFen: number;
  score: number;
  reason: RecommendationReason;
}

export const recommend = {
  /** the caller's recommendations; with a live, that live's cards and the caller's taps in it count too */
  forMe: def<{ items: Recommendation[]; computedAt: number | null }>()(
    z.object({ liveId: id().optional(), limit: z.number().int().min(1).max(20).optional() }).strict(),
  ),
};

export const recommendAdmin = {
  /** recomputes the item-to-item association table now (the nightly timer does the same) */
  rebuildRecommendations: def<{ users: number; products: number; pairs: number; computedAt: number }>()(z.object({}).strict()),
};
