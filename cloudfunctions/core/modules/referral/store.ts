import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { BindingDoc, PromoterRewardDoc } from '../../schema';

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
