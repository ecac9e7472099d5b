import { WecomCallbackRejected, type WecomEvent } from '../../ports/wecom';
import { decrypt, signature, xmlField } from './crypto';

/** Verifies and decrypts WeCom callbacks for one corp: shared by the cloud adapter and the simulator. */
export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

/** Callbacks older than this are refused, against replay. */
export const CALLBACK_MAX_AGE_S = 300;

/**
 * WeCom's callback bodies are a few hundred bytes (`<xml><ToUserName/><AgentID/><Encrypt/></xml>`);
 * anything longer is refused before it is read.
 */
export const CALLBACK_MAX_CHARS = 64 * 1024;

/**
 * The `<Encrypt>` element's text (CDATA or plain), found by position in one pass: the body is not
 * trusted yet, so nothing here backtracks. Refuses an oversized body, a missing or unclosed element.
 */
export function envelopeCiphertext(body: string): string {
  if (body.length > CALLBACK_MAX_CHARS) throw new WecomCallbackRejected('callback too large');
  const open = '<Encrypt>';
  const start = body.indexOf(open);
  if (start < 0) throw new WecomCallbackRejected('no Encrypt element');
  const end = body.indexOf('</Encrypt>', start + open.length);
  if (end < 0) throw new WecomCallbackRejected('no Encrypt element');
  let text = body.slice(start + open.length, end).trim();
  if (text.startsWith('<![CDATA[')) {
    if (!text.endsWith(']]>')) throw new WecomCallbackRejected('no Encrypt element');
    text = text.slice('<![CDATA['.length, -']]>'.length);
  }
  if (!text) throw new WecomCallbackRejected('no Encrypt element');
  return text;
}

export function openCallback(keys: CallbackKeys, query: Record<string, string | undefined>, encrypted: string, nowMs: number): string {
  const { msg_signature: sig, timestamp, nonce } = query;
  if (!sig || !timestamp || !nonce || !encrypted) throw new WecomCallbackRejected('missing signature fields');
  if (signature(keys.token, timestamp, nonce, encrypted) !== sig) throw new WecomCallbackRejected('signature did not verify');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > CALLBACK_MAX_AGE_S) throw new WecomCallbackRejected('stale timestamp');
  let opened;
  try {
    opened = decrypt(keys.encodingAesKey, encrypted);
  } catch {
    throw new WecomCallbackRejected('did not decrypt');
  }
  if (opened.receiveId !== keys.corpId) throw new WecomCallbackRejected('not for this corp');
  return opened.message;
}

/**
 * The ids in a group change's `MemChangeList`: repeated `<Item>` children, or in older callbacks
 * one comma-separated value. Each id once, in order.
 */
export function memberChangeList(xml: string): string[] {
  const list = /<MemChangeList>([\s\S]*?)<\/MemChangeList>/.exec(xml)?.[1];
  if (list === undefined) return [];
  const items = [...list.matchAll(/<Item>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/Item>/g)].map((m) => m[1] ?? m[2] ?? '');
  const values = items.length ? items : [/^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(list)?.[1] ?? list];
  return [...new Set(values.flatMap((v) => v.split(',')).map((id) => id.trim()).filter(Boolean))];
}

/**
 * The event a decrypted callback message describes. An add-contact's `State` is its join way's;
 * a group change has no `State` (its members' states are in the group's member list).
 */
export function readEvent(xml: string): WecomEvent {
  const at = Number(xmlField(xml, 'CreateTime') ?? 0) * 1000;
  const event = xmlField(xml, 'Event');
  const change = xmlField(xml, 'ChangeType');
  if (event === 'change_external_contact' && change === 'add_external_contact') {
    const state = xmlField(xml, 'State') || null;
    const welcomeCode = xmlField(xml, 'WelcomeCode') || null;
    return { type: 'add_contact', externalUserId: xmlField(xml, 'ExternalUserID') ?? '', staffUserId: xmlField(xml, 'UserID') ?? '', state, welcomeCode, at };
  }
  if (event === 'change_external_chat' && change === 'update' && xmlField(xml, 'UpdateDetail') === 'add_member') {
    return { type: 'join_group', chatId: xmlField(xml, 'ChatId') ?? '', memberIds: memberChangeList(xml), at };
  }
  return { type: 'other', at };
}
