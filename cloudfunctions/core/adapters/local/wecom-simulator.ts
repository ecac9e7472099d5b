import { createHash } from 'node:crypto';
import type { Clock, Random } from '../../ports';
import type { ExternalUser, GroupChat, WatchStat, WecomCallbackRequest, WecomEvent, WecomPort, WelcomeMessage, WelcomeOutcome } from '../../ports/wecom';
import { welcomeOutcome } from '../wecom/api';
import { envelopeCiphertext, openCallback, readEvent, type CallbackKeys } from '../wecom/codec';
import { cdata, encrypt, signature } from '../wecom/crypto';
import { GROUP_CHAT_PATH, readGroupChat, type GroupChatBody, type GroupChatMemberBody } from '../wecom/groupchat';

/**
 * The local WeCom: plays the corp's side. It makes contact/join links, and for the dev endpoint
 * builds callbacks encrypted and signed exactly as WeCom would, which go through the same verify
 * and decrypt path as the cloud's. A group join is the documented group change event (no state);
 * the joiner's state is in the fan group's member list, answered as groupchat/get would. An
 * external contact here is `wm_<openid>`.
 */
const CORP_ID = 'wwlocalcorp000001';
const EXTERNAL_PREFIX = 'wm_';
const STAFF = 'staff-anning';
export const LOCAL_FAN_GROUP = 'wr-local-fans';

export class WecomSimulator implements WecomPort {
  readonly keys: CallbackKeys;
  private readonly watch = new Map<string, WatchStat[]>();
  private readonly fanGroup: GroupChatBody;
  /** welcome codes handed out with add-contact events, and the message each was answered with */
  private readonly welcomeCodes = new Map<string, { externalUserId: string; message: WelcomeMessage | null }>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    // 43 base64 characters → 32 key bytes
    const key = Buffer.from(random.bytes(32)).toString('base64').replace(/=+$/, '');
    this.keys = { token: Buffer.from(random.bytes(8)).toString('hex'), encodingAesKey: key, corpId: CORP_ID };
    const created = Math.floor(clock.now() / 1000);
    this.fanGroup = {
      chat_id: LOCAL_FAN_GROUP,
      name: '直播粉丝群',
      owner: STAFF,
      create_time: created,
      notice: '',
      member_list: [{ userid: STAFF, type: 1, join_time: created, join_scene: 1, group_nickname: '', name: '安宁' }],
      admin_list: [],
    };
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

  async groupChat(chatId: string): Promise<GroupChat> {
    const answer = this.groupChatAnswer(chatId);
    if (answer.errcode) throw new Error(`WeCom ${GROUP_CHAT_PATH}: ${answer.errcode} ${answer.errmsg}`);
    return readGroupChat(answer.group_chat!);
  }

  /** What groupchat/get answers for the chat: the fan group with everyone the simulator saw join. */
  groupChatAnswer(chatId: string): { errcode: number; errmsg: string; group_chat?: GroupChatBody } {
    if (chatId !== LOCAL_FAN_GROUP) return { errcode: 40050, errmsg: 'chatid not found' };
    return { errcode: 0, errmsg: 'ok', group_chat: { ...this.fanGroup, member_list: [...this.fanGroup.member_list], member_version: this.memberVersion() } };
  }

  private memberVersion(): string {
    return createHash('md5').update(this.fanGroup.member_list.map((m) => `${m.userid}:${m.state ?? ''}`).join(',')).digest('hex');
  }

  /** A member joins the fan group (again, after leaving: the latest join way counts). */
  private joinFanGroup(member: GroupChatMemberBody): void {
    const list = this.fanGroup.member_list.filter((m) => m.userid !== member.userid);
    this.fanGroup.member_list = [...list, member];
  }

  /** What send_welcome_msg answers: the first use of a code delivers; a later one is 41051, as WeCom documents. */
  sendWelcomeAnswer(welcomeCode: string, message: WelcomeMessage): { errcode: number; errmsg: string } {
    const code = this.welcomeCodes.get(welcomeCode);
    if (!code) return { errcode: 40058, errmsg: 'invalid welcome_code' };
    if (code.message) return { errcode: 41051, errmsg: 'externaluser has started chatting' };
    code.message = message;
    return { errcode: 0, errmsg: 'ok' };
  }

  async sendWelcome(welcomeCode: string, message: WelcomeMessage): Promise<WelcomeOutcome> {
    return welcomeOutcome(this.sendWelcomeAnswer(welcomeCode, message));
  }

  /** Dev: the welcome messages delivered to an external contact, oldest first. */
  welcomesTo(externalUserId: string): WelcomeMessage[] {
    return [...this.welcomeCodes.values()].filter((c) => c.externalUserId === externalUserId && c.message).map((c) => c.message!);
  }

  async liveWatchStats(wecomLiveId: string): Promise<WatchStat[]> {
    return this.watch.get(wecomLiveId) ?? [];
  }

  /** Dev: what a WeCom live would report for its viewers. */
  setLiveWatchStats(wecomLiveId: string, stats: Array<{ openid: string; watchSeconds: number }>): void {
    this.watch.set(wecomLiveId, stats.map((s) => ({ externalUserId: EXTERNAL_PREFIX + s.openid, watchSeconds: s.watchSeconds })));
  }

  /**
   * Dev: the callback WeCom would send when `openid` adds staff or joins the fan group through
   * `state` (a join way may carry no state: `null`).
   */
  callback(type: 'add_contact' | 'join_group', openid: string, state: string | null): WecomCallbackRequest {
    const external = EXTERNAL_PREFIX + openid;
    const created = Math.floor(this.clock.now() / 1000);
    const head = `${cdata('ToUserName', CORP_ID)}${cdata('FromUserName', 'sys')}${cdata('CreateTime', created)}${cdata('MsgType', 'event')}`;
    let message: string;
    if (type === 'add_contact') {
      // each add-contact carries its own welcome code (none is sent when the staff member has one configured in WeCom)
      const welcomeCode = Buffer.from(this.random.bytes(16)).toString('base64url');
      this.welcomeCodes.set(welcomeCode, { externalUserId: external, message: null });
      message = `<xml>${head}${cdata('Event', 'change_external_contact')}${cdata('ChangeType', 'add_external_contact')}${cdata('UserID', STAFF)}${cdata('ExternalUserID', external)}${cdata('State', state ?? '')}${cdata('WelcomeCode', welcomeCode)}</xml>`;
    } else {
      const before = this.memberVersion();
      this.joinFanGroup({ userid: external, type: 2, join_time: created, join_scene: 3, invitor: { userid: STAFF }, ...(state ? { state } : {}), group_nickname: '', name: openid });
      message = `<xml>${head}${cdata('Event', 'change_external_chat')}${cdata('ChatId', LOCAL_FAN_GROUP)}${cdata('ChangeType', 'update')}${cdata('UpdateDetail', 'add_member')}${cdata('JoinScene', 3)}${cdata('QuitScene', 0)}${cdata('MemChangeCnt', 1)}<MemChangeList>${cdata('Item', external)}</MemChangeList>${cdata('LastMemVer', before)}${cdata('CurMemVer', this.memberVersion())}</xml>`;
    }
    const encrypted = encrypt(this.keys.encodingAesKey, CORP_ID, message, Buffer.from(this.random.bytes(16)));
    const timestamp = String(created);
    const nonce = Buffer.from(this.random.bytes(6)).toString('hex');
    return {
      query: { msg_signature: signature(this.keys.token, timestamp, nonce, encrypted), timestamp, nonce },
      body: `<xml>${cdata('ToUserName', CORP_ID)}${cdata('Encrypt', encrypted)}${cdata('AgentID', '')}</xml>`,
    };
  }
}
