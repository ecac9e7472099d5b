import type { RuleExpr } from '../../typings/contract';
import { crmAdmin, RULE_MAX_DEPTH } from '../../typings/contract/crm';
import { planTags } from '../../cloudfunctions/core/modules/tags/engine';
import { describe as describeRule, emptyFacts, evaluate, factsUsed, type UserFacts } from '../../cloudfunctions/core/modules/tags/expr';
import { cartFacts, liveFacts } from '../../cloudfunctions/core/modules/tags/facts';
import type { TagRuleDoc } from '../../cloudfunctions/core/schema';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 24, 2, 0);

const facts = (over: Partial<UserFacts> = {}): UserFacts => ({ ...emptyFacts(), ...over });
const gte = (fact: 'watch_minutes' | 'interactions', value: number): RuleExpr => ({ op: 'gte', fact, value });
const unpaid: RuleExpr = { op: 'is', fact: 'cart_unpaid', value: true };
const hesitant: RuleExpr = { op: 'all', of: [gte('watch_minutes', 30), unpaid] };

describe('rule evaluation', () => {
  it.each<[string, RuleExpr, Partial<UserFacts>, string[], boolean]>([
    ['watch_minutes >= 30 at 30', gte('watch_minutes', 30), { watch_minutes: 30 }, [], true],
    ['watch_minutes >= 30 at 29', gte('watch_minutes', 30), { watch_minutes: 29 }, [], false],
    ['gt is strict', { op: 'gt', fact: 'card_taps', value: 3 }, { card_taps: 3 }, [], false],
    ['lte', { op: 'lte', fact: 'days_since_last_paid', value: 7 }, { days_since_last_paid: 7 }, [], true],
    ['lt', { op: 'lt', fact: 'paid_orders', value: 1 }, { paid_orders: 0 }, [], true],
    ['eq', { op: 'eq', fact: 'lives_watched', value: 2 }, { lives_watched: 2 }, [], true],
    ['ne', { op: 'ne', fact: 'lives_watched', value: 2 }, { lives_watched: 2 }, [], false],
    ['is true', unpaid, { cart_unpaid: true }, [], true],
    ['is true on false', unpaid, { cart_unpaid: false }, [], false],
    ['is false', { op: 'is', fact: 'cart_unpaid', value: false }, { cart_unpaid: false }, [], true],
    ['AND: both hold', hesitant, { watch_minutes: 45, cart_unpaid: true }, [], true],
    ['AND: cart paid', hesitant, { watch_minutes: 45, cart_unpaid: false }, [], false],
    ['AND: watched too little', hesitant, { watch_minutes: 10, cart_unpaid: true }, [], false],
    ['OR: one holds', { op: 'any', of: [gte('interactions', 10), unpaid] }, { interactions: 2, cart_unpaid: true }, [], true],
    ['OR: none holds', { op: 'any', of: [gte('interactions', 10), unpaid] }, { interactions: 2 }, [], false],
    ['NOT', { op: 'not', of: unpaid }, { cart_unpaid: true }, [], false],
    ['has_tag held', { op: 'has_tag', tag: 'core_fan' }, {}, ['core_fan'], true],
    ['has_tag not held', { op: 'has_tag', tag: 'core_fan' }, {}, ['other'], false],
    ['nested: core fan without a cart', { op: 'all', of: [{ op: 'has_tag', tag: 'core_fan' }, { op: 'not', of: unpaid }] }, { cart_unpaid: false }, ['core_fan'], true],
  ])('%s', (_name, expr, f, tags, expected) => {
    expect(evaluate(expr, facts(f), new Set(tags))).toBe(expected);
  });

  it('reads as staff write it', () => {
    expect(describeRule(hesitant)).toBe('watch_minutes >= 30 AND cart_unpaid');
    expect(describeRule({ op: 'any', of: [hesitant, { op: 'not', of: { op: 'has_tag', tag: 'vip' } }] })).toBe(
      '(watch_minutes >= 30 AND cart_unpaid) OR NOT tag:vip',
    );
    expect(describeRule({ op: 'is', fact: 'cart_unpaid', value: false })).toBe('NOT cart_unpaid');
  });

  it('names the facts the rules read, so only those are loaded', () => {
    expect([...factsUsed([hesitant, { op: 'not', of: { op: 'has_tag', tag: 'x' } }])].sort()).toEqual(['cart_unpaid', 'watch_minutes']);
  });
});

describe('rule trees are data, bounded', () => {
  const input = crmAdmin.saveTagRule.input;
  const base = { tag: 'core_fan', label: '核心粉丝', ttlDays: 30 };
  const deep = (n: number): RuleExpr => (n <= 1 ? gte('interactions', 1) : { op: 'not', of: deep(n - 1) });

  it('accepts a tree as deep as allowed and refuses one level more', () => {
    expect(input.safeParse({ ...base, expr: deep(RULE_MAX_DEPTH) }).success).toBe(true);
    expect(input.safeParse({ ...base, expr: deep(RULE_MAX_DEPTH + 1) }).success).toBe(false);
  });

  it('refuses unknown facts, operators and code-like strings', () => {
    expect(input.safeParse({ ...base, expr: { op: 'gte', fact: 'constructor', value: 1 } }).success).toBe(false);
    expect(input.safeParse({ ...base, expr: { op: 'eval', fact: 'watch_minutes', value: 1 } }).success).toBe(false);
    expect(input.safeParse({ ...base, expr: 'watch_minutes >= 30' }).success).toBe(false);
    expect(input.safeParse({ ...base, expr: { op: 'all', of: Array.from({ length: 11 }, () => unpaid) } }).success).toBe(false);
  });
});

describe('facts', () => {
  it('sums live activity over the last 30 days', () => {
    const stat = (watchMinutes: number, lastAt: number) => ({ watchMinutes, cardTaps: 2, comments: 1, keywordHits: 1, addToCart: 1, consultTaps: 0, lastAt });
    expect(liveFacts([stat(20, NOW - DAY), stat(15, NOW - 10 * DAY), stat(99, NOW - 31 * DAY), stat(0, NOW)], NOW)).toEqual({
      watch_minutes: 35,
      lives_watched: 2,
      card_taps: 6,
      comments: 3,
      keyword_hits: 3,
      add_to_cart: 3,
      consult_taps: 0,
      interactions: 12,
    });
  });

  it('a cart line is unpaid until an order with its SKU is paid after it was added; hours count the oldest', () => {
    const lines = [
      { skuId: 'a', createdAt: NOW - 30 * HOUR },
      { skuId: 'b', createdAt: NOW - 24 * HOUR + 60_000 },
    ];
    expect(cartFacts(lines, [], NOW)).toEqual({ cart_lines: 2, cart_unpaid: true, cart_unpaid_hours: 30 });
    const paidA = { lines: [{ skuId: 'a' }], paidAt: NOW - 29 * HOUR } as never;
    expect(cartFacts(lines, [paidA], NOW)).toEqual({ cart_lines: 2, cart_unpaid: true, cart_unpaid_hours: 23 + 59 / 60 });
    const paidBefore = { lines: [{ skuId: 'a' }, { skuId: 'b' }], paidAt: NOW - 31 * HOUR } as never;
    expect(cartFacts(lines, [paidBefore], NOW).cart_unpaid_hours).toBe(30);
    expect(cartFacts([], [], NOW)).toEqual({ cart_lines: 0, cart_unpaid: false, cart_unpaid_hours: 0 });
  });
});

describe('planTags', () => {
  const rule = (over: Partial<TagRuleDoc>): TagRuleDoc => ({
    _id: 'r1',
    tag: 'hesitant',
    label: 'h',
    expr: hesitant,
    ttlDays: 3,
    removeWhenFalse: true,
    enabled: true,
    createdBy: 's',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
  const yes = facts({ watch_minutes: 40, cart_unpaid: true });
  const no = facts({ watch_minutes: 40, cart_unpaid: false });

  it.each<[string, TagRuleDoc[], UserFacts, Array<{ tag: string; source: string; expiresAt: number }>, unknown[]]>([
    ['adds when the rule holds', [rule({})], yes, [], [{ kind: 'add', tag: 'hesitant', ruleId: 'r1', expiresAt: NOW + 3 * DAY }]],
    ['confirms a held tag: its expiry moves on', [rule({})], yes, [{ tag: 'hesitant', source: 'rule:r1', expiresAt: NOW + DAY }], [{ kind: 'confirm', tag: 'hesitant', ruleId: 'r1', expiresAt: NOW + 3 * DAY }]],
    ['adds again over an expired copy', [rule({})], yes, [{ tag: 'hesitant', source: 'rule:r1', expiresAt: NOW }], [{ kind: 'add', tag: 'hesitant', ruleId: 'r1', expiresAt: NOW + 3 * DAY }]],
    ['removes its own tag when false', [rule({})], no, [{ tag: 'hesitant', source: 'rule:r1', expiresAt: NOW + DAY }], [{ kind: 'remove', tag: 'hesitant', ruleId: 'r1' }]],
    ['keeps it when false if the rule says so', [rule({ removeWhenFalse: false })], no, [{ tag: 'hesitant', source: 'rule:r1', expiresAt: NOW + DAY }], []],
    ['leaves a tag another source set', [rule({})], no, [{ tag: 'hesitant', source: 'staff', expiresAt: NOW + DAY }], []],
    ['a disabled rule does nothing', [rule({ enabled: false })], yes, [], []],
    [
      'a tag added by one rule counts for has_tag in the next',
      [rule({}), rule({ _id: 'r2', tag: 'follow', expr: { op: 'has_tag', tag: 'hesitant' } })],
      yes,
      [],
      [
        { kind: 'add', tag: 'hesitant', ruleId: 'r1', expiresAt: NOW + 3 * DAY },
        { kind: 'add', tag: 'follow', ruleId: 'r2', expiresAt: NOW + 3 * DAY },
      ],
    ],
  ])('%s', (_name, rules, f, held, expected) => {
    expect(planTags(rules, f, held, NOW)).toEqual(expected);
  });
});
