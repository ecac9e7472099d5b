import type { SmsContactDoc } from '../../schema';
import { isDuplicateKey, type Db } from '../../ports';

/**
 * CloudBase SMS (cloudbase.sendSms, sms_type Marketing): the platform writes the message as
 * `【<mini program name>】{content}，跳转小程序 {link} 回 T 退订`. Only `content` is ours, at most 30
 * characters; the signature and the opt-out line are the platform's and must not be added again.
 * The link opens the static website page at `path`, which opens the mini program page it names.
 */
export const SMS_CONTENT_MAX = 30;

/** The static website page an SMS link opens; it forwards to the mini program page in `?page=`. */
export const SMS_JUMP_PAGE = '/sms/index.html';

/** Our part of an SMS: no 【】 signature, no opt-out line, one line, at most 30 characters. */
export function smsContent(text: string): string {
  const body = text
    .replace(/【[^】]*】/g, '')
    .replace(/[，,。\s]*(回复?\s*T\s*退订|退订回\s*T)[。.!！]*\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...body];
  return chars.length <= SMS_CONTENT_MAX ? body : `${chars.slice(0, SMS_CONTENT_MAX - 1).join('')}…`;
}

/** The static website path for an SMS that should open `page` (a mini program path with its query). */
export function smsPath(page: string | null, jumpPage: string = SMS_JUMP_PAGE): string {
  return page ? `${jumpPage}?page=${encodeURIComponent(page)}` : jumpPage;
}

/**
 * A member's SMS contact (one document): the opt-out (退订 — CloudBase SMS takes no replies, so the
 * shopper says it in the mini program; every SMS send checks it first) and the phone they bound.
 */
export async function smsContact(db: Db, userId: string): Promise<{ optedOut: boolean; phone: string | null }> {
  const doc = await db.collection('sms_contacts').get(userId);
  return { optedOut: doc?.optedOutAt != null, phone: doc?.phone ?? null };
}

export async function isSmsOptedOut(db: Db, userId: string): Promise<boolean> {
  return (await smsContact(db, userId)).optedOut;
}

/** The phone the member gave through WeChat's quick verification, or null. */
export async function boundPhone(db: Db, userId: string): Promise<string | null> {
  return (await smsContact(db, userId)).phone;
}

/** Sets fields of the member's SMS contact, making it when there is none (a concurrent maker's document is updated). */
async function setContact(db: Db, userId: string, set: Partial<Omit<SmsContactDoc, '_id'>>): Promise<void> {
  const contacts = db.collection('sms_contacts');
  if (await contacts.update({ _id: userId }, { $set: set })) return;
  try {
    await contacts.insert({ _id: userId, optedOutAt: null, phone: null, countryCode: null, boundAt: null, ...set });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await contacts.update({ _id: userId }, { $set: set });
  }
}

export function setSmsOptOut(db: Db, userId: string, optOut: boolean, now: number): Promise<void> {
  return setContact(db, userId, { optedOutAt: optOut ? now : null });
}

/** Keeps the phone WeChat vouched for as the member's SMS number (a later one replaces it). */
export function bindPhone(db: Db, userId: string, phone: string, countryCode: string, now: number): Promise<void> {
  return setContact(db, userId, { phone, countryCode, boundAt: now });
}
