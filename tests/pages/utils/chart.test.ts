import {
  barLayout,
  drawBarChart,
  drawLineChart,
  labelIndexes,
  lineLayout,
  linearScale,
  niceStep,
  niceTicks,
  plotArea,
  type Ctx2D,
} from '../../../miniprogram/admin/utils/chart';

const padding = { top: 10, right: 10, bottom: 20, left: 30 };

describe('chart layout', () => {
  it('maps a domain onto a range, inverted for a y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect([y(0), y(50), y(100)]).toEqual([200, 100, 0]);
    expect(linearScale([5, 5], [10, 20])(7)).toBe(10);
  });

  it('picks nice steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(31, 4)).toBe(10);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0.7, 4)).toBe(0.2);
    expect(niceStep(0.7, 4, true)).toBe(1);
    expect(niceStep(211000, 4)).toBe(100000);
  });

  it('ticks from zero to the first nice value covering the maximum', () => {
    expect(niceTicks(31)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(30)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-3)).toEqual([0, 1]);
    expect(niceTicks(0.3, 3, false)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('thins x labels evenly, keeping the first and the last', () => {
    expect(labelIndexes(5, 6)).toEqual([0, 1, 2, 3, 4]);
    expect(labelIndexes(30, 6)).toEqual([0, 6, 12, 18, 24, 29]);
    expect(labelIndexes(14, 6)).toEqual([0, 3, 6, 9, 13]);
    expect(labelIndexes(0, 6)).toEqual([]);
    expect(labelIndexes(3, 1)).toEqual([2]);
  });

  it('lays out a line chart inside the padding', () => {
    const layout = lineLayout({ width: 230, height: 130 }, ['a', 'b', 'c'], [{ key: 'n', label: 'N', color: '#f00', values: [0, 5, 10] }], { padding });
    expect(layout.plot).toEqual(plotArea({ width: 230, height: 130 }, padding));
    expect(layout.plot).toEqual({ x: 30, y: 10, width: 190, height: 100 });
    expect(layout.yTicks.map((t) => [t.value, t.at])).toEqual([
      [0, 110],
      [5, 60],
      [10, 10],
    ]);
    expect(layout.series[0].points).toEqual([
      { x: 30, y: 110 },
      { x: 125, y: 60 },
      { x: 220, y: 10 },
    ]);
    expect(layout.xLabels.map((l) => [l.label, l.at])).toEqual([
      ['a', 30],
      ['b', 125],
      ['c', 220],
    ]);
  });

  it('puts a single point in the middle and scales every series together', () => {
    const layout = lineLayout({ width: 230, height: 130 }, ['d'], [
      { key: 'a', label: 'A', color: '#000', values: [3] },
      { key: 'b', label: 'B', color: '#111', values: [8] },
    ], { padding });
    expect(layout.series.map((s) => s.points)).toEqual([[{ x: 125, y: 72.5 }], [{ x: 125, y: 10 }]]);
  });

  it('lays out bars in equal bands, centred, from the baseline', () => {
    const layout = barLayout({ width: 230, height: 130 }, [
      { label: 'x', value: 10 },
      { label: 'y', value: 5 },
      { label: 'z', value: 0 },
    ], { padding, barRatio: 0.5 });
    const band = 190 / 3;
    expect(layout.bars.map((b) => ({ ...b, x: Math.round(b.x * 100) / 100, cx: Math.round(b.cx * 100) / 100, width: Math.round(b.width * 100) / 100 }))).toEqual([
      { label: 'x', value: 10, cx: Math.round((30 + band / 2) * 100) / 100, x: Math.round((30 + band / 4) * 100) / 100, y: 10, width: Math.round((band / 2) * 100) / 100, height: 100 },
      { label: 'y', value: 5, cx: Math.round((30 + band * 1.5) * 100) / 100, x: Math.round((30 + band * 1.25) * 100) / 100, y: 60, width: Math.round((band / 2) * 100) / 100, height: 50 },
      { label: 'z', value: 0, cx: Math.round((30 + band * 2.5) * 100) / 100, x: Math.round((30 + band * 2.25) * 100) / 100, y: 110, width: Math.round((band / 2) * 100) / 100, height: 0 },
    ]);
    expect(barLayout({ width: 100, height: 100 }, []).bars).toEqual([]);
  });
});

describe('chart drawing', () => {
  function recorder() {
    const calls: Array<[string, unknown[]]> = [];
    const ctx = new Proxy({ fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: '', textBaseline: '' } as Record<string, unknown>, {
      get(target, prop: string) {
        if (prop in target) return target[prop];
        return (...args: unknown[]) => calls.push([prop, args]);
      },
    }) as unknown as Ctx2D;
    return { ctx, calls };
  }

  it('draws each bar as a rectangle with its value above and its label below', () => {
    const { ctx, calls } = recorder();
    const size = { width: 230, height: 130 };
    const layout = barLayout(size, [{ label: '预约', value: 31 }, { label: '观看', value: 25 }], { padding });
    drawBarChart(ctx, size, layout, '#e8356d');
    expect(calls[0]).toEqual(['clearRect', [0, 0, 230, 130]]);
    expect(calls.filter(([op]) => op === 'fillRect').map(([, a]) => a)).toEqual(layout.bars.map((b) => [b.x, b.y, b.width, b.height]));
    const texts = calls.filter(([op]) => op === 'fillText').map(([, a]) => a[0]);
    expect(texts).toEqual(['0', '10', '20', '30', '40', '31', '预约', '25', '观看']);
  });

  it('draws one polyline per series through its points', () => {
    const { ctx, calls } = recorder();
    const size = { width: 230, height: 130 };
    const layout = lineLayout(size, ['a', 'b'], [{ key: 'n', label: 'N', color: '#f00', values: [1, 2] }], { padding });
    drawLineChart(ctx, size, layout);
    const path = calls.filter(([op]) => op === 'moveTo' || op === 'lineTo').slice(-2);
    expect(path).toEqual([
      ['moveTo', [30, layout.series[0].points[0].y]],
      ['lineTo', [220, layout.series[0].points[1].y]],
    ]);
    expect(calls.filter(([op]) => op === 'arc')).toHaveLength(2);
  });
});
