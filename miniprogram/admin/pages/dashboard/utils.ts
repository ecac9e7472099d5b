import type { DailyPoint, FunnelStage, LiveListItem, LiveMetrics, RangeMetrics, Ratio } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';
import type { LineSeries } from '../../utils/chart';
import { METRIC_CONVENTIONS, METRIC_DEFINITIONS, METRIC_SUMMARIES, type MetricId } from '../../utils/metric-definitions';
import { MAX_RANGE_DAYS } from '../../../utils/generated/limits';

/** How the dashboard reads: numbers as text, each with the id of its definition. Pure. */

export interface MetricCard {
  id: MetricId;
  label: string;
  value: string;
  detail: string;
}

export const NO_DATA = '—';

/** 0.1935 → "19.35%"; null (no denominator) → "—". Integer arithmetic on the 4-decimal value. */
export function percent(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA;
  const basis = Math.round(value * 10000);
  const cents = basis % 100;
  return `${(basis - cents) / 100}.${cents < 10 ? '0' : ''}${cents}%`;
}

const ratioDetail = (r: Ratio, unit: string) => `${r.numerator} / ${r.denominator} ${unit}`;

const perUser = (fen: number | null) => (fen === null ? NO_DATA : `${formatYuan(fen)} / 人`);

type Totals = RangeMetrics['totals'];

function clvCard(clv: Totals['clv30'] & { complete?: boolean }): MetricCard {
  const parts = [`基线 ${perUser(clv.baseline.averageFen)}（${clv.baseline.users} 人）`, `比值 ${clv.ratio === null ? NO_DATA : clv.ratio.toFixed(2)}`];
  if (clv.complete === false) parts.push('30 天窗口未满');
  return { id: 'clv30', label: '直播获客 30 日客户价值', value: perUser(clv.liveAcquired.averageFen), detail: `${clv.liveAcquired.users} 人 · ${parts.join(' · ')}` };
}

/** The cards every metrics view shows, from a live's metrics or a range's totals. */
export function metricCards(m: Totals & { clv30: Totals['clv30'] & { complete?: boolean } }): MetricCard[] {
  return [
    { id: 'privateDomainReservationShare', label: '私域用户预约占比', value: percent(m.privateDomainReservationShare.value), detail: ratioDetail(m.privateDomainReservationShare, '个预约') },
    { id: 'newWecomFriends', label: '直播间新增企微好友', value: String(m.newWecomFriends), detail: '人' },
    { id: 'privateDomainOrderShare', label: '私域渠道订单占比', value: percent(m.privateDomainOrderShare.value), detail: ratioDetail(m.privateDomainOrderShare, '笔已支付直播订单') },
    { id: 'liveProductRepurchaseRate', label: '直播商品私域复购率', value: percent(m.liveProductRepurchaseRate.value), detail: ratioDetail(m.liveProductRepurchaseRate, '位买家') },
    { id: 'retention7d', label: '直播获客 7 日留存', value: percent(m.retention7d.value), detail: ratioDetail(m.retention7d, '位获客用户') },
    clvCard(m.clv30),
  ];
}

export const ordersCard = (o: LiveMetrics['orders']): MetricCard => ({
  id: 'orders',
  label: '直播订单',
  value: `${o.paid} 笔已支付`,
  detail: `共 ${o.count} 笔 · 成交额 ${formatYuan(o.gmvFen)}${o.refundedFen ? ` · 退款 ${formatYuan(o.refundedFen)} · 净成交 ${formatYuan(o.netGmvFen)}` : ''}`,
});

export const FUNNEL_LABEL: Record<FunnelStage['stage'], string> = {
  reserved: '预约',
  watched: '观看',
  tapped: '点商品',
  ordered: '下单',
  paid: '支付',
  repurchased: '复购',
};

export interface FunnelRow {
  stage: FunnelStage['stage'];
  label: string;
  users: number;
  /** share of the stage before ("—" for the first, or after an empty stage) */
  stepText: string;
}

export function funnelRows(funnel: FunnelStage[]): FunnelRow[] {
  return funnel.map((f, i) => {
    const before = i > 0 ? funnel[i - 1].users : 0;
    return {
      stage: f.stage,
      label: FUNNEL_LABEL[f.stage] ?? f.stage,
      users: f.users,
      stepText: i === 0 || before === 0 ? NO_DATA : percent(Math.round((f.users / before) * 10000) / 10000),
    };
  });
}

export const DAILY_SERIES: Array<{ key: 'orders' | 'paidOrders' | 'reservations'; label: string; color: string }> = [
  { key: 'reservations', label: '预约', color: '#ff9500' },
  { key: 'orders', label: '下单', color: '#5b8ff9' },
  { key: 'paidOrders', label: '支付', color: '#e8356d' },
];

/** The daily line chart's x labels (MM-DD) and series. */
export function dailyChart(daily: DailyPoint[]): { labels: string[]; series: LineSeries[] } {
  return {
    labels: daily.map((d) => d.day.slice(5)),
    series: DAILY_SERIES.map((s) => ({ key: s.key, label: s.label, color: s.color, values: daily.map((d) => d[s.key]) })),
  };
}

export function dailyTotals(daily: DailyPoint[]): { reservations: number; orders: number; paidOrders: number; gmvText: string; refundText: string } {
  const sum = (k: 'reservations' | 'orders' | 'paidOrders' | 'gmvFen' | 'refundedFen' | 'netGmvFen') => daily.reduce((n, d) => n + d[k], 0);
  const refunded = sum('refundedFen');
  return {
    reservations: sum('reservations'),
    orders: sum('orders'),
    paidOrders: sum('paidOrders'),
    gmvText: formatYuan(sum('gmvFen')),
    // 净成交: what was paid less what settled refunds returned of it
    refundText: refunded ? `退款 ${formatYuan(refunded)} · 净成交 ${formatYuan(sum('netGmvFen'))}` : '',
  };
}

// Shanghai calendar days (fixed +08:00: no daylight saving since 1991)

const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 24 * 3600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-24" for an instant, in Shanghai. */
export function dayOf(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The instant a Shanghai day starts; NaN for a malformed day. */
export function dayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS;
}

export { MAX_RANGE_DAYS };

/** `[from, to)` covering the days `fromDay`…`toDay` inclusive, or why it cannot be asked for. */
export function rangeOf(fromDay: string, toDay: string): { ok: true; from: number; to: number } | { ok: false; reason: string } {
  const from = dayStart(fromDay);
  const to = dayStart(toDay) + DAY_MS;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { ok: false, reason: '请选择日期' };
  if (to <= from) return { ok: false, reason: '开始日期不能晚于结束日期' };
  if (to - from > MAX_RANGE_DAYS * DAY_MS) return { ok: false, reason: `最多查询 ${MAX_RANGE_DAYS} 天` };
  return { ok: true, from, to };
}

export interface LiveOption {
  _id: string;
  text: string;
}

/** The live the dashboard opens on: the one on now, else the latest that ended, else the next. */
export function defaultLive(lives: Array<Pick<LiveListItem, '_id' | 'state' | 'startAt'>>): string {
  const on = lives.find((l) => l.state === 'live');
  if (on) return on._id;
  const ended = lives.filter((l) => l.state === 'ended').sort((a, b) => b.startAt - a.startAt)[0];
  if (ended) return ended._id;
  return [...lives].sort((a, b) => a.startAt - b.startAt)[0]?._id ?? '';
}

export const liveOptions = (lives: LiveListItem[]): LiveOption[] =>
  [...lives].sort((a, b) => b.startAt - a.startAt).map((l) => ({ _id: l._id, text: `${formatDateTime(l.startAt).slice(5)} ${l.title}` }));

export type DefinitionId = MetricId | 'conventions';

export const DEFINITION_TITLE: Record<DefinitionId, string> = {
  privateDomainReservationShare: '私域用户预约占比',
  newWecomFriends: '直播间新增企微好友',
  privateDomainOrderShare: '私域渠道订单占比',
  liveProductRepurchaseRate: '直播商品私域复购率',
  retention7d: '直播获客 7 日留存',
  clv30: '直播获客 30 日客户价值',
  funnel: '转化漏斗',
  orders: '直播订单',
  rangeMetrics: '按日期汇总',
  conventions: '统计口径',
};

export const definitionText = (id: DefinitionId): string => (id === 'conventions' ? METRIC_CONVENTIONS : METRIC_DEFINITIONS[id]);

/** The definition in plain Chinese, shown above the exact one; '' for the conventions. */
export const definitionSummary = (id: DefinitionId): string => (id === 'conventions' ? '' : METRIC_SUMMARIES[id]);

/**
 * A definition's paragraphs for display: the doc's hard-wrapped lines joined back, each list item
 * (`- `, `1. `) its own paragraph. Only whitespace differs from the doc's text.
 */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  let blank = true;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) {
      blank = true;
      continue;
    }
    if (blank || /^(- |\d+\. )/.test(line) || !out.length) out.push(line);
    else out[out.length - 1] += ` ${line}`;
    blank = false;
  }
  return out;
}
