import type { LiveState, StaffLiveRow } from '../../../../typings/contract/index';
import { formatDateTime, clockTime } from '../../../utils/time';

export interface LiveRow {
  _id: string;
  title: string;
  state: LiveState;
  stateText: string;
  whenText: string;
  countsText: string;
}

const STATE_TEXT: Record<LiveState, string> = { scheduled: '未开始', live: '直播中', ended: '已结束' };

export const liveRow = (l: StaffLiveRow): LiveRow => ({
  _id: l._id,
  title: l.title,
  state: l.state,
  stateText: `${STATE_TEXT[l.state]}${l.manual ? '（手动）' : ''}`,
  whenText: `${formatDateTime(l.startAt)} – ${clockTime(l.endAt)}`,
  countsText: `${l.cardCount} 个商品卡 · ${l.reservationCount} 人预约`,
});

export const STATE_TABS: Array<{ key: LiveState | ''; title: string }> = [
  { key: '', title: '全部' },
  { key: 'scheduled', title: '未开始' },
  { key: 'live', title: '直播中' },
  { key: 'ended', title: '已结束' },
];
