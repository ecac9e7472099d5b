import type { BooleanFact, CompareOp, NumberFact, RuleExpr } from '../../../../typings/contract';

/**
 * Rule trees as pure functions: evaluation against one user's facts and tags, the facts a set of
 * rules needs (so only those are loaded), and the rule as staff read it. Nothing here is `eval`:
 * a rule is data, and an unknown node is false.
 */
export type UserFacts = Record<NumberFact, number> & Record<BooleanFact, boolean>;
export type FactName = NumberFact | BooleanFact;

const COMPARE: Record<CompareOp, (a: number, b: number) => boolean> = {
  gte: (a, b) => a >= b,
  gt: (a, b) => a > b,
  lte: (a, b) => a <= b,
  lt: (a, b) => a < b,
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
};

const SYMBOL: Record<CompareOp, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=', ne: '!=' };

export function evaluate(e: RuleExpr, facts: UserFacts, tags: ReadonlySet<string>): boolean {
  switch (e.op) {
    case 'all':
      return e.of.every((x) => evaluate(x, facts, tags));
    case 'any':
      return e.of.some((x) => evaluate(x, facts, tags));
    case 'not':
      return !evaluate(e.of, facts, tags);
    case 'has_tag':
      return tags.has(e.tag);
    case 'is':
      return facts[e.fact] === e.value;
    default: {
      const compare = COMPARE[e.op];
      return compare ? compare(facts[e.fact], e.value) : false;
    }
  }
}

/** Every fact the rules read. */
export function factsUsed(exprs: Iterable<RuleExpr>): Set<FactName> {
  const out = new Set<FactName>();
  const walk = (e: RuleExpr): void => {
    switch (e.op) {
      case 'all':
      case 'any':
        return e.of.forEach(walk);
      case 'not':
        return walk(e.of);
      case 'has_tag':
        return;
      default:
        out.add(e.fact);
    }
  };
  for (const e of exprs) walk(e);
  return out;
}

/** `watch_minutes >= 30 AND cart_unpaid`; nested groups in parentheses. */
export function describe(e: RuleExpr): string {
  const inner = (x: RuleExpr) => (x.op === 'all' || x.op === 'any' ? `(${describe(x)})` : describe(x));
  switch (e.op) {
    case 'all':
      return e.of.map(inner).join(' AND ');
    case 'any':
      return e.of.map(inner).join(' OR ');
    case 'not':
      return `NOT ${inner(e.of)}`;
    case 'has_tag':
      return `tag:${e.tag}`;
    case 'is':
      return e.value ? e.fact : `NOT ${e.fact}`;
    default:
      return `${e.fact} ${SYMBOL[e.op]} ${e.value}`;
  }
}

/** Facts with every value at rest: what a user with no activity has. */
export function emptyFacts(): UserFacts {
  return {
    watch_minutes: 0,
    lives_watched: 0,
    card_taps: 0,
    comments: 0,
    keyword_hits: 0,
    add_to_cart: 0,
    consult_taps: 0,
    interactions: 0,
    cart_lines: 0,
    cart_unpaid_hours: 0,
    paid_orders: 0,
    days_since_last_paid: NEVER_DAYS,
    reservations: 0,
    cart_unpaid: false,
  };
}

/** days_since_last_paid for a user who never paid. */
export const NEVER_DAYS = 9999;
