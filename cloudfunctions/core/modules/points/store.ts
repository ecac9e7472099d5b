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

/** Removes a redemption that was never given (its reward unit and points go back by their own steps). */
export async function removeRedemption(db: Db, redemptionId: string): Promise<void> {
  await db.collection('redemptions').remove({ _id: redemptionId, state: 'pending' });
}

/** The commit point of a redemption: pending → done. */
export async function completeRedemption(db: Db, redemptionId: string): Promise<boolean> {
  return (await db.collection('redemptions').update({ _id: redemptionId, state: 'pending' }, { $set: { state: 'done' } })) === 1;
}

/** A redemption left pending this long was being made by a call that died (no call runs this long). */
export const STALE_REDEMPTION_MS = 2 * 60_000;

export function staleRedemptions(db: Db, now: number, limit: number, olderThanMs = STALE_REDEMPTION_MS): Promise<RedemptionDoc[]> {
  return db.collection('redemptions').find({ state: 'pending', createdAt: { $lte: now - olderThanMs } }, { sort: [['createdAt', 'asc']], limit });
}

/**
 * Sets a reward's `redeemed` to `n` (the redemptions that count) and moves its stock by the
 * difference, unless a call is redeeming it now: read the reward, then the redemptions in flight
 * (a call that took a unit before the read wrote its pending redemption first, so it is seen); the
 * write is conditional on what was read, so a call that moved it meanwhile makes this a no-op the
 * next run repeats. True when the reward now agrees.
 */
export async function recountReward(db: Db, rewardId: string, extra: number, freshSince: number): Promise<boolean> {
  const reward = await loadReward(db, rewardId);
  if (!reward) return true;
  const redemptions = db.collection('redemptions');
  if ((await redemptions.count({ rewardId, state: 'pending', createdAt: { $gt: freshSince } })) > 0) return false;
  const n = (await redemptions.count({ rewardId, state: 'done' })) + extra;
  if (n === reward.redeemed) return true;
  const moved = await db
    .collection('rewards')
    .update({ _id: rewardId, stock: reward.stock, redeemed: reward.redeemed }, { $set: { stock: reward.stock + reward.redeemed - n, redeemed: n } });
  return moved === 1;
}
