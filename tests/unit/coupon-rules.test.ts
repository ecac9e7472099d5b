import type { CouponTemplateDoc } from '../../cloudfunctions/core/schema';
import { claimBlock, type ClaimFacts, couponValidity, ruleOf, templateProblem, type TemplateInput } from '../../cloudfunctions/core/modules/coupons/rules';
import type { LiveDoc } from '../../cloudfunctions/core/schema';

/** 2026-11-24 10:00 Shanghai */
const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const input = (over: Partial<TemplateInput> = {}): TemplateInput => ({
  title: '券',
  kind: 'no_threshold',
  valueFen: 1000,
  totalStock: 10,
  perUserLimit: 1,
  validDays: 7,
  ...over,
});

const template = (over: Partial<CouponTemplateDoc> = {}): CouponTemplateDoc => ({
  _id: 't',
  title: '券',
  rule: { kind: 'no_threshold', valueFen: 1000 },
  scope: { productIds: [], categoryIds: [] },
  stackable: false,
  eligibility: 'anyone',
  liveId: null,
  totalStock: 10,
  issued: 0,
  perUserLimit: 1,
  claimStart: null,
  claimEnd: null,
  validDays: 7,
  validFrom: null,
  validTo: null,
  createdBy: 'staff',
  createdAt: NOW - DAY,
  ...over,
});

const live = (startAt: number, endAt: number): LiveDoc => ({ _id: 'live', title: '', cover: '', startAt, endAt, cards: [], createdAt: 0 });

describe('template settings', () => {
  it.each<[string, Partial<TemplateInput>, string | null]>([
    ['a plain no-threshold coupon', {}, null],
    ['no-threshold without a value', { valueFen: 0 }, 'valueFen'],
    ['满减 with one tier', { kind: 'threshold', thresholdFen: 19900, valueFen: 3000 }, null],
    ['满减 taking off its whole threshold', { kind: 'threshold', thresholdFen: 3000, valueFen: 3000 }, 'valueFen'],
    ['满减 tiers going up', { kind: 'threshold', valueFen: undefined, tiers: [{ thresholdFen: 19900, valueFen: 3000 }, { thresholdFen: 29900, valueFen: 5000 }] }, null],
    ['满减 tiers and a single tier at once', { kind: 'threshold', thresholdFen: 100, tiers: [{ thresholdFen: 19900, valueFen: 3000 }] }, 'tiers'],
    ['满减 tiers whose value goes down', { kind: 'threshold', valueFen: undefined, tiers: [{ thresholdFen: 19900, valueFen: 3000 }, { thresholdFen: 29900, valueFen: 2000 }] }, 'tiers.1'],
    ['8折 capped', { kind: 'discount', valueFen: undefined, percentOff: 20, capFen: 3000 }, null],
    ['a discount without a percentage', { kind: 'discount', valueFen: undefined }, 'percentOff'],
    ['a discount with a zero cap', { kind: 'discount', valueFen: undefined, percentOff: 20, capFen: 0 }, 'capFen'],
    ['validity both ways', { validTo: NOW + DAY }, 'validDays'],
    ['validFrom without validTo', { validFrom: NOW }, 'validFrom'],
    ['fixed validity in the past', { validDays: undefined, validTo: NOW - 1 }, 'validTo'],
    ['claiming ending after the validity', { validDays: undefined, validTo: NOW + DAY, claimEnd: NOW + 2 * DAY }, 'claimEnd'],
    ['claiming already over', { claimEnd: NOW }, 'claimEnd'],
    ['a viewers coupon without its live', { eligibility: 'viewers' }, 'liveId'],
  ])('%s', (_name, over, field) => {
    expect(templateProblem(input(over), NOW)?.field ?? null).toBe(field);
  });

  it('makes the rule each kind stores', () => {
    expect(ruleOf(input({ kind: 'discount', valueFen: undefined, percentOff: 20 }))).toEqual({ kind: 'discount', percentOff: 20, capFen: null, thresholdFen: 0 });
    expect(ruleOf(input({ kind: 'related', valueFen: undefined, percentOff: 20, relatedProductIds: ['a', 'a', 'b'] }))).toEqual({
      kind: 'related',
      percentOff: 20,
      capFen: null,
      thresholdFen: 0,
      boughtProductIds: ['a', 'b'],
    });
  });
});

describe('what blocks a claim', () => {
  const facts: ClaimFacts = { now: NOW, live: null, eligible: true, claimed: 0 };

  it.each<[string, Partial<CouponTemplateDoc>, Partial<ClaimFacts>, string | null]>([
    ['open', {}, {}, null],
    ['before the claim window', { claimStart: NOW + 1 }, {}, 'not_started'],
    ['after the claim window', { claimEnd: NOW - 1 }, {}, 'ended'],
    ['after a fixed validity', { validDays: null, validTo: NOW - 1 }, {}, 'ended'],
    ['not eligible', {}, { eligible: false }, 'not_eligible'],
    ['at the per-user limit', { perUserLimit: 2 }, { claimed: 2 }, 'limit_reached'],
    ['all issued', { issued: 10 }, {}, 'sold_out'],
    ['the limit is reported before sold out', { issued: 10 }, { claimed: 1 }, 'limit_reached'],
    ['a live-only coupon before its live', { liveId: 'live' }, { live: live(NOW + HOUR, NOW + 3 * HOUR) }, 'not_started'],
    ['a live-only coupon during its live', { liveId: 'live' }, { live: live(NOW - HOUR, NOW + HOUR) }, null],
    ['a live-only coupon after its live', { liveId: 'live' }, { live: live(NOW - 3 * HOUR, NOW - HOUR) }, 'ended'],
    ['a live-only coupon whose live is gone', { liveId: 'live' }, {}, 'ended'],
    ["a reservers' coupon before its live", { liveId: 'live', eligibility: 'reservers' }, { live: live(NOW + HOUR, NOW + 3 * HOUR) }, null],
  ])('%s', (_name, over, f, expected) => {
    expect(claimBlock(template(over), { ...facts, ...f })).toBe(expected);
  });
});

describe('coupon validity', () => {
  it('N days after the claim runs to the end of that Shanghai day', () => {
    // claimed 2026-11-24 23:30 Shanghai, 1 day → 2026-11-25 23:59:59.999 Shanghai
    const claimedAt = Date.UTC(2026, 10, 24, 15, 30);
    expect(couponValidity({ validDays: 1, validFrom: null, validTo: null }, claimedAt)).toEqual({
      validFrom: claimedAt,
      validTo: Date.UTC(2026, 10, 25, 15, 59, 59, 999),
    });
  });

  it('fixed dates are kept; a missing start means from the claim', () => {
    expect(couponValidity({ validDays: null, validFrom: null, validTo: NOW + DAY }, NOW)).toEqual({ validFrom: NOW, validTo: NOW + DAY });
    expect(couponValidity({ validDays: null, validFrom: NOW + HOUR, validTo: NOW + DAY }, NOW)).toEqual({ validFrom: NOW + HOUR, validTo: NOW + DAY });
  });
});
