import { DAY, inShanghai } from '../../kernel/time';
import type { SopTaskDoc } from '../../schema';

/**
 * What the post-live follow-up gives, by template id (seeded with the demo shop; staff keep the
 * templates' amounts and stock in the coupon admin):
 * - viewers who did not buy: a full-reduction (满减) coupon;
 * - first-time buyers: the 7-day new-member pack, coupons and points released on days 1, 3, 7;
 * - repeat buyers: a bundle coupon — a `related` template ("bought A → B at N% off"), not tied
 *   to a live and still valid, whose A they bought and whose B they have not.
 */
export const COMEBACK_TEMPLATE = 'tpl-postlive-comeback';

export interface PackDay {
  day: 1 | 3 | 7;
  templateId: string;
  points: number;
}

export const NEW_MEMBER_PACK: PackDay[] = [
  { day: 1, templateId: 'tpl-new-member', points: 50 },
  { day: 3, templateId: 'tpl-newmember-d3', points: 0 },
  { day: 7, templateId: 'tpl-newmember-d7', points: 100 },
];

/** Later pack days are released at 10:00 Shanghai; day 1 at once. */
export const PACK_RELEASE_HOUR = 10;

/** When day N of the pack is released for a member whose first order was paid at `firstPaidAt`. */
export function packDueAt(firstPaidAt: number, day: number): number {
  if (day <= 1) return firstPaidAt;
  return inShanghai(firstPaidAt + (day - 1) * DAY)
    .hour(PACK_RELEASE_HOUR)
    .minute(0)
    .second(0)
    .millisecond(0)
    .valueOf();
}

export const packTaskId = (userId: string, day: number, what: 'coupon' | 'points') => `newmember:${userId}:d${day}:${what}`;

/** The pack's steps for one member: a coupon and (where set) points per day, keyed per user, so a member gets one pack ever. */
export function packTasks(userId: string, liveId: string, firstPaidAt: number, now: number, pack = NEW_MEMBER_PACK): SopTaskDoc[] {
  const base = {
    ruleId: null,
    source: `newmember:${liveId}`,
    userId,
    eventKey: null,
    condition: null,
    cooldownHours: 0,
    capped: false,
    status: 'pending' as const,
    attempts: 0,
    leaseUntil: null,
    capTaken: false,
    outcome: null,
    reason: null,
    createdAt: now,
    doneAt: null,
  };
  return pack.flatMap((d) => [
    { ...base, _id: packTaskId(userId, d.day, 'coupon'), dueAt: packDueAt(firstPaidAt, d.day), action: { kind: 'grant_coupon' as const, templateId: d.templateId } },
    ...(d.points > 0
      ? [{ ...base, _id: packTaskId(userId, d.day, 'points'), dueAt: packDueAt(firstPaidAt, d.day), action: { kind: 'grant_points' as const, points: d.points, label: `新人礼包第 ${d.day} 天` } }]
      : []),
  ]);
}

export interface Bundle {
  templateId: string;
  title: string;
  boughtProductIds: string[];
  offerProductIds: string[];
}

/** The first bundle (by template id) whose trigger the customer bought and whose offer they have not. */
export function pickBundle(bought: ReadonlySet<string>, bundles: Bundle[]): Bundle | null {
  return (
    [...bundles]
      .sort((a, b) => (a.templateId < b.templateId ? -1 : 1))
      .find((b) => b.boughtProductIds.some((p) => bought.has(p)) && b.offerProductIds.length > 0 && b.offerProductIds.every((p) => !bought.has(p))) ?? null
  );
}
