import type { LiveMetrics, RangeMetrics } from '../../../../typings/contract/index';
import { liveMetrics, rangeMetrics, whoami } from '../../../services/admin';
import { listLives } from '../../../services/live';
import { canvas2d } from '../../../utils/canvas';
import { instanceState } from '../../../utils/instance-state';
import { formatDateTime } from '../../../utils/time';
import { barLayout, drawBarChart, drawLineChart, lineLayout, type Ctx2D } from '../../utils/chart';
import { failureView, goBack, type StaffPageState } from '../../utils/staff';
import {
  DAILY_SERIES,
  DAY_MS,
  DEFINITION_TITLE,
  dailyChart,
  dailyTotals,
  dayOf,
  defaultLive,
  definitionSummary,
  definitionText,
  funnelRows,
  liveOptions,
  metricCards,
  ordersCard,
  paragraphs,
  rangeOf,
  type DefinitionId,
  type FunnelRow,
  type LiveOption,
  type MetricCard,
} from './utils';

type Mode = 'live' | 'range';
type Load = 'idle' | 'loading' | 'ready' | 'error';

const BRAND = '#e8356d';
const DEFAULT_RANGE_DAYS = 30;

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const local = instanceState(() => ({
  token: 0,
  liveToken: 0,
  rangeToken: 0,
  live: null as LiveMetrics | null,
  range: null as RangeMetrics | null,
}));

/**
 * The metrics dashboard (admin subpackage): per live (the six live-to-private-domain numbers, the
 * orders and the funnel as a bar chart) and per date range (totals, and daily orders and
 * reservations as a line chart). Every number opens its definition from docs/METRICS.md.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    mode: 'live' as Mode,
    lives: [] as LiveOption[],
    liveId: '',
    liveLoad: 'idle' as Load,
    liveError: '',
    liveTitle: '',
    liveTime: '',
    cards: [] as MetricCard[],
    funnel: [] as FunnelRow[],
    fromDay: '',
    toDay: '',
    today: '',
    rangeLoad: 'idle' as Load,
    rangeError: '',
    totals: [] as MetricCard[],
    legend: DAILY_SERIES.map((s) => ({ key: s.key, label: s.label, color: s.color })),
    daily: { reservations: 0, orders: 0, paidOrders: 0, gmvText: '', refundText: '' },
    rangeLives: [] as Array<{ liveId: string; title: string; timeText: string; paid: number; gmvText: string }>,
    definition: null as { id: DefinitionId; title: string; summary: string; paragraphs: string[] } | null,
  },
  methods: {
    onLoad() {
      const today = dayOf(Date.now());
      this.setData({ today, toDay: today, fromDay: dayOf(Date.now() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS) });
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [, lives] = await Promise.all([whoami(), listLives()]);
        if (token !== state.token) return;
        const liveId = this.data.liveId || defaultLive(lives);
        this.setData({ state: 'ready', lives: liveOptions(lives), liveId });
        if (liveId) void this.loadLive(liveId);
      } catch (e) {
        if (token !== state.token) return;
        this.setData(failureView(e));
      }
    },

    async loadLive(liveId: string): Promise<void> {
      const state = local(this);
      const token = ++state.liveToken;
      this.setData({ liveLoad: 'loading', liveError: '' });
      try {
        const m = await liveMetrics(liveId);
        if (token !== state.liveToken) return;
        state.live = m;
        this.setData(
          {
            liveLoad: 'ready',
            liveTitle: m.title,
            liveTime: `${formatDateTime(m.startAt)} 开播 · 统计于 ${formatDateTime(m.computedAt)}`,
            cards: [...metricCards(m), ordersCard(m.orders)],
            funnel: funnelRows(m.funnel),
          },
          () => void this.drawFunnel(),
        );
      } catch (e) {
        if (token !== state.liveToken) return;
        const failure = failureView(e);
        if (failure.state === 'denied') this.setData(failure);
        else this.setData({ liveLoad: 'error', liveError: failure.errorMessage });
      }
    },

    async loadRange(): Promise<void> {
      const range = rangeOf(this.data.fromDay, this.data.toDay);
      if (!range.ok) {
        wx.showToast({ title: range.reason, icon: 'none' });
        return;
      }
      const state = local(this);
      const token = ++state.rangeToken;
      this.setData({ rangeLoad: 'loading', rangeError: '' });
      try {
        const r = await rangeMetrics(range.from, range.to);
        if (token !== state.rangeToken) return;
        state.range = r;
        this.setData(
          {
            rangeLoad: 'ready',
            totals: metricCards(r.totals),
            daily: dailyTotals(r.daily),
            rangeLives: r.lives.map((l) => ({ liveId: l.liveId, title: l.title, timeText: formatDateTime(l.startAt), paid: l.orders.paid, gmvText: ordersCard(l.orders).detail })),
          },
          () => void this.drawDaily(),
        );
      } catch (e) {
        if (token !== state.rangeToken) return;
        const failure = failureView(e);
        if (failure.state === 'denied') this.setData(failure);
        else this.setData({ rangeLoad: 'error', rangeError: failure.errorMessage });
      }
    },

    /** The funnel as bars. A canvas that is not there (hidden tab) is simply not drawn. */
    async drawFunnel(): Promise<void> {
      const m = local(this).live;
      if (!m || this.data.mode !== 'live') return;
      try {
        const { ctx, width, height } = await canvas2d<Ctx2D>(this, '#funnel-chart');
        const size = { width, height };
        drawBarChart(ctx, size, barLayout(size, funnelRows(m.funnel).map((f) => ({ label: f.label, value: f.users }))), BRAND);
      } catch {
        // the numbers are listed under the chart as well
      }
    },

    async drawDaily(): Promise<void> {
      const r = local(this).range;
      if (!r || this.data.mode !== 'range') return;
      try {
        const { ctx, width, height } = await canvas2d<Ctx2D>(this, '#daily-chart');
        const size = { width, height };
        const chart = dailyChart(r.daily);
        drawLineChart(ctx, size, lineLayout(size, chart.labels, chart.series));
      } catch {
        // the totals are listed under the chart as well
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    onMode(e: Tap<{ mode: Mode }>) {
      const mode = e.currentTarget.dataset.mode;
      if (mode === this.data.mode) return;
      this.setData({ mode }, () => {
        if (mode === 'range' && this.data.rangeLoad === 'idle') void this.loadRange();
        else if (mode === 'range') void this.drawDaily();
        else void this.drawFunnel();
      });
    },

    onPickLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId === this.data.liveId) return;
      this.setData({ liveId });
      void this.loadLive(liveId);
    },

    onLiveRetry() {
      if (this.data.liveId) void this.loadLive(this.data.liveId);
    },

    onFromChange(e: WechatMiniprogram.PickerChange) {
      this.setData({ fromDay: String(e.detail.value) });
      void this.loadRange();
    },

    onToChange(e: WechatMiniprogram.PickerChange) {
      this.setData({ toDay: String(e.detail.value) });
      void this.loadRange();
    },

    onRangeRetry() {
      void this.loadRange();
    },

    /** A number's definition, word for word from docs/METRICS.md. */
    onDefinition(e: Tap<{ id: DefinitionId }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ definition: { id, title: DEFINITION_TITLE[id], summary: definitionSummary(id), paragraphs: paragraphs(definitionText(id)) } });
    },

    onCloseDefinition() {
      this.setData({ definition: null });
    },

    /** Taps inside the definition sheet stay there (the mask around it closes it). */
    noop() {},
  },
});
