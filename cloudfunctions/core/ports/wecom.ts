/**
 * The WeCom port (企业微信): "contact me" links and group join ways carrying a state (≤ 30 chars)
 * that comes back in the add-contact callback and, for a group, in the group's member list; the
 * verified and decrypted callbacks themselves, mapping an external contact to our user, and WeCom
 * live watch statistics.
 */
export interface WecomCallbackRequest {
  query: Record<string, string | undefined>;
  body: string;
}

/**
 * A verified callback, normalised. An add-contact carries its state; a group change
 * (客户群变更, `add_member`) carries none, only the new members' ids: their states come from
 * `groupChat`.
 */
export type WecomEvent =
  | {
      type: 'add_contact';
      externalUserId: string;
      staffUserId: string;
      state: string | null;
      /** present when no welcome message is configured for the staff member in WeCom's admin: usable once, within 20 s */
      welcomeCode: string | null;
      at: number;
    }
  | { type: 'join_group'; chatId: string; memberIds: string[]; at: number }
  | { type: 'other'; at: number };

export class WecomCallbackRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WecomCallbackRejected';
  }
}

export interface ExternalUser {
  unionid: string | null;
  /** known directly only where the runtime can tell (the local simulator) */
  openid: string | null;
}

/** A customer group member, as `externalcontact/groupchat/get` (获取客户群详情) lists them. */
export interface GroupChatMember {
  /** a staff userid, or an external contact's external_userid */
  userId: string;
  kind: 'staff' | 'external';
  /** the state of the join way they came through, when it was configured with one */
  state: string | null;
  /** external WeChat users only, where the corp has bound a developer id */
  unionid: string | null;
  joinedAt: number;
}

export interface GroupChat {
  chatId: string;
  members: GroupChatMember[];
}

export interface WatchStat {
  externalUserId: string;
  watchSeconds: number;
}

/** A new customer's welcome message (新客户欢迎语): text, and a mini program card where one is configured. */
export interface WelcomeMessage {
  text: string;
  /** the card's title and the page it opens (a path with its query) */
  miniprogram: { title: string; page: string } | null;
}

/**
 * How `send_welcome_msg` answered: sent; `already_sent` (41051: delivered already, by this or
 * another app, do not retry); `busy` (41096: another app is sending it, which may still fail).
 */
export type WelcomeOutcome = 'sent' | 'already_sent' | 'busy';

export interface WecomPort {
  /** a "contact me" (联系我) link for the state */
  contactWay(state: string): Promise<{ url: string }>;
  /** a customer group join way (加入群聊) for the state */
  groupJoinWay(state: string): Promise<{ url: string }>;
  /** URL verification (GET): the decrypted echostr; throws WecomCallbackRejected */
  verifyUrl(query: Record<string, string | undefined>): string;
  /** an event callback (POST): verified and decrypted; throws WecomCallbackRejected */
  parseCallback(req: WecomCallbackRequest): WecomEvent;
  resolveExternalUser(externalUserId: string): Promise<ExternalUser | null>;
  /** a customer group and its members, each with their join way's state; throws when WeCom refuses */
  groupChat(chatId: string): Promise<GroupChat>;
  /** the welcome message for an add-contact's welcome code; throws when WeCom refuses it otherwise */
  sendWelcome(welcomeCode: string, message: WelcomeMessage): Promise<WelcomeOutcome>;
  /** per-viewer watch time of a WeCom live, where the merchant lives on WeCom */
  liveWatchStats(wecomLiveId: string): Promise<WatchStat[]>;
}
