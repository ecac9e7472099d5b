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
 * SMS opt-outs (退订): CloudBase SMS takes no replies, so the shopper says it in the mini program;
 * every SMS send checks this list first. One document per user who opted out.
 */
export async function isSmsOptedOut(db: Db, userId: string): Promise<boolean> {
  return !!(await db.collection('sms_optouts').get(userId));
}

export async function setSmsOptOut(db: Db, userId: string, optOut: boolean, now: number): Promise<void> {
  const optouts = db.collection('sms_optouts');
  if (!optOut) {
    await optouts.remove({ _id: userId });
    return;
  }
  if (await optouts.update({ _id: userId }, { $set: { at: now } })) return;
  try {
    await optouts.insert({ _id: userId, at: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // a concurrent opt-out made it
  }
}
