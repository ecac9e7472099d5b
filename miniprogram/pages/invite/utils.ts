import type { FissionProgress, FissionTask } from '../../../typings/contract/index';
import { formatDateTime } from '../../utils/time';

/** How an invite task and its progress read on the page. Pure: the page passes the clock. */
export type ClaimState = 'locked' | 'ready' | 'claimed' | 'sold_out';

export interface TaskView {
  _id: string;
  liveId: string;
  title: string;
  liveTitle: string;
  giftTitle: string;
  rules: string[];
  endsText: string;
  ended: boolean;
}

export interface ProgressView {
  count: number;
  required: number;
  /** 0–100, for the progress bar */
  percent: number;
  /** friends still needed, 0 once unlocked */
  missing: number;
  giftLeft: number;
  invitees: Array<{ name: string; timeText: string }>;
  claimState: ClaimState;
}

export const taskView = (t: FissionTask, now: number): TaskView => ({
  _id: t._id,
  liveId: t.liveId,
  title: `邀请 ${t.requiredInvites} 位好友预约直播，领${t.gift.title}`,
  liveTitle: t.liveTitle,
  giftTitle: t.gift.title,
  rules: t.rules,
  endsText: formatDateTime(t.endsAt),
  ended: now >= t.endsAt,
});

/** The claim button: claimed wins, then unlocked with gifts left, then sold out; else locked. */
export function claimState(p: Pick<FissionProgress, 'unlocked' | 'claimed' | 'giftLeft'>): ClaimState {
  if (p.claimed) return 'claimed';
  if (p.giftLeft <= 0) return 'sold_out';
  return p.unlocked ? 'ready' : 'locked';
}

export const progressView = (p: FissionProgress): ProgressView => ({
  count: p.count,
  required: p.required,
  percent: p.required > 0 ? Math.min(100, Math.floor((p.count * 100) / p.required)) : 100,
  missing: Math.max(0, p.required - p.count),
  giftLeft: p.giftLeft,
  invitees: p.invitees.map((i) => ({ name: i.name, timeText: formatDateTime(i.at) })),
  claimState: claimState(p),
});

export const CLAIM_TEXT: Record<ClaimState, string> = {
  locked: '邀请达标后可领取',
  ready: '领取奖励',
  claimed: '已领取',
  sold_out: '奖励已领完',
};

/** The task the page opens for a live: the first (newest) still running, else the newest. */
export function pickTask(tasks: FissionTask[], now: number): FissionTask | null {
  return tasks.find((t) => now < t.endsAt) ?? tasks[0] ?? null;
}
