import type { Db } from '../../ports';
import type { RedemptionDoc, RewardDoc } from '../../schema';

/** The points module's writes for rewards and redemptions. */
export function loadReward(db: Db, rewardId: string): Promise<RewardDoc | null> {
  return db.collection('rewards').get(rewardId);
}

/** One unit of a reward on sale, by one conditional update; whether it was there. */
export async function takeReward(db: Db, rewardId: string): Promise<boolean> {
  return (await db.collection('rewards').update({ _id: rewardId, status: 'on', stock: { $gte: 1 } }, { $inc: { stock: -1, redeemed: 1 } })) === 1;
}

export async function giveRewardBack(db: Db, rewardId: string): Promise<void> {
  await db.collection('rewards').update({ _id: rewardId }, { $inc: { stock: 1, redeemed: -1 } });
}

export function insertRedemption(db: Db, doc: RedemptionDoc): Promise<void> {
  return db.collection('redemptions').insert(doc);
}

export async function removeRedemption(db: Db, redemptionId: string): Promise<void> {
  await db.collection('redemptions').remove({ _id: redemptionId });
}
