/**
 * Small charts for the dashboard: pure layout (scales, ticks, line and bar geometry) that tests
 * check without a renderer, and thin draw functions that replay a layout on a canvas 2D context.
 * Coordinates are CSS pixels with the origin top-left; the caller scales the context for the
 * device pixel ratio.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Tick {
  value: number;
  /** the pixel position along the axis (y for value ticks, x for labels) */
  at: number;
  label: string;
}

export const DEFAULT_PADDING: Padding = { top: 12, right: 12, bottom: 28, left: 36 };

/** The area inside the padding. */
export function plotArea(size: Size, padding: Padding = DEFAULT_PADDING): Rect {
  return {
    x: padding.left,
    y: padding.top,
    width: Math.max(0, size.width - padding.left - padding.right),
    height: Math.max(0, size.height - padding.top - padding.bottom),
  };
}

/** Maps `domain` onto `range` linearly; a zero-width domain maps everything to the range's start. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => r0;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** The smallest "nice" step (1, 2 or 5 times a power of ten) that covers `span` in at most `maxTicks` steps. */
export function niceStep(span: number, maxTicks: number, integer = false): number {
  if (!(span > 0) || maxTicks < 1) return 1;
  const raw = span / maxTicks;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = 10 * power;
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= raw - 1e-12) {
      step = m * power;
      break;
    }
  }
  return integer ? Math.max(1, Math.round(step)) : step;
}

/**
 * Ticks from 0 up to the first nice value at or above `max` (at least one step): the value axis
 * of a count or amount chart. Values are rounded to the step's precision so 0.1 + 0.2 shows as 0.3.
 */
export function niceTicks(max: number, maxTicks = 4, integer = true): number[] {
  const top = Math.max(0, max);
  const step = niceStep(top || 1, maxTicks, integer);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Number((i * step).toFixed(decimals)));
  return out;
}

/** Indexes of at most `max` labels spread evenly over `count` positions, always with the first and last. */
export function labelIndexes(count: number, max: number): number[] {
  if (count <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max <= 1) return [count - 1];
  const every = Math.ceil((count - 1) / (max - 1));
  const out: number[] = [];
  for (let i = 0; i < count - 1; i += every) out.push(i);
  if (count - 1 - out[out.length - 1] < every / 2 && out.length > 1) out.pop();
  out.push(count - 1);
  return out;
}

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  values: number[];
}

export interface LineLayout {
  plot: Rect;
  yTicks: Tick[];
  xLabels: Tick[];
  series: Array<{ key: string; label: string; color: string; points: Point[] }>;
}

/**
 * A line chart: one x position per label (evenly spaced, the first and last at the plot's edges; a
 * single point in the middle), a value axis from 0 to a nice maximum over every series.
 */
export function lineLayout(
  size: Size,
  labels: string[],
  series: LineSeries[],
  options: { padding?: Padding; maxXLabels?: number; maxTicks?: number } = {},
): LineLayout {
  const plot = plotArea(size, options.padding);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max, options.maxTicks ?? 4);
  const y = linearScale([0, ticks[ticks.length - 1]], [plot.y + plot.height, plot.y]);
  const n = labels.length;
  const x = (i: number) => (n <= 1 ? plot.x + plot.width / 2 : plot.x + (i / (n - 1)) * plot.width);
  return {
    plot,
    yTicks: ticks.map((value) => ({ value, at: y(value), label: String(value) })),
    xLabels: labelIndexes(n, options.maxXLabels ?? 6).map((i) => ({ value: i, at: x(i), label: labels[i] })),
    series: series.map((s) => ({ key: s.key, label: s.label, color: s.color, points: s.values.slice(0, n).map((v, i) => ({ x: x(i), y: y(v) })) })),
  };
}

export interface BarDatum {
  label: string;
  value: number;
}

export interface Bar extends Rect {
  label: string;
  value: number;
  /** the centre of the bar, where its labels go */
  cx: number;
}

export interface BarLayout {
  plot: Rect;
  yTicks: Tick[];
  bars: Bar[];
}

/**
 * A vertical bar chart: equal bands across the plot, each bar `barRatio` of its band and centred,
 * heights from 0 on the value axis (a zero value is a zero-height bar on the baseline).
 */
export function barLayout(size: Size, data: BarDatum[], options: { padding?: Padding; barRatio?: number; maxTicks?: number } = {}): BarLayout {
  const plot = plotArea(size, options.padding);
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(max, options.maxTicks ?? 4);
  const y = linearScale([0, ticks[ticks.length - 1]], [plot.y + plot.height, plot.y]);
  const band = data.length ? plot.width / data.length : 0;
  const width = band * (options.barRatio ?? 0.6);
  const base = plot.y + plot.height;
  return {
    plot,
    yTicks: ticks.map((value) => ({ value, at: y(value), label: String(value) })),
    bars: data.map((d, i) => {
      const top = y(Math.max(0, d.value));
      const cx = plot.x + band * i + band / 2;
      return { label: d.label, value: d.value, cx, x: cx - width / 2, y: top, width, height: base - top };
    }),
  };
}

/** The part of CanvasRenderingContext2D the charts use (a canvas type="2d" context has it all). */
export interface Ctx2D {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  fillText(text: string, x: number, y: number): void;
}

export interface ChartStyle {
  axis: string;
  grid: string;
  text: string;
  font: string;
}

export const CHART_STYLE: ChartStyle = { axis: '#c8c8c8', grid: '#ececec', text: '#9b9b9b', font: '10px sans-serif' };

function drawValueAxis(ctx: Ctx2D, plot: Rect, ticks: Tick[], style: ChartStyle): void {
  ctx.lineWidth = 1;
  ctx.font = style.font;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    ctx.strokeStyle = t.value === 0 ? style.axis : style.grid;
    ctx.beginPath();
    ctx.moveTo(plot.x, t.at);
    ctx.lineTo(plot.x + plot.width, t.at);
    ctx.stroke();
    ctx.fillStyle = style.text;
    ctx.fillText(t.label, plot.x - 4, t.at);
  }
}

export function drawLineChart(ctx: Ctx2D, size: Size, layout: LineLayout, style: ChartStyle = CHART_STYLE): void {
  ctx.clearRect(0, 0, size.width, size.height);
  drawValueAxis(ctx, layout.plot, layout.yTicks, style);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = style.text;
  for (const l of layout.xLabels) ctx.fillText(l.label, l.at, layout.plot.y + layout.plot.height + 6);
  for (const s of layout.series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.stroke();
    for (const p of s.points) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, 2, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

export function drawBarChart(ctx: Ctx2D, size: Size, layout: BarLayout, color: string, style: ChartStyle = CHART_STYLE): void {
  ctx.clearRect(0, 0, size.width, size.height);
  drawValueAxis(ctx, layout.plot, layout.yTicks, style);
  ctx.textAlign = 'center';
  for (const b of layout.bars) {
    ctx.fillStyle = color;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.fillStyle = style.text;
    ctx.textBaseline = 'bottom';
    ctx.fillText(String(b.value), b.cx, b.y - 2);
    ctx.textBaseline = 'top';
    ctx.fillText(b.label, b.cx, layout.plot.y + layout.plot.height + 6);
  }
}
