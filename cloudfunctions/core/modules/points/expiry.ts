import type { TimerCtx } from '../../kernel/define';
import { isDuplicateKey } from '../../ports';
import { expiryCutoff, unusedThrough } from './expiry-rules';
import type { PointsEntryDoc } from '../../schema';

/** Accounts handled per timer run; the hourly timer works through the rest in the next runs. */
export const EXPIRY_BATCH = 500;

/**
 * Timer: once a year has passed its expiry, each account's unused points from it are taken off,
 * once (entry `expire:<userId>:<year>`). The debit and the account's `expiredThrough` mark move in
 * one conditional update on the balance it was computed from; if the balance moved meanwhile the
 * entry goes and the next run tries again.
 */
export async function expirePoints(ctx: TimerCtx): Promise<{ accounts: number; expired: number; retry: number }> {
  const cutoff = expiryCutoff(ctx.now);
  const accounts = ctx.db.collection('member_accounts');
  const entries = ctx.db.collection('points_entries');
  const due = await accounts.find({ expiredThrough: { $lt: cutoff } }, { sort: [['expiredThrough', 'asc']], limit: EXPIRY_BATCH });
  const tally = { accounts: 0, expired: 0, retry: 0 };
  for (const account of due) {
    const amount = unusedThrough(account, cutoff);
    if (amount === 0) {
      await accounts.update({ _id: account._id, expiredThrough: { $lt: cutoff } }, { $set: { expiredThrough: cutoff } });
      tally.accounts++;
      continue;
    }
    const key = `expire:${account._id}:${cutoff}`;
    const entry: PointsEntryDoc = {
      _id: key,
      userId: account._id,
      delta: -amount,
      source: 'expiry',
      ref: String(cutoff),
      label: `${cutoff} 年积分到期`,
      createdAt: ctx.now,
      year: null,
      shortfall: 0,
    };
    try {
      await entries.insert(entry);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // left by a run that stopped before its debit (the mark is still below the cutoff): redo it
      await entries.update({ _id: key }, { $set: { delta: -amount, createdAt: ctx.now } });
    }
    const done = await accounts.update(
      { _id: account._id, points: account.points, debited: account.debited, expiredThrough: { $lt: cutoff } },
      { $inc: { points: -amount, debited: amount }, $set: { expiredThrough: cutoff } },
    );
    if (done) {
      tally.accounts++;
      tally.expired += amount;
    } else if (((await accounts.get(account._id))?.expiredThrough ?? cutoff) < cutoff) {
      await entries.remove({ _id: key });
      tally.retry++;
    }
  }
  return tally;
}
