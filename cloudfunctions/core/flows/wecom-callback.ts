import type { Ports } from '../ports';
import { WecomCallbackRejected } from '../ports';
import type { WecomCallbackRequest } from '../ports/wecom';
import type { HttpAnswer } from '../kernel/http';
import type { WecomJoinDoc } from '../schema';
import { liveIdOfState, recordJoin } from '../modules/wecom';

/**
 * The WeCom callback endpoint (企业微信回调), shared by the cloud's wecomCallback function and the
 * local runtime's /wecom/callback and /dev/wecom: GET verifies the URL; POST is verified, decrypted,
 * and each add-contact or group-join through a live's state is recorded once for that live.
 */
async function userOf(ports: Ports, externalUserId: string): Promise<string | null> {
  const external = await ports.wecom.resolveExternalUser(externalUserId);
  if (!external) return null;
  if (external.openid) return external.openid;
  if (!external.unionid) return null;
  return (await ports.db.collection('users').findOne({ unionid: external.unionid }))?._id ?? null;
}

async function record(ports: Ports, type: WecomJoinDoc['type'], liveId: string, externalUserId: string, state: string, at: number) {
  const userId = await userOf(ports, externalUserId);
  return recordJoin(ports.db, { type, liveId, externalUserId, userId, state, at, now: ports.clock.now() });
}

export async function handleWecomCallback(ports: Ports, req: WecomCallbackRequest): Promise<HttpAnswer> {
  try {
    if (req.query.echostr !== undefined && !req.body) return { status: 200, body: ports.wecom.verifyUrl(req.query) };
    const event = ports.wecom.parseCallback(req);
    if (event.type === 'other') return { status: 200, body: 'success' };
    const liveId = liveIdOfState(event.state);
    if (!liveId || !(await ports.db.collection('lives').get(liveId))) return { status: 200, body: 'success' };
    const externals = event.type === 'add_contact' ? [event.externalUserId] : event.externalUserIds;
    for (const externalUserId of externals) {
      if (externalUserId) await record(ports, event.type, liveId, externalUserId, event.state!, event.at);
    }
    return { status: 200, body: 'success' };
  } catch (e) {
    if (e instanceof WecomCallbackRejected) return { status: 401, body: e.message };
    throw e;
  }
}
