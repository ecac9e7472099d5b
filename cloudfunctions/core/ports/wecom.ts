/**
 * The WeCom port (企业微信): "contact me" links and group join ways carrying a state (≤ 30 chars)
 * that comes back in callbacks, the verified and decrypted callbacks themselves, mapping an
 * external contact to our user, and WeCom live watch statistics.
 */
export interface WecomCallbackRequest {
  query: Record<string, string | undefined>;
  body: string;
}

/** A verified callback, normalised: who joined what through which state. */
export type WecomEvent =
  | { type: 'add_contact'; externalUserId: string; staffUserId: string; state: string | null; at: number }
  | { type: 'join_group'; externalUserIds: string[]; chatId: string; state: string | null; at: number }
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

export interface WatchStat {
  externalUserId: string;
  watchSeconds: number;
}

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
  /** per-viewer watch time of a WeCom live, where the merchant lives on WeCom */
  liveWatchStats(wecomLiveId: string): Promise<WatchStat[]>;
}
