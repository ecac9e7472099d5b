import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import type { LiveState } from '../../../../typings/contract';
import type { LiveDoc } from '../../schema';

/** A reservation's start reminder went out (or was skipped): never again. */
export async function markReminded(db: Db, reservationId: string, now: number): Promise<void> {
  await db.collection('reservations').update({ _id: reservationId }, { $set: { remindedAt: now } });
}

/**
 * Writes a live's cards from what was read: `change` gets the live as it is now and answers the
 * fields to set (or throws a refusal). The write is conditional on `cardsRev` being what was read
 * and raises it, so a concurrent change to the cards makes this read again (up to three times)
 * rather than overwrite it. Answers the live before and the fields set.
 */
export async function changeCards<T extends Partial<LiveDoc>>(db: Db, liveId: string, change: (live: LiveDoc) => T | Promise<T>): Promise<{ before: LiveDoc; set: T }> {
  const lives = db.collection('lives');
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await lives.get(liveId);
    if (!before) return fail('LIVE_NOT_FOUND', undefined, 'liveId');
    const set = await change(before);
    const rev = before.cardsRev ?? 0;
    if (await lives.update({ _id: liveId, cardsRev: before.cardsRev ?? null }, { $set: { ...set, cardsRev: rev + 1 } })) return { before, set };
  }
  return fail('LIVE_CHANGED');
}

/**
 * Staff start or end a live by hand (`auto`: back to its times). Pressing the same again keeps the
 * first moment it went on or off air. Answers the live before and after.
 */
export async function setManualState(db: Db, liveId: string, state: LiveState | 'auto', now: number): Promise<{ before: LiveDoc; after: LiveDoc }> {
  const lives = db.collection('lives');
  const before = await lives.get(liveId);
  if (!before) return fail('LIVE_NOT_FOUND', undefined, 'liveId');
  const again = before.manualState === state;
  const stamp = again ? {} : state === 'live' ? { startedAt: now } : state === 'ended' ? { endedAt: now } : {};
  const update = state === 'auto' ? { $unset: ['manualState', 'startedAt', 'endedAt'] } : { $set: { manualState: state, ...stamp } };
  await lives.update({ _id: liveId }, update);
  return { before, after: (await lives.get(liveId))! };
}
