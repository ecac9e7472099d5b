import type { PostLiveProgress } from '../../../../typings/contract/index';
import { formatDateTime } from '../../../utils/time';
import { POSTLIVE_WINDOW_HOURS } from '../../../utils/generated/limits';

/** The post-live job's progress as staff read it. Pure. */
const STATUS_TEXT: Record<PostLiveProgress['status'], string> = { not_started: '未开始', running: '进行中', done: '已完成', expired: `已过期（直播结束超过 ${POSTLIVE_WINDOW_HOURS} 小时）` };

export interface ProgressView {
  status: PostLiveProgress['status'];
  statusText: string;
  processedText: string;
  percent: number;
  segments: Array<{ key: string; label: string; count: number }>;
  messages: Array<{ key: string; label: string; count: number }>;
  windowText: string;
  runsText: string;
  /** the job can be started or resumed */
  runnable: boolean;
}

export function progressView(p: PostLiveProgress, now: number): ProgressView {
  return {
    status: p.status,
    statusText: STATUS_TEXT[p.status],
    processedText: `已处理 ${p.processed} / 最多 ${p.audienceUpTo} 人`,
    percent: p.status === 'done' ? 100 : p.audienceUpTo > 0 ? Math.min(100, Math.floor((p.processed * 100) / p.audienceUpTo)) : 0,
    segments: [
      { key: 'nonBuyers', label: '看了没买', count: p.segments.nonBuyers },
      { key: 'firstTime', label: '首次购买', count: p.segments.firstTime },
      { key: 'repeat', label: '复购', count: p.segments.repeat },
    ],
    messages: [
      { key: 'sent', label: '已发送', count: p.messages.sent },
      { key: 'pending', label: '待发送', count: p.messages.pending },
      { key: 'deferred', label: '顺延', count: p.messages.deferred },
      { key: 'skipped', label: '未发送', count: p.messages.skipped },
      { key: 'failed', label: '失败', count: p.messages.failed },
    ],
    windowText: `${formatDateTime(p.windowEndsAt)} 前可运行`,
    runsText: p.runs ? `已运行 ${p.runs} 次${p.finishedAt ? ` · ${formatDateTime(p.finishedAt)} 完成` : ''}` : '',
    runnable: (p.status === 'not_started' || p.status === 'running') && now < p.windowEndsAt,
  };
}
