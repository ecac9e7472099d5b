import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { BindingDoc, FissionClaimDoc, PromoterRewardDoc } from '../../schema';

/** Who invited this user, if anyone: the binding checkout credits an order's source from. */
export function bindingOf(db: Db, userId: string): Promise<BindingDoc | null> {
  return db.collection('referral_bindings').get(userId);
}

/** One of the promoter's rewards for the day, taken by a conditional counter under the cap. */
export async function takeDailySlot(db: Db, promoterId: string, day: string, cap: number, now: number): Promise<boolean> {
  const counters = db.collection('promoter_days');
  const _id = `${promoterId}:${day}`;
  if (await counters.update({ _id, count: { $lt: cap } }, { $inc: { count: 1 }, $set: { updatedAt: now } })) return true;
  if (await counters.get(_id)) return false;
  try {
    await counters.insert({ _id, count: 1, updatedAt: now });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return (await counters.update({ _id, count: { $lt: cap } }, { $inc: { count: 1 } })) === 1;
  }
}

export async function returnDailySlot(db: Db, promoterId: string, day: string): Promise<void> {
  await db.collection('promoter_days').update({ _id: `${promoterId}:${day}` }, { $inc: { count: -1 } });
}

export function promoterRewardOf(db: Db, key: string): Promise<PromoterRewardDoc | null> {
  return db.collection('promoter_rewards').get(key);
}

/** A promoter reward (or its revocation), once by key: false when it was already there. */
export async function recordPromoterReward(db: Db, doc: PromoterRewardDoc): Promise<boolean> {
  try {
    await db.collection('promoter_rewards').insert(doc);
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return false;
  }
}

export function claimOf(db: Db, claimId: string): Promise<FissionClaimDoc | null> {
  return db.collection('fission_claims').get(claimId);
}

/** The inviter's one claim on a task, recorded first: false when another call recorded it. */
export async function insertClaim(db: Db, claim: FissionClaimDoc): Promise<boolean> {
  try {
    await db.collection('fission_claims').insert(claim);
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return false;
  }
}

export async function removeClaim(db: Db, claimId: string): Promise<void> {
  await db.collection('fission_claims').remove({ _id: claimId });
}

export async function setClaimGift(db: Db, claimId: string, gift: { couponId: string | null; points: number }): Promise<void> {
  await db.collection('fission_claims').update({ _id: claimId }, { $set: gift });
}

/** One unit of the task's gift stock, by one conditional update; whether it was there. */
export async function takeGift(db: Db, taskId: string, giftStock: number): Promise<boolean> {
  return (await db.collection('fission_tasks').update({ _id: taskId, giftClaimed: { $lt: giftStock } }, { $inc: { giftClaimed: 1 } })) === 1;
}

export async function returnGift(db: Db, taskId: string): Promise<void> {
  await db.collection('fission_tasks').update({ _id: taskId }, { $inc: { giftClaimed: -1 } });
}
