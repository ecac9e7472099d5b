import type { Clock } from '../../ports';
import type { ExternalUser, GroupChat, WatchStat, WecomCallbackRequest, WecomEvent, WecomPort, WelcomeMessage, WelcomeOutcome } from '../../ports/wecom';
import type { HttpTransport } from '../https';
import { envelopeCiphertext, openCallback, readEvent, type CallbackKeys } from './codec';
import { GROUP_CHAT_PATH, readGroupChat, type GroupChatBody } from './groupchat';

/**
 * The WeCom port on WeCom's server API (qyapi.weixin.qq.com) with the customer-contact secret:
 * contact ways and group join ways, external contact lookup (unionid), customer group members
 * with their join ways' states, live watch statistics, and callbacks verified and decrypted with the callback token and EncodingAESKey.
 */
export interface WecomConfig extends CallbackKeys {
  /** the customer contact (客户联系) secret */
  secret: string;
  /** staff user ids a "contact me" link rings */
  contactUsers: string[];
  /** fan group chat ids a join way adds people to */
  groupChatIds: string[];
  /**
   * the mini program card of a welcome message: the mini program's appid (bound to the corp) and a
   * cover uploaded as media (`media/upload`); without it the welcome message is text only
   */
  welcomeCard?: { appid: string; picMediaId: string };
}

const BASE = 'https://qyapi.weixin.qq.com/cgi-bin';
export const WELCOME_PATH = '/externalcontact/send_welcome_msg';

/** 41051: the welcome message was delivered already; 41096: another app is sending it now. */
export function welcomeOutcome(body: { errcode?: number; errmsg?: string }): WelcomeOutcome {
  if (!body.errcode) return 'sent';
  if (body.errcode === 41051) return 'already_sent';
  if (body.errcode === 41096) return 'busy';
  throw new Error(`WeCom ${WELCOME_PATH}: ${body.errcode} ${body.errmsg}`);
}

export class WecomApi implements WecomPort {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly config: WecomConfig,
    private readonly transport: HttpTransport,
    private readonly clock: Clock,
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock.now()) return this.token.value;
    const res = await this.transport({
      method: 'GET',
      url: `${BASE}/gettoken?corpid=${this.config.corpId}&corpsecret=${this.config.secret}`,
      headers: {},
      body: '',
    });
    const body = JSON.parse(res.body) as { errcode: number; errmsg: string; access_token: string; expires_in: number };
    if (body.errcode) throw new Error(`WeCom gettoken: ${body.errcode} ${body.errmsg}`);
    this.token = { value: body.access_token, expiresAt: this.clock.now() + (body.expires_in - 300) * 1000 };
    return body.access_token;
  }

  /** the answer as WeCom gave it, errcode included */
  private async request<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<T & { errcode?: number; errmsg?: string }> {
    const sep = path.includes('?') ? '&' : '?';
    const res = await this.transport({
      method,
      url: `${BASE}${path}${sep}access_token=${await this.accessToken()}`,
      headers: { 'content-type': 'application/json' },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
    return JSON.parse(res.body) as T & { errcode?: number; errmsg?: string };
  }

  private async call<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<T> {
    const body = await this.request<T>(method, path, payload);
    if (body.errcode) throw new Error(`WeCom ${path}: ${body.errcode} ${body.errmsg}`);
    return body;
  }

  /** 发送新客户欢迎语: `externalcontact/send_welcome_msg` with the event's welcome code */
  async sendWelcome(welcomeCode: string, message: WelcomeMessage): Promise<WelcomeOutcome> {
    const card = this.config.welcomeCard;
    const body = await this.request<object>('POST', WELCOME_PATH, {
      welcome_code: welcomeCode,
      text: { content: message.text },
      ...(card && message.miniprogram
        ? { attachments: [{ msgtype: 'miniprogram', miniprogram: { title: message.miniprogram.title, pic_media_id: card.picMediaId, appid: card.appid, page: message.miniprogram.page } }] }
        : {}),
    });
    return welcomeOutcome(body);
  }

  async contactWay(state: string) {
    const r = await this.call<{ qr_code: string }>('POST', '/externalcontact/add_contact_way', {
      type: this.config.contactUsers.length > 1 ? 2 : 1,
      scene: 2,
      state,
      user: this.config.contactUsers,
    });
    return { url: r.qr_code };
  }

  async groupJoinWay(state: string) {
    const added = await this.call<{ config_id: string }>('POST', '/externalcontact/groupchat/add_join_way', {
      scene: 2,
      chat_id_list: this.config.groupChatIds,
      state,
    });
    const way = await this.call<{ join_way: { qr_code: string } }>('POST', '/externalcontact/groupchat/get_join_way', { config_id: added.config_id });
    return { url: way.join_way.qr_code };
  }

  verifyUrl(query: Record<string, string | undefined>): string {
    return openCallback(this.config, query, query.echostr ?? '', this.clock.now());
  }

  parseCallback(req: WecomCallbackRequest): WecomEvent {
    return readEvent(openCallback(this.config, req.query, envelopeCiphertext(req.body), this.clock.now()));
  }

  async resolveExternalUser(externalUserId: string): Promise<ExternalUser | null> {
    try {
      const r = await this.call<{ external_contact: { unionid?: string } }>('GET', `/externalcontact/get?external_userid=${encodeURIComponent(externalUserId)}`);
      return { unionid: r.external_contact.unionid ?? null, openid: null };
    } catch {
      return null;
    }
  }

  async groupChat(chatId: string): Promise<GroupChat> {
    const r = await this.call<{ group_chat: GroupChatBody }>('POST', GROUP_CHAT_PATH, { chat_id: chatId, need_name: 1 });
    return readGroupChat(r.group_chat);
  }

  async liveWatchStats(wecomLiveId: string): Promise<WatchStat[]> {
    const out: WatchStat[] = [];
    let next_key = '';
    for (let page = 0; page < 100; page++) {
      const r = await this.call<{ ending: number; next_key: string; stat_info: { external_users?: Array<{ external_userid: string; watch_time: number }> } }>(
        'POST',
        '/living/get_watch_stat',
        { livingid: wecomLiveId, next_key },
      );
      for (const u of r.stat_info.external_users ?? []) out.push({ externalUserId: u.external_userid, watchSeconds: u.watch_time });
      if (r.ending === 1) break;
      next_key = r.next_key;
    }
    return out;
  }
}
