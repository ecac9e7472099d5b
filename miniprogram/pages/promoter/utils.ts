import type { LeaderboardRow, LiveListItem, PromoterCenter } from '../../../typings/contract/index';
import { formatStart } from '../../utils/time';

/** How the promoter centre reads. Pure. */
export type InviteeStatus = PromoterCenter['invitees'][number]['status'];

export const STATUS_TEXT: Record<InviteeStatus, string> = {
  reserved: '已预约，待观看',
  watching: '观看中',
  rewarded: '已奖励',
  revoked: '无效（本人账号）',
};

export interface InviteeRow {
  name: string;
  liveTitle: string;
  status: InviteeStatus;
  statusText: string;
  watchText: string;
  pointsText: string;
}

/** The rules in one line, with the shop's own numbers. */
export const rulesText = (r: PromoterCenter['rules']): string =>
  `好友通过你的分享预约并观看满 ${r.minWatchMinutes} 分钟，你得 ${r.pointsPerInvitee} 积分；同一位好友每场直播计一次，每天最多奖励 ${r.dailyCap} 位好友。`;

export function inviteeRows(invitees: PromoterCenter['invitees'], liveTitles: Record<string, string>, rules?: PromoterCenter['rules']): InviteeRow[] {
  const watched = (m: number) => (rules && m < rules.minWatchMinutes ? `已看 ${m}/${rules.minWatchMinutes} 分钟` : `已看 ${m} 分钟`);
  return invitees.map((i) => ({
    name: i.name,
    liveTitle: liveTitles[i.liveId] ?? i.liveId,
    status: i.status,
    statusText: STATUS_TEXT[i.status] ?? i.status,
    watchText: i.watchMinutes > 0 ? watched(i.watchMinutes) : '未观看',
    pointsText: i.points > 0 ? `+${i.points} 积分` : '',
  }));
}

export interface LiveChoice {
  _id: string;
  title: string;
  text: string;
}

/** Lives for the leaderboard picker: on now first, then the latest to start. */
export function liveChoices(lives: LiveListItem[], now: number): LiveChoice[] {
  const rank = (l: LiveListItem) => (l.state === 'live' ? 0 : 1);
  return [...lives]
    .sort((a, b) => rank(a) - rank(b) || b.startAt - a.startAt)
    .map((l) => ({ _id: l._id, title: l.title, text: `${formatStart(l.startAt, now)} · ${l.title}` }));
}

export interface RankRow extends LeaderboardRow {
  key: string;
}

export const rankRows = (rows: LeaderboardRow[]): RankRow[] => rows.map((r) => ({ ...r, key: `${r.rank}-${r.name}` }));
