import { capInOrder } from '../../kernel/money';
import type { CouponConflict, CouponOption, CouponRejection, CouponRule, CouponScope } from '../../../../typings/contract';
import { MAX_COUPONS_PER_ORDER } from '../../../../typings/contract/coupons';

/**
 * All coupon discount maths, as pure functions over integer fen. Nothing here reads the clock or
 * the database: the lines, the shopper's past purchases and `now` are passed in.
 *
 * Rules:
 * - a coupon counts the lines in its scope (product or category listed; an empty scope is every
 *   line); thresholds compare that in-scope amount, reached when it is at least the threshold;
 * - threshold coupons take the value of the highest tier reached;
 * - percentage coupons take floor(in-scope × percent / 100): rounding is always down to the fen,
 *   so the shopper pays the discounted price rounded up to the fen, and then the cap applies;
 * - no coupon takes off more than its in-scope amount, and all coupons together never more than
 *   the goods amount (so payable never goes below shipping);
 * - each coupon is evaluated on the lines as they are (after member price), independently of the
 *   others; stacking adds them up, then the goods cap applies;
 * - an order takes at most one coupon that does not stack, any stackable ones beside it, never
 *   two of one template, at most MAX_COUPONS_PER_ORDER in all.
 */

/** A line as coupons see it: its product, category, and what it costs (after member price). */
export interface DiscountLine {
  productId: string;
  categoryId: string;
  amountFen: number;
}

/** A coupon as the maths needs it. */
export interface WalletCoupon {
  couponId: string;
  templateId: string;
  title: string;
  rule: CouponRule;
  scope: CouponScope;
  stackable: boolean;
  status: 'available' | 'locked' | 'used';
  validFrom: number;
  /** usable while now ≤ validTo */
  validTo: number;
}

export interface DiscountContext {
  lines: DiscountLine[];
  /** products the shopper bought in earlier paid orders, for `related` coupons */
  boughtProductIds: ReadonlySet<string>;
  now: number;
}

export type Evaluation =
  | { applicable: true; amountFen: number; eligibleFen: number }
  | { applicable: false; reason: CouponRejection; shortFen: number | null };

export interface Applied {
  couponId: string;
  amountFen: number;
}

/** The one rounding helper: a whole percent of an amount, rounded down to the fen. */
export const percentOf = (amountFen: number, percent: number): number => Math.floor((amountFen * percent) / 100);

export const inScope = (line: Pick<DiscountLine, 'productId' | 'categoryId'>, scope: CouponScope): boolean =>
  (scope.productIds.length === 0 && scope.categoryIds.length === 0) ||
  scope.productIds.includes(line.productId) ||
  scope.categoryIds.includes(line.categoryId);

export const scopedAmount = (lines: DiscountLine[], scope: CouponScope): number =>
  lines.filter((l) => inScope(l, scope)).reduce((s, l) => s + l.amountFen, 0);

/** What a rule takes off an in-scope amount, before the in-scope cap; or how far below its threshold it is. */
export function ruleDiscount(rule: CouponRule, eligibleFen: number): { amountFen: number } | { shortFen: number } {
  switch (rule.kind) {
    case 'no_threshold':
      return { amountFen: rule.valueFen };
    case 'threshold': {
      const reached = rule.tiers.filter((t) => eligibleFen >= t.thresholdFen);
      if (!reached.length) return { shortFen: Math.min(...rule.tiers.map((t) => t.thresholdFen)) - eligibleFen };
      return { amountFen: Math.max(...reached.map((t) => t.valueFen)) };
    }
    case 'discount':
    case 'related': {
      if (eligibleFen < rule.thresholdFen) return { shortFen: rule.thresholdFen - eligibleFen };
      const off = percentOf(eligibleFen, rule.percentOff);
      return { amountFen: rule.capFen === null ? off : Math.min(off, rule.capFen) };
    }
  }
}

/** One coupon against the lines, on its own. */
export function evaluateCoupon(coupon: WalletCoupon, ctx: DiscountContext): Evaluation {
  const no = (reason: CouponRejection, shortFen: number | null = null): Evaluation => ({ applicable: false, reason, shortFen });
  if (coupon.status === 'used') return no('used');
  if (coupon.status === 'locked') return no('locked');
  if (ctx.now < coupon.validFrom) return no('not_started');
  if (ctx.now > coupon.validTo) return no('expired');
  if (coupon.rule.kind === 'related' && !coupon.rule.boughtProductIds.some((p) => ctx.boughtProductIds.has(p))) {
    return no('not_bought_before');
  }
  if (!ctx.lines.some((l) => inScope(l, coupon.scope))) return no('out_of_scope');
  const eligibleFen = scopedAmount(ctx.lines, coupon.scope);
  const off = ruleDiscount(coupon.rule, eligibleFen);
  if ('shortFen' in off) return no('below_threshold', off.shortFen);
  const amountFen = Math.min(off.amountFen, eligibleFen);
  if (amountFen <= 0) return no('no_saving');
  return { applicable: true, amountFen, eligibleFen };
}

const goodsOf = (ctx: DiscountContext) => ctx.lines.reduce((s, l) => s + l.amountFen, 0);

interface Scored {
  coupon: WalletCoupon;
  amountFen: number;
}

/** Bigger first; equal ones: the one expiring sooner, then by id, so choices are repeatable. */
const better = (a: Scored, b: Scored) =>
  b.amountFen - a.amountFen || a.coupon.validTo - b.coupon.validTo || (a.coupon.couponId < b.coupon.couponId ? -1 : 1);

/** Applies coupons biggest first, each capped at what is still payable; one that would take nothing is left out. */
function capAtGoods(chosen: Scored[], goodsFen: number): { applied: Applied[]; left: Scored[] } {
  const { applied, left } = capInOrder([...chosen].sort(better), goodsFen);
  return { applied: applied.map(({ item, amountFen }) => ({ couponId: item.coupon.couponId, amountFen })), left };
}

const total = (applied: Applied[]) => applied.reduce((s, a) => s + a.amountFen, 0);

export interface Suggestion {
  applied: Applied[];
  totalFen: number;
  /** applicable coupons left out, and why */
  conflicts: Map<string, CouponConflict>;
  evaluations: Map<string, Evaluation>;
}

/** The best combination the stacking rule allows: the largest total, then the fewest coupons. */
export function bestCombination(coupons: WalletCoupon[], ctx: DiscountContext, max = MAX_COUPONS_PER_ORDER): Suggestion {
  const evaluations = new Map(coupons.map((c) => [c.couponId, evaluateCoupon(c, ctx)] as const));
  const conflicts = new Map<string, CouponConflict>();
  const usable: Scored[] = [];
  for (const coupon of coupons) {
    const e = evaluations.get(coupon.couponId)!;
    if (e.applicable) usable.push({ coupon, amountFen: e.amountFen });
  }
  // one coupon per template: the best of each
  const perTemplate = new Map<string, Scored>();
  for (const s of [...usable].sort(better)) {
    if (perTemplate.has(s.coupon.templateId)) conflicts.set(s.coupon.couponId, 'same_template');
    else perTemplate.set(s.coupon.templateId, s);
  }
  const candidates = [...perTemplate.values()].sort(better);
  const stackable = candidates.filter((s) => s.coupon.stackable);
  const single = candidates.filter((s) => !s.coupon.stackable);

  const goodsFen = goodsOf(ctx);
  const options = [stackable.slice(0, max)];
  if (single.length && max > 0) options.push([single[0], ...stackable.slice(0, max - 1)]);
  let best = capAtGoods([], goodsFen);
  for (const option of options) {
    const tried = capAtGoods(option, goodsFen);
    const gain = total(tried.applied) - total(best.applied);
    if (gain > 0 || (gain === 0 && tried.applied.length < best.applied.length)) best = tried;
  }

  const chosen = new Set(best.applied.map((a) => a.couponId));
  const chosenSingle = candidates.some((s) => chosen.has(s.coupon.couponId) && !s.coupon.stackable);
  for (const s of candidates) {
    if (chosen.has(s.coupon.couponId)) continue;
    if (!s.coupon.stackable && chosenSingle) conflicts.set(s.coupon.couponId, 'not_stackable');
    else if (chosen.size >= max) conflicts.set(s.coupon.couponId, 'too_many');
    else conflicts.set(s.coupon.couponId, 'not_needed');
  }
  return { applied: best.applied, totalFen: total(best.applied), conflicts, evaluations };
}

export type ChosenOutcome =
  | { ok: true; applied: Applied[]; totalFen: number }
  | { ok: false; couponId: string; reason: CouponRejection | CouponConflict };

/** The shopper's own choice, checked against the same rules: every chosen coupon must apply and take something off. */
export function applyChosen(chosenIds: string[], coupons: WalletCoupon[], ctx: DiscountContext, max = MAX_COUPONS_PER_ORDER): ChosenOutcome {
  const byId = new Map(coupons.map((c) => [c.couponId, c] as const));
  const scored: Scored[] = [];
  const templates = new Set<string>();
  let singles = 0;
  for (const couponId of chosenIds) {
    const coupon = byId.get(couponId);
    if (!coupon) throw new Error(`coupon ${couponId} was not loaded`);
    const e = evaluateCoupon(coupon, ctx);
    if (!e.applicable) return { ok: false, couponId, reason: e.reason };
    if (templates.has(coupon.templateId)) return { ok: false, couponId, reason: 'same_template' };
    templates.add(coupon.templateId);
    if (!coupon.stackable && ++singles > 1) return { ok: false, couponId, reason: 'not_stackable' };
    if (scored.length >= max) return { ok: false, couponId, reason: 'too_many' };
    scored.push({ coupon, amountFen: e.amountFen });
  }
  const { applied, left } = capAtGoods(scored, goodsOf(ctx));
  if (left.length) return { ok: false, couponId: left[0].coupon.couponId, reason: 'not_needed' };
  return { ok: true, applied, totalFen: total(applied) };
}

/** The checkout's coupon panel: every wallet coupon with what it takes off alone, why not, and the suggestion. */
export function couponOptions(coupons: WalletCoupon[], ctx: DiscountContext, max = MAX_COUPONS_PER_ORDER) {
  const best = bestCombination(coupons, ctx, max);
  const suggested = new Set(best.applied.map((a) => a.couponId));
  const options: CouponOption[] = coupons.map((c) => {
    const e = best.evaluations.get(c.couponId)!;
    return {
      couponId: c.couponId,
      templateId: c.templateId,
      title: c.title,
      rule: c.rule,
      scope: c.scope,
      stackable: c.stackable,
      validTo: c.validTo,
      amountFen: e.applicable ? e.amountFen : 0,
      applicable: e.applicable,
      reason: e.applicable ? null : e.reason,
      shortFen: e.applicable ? null : e.shortFen,
      suggested: suggested.has(c.couponId),
      conflict: best.conflicts.get(c.couponId) ?? null,
      joinConflict: null,
      replaces: [],
    };
  });
  // applicable first (biggest saving first), then the rest, soonest expiry first
  options.sort((a, b) => Number(b.applicable) - Number(a.applicable) || b.amountFen - a.amountFen || a.validTo - b.validTo || (a.couponId < b.couponId ? -1 : 1));
  return { suggested: best.applied.map((a) => a.couponId), suggestedFen: best.totalFen, options };
}

export interface Join {
  /** why it does not join the applied coupons as they are; null when it joins, is applied or does not apply */
  conflict: CouponConflict | null;
  /** the applied coupons that leave when it is chosen (a stack stays within the stacking rule) */
  replaces: string[];
}

/**
 * What choosing one more coupon does to the applied ones: an applied coupon of its template leaves,
 * so does the applied coupon that does not stack when it does not stack either, and, at the most
 * coupons an order takes, the applied one saving least. A coupon that would then take nothing more
 * (the goods amount is used up) is `not_needed` and replaces nothing; an applied one the new coupon
 * would leave with nothing to take leaves (`not_needed` too, when nothing else did).
 */
export function joinApplied(couponId: string, appliedIds: string[], coupons: WalletCoupon[], ctx: DiscountContext, max = MAX_COUPONS_PER_ORDER): Join {
  const byId = new Map(coupons.map((c) => [c.couponId, c] as const));
  const coupon = byId.get(couponId);
  if (!coupon || appliedIds.includes(couponId) || !evaluateCoupon(coupon, ctx).applicable) return { conflict: null, replaces: [] };
  const applied = appliedIds.map((id) => byId.get(id)!);
  let conflict: CouponConflict | null = null;
  const leaving = new Set<string>();
  for (const a of applied) {
    if (a.templateId === coupon.templateId) {
      leaving.add(a.couponId);
      conflict = 'same_template';
    } else if (!a.stackable && !coupon.stackable) {
      leaving.add(a.couponId);
      conflict ??= 'not_stackable';
    }
  }
  const saving = (c: WalletCoupon) => {
    const e = evaluateCoupon(c, ctx);
    return e.applicable ? e.amountFen : 0;
  };
  const staying = applied
    .filter((a) => !leaving.has(a.couponId))
    .map((a) => ({ coupon: a, amountFen: saving(a) }))
    .sort(better);
  while (staying.length >= max) {
    leaving.add(staying.pop()!.coupon.couponId);
    conflict ??= 'too_many';
  }
  // the goods amount caps them all: an applied coupon it would leave with nothing to take goes too
  for (;;) {
    const outcome = applyChosen([...staying.map((s) => s.coupon.couponId), couponId], coupons, ctx, max);
    if (outcome.ok) break;
    if (outcome.couponId === couponId) return { conflict: 'not_needed', replaces: [] };
    leaving.add(outcome.couponId);
    staying.splice(staying.findIndex((s) => s.coupon.couponId === outcome.couponId), 1);
    conflict ??= 'not_needed';
  }
  return { conflict, replaces: appliedIds.filter((id) => leaving.has(id)) };
}

/** The panel's options with what choosing each would do to the coupons applied now. */
export const joinOptions = (options: CouponOption[], appliedIds: string[], coupons: WalletCoupon[], ctx: DiscountContext, max = MAX_COUPONS_PER_ORDER): CouponOption[] =>
  options.map((o) => {
    const join = joinApplied(o.couponId, appliedIds, coupons, ctx, max);
    return { ...o, joinConflict: join.conflict, replaces: join.replaces };
  });
