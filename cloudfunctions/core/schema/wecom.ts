import type { BaseDoc } from './base';

/**
 * Who joined the merchant's WeCom through which live: one record per kind, live and external
 * contact, however often WeCom delivers the callback.
 */
export interface WecomJoinDoc extends BaseDoc {
  type: 'add_contact' | 'join_group';
  liveId: string;
  externalUserId: string;
  /** our user, when the external contact could be matched (openid directly, or by unionid) */
  userId: string | null;
  state: string;
  at: number;
  createdAt: number;
}

/**
 * A welcome code WeCom handed us with an add-contact, taken once (its id is the code): WeCom
 * delivers a callback again when it was not answered in time, and the code may be used only once.
 */
export interface WecomWelcomeDoc extends BaseDoc {
  externalUserId: string;
  staffUserId: string;
  liveId: string | null;
  status: 'sending' | 'sent' | 'already_sent' | 'busy' | 'failed';
  /** why it failed, as WeCom said */
  error: string | null;
  at: number;
  createdAt: number;
  settledAt: number | null;
}

export const joinId = (type: WecomJoinDoc['type'], liveId: string, externalUserId: string) => `${type}:${liveId}:${externalUserId}`;
