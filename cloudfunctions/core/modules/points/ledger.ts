import type { PointsSource } from '../../../../typings/contract';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { expiryCutoff, yearOf } from './expiry-rules';
import type { PointsEntryDoc } from '../../schema';

/**
 * The points ledger (积分流水). Every change is an entry whose `_id` is its idempotency key, written
 * before the balance moves, so a repeated event finds its entry and changes nothing. The balance is
 * moved by one conditional update per change; a debit is `points >= n`, so it never goes negative,
 * and when it is refused the entry is removed again.
 */
const accounts = (db: Db) => db.collection('member_accounts');
const entries = (db: Db) => db.collection('points_entries');

export async function ensureAccount(db: Db, userId: string, now: number): Promise<void> {
  if (await accounts(db).get(userId)) return;
  try {
    await accounts(db).insert({
      _id: userId,
      points: 0,
      earned: {},
      debited: 0,
      // nothing was earned before the account existed
      expiredThrough: expiryCutoff(now),
      tier: 'regular',
      spendFen: 0,
      tierComputedAt: now,
      createdAt: now,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

export interface Posting {
  userId: string;
  /** the idempotency key: one entry per key, ever */
  key: string;
  amount: number;
  source: PointsSource;
  ref: string | null;
  label: string;
  now: number;
}

function entryOf(p: Posting, delta: number, year: number | null): PointsEntryDoc {
  return { _id: p.key, userId: p.userId, delta, source: p.source, ref: p.ref, label: p.label, createdAt: p.now, year, shortfall: 0 };
}

/** Inserts the entry; false when its key was already posted. */
async function claimKey(db: Db, entry: PointsEntryDoc): Promise<boolean> {
  try {
    await entries(db).insert(entry);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Adds points (order paid, promoter reward, grant); counted in this Shanghai year. True when this call added them. */
export async function earnPoints(db: Db, p: Posting): Promise<boolean> {
  if (p.amount <= 0) return false;
  await ensureAccount(db, p.userId, p.now);
  const year = yearOf(p.now);
  if (!(await claimKey(db, entryOf(p, p.amount, year)))) return false;
  await accounts(db).update({ _id: p.userId }, { $inc: { points: p.amount, [`earned.y${year}`]: p.amount } });
  return true;
}

/** Takes points (redemption); INSUFFICIENT_POINTS when the balance does not cover them. A repeated key takes nothing. */
export async function spendPoints(db: Db, p: Posting): Promise<void> {
  if (p.amount <= 0) return;
  await ensureAccount(db, p.userId, p.now);
  if (!(await claimKey(db, entryOf(p, -p.amount, null)))) return;
  const taken = await accounts(db).update({ _id: p.userId, points: { $gte: p.amount } }, { $inc: { points: -p.amount, debited: p.amount } });
  if (!taken) {
    await entries(db).remove({ _id: p.key });
    fail('INSUFFICIENT_POINTS');
  }
}

/** Gives back points a spend took (a redemption that could not be fulfilled). */
export async function undoSpend(db: Db, p: Posting): Promise<void> {
  if (p.amount <= 0) return;
  if (!(await claimKey(db, entryOf(p, p.amount, null)))) return;
  await accounts(db).update({ _id: p.userId }, { $inc: { points: p.amount, debited: -p.amount } });
}

/**
 * Takes back what an earning gave (a refunded order), as far as the balance allows: points already
 * spent cannot be taken back and are recorded as the entry's shortfall; the balance never goes
 * negative. Optimistic: the debit is conditional on the balance it was computed from.
 */
export async function reverseEarning(db: Db, earnKey: string, p: Omit<Posting, 'amount'>): Promise<void> {
  const earning = await entries(db).get(earnKey);
  if (!earning || earning.delta <= 0) return;
  for (let attempt = 0; attempt < 20; attempt++) {
    const account = await accounts(db).get(p.userId);
    if (!account) return;
    const take = Math.min(earning.delta, account.points);
    const entry = { ...entryOf({ ...p, amount: take }, -take, earning.year), shortfall: earning.delta - take };
    if (!(await claimKey(db, entry))) return;
    if (take === 0) return;
    const yearKey = `earned.y${earning.year ?? yearOf(earning.createdAt)}`;
    if (await accounts(db).update({ _id: p.userId, points: account.points }, { $inc: { points: -take, [yearKey]: -take } })) return;
    // the balance moved meanwhile: try again from the new balance
    await entries(db).remove({ _id: p.key });
  }
  throw new Error(`could not reverse ${earnKey}: the balance kept changing`);
}

/** Promoter rewards and other system awards: points for a deterministic key (e.g. `promoter:<liveId>:<inviteeId>`). */
export const awardPoints = (db: Db, p: Omit<Posting, 'source'> & { source?: Extract<PointsSource, 'promoter' | 'grant'> }) =>
  earnPoints(db, { ...p, source: p.source ?? 'promoter' });
