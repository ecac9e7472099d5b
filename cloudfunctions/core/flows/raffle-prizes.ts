import type { PrivilegeKind } from '../../../typings/contract';
import { AppError } from '../kernel/errors';
import { DAY } from '../kernel/time';
import type { Db } from '../ports';
import { isDuplicateKey } from '../ports';
import { grantCoupon } from '../modules/coupons/issue';
import { awardPoints } from '../modules/points/ledger';
import type { PrivilegeDoc } from '../schema';
import { grantKey, type PrizeDoc } from '../schema';
import { CLAIM_WINDOW_MS, GRANT_LEASE_MS } from '../modules/raffle/rules';

/**
 * Giving a won prize, once. Coupons, points and privileges go through their own modules' idempotent
 * paths keyed by `raffle:<prizeId>`; a goods prize waits for the winner's address (claimPrize).
 * The prize's status moves by conditional update from `pending`, so however many runs settle it,
 * one outcome is recorded.
 */
export interface PrizeGrants {
  coupon(db: Db, g: { templateId: string; userId: string; key: string; now: number }): Promise<{ couponId: string }>;
  points(db: Db, g: { userId: string; amount: number; key: string; label: string; ref: string; now: number }): Promise<void>;
  privilege(db: Db, g: { userId: string; kind: PrivilegeKind; days: number; key: string; now: number }): Promise<{ privilegeId: string; until: number }>;
}

/** A privilege runs on from the end of the same kind still in force. Idempotent: `_id` is the key. */
async function grantPrivilege(db: Db, g: { userId: string; kind: PrivilegeKind; days: number; key: string; now: number }) {
  const privileges = db.collection('privileges');
  const existing = await privileges.get(g.key);
  if (existing) return { privilegeId: existing._id, until: existing.until };
  const held = await privileges.find({ userId: g.userId, until: { $gt: g.now } }, { limit: 50 });
  const from = Math.max(g.now, ...held.filter((p) => p.kind === g.kind).map((p) => p.until));
  const doc: PrivilegeDoc = { _id: g.key, userId: g.userId, kind: g.kind, from, until: from + g.days * DAY, redemptionId: g.key, createdAt: g.now };
  try {
    await privileges.insert(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const first = (await privileges.get(g.key))!;
    return { privilegeId: first._id, until: first.until };
  }
  return { privilegeId: doc._id, until: doc.until };
}

export const defaultGrants: PrizeGrants = {
  coupon: (db, g) => grantCoupon(db, g),
  points: async (db, g) => {
    await awardPoints(db, { userId: g.userId, key: g.key, amount: g.amount, source: 'grant', ref: g.ref, label: g.label, now: g.now });
  },
  privilege: grantPrivilege,
};

const prizes = (db: Db) => db.collection('raffle_prizes');

/** Claims a prize's grant for this run: from pending, or from a run whose lease ran out. */
async function claimGrant(db: Db, id: string, now: number): Promise<boolean> {
  const set = { $set: { status: 'granting', grantingAt: now } };
  if (await prizes(db).update({ _id: id, status: 'pending' }, set)) return true;
  return (await prizes(db).update({ _id: id, status: 'granting', grantingAt: { $lt: now - GRANT_LEASE_MS } }, set)) === 1;
}

/**
 * Settles one prize and returns its status afterwards. One run at a time holds the grant; the
 * others leave it to that run. Unexpected errors give the claim back and propagate: a later run resumes.
 */
export async function settlePrize(db: Db, grants: PrizeGrants, prize: PrizeDoc, now: number): Promise<PrizeDoc['status']> {
  if (prize.status !== 'pending' && prize.status !== 'granting') return prize.status;
  if (!(await claimGrant(db, prize._id, now))) return (await prizes(db).get(prize._id))!.status;
  const key = grantKey(prize._id);
  const settle = async (set: Partial<PrizeDoc>) => {
    await prizes(db).update({ _id: prize._id, status: 'granting' }, { $set: { ...set, grantingAt: null, settledAt: now } });
    return (await prizes(db).get(prize._id))!.status;
  };
  const spec = prize.spec;
  try {
    switch (spec.kind) {
      case 'goods':
        return await settle({ status: 'awaiting_address', claimBy: now + CLAIM_WINDOW_MS });
      case 'coupon': {
        const { couponId } = await grants.coupon(db, { templateId: spec.couponTemplateId, userId: prize.userId, key, now });
        return await settle({ status: 'granted', ref: couponId });
      }
      case 'points':
        await grants.points(db, { userId: prize.userId, amount: spec.points, key, label: spec.title, ref: prize.raffleId, now });
        return await settle({ status: 'granted', ref: key });
      case 'privilege': {
        const { privilegeId, until } = await grants.privilege(db, { userId: prize.userId, kind: spec.privilege, days: spec.days, key, now });
        return await settle({ status: 'granted', ref: privilegeId, privilegeUntil: until });
      }
    }
  } catch (e) {
    // a business refusal (the coupon ran out, its per-user limit): recorded for staff, not retried
    if (e instanceof AppError) return settle({ status: 'failed', reason: e.code });
    await prizes(db).update({ _id: prize._id, status: 'granting' }, { $set: { status: 'pending', grantingAt: null } });
    throw e;
  }
}
