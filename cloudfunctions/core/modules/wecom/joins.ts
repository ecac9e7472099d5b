import type { Db } from '../../ports';
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
