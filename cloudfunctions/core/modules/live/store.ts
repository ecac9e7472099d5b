import type { Db } from '../../ports';

/** A reservation's start reminder went out (or was skipped): never again. */
export async function markReminded(db: Db, reservationId: string, now: number): Promise<void> {
  await db.collection('reservations').update({ _id: reservationId }, { $set: { remindedAt: now } });
}
