import type { BaseDoc } from '../../ports';

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

/** The live's channel state, as WeCom carries it back (at most 30 characters). */
export const STATE_PREFIX = 'lv_';
export const MAX_STATE_LENGTH = 30;

export function liveState(liveId: string): string {
  const state = STATE_PREFIX + liveId;
  if (state.length > MAX_STATE_LENGTH) throw new Error(`live id too long for a WeCom state: ${liveId}`);
  return state;
}

export const liveIdOfState = (state: string | null): string | null =>
  state && state.startsWith(STATE_PREFIX) && state.length <= MAX_STATE_LENGTH ? state.slice(STATE_PREFIX.length) : null;
