import { AppError } from '../../kernel/errors';
import type { Db } from '../../ports';
import type { GrantsPort } from '../../ports/grants';
import { grantKey, type PrizeDoc } from '../../schema';
import { CLAIM_WINDOW_MS, GRANT_LEASE_MS } from './rules';

/**
 * Giving a won prize, once. Coupons, points and privileges go through the Grants port (the modules'
 * idempotent paths, keyed by `raffle:<prizeId>`); a goods prize waits for the winner's address (claimPrize).
 * The prize's status moves by conditional update from `pending`, so however many runs settle it,
 * one outcome is recorded.
 */
export type PrizeGrants = GrantsPort;

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
