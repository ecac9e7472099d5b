import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { creditId } from '../../schema';

/**
 * One-time subscribe consents (一次性订阅): each template the user accepted in
 * wx.requestSubscribeMessage allows one send. Credits are counted per user and template and taken
 * by an atomic conditional decrement.
 */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export async function addCredit(db: Db, userId: string, templateId: string, now: number): Promise<void> {
  const credits = db.collection('consent_credits');
  const _id = creditId(userId, templateId);
  if (await credits.update({ _id }, { $inc: { credits: 1 }, $set: { updatedAt: now } })) return;
  try {
    await credits.insert({ _id, userId, templateId, credits: 1, updatedAt: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await credits.update({ _id }, { $inc: { credits: 1 }, $set: { updatedAt: now } });
  }
}

/** Records what the user answered; returns the credits now held per accepted template. */
export async function recordConsents(db: Db, userId: string, answers: Record<string, ConsentAnswer>, now: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [templateId, answer] of Object.entries(answers)) {
    if (answer !== 'accept') continue;
    await addCredit(db, userId, templateId, now);
    out[templateId] = (await db.collection('consent_credits').get(creditId(userId, templateId)))?.credits ?? 0;
  }
  return out;
}

export async function takeCredit(db: Db, userId: string, templateId: string): Promise<boolean> {
  return (await db.collection('consent_credits').update({ _id: creditId(userId, templateId), credits: { $gte: 1 } }, { $inc: { credits: -1 } })) === 1;
}

export async function returnCredit(db: Db, userId: string, templateId: string): Promise<void> {
  await db.collection('consent_credits').update({ _id: creditId(userId, templateId) }, { $inc: { credits: 1 } });
}
