import type { Ports } from '../ports';
import { WecomCallbackRejected } from '../ports';
import type { WecomCallbackRequest, WecomEvent } from '../ports/wecom';
import type { HttpAnswer } from '../kernel/http';
import type { WecomJoinDoc } from '../schema';
import { groupJoiners, liveIdOfState, recordJoin, settleWelcome, takeWelcomeCode, welcomeMessage } from '../modules/wecom';
import { liveState } from '../modules/live';
import { inShanghai } from '../kernel/time';

/**
 * The WeCom callback endpoint (企业微信回调), shared by the cloud's wecomCallback function and the
 * local runtime's /wecom/callback and /dev/wecom: GET verifies the URL; POST is verified, decrypted,
 * and each add-contact or group join through a live's state is recorded once for that live. An
 * add-contact carries its state; a group change does not, so each new member's state is read from
 * the group's member list (groupchat/get). An add-contact with a welcome code is answered with the
 * welcome message first (WeCom takes it only within 20 seconds of the event, and only once).
 */
async function userOf(ports: Ports, externalUserId: string, unionid: string | null): Promise<string | null> {
  const external = unionid ? { unionid, openid: null } : await ports.wecom.resolveExternalUser(externalUserId);
  if (!external) return null;
  if (external.openid) return external.openid;
  if (!external.unionid) return null;
  return (await ports.db.collection('users').findOne({ unionid: external.unionid }))?._id ?? null;
}

async function record(
  ports: Ports,
  j: { type: WecomJoinDoc['type']; liveId: string; externalUserId: string; state: string; unionid: string | null; at: number },
) {
  if (!(await ports.db.collection('lives').get(j.liveId))) return false;
  const userId = await userOf(ports, j.externalUserId, j.unionid);
  return recordJoin(ports.db, { type: j.type, liveId: j.liveId, externalUserId: j.externalUserId, userId, state: j.state, at: j.at, now: ports.clock.now() });
}

/** How long to wait before asking once more when another app was sending the welcome message (41096). */
export const WELCOME_BUSY_RETRY_MS = 1000;

const shanghaiClock = (ms: number) => ({ day: inShanghai(ms).format('M月D日'), time: inShanghai(ms).format('HH:mm') });

/** The welcome message for an add-contact's code, sent at most once per code however often WeCom delivers the event. */
async function sendWelcome(ports: Ports, event: Extract<WecomEvent, { type: 'add_contact' }>, wait: (ms: number) => Promise<void>) {
  if (!event.welcomeCode || !event.externalUserId) return;
  const now = ports.clock.now();
  const liveId = liveIdOfState(event.state);
  const live = liveId ? await ports.db.collection('lives').get(liveId) : null;
  const taken = await takeWelcomeCode(ports.db, { welcomeCode: event.welcomeCode, externalUserId: event.externalUserId, staffUserId: event.staffUserId, liveId: live?._id ?? null, at: event.at, now });
  if (!taken) return;
  const message = welcomeMessage(live ? { _id: live._id, title: live.title, startAt: live.startAt, state: liveState(live, now) } : null, now, shanghaiClock);
  try {
    let outcome = await ports.wecom.sendWelcome(event.welcomeCode, message);
    if (outcome === 'busy') {
      await wait(WELCOME_BUSY_RETRY_MS);
      outcome = await ports.wecom.sendWelcome(event.welcomeCode, message);
    }
    await settleWelcome(ports.db, event.welcomeCode, outcome, null, ports.clock.now());
  } catch (e) {
    // the code is good for 20 seconds only: a failure is recorded, not retried later
    await settleWelcome(ports.db, event.welcomeCode, 'failed', e instanceof Error ? e.message : String(e), ports.clock.now());
  }
}

async function recordAddContact(ports: Ports, event: Extract<WecomEvent, { type: 'add_contact' }>) {
  const liveId = liveIdOfState(event.state);
  if (!liveId || !event.externalUserId) return;
  await record(ports, { type: 'add_contact', liveId, externalUserId: event.externalUserId, state: event.state!, unionid: null, at: event.at });
}

async function recordGroupJoins(ports: Ports, event: Extract<WecomEvent, { type: 'join_group' }>) {
  if (!event.chatId || !event.memberIds.length) return;
  const chat = await ports.wecom.groupChat(event.chatId);
  for (const j of groupJoiners(chat.members, event.memberIds)) {
    await record(ports, { type: 'join_group', ...j, at: j.at || event.at });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function handleWecomCallback(ports: Ports, req: WecomCallbackRequest, wait: (ms: number) => Promise<void> = sleep): Promise<HttpAnswer> {
  try {
    if (req.query.echostr !== undefined && !req.body) return { status: 200, body: ports.wecom.verifyUrl(req.query) };
    const event = ports.wecom.parseCallback(req);
    if (event.type === 'add_contact') {
      await sendWelcome(ports, event, wait);
      await recordAddContact(ports, event);
    }
    if (event.type === 'join_group') await recordGroupJoins(ports, event);
    return { status: 200, body: 'success' };
  } catch (e) {
    if (e instanceof WecomCallbackRejected) return { status: 401, body: e.message };
    throw e;
  }
}
