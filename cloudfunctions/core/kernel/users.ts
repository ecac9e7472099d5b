import type { StaffRole } from '../../../typings/contract/admin';
import type { BaseDoc, Caller, Db } from '../ports';
import { isDuplicateKey } from '../ports';
import { inShanghai } from './time';

export interface UserDoc extends BaseDoc {
  openid: string;
  unionid?: string;
  nickname: string;
  createdAt: number;
  lastSeenAt: number;
  /** the Shanghai day of the last recorded visit (YYYY-MM-DD) */
  lastVisitDay?: string;
  /** the address book's default (the one pointer that decides it) */
  defaultAddressId?: string | null;
}

/** One per user and Shanghai day with any call: what retention is measured on. */
export interface VisitDoc extends BaseDoc {
  userId: string;
  day: string;
  at: number;
}

export interface StaffDoc extends BaseDoc {
  role: StaffRole;
  createdAt: number;
}

/** lastSeenAt is refreshed at most this often, so reads do not write on every call. */
export const SEEN_RESOLUTION_MS = 10 * 60_000;

export async function loadStaffRole(db: Db, openid: string): Promise<StaffRole | null> {
  const staff = await db.collection<StaffDoc>('staff').get(openid);
  return staff?.role ?? null;
}

/** Any openid the runtime vouches for is a WeChat user; the record is made on the first call. */
export async function ensureUser(db: Db, caller: Caller, now: number): Promise<void> {
  const users = db.collection<UserDoc>('users');
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
  if (!(await db.collection<UserDoc>('users').update({ _id: userId, lastVisitDay: { $ne: day } }, { $set: { lastVisitDay: day } }))) return;
  try {
    await db.collection<VisitDoc>('visits').insert({ _id: `${userId}:${day}`, userId, day, at: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

export const defaultNickname = (openid: string) => `微信用户${openid.slice(-4)}`;
