import type { GroupChatMember } from '../../ports';

/** The live's channel state, as WeCom carries it back (at most 30 characters). */
export const STATE_PREFIX = 'lv_';
export const MAX_STATE_LENGTH = 30;

export function wecomState(liveId: string): string {
  const state = STATE_PREFIX + liveId;
  if (state.length > MAX_STATE_LENGTH) throw new Error(`live id too long for a WeCom state: ${liveId}`);
  return state;
}

export const liveIdOfState = (state: string | null): string | null =>
  state && state.startsWith(STATE_PREFIX) && state.length <= MAX_STATE_LENGTH ? state.slice(STATE_PREFIX.length) : null;

export interface GroupJoiner {
  externalUserId: string;
  liveId: string;
  state: string;
  unionid: string | null;
  at: number;
}

/**
 * Who a group change brought in through a live: of the members the event names, the external
 * contacts whose join way's state is a live's. Staff, and members without such a state, are not.
 */
export function groupJoiners(members: GroupChatMember[], newMemberIds: string[]): GroupJoiner[] {
  const joined = new Set(newMemberIds);
  return members.flatMap((m) => {
    const liveId = liveIdOfState(m.state);
    if (m.kind !== 'external' || !joined.has(m.userId) || !liveId) return [];
    return [{ externalUserId: m.userId, liveId, state: m.state!, unionid: m.unionid, at: m.joinedAt }];
  });
}
