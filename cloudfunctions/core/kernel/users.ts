import type { StaffRole } from '../../../typings/contract/admin';
import type { Caller, Db } from '../ports';
import { isDuplicateKey } from '../ports';
import type { UserDoc } from '../schema';
import { inShanghai } from './time';

/** lastSeenAt is refreshed at most this often, so reads do not write on every call. */
export const SEEN_RESOLUTION_MS = 10 * 60_000;

export async function loadStaffRole(db: Db, openid: string): Promise<StaffRole | null> {
  const staff = await db.collection('staff').get(openid);
  return staff?.role ?? null;
}

/**
 * What a shop gives a user once, on their first arrival (the new-member coupon). Idempotent per
 * user: it may run again after a failure, and concurrently for concurrent first calls. Resolves
 * true when done (or nothing to give), false when it failed and should be tried again later.
 */
export type WelcomeHook = (userId: string, now: number) => Promise<boolean>;

/**
 * Any openid the runtime vouches for is a WeChat user; the record is made on the first call, with
 * its welcome `pending` until the hook has run (a call that reads the record while it is pending
 * runs it again, so a crash or failure after the insert is finished by a later call). A known user
 * costs one read; lastSeenAt and the day's visit are written at most once per SEEN_RESOLUTION_MS.
 * Resolves to the record as read (or made), which the call's handler sees as `ctx.me`.
 */
export async function ensureUser(db: Db, caller: Caller, now: number, welcome?: WelcomeHook): Promise<UserDoc> {
  const users = db.collection('users');
  const existing = await users.get(caller.openid);
  if (existing) {
    const stale = { $lt: now - SEEN_RESOLUTION_MS };
    if (existing.lastSeenAt < now - SEEN_RESOLUTION_MS && (await users.update({ _id: caller.openid, lastSeenAt: stale }, { $set: { lastSeenAt: now } }))) {
      if (existing.lastVisitDay !== shanghaiDay(now)) await recordVisit(db, caller.openid, now);
    }
    if (welcome && existing.welcome === 'pending') await welcomeUser(db, caller.openid, now, welcome);
    return existing;
  }
  const made: UserDoc = {
    _id: caller.openid,
    openid: caller.openid,
    ...(caller.unionid ? { unionid: caller.unionid } : {}),
    nickname: defaultNickname(caller.openid),
    createdAt: now,
    lastSeenAt: now,
    ...(welcome ? { welcome: 'pending' as const } : {}),
  };
  let fresh = true;
  try {
    await users.insert(made);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    fresh = false;
  }
  await recordVisit(db, caller.openid, now);
  if (welcome) await welcomeUser(db, caller.openid, now, welcome);
  // a concurrent first call made the record: read what it wrote
  return fresh ? made : ((await users.get(caller.openid)) ?? made);
}

async function welcomeUser(db: Db, userId: string, now: number, welcome: WelcomeHook): Promise<void> {
  if (await welcome(userId, now)) await db.collection('users').update({ _id: userId, welcome: 'pending' }, { $set: { welcome: 'done' } });
}

export const shanghaiDay = (ms: number) => inShanghai(ms).format('YYYY-MM-DD');

/** Records the day's visit once: a conditional update on the user's last visit day decides. */
export async function recordVisit(db: Db, userId: string, now: number): Promise<void> {
  const day = shanghaiDay(now);
  if (!(await db.collection('users').update({ _id: userId, lastVisitDay: { $ne: day } }, { $set: { lastVisitDay: day } }))) return;
  try {
    await db.collection('visits').insert({ _id: `${userId}:${day}`, userId, day, at: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

export const defaultNickname = (openid: string) => `微信用户${openid.slice(-4)}`;

/**
 * Points the user's default address at `addressId`; with `onlyIf`, only while the default is that
 * value (null: none yet; an id: the address being removed). Whether it moved.
 */
export async function setDefaultAddress(db: Db, userId: string, addressId: string | null, onlyIf?: { current: string | null }): Promise<boolean> {
  const query = onlyIf ? { _id: userId, defaultAddressId: onlyIf.current } : { _id: userId };
  return (await db.collection('users').update(query, { $set: { defaultAddressId: addressId } })) === 1;
}

/** The member's own nickname and avatar (each only when given); the kernel keeps the users record. */
export async function setProfile(db: Db, openid: string, patch: { nickname?: string; avatarFileId?: string }, now: number): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.nickname !== undefined) Object.assign(set, { nickname: patch.nickname, nicknameSetAt: now });
  if (patch.avatarFileId !== undefined) set.avatarFileId = patch.avatarFileId;
  if (Object.keys(set).length) await db.collection('users').update({ _id: openid }, { $set: set });
}
