import type { Ports } from '../ports';
import { WecomCallbackRejected } from '../ports';
import type { WecomCallbackRequest, WecomEvent } from '../ports/wecom';
import type { HttpAnswer } from '../kernel/http';
import type { WecomJoinDoc } from '../schema';
import { groupJoiners, liveIdOfState, recordJoin } from '../modules/wecom';

/**
 * The WeCom callback endpoint (企业微信回调), shared by the cloud's wecomCallback function and the
 * local runtime's /wecom/callback and /dev/wecom: GET verifies the URL; POST is verified, decrypted,
 * and each add-contact or group join through a live's state is recorded once for that live. An
 * add-contact carries its state; a group change does not, so each new member's state is read from
 * the group's member list (groupchat/get).
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

export async function handleWecomCallback(ports: Ports, req: WecomCallbackRequest): Promise<HttpAnswer> {
  try {
    if (req.query.echostr !== undefined && !req.body) return { status: 200, body: ports.wecom.verifyUrl(req.query) };
    const event = ports.wecom.parseCallback(req);
    if (event.type === 'add_contact') await recordAddContact(ports, event);
    if (event.type === 'join_group') await recordGroupJoins(ports, event);
    return { status: 200, body: 'success' };
  } catch (e) {
    if (e instanceof WecomCallbackRejected) return { status: 401, body: e.message };
    throw e;
  }
}
