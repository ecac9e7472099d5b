import type { Clock, Random } from '../../ports';
import type { ExternalUser, WatchStat, WecomCallbackRequest, WecomEvent, WecomPort } from '../../ports/wecom';
import { envelopeCiphertext, openCallback, readEvent, type CallbackKeys } from '../wecom/codec';
import { cdata, encrypt, signature } from '../wecom/crypto';

/**
 * The local WeCom: plays the corp's side. It makes contact/join links, and for the dev endpoint
 * builds callbacks encrypted and signed exactly as WeCom would, which go through the same verify
 * and decrypt path as the cloud's. An external contact here is `wm_<openid>`.
 */
const CORP_ID = 'wwlocalcorp000001';
const EXTERNAL_PREFIX = 'wm_';

export class WecomSimulator implements WecomPort {
  readonly keys: CallbackKeys;
  private readonly watch = new Map<string, WatchStat[]>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    // 43 base64 characters → 32 key bytes
    const key = Buffer.from(random.bytes(32)).toString('base64').replace(/=+$/, '');
    this.keys = { token: Buffer.from(random.bytes(8)).toString('hex'), encodingAesKey: key, corpId: CORP_ID };
  }

  async contactWay(state: string) {
    return { url: `https://work.weixin.qq.com/ca/local?state=${encodeURIComponent(state)}` };
  }

  async groupJoinWay(state: string) {
    return { url: `https://work.weixin.qq.com/gm/local?state=${encodeURIComponent(state)}` };
  }

  verifyUrl(query: Record<string, string | undefined>): string {
    return openCallback(this.keys, query, query.echostr ?? '', this.clock.now());
  }

  parseCallback(req: WecomCallbackRequest): WecomEvent {
    return readEvent(openCallback(this.keys, req.query, envelopeCiphertext(req.body), this.clock.now()));
  }

  async resolveExternalUser(externalUserId: string): Promise<ExternalUser | null> {
    return externalUserId.startsWith(EXTERNAL_PREFIX) ? { unionid: null, openid: externalUserId.slice(EXTERNAL_PREFIX.length) } : null;
  }

  async liveWatchStats(wecomLiveId: string): Promise<WatchStat[]> {
    return this.watch.get(wecomLiveId) ?? [];
  }

  /** Dev: what a WeCom live would report for its viewers. */
  setLiveWatchStats(wecomLiveId: string, stats: Array<{ openid: string; watchSeconds: number }>): void {
    this.watch.set(wecomLiveId, stats.map((s) => ({ externalUserId: EXTERNAL_PREFIX + s.openid, watchSeconds: s.watchSeconds })));
  }

  /** Dev: the callback WeCom would send when `openid` adds staff or joins the group through `state`. */
  callback(type: 'add_contact' | 'join_group', openid: string, state: string): WecomCallbackRequest {
    const external = EXTERNAL_PREFIX + openid;
    const created = Math.floor(this.clock.now() / 1000);
    const message =
      type === 'add_contact'
        ? `<xml>${cdata('ToUserName', CORP_ID)}${cdata('FromUserName', 'sys')}${cdata('CreateTime', created)}${cdata('MsgType', 'event')}${cdata('Event', 'change_external_contact')}${cdata('ChangeType', 'add_external_contact')}${cdata('UserID', 'staff-anning')}${cdata('ExternalUserID', external)}${cdata('State', state)}${cdata('WelcomeCode', 'local')}</xml>`
        : `<xml>${cdata('ToUserName', CORP_ID)}${cdata('FromUserName', 'sys')}${cdata('CreateTime', created)}${cdata('MsgType', 'event')}${cdata('Event', 'change_external_chat')}${cdata('ChatId', 'wr-local-fans')}${cdata('ChangeType', 'update')}${cdata('UpdateDetail', 'add_member')}${cdata('JoinScene', 3)}${cdata('MemChangeCnt', 1)}<MemChangeList>${cdata('Item', external)}</MemChangeList>${cdata('State', state)}</xml>`;
    const encrypted = encrypt(this.keys.encodingAesKey, CORP_ID, message, Buffer.from(this.random.bytes(16)));
    const timestamp = String(created);
    const nonce = Buffer.from(this.random.bytes(6)).toString('hex');
    return {
      query: { msg_signature: signature(this.keys.token, timestamp, nonce, encrypted), timestamp, nonce },
      body: `<xml>${cdata('ToUserName', CORP_ID)}${cdata('Encrypt', encrypted)}${cdata('AgentID', '')}</xml>`,
    };
  }
}
