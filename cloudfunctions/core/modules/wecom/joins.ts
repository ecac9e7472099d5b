import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { joinId } from '../../schema';
import type { WecomJoinDoc } from '../../schema';

/** Eligibility questions other modules ask (coupons `requires: 'group_join'`, the group-join raffle). */
export async function hasJoined(
  db: Db,
  query: { liveId: string; userId: string; type?: WecomJoinDoc['type'] | 'any' },
): Promise<boolean> {
  const type = query.type ?? 'any';
  const filter = type === 'any' ? { liveId: query.liveId, userId: query.userId } : { liveId: query.liveId, userId: query.userId, type };
  return (await db.collection('wecom_joins').count(filter)) > 0;
}

/** Users who joined through the live, for draws and metrics. */
export async function joinedUsers(db: Db, liveId: string, type: WecomJoinDoc['type'] | 'any' = 'any'): Promise<string[]> {
  const rows = await db.collection('wecom_joins').find(type === 'any' ? { liveId } : { liveId, type });
  return [...new Set(rows.map((r) => r.userId).filter((u): u is string => !!u))].sort();
}

/**
 * A join through a live's state, recorded once by its id: true the first time. A repeat counts
 * nothing but fills in the user if they are known now.
 */
export async function recordJoin(
  db: Db,
  j: { type: WecomJoinDoc['type']; liveId: string; externalUserId: string; userId: string | null; state: string; at: number; now: number },
): Promise<boolean> {
  const joins = db.collection('wecom_joins');
  const _id = joinId(j.type, j.liveId, j.externalUserId);
  try {
    await joins.insert({ _id, type: j.type, liveId: j.liveId, externalUserId: j.externalUserId, userId: j.userId, state: j.state, at: j.at, createdAt: j.now });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    if (j.userId) await joins.update({ _id, userId: null }, { $set: { userId: j.userId } });
    return false;
  }
}
