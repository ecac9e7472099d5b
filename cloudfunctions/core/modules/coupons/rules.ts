import type { z } from 'zod';
import type { ClaimBlock, CouponRule, CouponScope } from '../../../../typings/contract';
import type { couponAdmin } from '../../../../typings/contract/coupons';
import { DAY, shanghaiDayStart } from '../../kernel/time';
import { liveState } from '../live';
import type { LiveDoc } from '../../schema';
import type { CouponTemplateDoc } from '../../schema';

/** Template and claim rules as pure functions: the handler loads, calls these, and persists. */

export type TemplateInput = z.output<typeof couponAdmin.createCouponTemplate.input>;

export interface Problem {
  field: string;
  message: string;
}

const KIND_FIELDS: Record<CouponRule['kind'], ReadonlyArray<keyof TemplateInput>> = {
  no_threshold: ['valueFen'],
  threshold: ['valueFen', 'thresholdFen', 'tiers'],
  discount: ['percentOff', 'capFen', 'thresholdFen'],
  related: ['percentOff', 'capFen', 'thresholdFen', 'relatedProductIds'],
};
const RULE_FIELDS: ReadonlyArray<keyof TemplateInput> = ['valueFen', 'thresholdFen', 'tiers', 'percentOff', 'capFen', 'relatedProductIds'];

/** The first thing wrong with a template's settings, or null. */
export function templateProblem(input: TemplateInput, now: number): Problem | null {
  const p = (field: string, message: string): Problem => ({ field, message });
  for (const field of RULE_FIELDS) {
    if (input[field] !== undefined && !KIND_FIELDS[input.kind].includes(field)) return p(field, `${field} does not apply to ${input.kind} coupons`);
  }
  switch (input.kind) {
    case 'no_threshold':
      if (!input.valueFen) return p('valueFen', 'a no-threshold coupon needs valueFen ≥ 1');
      break;
    case 'threshold': {
      if (input.tiers && (input.thresholdFen !== undefined || input.valueFen !== undefined)) {
        return p('tiers', 'give either tiers or thresholdFen + valueFen');
      }
      const tiers = input.tiers ?? [{ thresholdFen: input.thresholdFen ?? 0, valueFen: input.valueFen ?? 0 }];
      for (const [i, t] of tiers.entries()) {
        const at = input.tiers ? `tiers.${i}` : 'valueFen';
        if (t.valueFen < 1) return p(at, 'each tier takes off at least 1 fen');
        if (t.valueFen >= t.thresholdFen) return p(at, 'each tier takes off less than its threshold');
        if (i > 0 && (t.thresholdFen <= tiers[i - 1].thresholdFen || t.valueFen <= tiers[i - 1].valueFen)) {
          return p(at, 'tiers go up in both threshold and value');
        }
      }
      break;
    }
    case 'discount':
    case 'related':
      if (input.percentOff === undefined) return p('percentOff', `a ${input.kind} coupon needs percentOff`);
      if (input.capFen !== undefined && input.capFen < 1) return p('capFen', 'capFen is at least 1 fen');
      if (input.kind === 'related') {
        if (!input.relatedProductIds) return p('relatedProductIds', 'a related coupon names the products bought before');
        if (!input.scope?.productIds?.length && !input.scope?.categoryIds?.length) {
          return p('scope', 'a related coupon names the products it takes off');
        }
      }
      break;
  }
  if ((input.eligibility === 'reservers' || input.eligibility === 'viewers') && !input.liveId) {
    return p('liveId', `a coupon for ${input.eligibility} names the live`);
  }
  if (input.claimStart !== undefined && input.claimEnd !== undefined && input.claimStart >= input.claimEnd) {
    return p('claimEnd', 'claimEnd comes after claimStart');
  }
  if (input.claimEnd !== undefined && input.claimEnd <= now) return p('claimEnd', 'claimEnd is in the past');
  if ((input.validDays === undefined) === (input.validTo === undefined)) return p('validDays', 'give either validDays or validTo');
  if (input.validFrom !== undefined && input.validTo === undefined) return p('validFrom', 'validFrom goes with validTo');
  if (input.validTo !== undefined) {
    if (input.validTo <= now) return p('validTo', 'validTo is in the past');
    if (input.validFrom !== undefined && input.validFrom >= input.validTo) return p('validTo', 'validTo comes after validFrom');
    if (input.claimEnd !== undefined && input.claimEnd > input.validTo) return p('claimEnd', 'claiming ends by validTo');
  }
  return null;
}

export function ruleOf(input: TemplateInput): CouponRule {
  switch (input.kind) {
    case 'no_threshold':
      return { kind: 'no_threshold', valueFen: input.valueFen! };
    case 'threshold':
      return { kind: 'threshold', tiers: input.tiers ?? [{ thresholdFen: input.thresholdFen!, valueFen: input.valueFen! }] };
    case 'discount':
      return { kind: 'discount', percentOff: input.percentOff!, capFen: input.capFen ?? null, thresholdFen: input.thresholdFen ?? 0 };
    case 'related':
      return {
        kind: 'related',
        percentOff: input.percentOff!,
        capFen: input.capFen ?? null,
        thresholdFen: input.thresholdFen ?? 0,
        boughtProductIds: [...new Set(input.relatedProductIds!)],
      };
  }
}

export const scopeOf = (input: TemplateInput): CouponScope => ({
  productIds: [...new Set(input.scope?.productIds ?? [])],
  categoryIds: [...new Set(input.scope?.categoryIds ?? [])],
});

/**
 * Whether claiming is open now: the claim window (ending no later than a fixed validTo) and, for a
 * live-only template open to anyone, the live being on — or, for a caller with 直播优先入场
 * (`earlyMs`), within that long before its start. A template for a live's reservers or viewers names
 * the live for eligibility and follows its claim window (before or after the live).
 */
export function claimWindow(t: CouponTemplateDoc, live: LiveDoc | null, now: number, earlyMs = 0): 'not_started' | 'ended' | null {
  if (t.claimStart !== null && now < t.claimStart) return 'not_started';
  const end = Math.min(t.claimEnd ?? Infinity, t.validTo ?? Infinity, t.stoppedAt != null ? t.stoppedAt - 1 : Infinity);
  if (now > end) return 'ended';
  if (t.liveId && t.eligibility === 'anyone') {
    if (!live) return 'ended';
    const state = liveState(live, now);
    if (state === 'scheduled') return earlyMs > 0 && now >= live.startAt - earlyMs ? null : 'not_started';
    if (state === 'ended') return 'ended';
  }
  return null;
}

/** Whether priority access would open this template now when the plain window does not: a live-only coupon open to anyone, its live starting within `earlyMs`. */
export function opensEarly(t: CouponTemplateDoc, live: LiveDoc | null, now: number, earlyMs: number): boolean {
  return claimWindow(t, live, now) === 'not_started' && claimWindow(t, live, now, earlyMs) === null;
}

export interface ClaimFacts {
  now: number;
  live: LiveDoc | null;
  /** the caller's priority lead (直播优先入场), 0 without it */
  earlyMs?: number;
  /** the caller meets the template's eligibility */
  eligible: boolean;
  /** how many the caller has claimed */
  claimed: number;
}

/**
 * What stops the caller claiming, in the order a claim checks it. The last two are only a forecast
 * for the list: a claim takes them by conditional updates, which decide.
 */
export function claimBlock(t: CouponTemplateDoc, facts: ClaimFacts): ClaimBlock | null {
  const window = claimWindow(t, facts.live, facts.now, facts.earlyMs ?? 0);
  if (window) return window;
  if (!facts.eligible) return 'not_eligible';
  if (facts.claimed >= t.perUserLimit) return 'limit_reached';
  if (t.issued >= t.totalStock) return 'sold_out';
  return null;
}

/** The end (last millisecond) of the Shanghai calendar day containing `ms`. */
export const endOfShanghaiDay = (ms: number) => shanghaiDayStart(ms) + DAY - 1;

/**
 * A new coupon's validity: fixed dates from the template, or `validDays` after the claim, to the end
 * of that Shanghai day (so at least validDays full days).
 */
export function couponValidity(t: Pick<CouponTemplateDoc, 'validDays' | 'validFrom' | 'validTo'>, issuedAt: number): { validFrom: number; validTo: number } {
  if (t.validDays !== null) return { validFrom: issuedAt, validTo: endOfShanghaiDay(issuedAt + t.validDays * DAY) };
  return { validFrom: t.validFrom ?? issuedAt, validTo: t.validTo! };
}

/** What staff may change on a template once it exists (issued coupons keep the terms they were issued under). */
export interface TemplateEdit {
  title?: string;
  totalStock?: number;
  perUserLimit?: number;
  claimEnd?: number | null;
}

/**
 * Why an edit cannot apply to the template as it is, or null. The rule, scope, validity, live and
 * who may claim never change after creation: a different coupon is a new template. The stock may
 * not go below what is issued; a claim window may end later or sooner, but not in the past, before
 * it opens or after a fixed validity ends.
 */
export function editProblem(t: Pick<CouponTemplateDoc, 'issued' | 'claimStart' | 'validTo'>, edit: TemplateEdit, now: number): Problem | null {
  const p = (field: string, message: string): Problem => ({ field, message });
  if (Object.values(edit).every((v) => v === undefined)) return p('templateId', 'nothing to change');
  if (edit.totalStock !== undefined && edit.totalStock < t.issued) return p('totalStock', `${t.issued} are issued already`);
  if (edit.claimEnd !== undefined && edit.claimEnd !== null) {
    if (edit.claimEnd <= now) return p('claimEnd', 'claimEnd is in the past');
    if (t.claimStart !== null && edit.claimEnd <= t.claimStart) return p('claimEnd', 'claimEnd comes after claimStart');
    if (t.validTo !== null && edit.claimEnd > t.validTo) return p('claimEnd', 'claiming ends by validTo');
  }
  if (edit.claimEnd === null && t.validTo !== null) return p('claimEnd', 'claiming ends by validTo');
  return null;
}
