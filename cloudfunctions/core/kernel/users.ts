import type { StaffRole } from '../../../typings/contract/admin';
import type { Caller, Db } from '../ports';
import { isDuplicateKey } from '../ports';
import { inShanghai } from './time';




/** lastSeenAt is refreshed at most this often, so reads do not write on every call. */
export const SEEN_RESOLUTION_MS = 10 * 60_000;

export async function loadStaffRole(db: Db, openid: string): Promise<StaffRole | null> {
  const staff = await db.collection('staff').get(openid);
  return staff?.role ?? null;
}

/** Any openid the runtime vouches for is a WeChat user; the record is made on the first call. */
export async function ensureUser(db: Db, caller: Caller, now: number): Promise<void> {
  const users = db.collection('users');
  const touched = await users.update(
    { _id: caller.openid, lastSeenAt: { $lt: now - SEEN_RESOLUTION_MS } },
    { $set: { lastSeenAt: now } },
  );
  if (touched) return recordVisit(db, caller.openid, now);
  if (await users.get(caller.openid)) return;
  try {
    await users.insert({
      _id: caller.openid,
      openid: caller.openid,
      ...(caller.unionid ? { unionid: caller.unionid } : {}),
      nickname: defaultNickname(caller.openid),
      createdAt: now,
      lastSeenAt: now,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  await recordVisit(db, caller.openid, now);
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
