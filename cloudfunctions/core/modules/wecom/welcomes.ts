import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { WecomWelcomeDoc } from '../../schema';

/**
 * Takes an add-contact's welcome code once: true for the call that may send the welcome message,
 * false when a repeated delivery of the same callback took it already.
 */
export async function takeWelcomeCode(
  db: Db,
  w: { welcomeCode: string; externalUserId: string; staffUserId: string; liveId: string | null; at: number; now: number },
): Promise<boolean> {
  try {
    await db.collection('wecom_welcomes').insert({
      _id: w.welcomeCode,
      externalUserId: w.externalUserId,
      staffUserId: w.staffUserId,
      liveId: w.liveId,
      status: 'sending',
      error: null,
      at: w.at,
      createdAt: w.now,
      settledAt: null,
    });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** What became of a taken code; only a code still `sending` is settled. */
export async function settleWelcome(db: Db, welcomeCode: string, status: Exclude<WecomWelcomeDoc['status'], 'sending'>, error: string | null, now: number): Promise<void> {
  await db.collection('wecom_welcomes').update({ _id: welcomeCode, status: 'sending' }, { $set: { status, error, settledAt: now } });
}
