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

export const joinId = (type: WecomJoinDoc['type'], liveId: string, externalUserId: string) => `${type}:${liveId}:${externalUserId}`;
