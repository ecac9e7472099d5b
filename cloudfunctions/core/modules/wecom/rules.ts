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

/** WeCom caps a welcome text at 4,000 bytes; ours stays far below, cut at this many characters. */
export const WELCOME_TEXT_MAX = 400;

/**
 * The welcome message a new contact gets from the staff member they added: for a live's "contact
 * me" link, the live's title and start (or that it is on now) with its room as the card; otherwise
 * the mall's home. Time in Asia/Shanghai.
 */
export function welcomeMessage(
  live: { _id: string; title: string; startAt: number; state: 'scheduled' | 'live' | 'ended' } | null,
  now: number,
  clockOf: (ms: number) => { day: string; time: string },
): { text: string; miniprogram: { title: string; page: string } } {
  if (!live || live.state === 'ended') {
    return {
      text: '你好，欢迎添加！上新、直播预告和会员福利都在小程序商城里，点下方卡片进店看看，有问题随时在这里找我。'.slice(0, WELCOME_TEXT_MAX),
      miniprogram: { title: '进店逛逛', page: 'pages/index/index' },
    };
  }
  const when = clockOf(live.startAt);
  const today = clockOf(now).day === when.day;
  const lead =
    live.state === 'live'
      ? `「${live.title}」正在直播，点下方卡片进直播间，直播间专享券和抽奖等你。`
      : `「${live.title}」${today ? '今天' : when.day} ${when.time} 开播，点下方卡片预约，开播提醒不错过，直播间还有专享券和抽奖。`;
  return {
    text: `你好，欢迎添加！${lead}有问题随时在这里找我。`.slice(0, WELCOME_TEXT_MAX),
    miniprogram: { title: live.title.slice(0, 64), page: `pages/live/detail/index?live=${live._id}` },
  };
}
