import type { PointsSource } from '../../../../typings/contract';
import { fail } from '../../kernel/errors';
import type { Db, Tx, Update } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { expiryCutoff, yearOf } from './expiry-rules';
import type { MemberAccountDoc, PointsEntryDoc } from '../../schema';

/**
 * The points ledger (积分流水). Every change is an entry whose `_id` is its idempotency key, posted
 * in the same transaction as the balance move, so the balance is always the sum of the entries and a
 * repeated event finds its entry and changes nothing. A debit is checked against the balance inside
 * the transaction, so it never goes negative.
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

/**
 * Posts one entry and moves the balance by it in one transaction: a crash leaves both or neither.
 * `move` sees the account as it is inside the transaction and returns the entry and the balance
 * update, or null to post nothing; it may throw a business error, which rolls back.
 */
type Move = (account: MemberAccountDoc) => { entry: PointsEntryDoc; update: Update | null } | null;

async function postTx(tx: Tx, key: string, userId: string, move: Move): Promise<boolean> {
  // a repeated key finds its entry and changes nothing
  if (await tx.get('points_entries', key)) return false;
  const account = await tx.get('member_accounts', userId);
  if (!account) return false;
  const change = move(account);
  if (!change) return false;
  await tx.set('points_entries', change.entry);
  if (change.update) await tx.update('member_accounts', userId, change.update);
  return true;
}

function post(db: Db, key: string, userId: string, move: Move): Promise<boolean> {
  return db.transaction((tx) => postTx(tx, key, userId, move));
}

/** The ledger entry posted under a key, or null. */
export function pointsEntry(db: Db, key: string): Promise<PointsEntryDoc | null> {
  return entries(db).get(key);
}

/** Adds points (order paid, promoter reward, grant); counted in this Shanghai year. True when this call added them. */
export async function earnPoints(db: Db, p: Posting): Promise<boolean> {
  if (p.amount <= 0) return false;
  await ensureAccount(db, p.userId, p.now);
  const year = yearOf(p.now);
  return post(db, p.key, p.userId, () => ({
    entry: entryOf(p, p.amount, year),
    update: { $inc: { points: p.amount, [`earned.y${year}`]: p.amount } },
  }));
}

/** Takes points (redemption); INSUFFICIENT_POINTS when the balance does not cover them. A repeated key takes nothing. */
export async function spendPoints(db: Db, p: Posting): Promise<void> {
  if (p.amount <= 0) return;
  await ensureAccount(db, p.userId, p.now);
  await post(db, p.key, p.userId, (account) => {
    if (account.points < p.amount) fail('INSUFFICIENT_POINTS');
    return { entry: entryOf(p, -p.amount, null), update: { $inc: { points: -p.amount, debited: p.amount } } };
  });
}

/** Gives back points a spend took (a redemption that could not be fulfilled). */
export async function undoSpend(db: Db, p: Posting): Promise<void> {
  if (p.amount <= 0) return;
  await post(db, p.key, p.userId, () => ({ entry: entryOf(p, p.amount, null), update: { $inc: { points: p.amount, debited: -p.amount } } }));
}

/**
 * Takes back what an earning gave (a refunded order), as far as the balance allows: points already
 * spent cannot be taken back and are recorded as the entry's shortfall; the balance never goes
 * negative. The balance is read and moved in the same transaction.
 */
export async function reverseEarning(db: Db, earnKey: string, p: Omit<Posting, 'amount'>): Promise<void> {
  await db.transaction((tx) => reverseEarningTx(tx, earnKey, p));
}

/** `reverseEarning` inside a caller's transaction (a refund closes the order and takes the points back at once). */
export async function reverseEarningTx(
  tx: Tx,
  earnKey: string,
  p: Omit<Posting, 'amount'>,
  /** of the earning, how much to take back (a partial refund): all of it by default */
  portion: (earned: number) => number = (earned) => earned,
): Promise<number> {
  const earning = await tx.get('points_entries', earnKey);
  if (!earning || earning.delta <= 0) return 0;
  const due = Math.max(0, Math.min(earning.delta, portion(earning.delta)));
  if (due === 0) return 0;
  await postTx(tx, p.key, p.userId, (account) => {
    const take = Math.min(due, account.points);
    const entry = { ...entryOf({ ...p, amount: take }, -take, earning.year), shortfall: due - take };
    const yearKey = `earned.y${earning.year ?? yearOf(earning.createdAt)}`;
    return { entry, update: take === 0 ? null : { $inc: { points: -take, [yearKey]: -take } } };
  });
  return due;
}

/** Promoter rewards and other system awards: points for a deterministic key (e.g. `promoter:<liveId>:<inviteeId>`). */
export const awardPoints = (db: Db, p: Omit<Posting, 'source'> & { source?: Extract<PointsSource, 'promoter' | 'grant'> }) =>
  earnPoints(db, { ...p, source: p.source ?? 'promoter' });

/**
 * A staff adjustment under its key: added points count as earned this Shanghai year (they expire
 * as any earning does); taken points are a debit, refused with POINTS_BELOW_ZERO when the balance
 * inside the transaction does not cover them. A repeated key changes nothing. Returns the balance.
 */
export async function adjustPoints(db: Db, p: Omit<Posting, 'amount' | 'source'> & { delta: number }): Promise<number> {
  await ensureAccount(db, p.userId, p.now);
  const posting: Posting = { ...p, amount: Math.abs(p.delta), source: 'adjust' };
  const year = yearOf(p.now);
  await post(db, p.key, p.userId, (account) => {
    if (p.delta > 0) return { entry: entryOf(posting, p.delta, year), update: { $inc: { points: p.delta, [`earned.y${year}`]: p.delta } } };
    if (account.points < -p.delta) fail('POINTS_BELOW_ZERO');
    return { entry: entryOf(posting, p.delta, null), update: { $inc: { points: p.delta, debited: -p.delta } } };
  });
  return (await accounts(db).get(p.userId))?.points ?? 0;
}
