import type { TimerCtx } from '../../kernel/define';
import type { Db } from '../../ports';
import { claimCounterId, type CouponDoc } from '../../schema';
import { grantCoupon } from './issue';

/** A coupon left pending this long was being issued by a call that died (no call runs this long). */
export const STALE_ISSUE_MS = 2 * 60_000;

/** Pending coupons settled per timer run. */
export const ISSUE_REPAIR_BATCH = 100;

const templates = (db: Db) => db.collection('coupon_templates');
const claims = (db: Db) => db.collection('coupon_claims');
const coupons = (db: Db) => db.collection('coupons');

/**
 * Sets a counter to what the coupons say, unless a call is issuing one now. Read in this order:
 * the counter, then the coupons still being issued (a call that took the counter before it was
 * read wrote its pending coupon first, so it is seen), then the issued coupons; the write is
 * conditional on the counter read, so a call that moved it meanwhile makes this a no-op that the
 * next run repeats. True when the counter now agrees.
 */
async function recount(read: () => Promise<number | null>, inFlight: () => Promise<number>, issued: () => Promise<number>, set: (seen: number, n: number) => Promise<number>) {
  const seen = await read();
  if (seen === null) return true;
  if ((await inFlight()) > 0) return false;
  const n = await issued();
  return n === seen || (await set(seen, n)) === 1;
}

const recountTemplate = (db: Db, templateId: string, freshSince: number) =>
  recount(
    async () => (await templates(db).get(templateId))?.issued ?? null,
    () => coupons(db).count({ templateId, status: 'pending', claimedAt: { $gt: freshSince } }),
    () => coupons(db).count({ templateId, status: { $ne: 'pending' } }),
    (seen, n) => templates(db).update({ _id: templateId, issued: seen }, { $set: { issued: n } }),
  );

const recountSlot = (db: Db, templateId: string, userId: string, freshSince: number) => {
  const _id = claimCounterId(templateId, userId);
  return recount(
    async () => (await claims(db).get(_id))?.count ?? null,
    () => coupons(db).count({ templateId, userId, status: 'pending', claimedAt: { $gt: freshSince } }),
    () => coupons(db).count({ templateId, userId, status: { $ne: 'pending' } }),
    (seen, n) => claims(db).update({ _id, count: seen }, { $set: { count: n } }),
  );
};

export interface IssueRepair {
  /** pending coupons of dead calls removed, with what their slot and stock took given back */
  removed: number;
  /** of those, grants issued again under their key */
  regranted: number;
  /** grants that could not be issued again (sold out, ended, template gone) */
  lost: number;
  /** left for the next run because a call was issuing the same template or slot */
  deferred: number;
}

/**
 * Timer: settles coupons a crash left `pending` (see issue.ts). For each template with such coupons
 * its `issued`, and each affected shopper's claim slot, are counted again from the coupons; then
 * the pending coupons go, and each grant among them is issued again under its key (a grant is a
 * promise to the shopper; a claim is not: the shopper sees it failed and may claim again). Every
 * step is safe to repeat, so a run cut short is finished by the next. At local start-up
 * (`olderThanMs` 0) every pending coupon is the previous process's.
 */
export async function repairIssues(ctx: Pick<TimerCtx, 'db' | 'now'>, olderThanMs = STALE_ISSUE_MS): Promise<IssueRepair> {
  const { db, now } = ctx;
  const freshSince = now - olderThanMs;
  const stale = await coupons(db).find({ status: 'pending', claimedAt: { $lte: freshSince } }, { sort: [['claimedAt', 'asc']], limit: ISSUE_REPAIR_BATCH });
  const out: IssueRepair = { removed: 0, regranted: 0, lost: 0, deferred: 0 };
  const byTemplate = new Map<string, CouponDoc[]>();
  for (const c of stale) byTemplate.set(c.templateId, [...(byTemplate.get(c.templateId) ?? []), c]);

  for (const [templateId, docs] of byTemplate) {
    if (!(await recountTemplate(db, templateId, freshSince))) {
      out.deferred += docs.length;
      continue;
    }
    for (const c of docs) {
      if (!(await recountSlot(db, templateId, c.userId, freshSince))) {
        out.deferred++;
        continue;
      }
      if (!(await coupons(db).remove({ _id: c._id, status: 'pending' }))) continue;
      out.removed++;
      if (c.grantKey === null) continue;
      try {
        await grantCoupon(db, { templateId, userId: c.userId, key: c.grantKey, now });
        out.regranted++;
      } catch {
        out.lost++;
      }
    }
  }
  return out;
}
