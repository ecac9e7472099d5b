import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { creditId } from '../../schema';
import { MAX_CONSENT_CREDITS } from '../../../../typings/contract/limits';
import { purposeOf } from './templates';

/**
 * One-time subscribe consents (一次性订阅): each template the user accepted in
 * wx.requestSubscribeMessage allows one send. Credits are counted per user and template and taken
 * by an atomic conditional decrement.
 */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/** Adds one credit, up to MAX_CONSENT_CREDITS per template: accepting beyond it banks nothing. */
export async function addCredit(db: Db, userId: string, templateId: string, now: number): Promise<void> {
  const credits = db.collection('consent_credits');
  const _id = creditId(userId, templateId);
  const add = () => credits.update({ _id, credits: { $lt: MAX_CONSENT_CREDITS } }, { $inc: { credits: 1 }, $set: { updatedAt: now } });
  if (await add()) return;
  try {
    await credits.insert({ _id, userId, templateId, credits: 1, updatedAt: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // there already (at the cap, or made meanwhile)
    await add();
  }
}

/**
 * Records what the user answered; returns the credits now held per accepted template. Only the
 * templates the shop sends bank credits: an id it never sends is ignored.
 */
export async function recordConsents(db: Db, userId: string, answers: Record<string, ConsentAnswer>, now: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [templateId, answer] of Object.entries(answers)) {
    if (answer !== 'accept' || !purposeOf(templateId)) continue;
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

/** The sends `userId` has allowed for a template and not yet used. */
export async function creditsHeld(db: Db, userId: string, templateId: string): Promise<number> {
  return (await db.collection('consent_credits').get(creditId(userId, templateId)))?.credits ?? 0;
}

/** The caller's credits for each of `templateIds`, in one read. */
export async function creditsByTemplate(db: Db, userId: string, templateIds: string[]): Promise<Record<string, number>> {
  const held = await db.collection('consent_credits').find({ userId, templateId: { $in: templateIds } }, { limit: templateIds.length });
  const out: Record<string, number> = Object.fromEntries(templateIds.map((t) => [t, 0]));
  for (const c of held) out[c.templateId] = c.credits;
  return out;
}
