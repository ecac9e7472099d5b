import type { Db } from '../../ports';
import { userTagId, type UserTagDoc } from '../../schema';
import { addTag, isLive } from './engine';

/** The source of a tag staff add by hand: only these may staff remove again. */
export const STAFF_TAG_SOURCE = 'staff';

const DAY = 24 * 3600_000;

/** The tags a user holds now, oldest first. */
export const heldTags = (db: Db, userId: string, now: number): Promise<UserTagDoc[]> =>
  db.collection('user_tags').find({ userId, expiresAt: { $gt: now } }, { sort: [['addedAt', 'asc']] });

/** The tags each of these users holds now. */
export async function heldTagsOf(db: Db, userIds: string[], now: number): Promise<Map<string, UserTagDoc[]>> {
  const byUser = new Map<string, UserTagDoc[]>(userIds.map((u) => [u, []]));
  if (!userIds.length) return byUser;
  const docs = await db.collection('user_tags').find({ userId: { $in: userIds }, expiresAt: { $gt: now } }, { sort: [['addedAt', 'asc']] });
  for (const t of docs) byUser.get(t.userId)?.push(t);
  return byUser;
}

/** Staff tag a user by hand for `days`; a tag held already (from anywhere) stays as it is. True when added. */
export const addManualTag = (db: Db, t: { userId: string; tag: string; days: number; now: number }): Promise<boolean> =>
  addTag(db, { userId: t.userId, tag: t.tag, source: STAFF_TAG_SOURCE, expiresAt: t.now + t.days * DAY, now: t.now });

/**
 * Removes a tag staff added by hand. `not_manual` when the user holds it from a rule or an SOP
 * (their rule decides it), `not_held` when they do not hold it now.
 */
export async function removeManualTag(db: Db, userId: string, tag: string, now: number): Promise<'removed' | 'not_manual' | 'not_held'> {
  const tags = db.collection('user_tags');
  const _id = userTagId(userId, tag);
  const held = await tags.get(_id);
  if (!held || !isLive(held, now)) return 'not_held';
  if (held.source !== STAFF_TAG_SOURCE) return 'not_manual';
  return (await tags.remove({ _id, source: STAFF_TAG_SOURCE })) === 1 ? 'removed' : 'not_held';
}
