import type { RecommendationReason } from '../../../../typings/contract';
import type { AssocPair } from '../../schema';

/**
 * Recommendations as pure functions.
 *
 * Associations (item-to-item, "customers who bought A also bought B") over baskets, one basket per
 * customer (every product they paid for in the window), N baskets:
 *   support(A→B)    = n(A∧B) / N
 *   confidence(A→B) = n(A∧B) / n(A)
 *   lift(A→B)       = confidence(A→B) / (n(B) / N)
 * A pair is kept when it was bought together at least MIN_PAIR_COUNT times and lift > 1 (B goes
 * with A more often than B's own popularity explains). Its strength is confidence × (1 − 1/lift):
 * how often B follows A, discounted by how much of that popularity alone would give.
 *
 * The blend, per candidate product c not bought and in stock:
 *   score = 1.0·assoc(c) + 0.4·category(c)·(0.5 + 0.5·pop(c)) + 0.5·live(c) + 0.1·pop(c)
 * assoc = the strongest association from any product the user bought; category = the user's
 * interest in c's category (views and taps) over their strongest interest; pop = log(1+sales)
 * over the most sold candidate's; live = 1 for a card of the live the user tapped, 0.5 for the
 * live's other cards. The reason is the largest weighted part; none → popular.
 */
export const MIN_PAIR_COUNT = 2;
export const TOP_RELATED = 20;
export const WEIGHTS = { assoc: 1, category: 0.4, live: 0.5, popularity: 0.1 } as const;


export const strength = (p: Pick<AssocPair, 'confidence' | 'lift'>) => (p.lift > 1 ? p.confidence * (1 - 1 / p.lift) : 0);

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Counts baskets incrementally (a rebuild feeds it page by page); integer pair keys keep memory small. */
export class AssocCounter {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly items: number[] = [];
  private readonly pairs = new Map<number, number>();
  baskets = 0;

  private id(productId: string): number {
    let i = this.index.get(productId);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(productId, i);
      this.names.push(productId);
      this.items.push(0);
    }
    return i;
  }

  add(basket: Iterable<string>): void {
    const ids = [...new Set([...basket].map((p) => this.id(p)))].sort((a, b) => a - b);
    if (!ids.length) return;
    this.baskets++;
    for (const i of ids) this.items[i]++;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const key = ids[x] * 2 ** 21 + ids[y];
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
      }
    }
  }

  /** Each product's related products, strongest first. */
  finish(minCount = MIN_PAIR_COUNT, topK = TOP_RELATED): { baskets: number; pairs: number; items: Map<string, AssocPair[]> } {
    const n = this.baskets;
    const out = new Map<string, AssocPair[]>();
    let pairs = 0;
    const push = (a: number, b: number, count: number, lift: number) => {
      const confidence = count / this.items[a];
      const list = out.get(this.names[a]) ?? [];
      list.push({ productId: this.names[b], count, support: round(count / n), confidence: round(confidence), lift: round(lift, 4) });
      out.set(this.names[a], list);
    };
    for (const [key, count] of this.pairs) {
      if (count < minCount) continue;
      const a = Math.floor(key / 2 ** 21);
      const b = key - a * 2 ** 21;
      // lift is symmetric: a pair goes both ways or not at all
      const lift = (count * n) / (this.items[a] * this.items[b]);
      if (lift <= 1) continue;
      push(a, b, count, lift);
      push(b, a, count, lift);
      pairs++;
    }
    for (const [k, list] of out) {
      list.sort((x, y) => strength(y) - strength(x) || y.count - x.count || (x.productId < y.productId ? -1 : 1));
      out.set(k, list.slice(0, topK));
    }
    return { baskets: n, pairs, items: out };
  }
}

export function buildAssociations(baskets: Iterable<Iterable<string>>, minCount = MIN_PAIR_COUNT, topK = TOP_RELATED) {
  const counter = new AssocCounter();
  for (const b of baskets) counter.add(b);
  return counter.finish(minCount, topK);
}

export interface CandidateProduct {
  productId: string;
  title: string;
  categoryId: string;
  sales: number;
  /** on sale with stock */
  available: boolean;
}

export interface RankInput {
  /** products the user bought, most recent first */
  bought: string[];
  /** titles of the bought products, for reasons */
  boughtTitles: ReadonlyMap<string, string>;
  assoc: ReadonlyMap<string, AssocPair[]>;
  /** interest score per category (from product views and card taps) */
  interests: ReadonlyMap<string, number>;
  categoryNames: ReadonlyMap<string, string>;
  live: { liveId: string; title: string; productIds: ReadonlySet<string>; tapped: ReadonlySet<string> } | null;
  candidates: ReadonlyMap<string, CandidateProduct>;
  limit: number;
}

export interface Ranked {
  productId: string;
  score: number;
  reason: RecommendationReason;
}

export function rankRecommendations(input: RankInput): Ranked[] {
  const bought = new Set(input.bought);
  const pool = [...input.candidates.values()].filter((c) => c.available && !bought.has(c.productId));
  const maxSales = Math.max(0, ...pool.map((c) => c.sales));
  const maxInterest = Math.max(0, ...input.interests.values());

  // the strongest association into each product, and which bought product gave it
  const assoc = new Map<string, { s: number; from: string }>();
  for (const b of input.bought) {
    for (const p of input.assoc.get(b) ?? []) {
      const s = strength(p);
      if (s > (assoc.get(p.productId)?.s ?? 0)) assoc.set(p.productId, { s, from: b });
    }
  }

  const ranked = pool.map((c): Ranked => {
    const pop = maxSales > 0 ? Math.log1p(c.sales) / Math.log1p(maxSales) : 0;
    const a = assoc.get(c.productId);
    const interest = maxInterest > 0 ? (input.interests.get(c.categoryId) ?? 0) / maxInterest : 0;
    const live = input.live?.productIds.has(c.productId) ? (input.live.tapped.has(c.productId) ? 1 : 0.5) : 0;
    const parts = {
      assoc: WEIGHTS.assoc * (a?.s ?? 0),
      category: WEIGHTS.category * interest * (0.5 + 0.5 * pop),
      live: WEIGHTS.live * live,
      popularity: WEIGHTS.popularity * pop,
    };
    const score = parts.assoc + parts.category + parts.live + parts.popularity;
    const top = (['assoc', 'live', 'category'] as const).reduce<'assoc' | 'live' | 'category' | null>(
      (best, k) => (parts[k] > 0 && (best === null || parts[k] > parts[best]) ? k : best),
      null,
    );
    let reason: RecommendationReason = { kind: 'popular' };
    if (top === 'assoc') reason = { kind: 'bought_with', productId: a!.from, title: input.boughtTitles.get(a!.from) ?? '' };
    else if (top === 'live') reason = { kind: 'live', liveId: input.live!.liveId, title: input.live!.title };
    else if (top === 'category') reason = { kind: 'category', categoryId: c.categoryId, name: input.categoryNames.get(c.categoryId) ?? '' };
    return { productId: c.productId, score: round(score, 4), reason };
  });
  ranked.sort((x, y) => y.score - x.score || (x.productId < y.productId ? -1 : 1));
  return ranked.slice(0, input.limit);
}

/** Products that go with what was bought, strongest first, excluding `exclude`. */
export function relatedTo(bought: string[], assoc: ReadonlyMap<string, AssocPair[]>, exclude: ReadonlySet<string>, max: number): string[] {
  const best = new Map<string, number>();
  for (const b of bought) {
    for (const p of assoc.get(b) ?? []) {
      if (exclude.has(p.productId) || bought.includes(p.productId)) continue;
      best.set(p.productId, Math.max(best.get(p.productId) ?? 0, strength(p)));
    }
  }
  return [...best.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, max)
    .map(([id]) => id);
}
