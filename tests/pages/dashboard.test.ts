import fs from 'node:fs';
import path from 'node:path';
import { parseMetricsDoc } from '../../scripts/gen-metric-definitions';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { installCanvas, until, type FakeCanvas } from './helpers/canvas';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const DAY = 24 * 3600_000;
const doc = parseMetricsDoc(fs.readFileSync(path.resolve(__dirname, '../../docs/METRICS.md'), 'utf8'));
const definition = (id: string) => {
  const section = id === 'conventions' ? doc.conventions : doc.sections.find((s) => s.id === id)?.text;
  if (section === undefined) throw new Error(`docs/METRICS.md has no ${id}`);
  return section.replace(/\s+/g, ' ').trim();
};

/** The definition sheet's text: its paragraphs are the doc's lines joined back, so only whitespace differs. */
const shownDefinition = (comp: Parameters<typeof texts>[0]) => texts(comp, '.definition__para').join(' ');

describe('metrics dashboard (admin subpackage)', () => {
  let rt: TestRuntime;
  let id: string;
  let canvases: Map<string, FakeCanvas>;
  beforeAll(() => {
    id = load('admin/pages/dashboard/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    jest.useFakeTimers({ now: T0, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
    canvases = installCanvas({ size: { width: 320, height: 180 } });
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  async function open(openid = 'demo-staff') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it("opens on last week's live with its numbers, each with its definition from docs/METRICS.md one tap away", async () => {
    const comp = await open();
    expect(mp.callsTo('admin', 'liveMetrics').map((c) => c.data)).toEqual([{ liveId: 'live-past' }]);
    expect(find(comp, '.live-option', { 'data-id': 'live-past' }).every((n) => hasClass(n, 'chip--on'))).toBe(true);
    expect(text(comp, '.live-head__title')).toBe('护肤专场：精华 + 面霜回放');
    expect(texts(comp, '.metric__value')).toEqual(['19.35%', '14', '100.00%', '20.00%', '48.15%', '¥60.44 / 人', '10 笔已支付']);
    expect(texts(comp, '.metric__detail')).toEqual([
      '6 / 31 个预约',
      '人',
      '10 / 10 笔已支付直播订单',
      '2 / 10 位买家',
      '13 / 27 位获客用户',
      '27 人 · 基线 —（0 人） · 比值 — · 30 天窗口未满',
      '共 10 笔 · 成交额 ¥2110.00 · 退款 ¥259.00 · 净成交 ¥1851.00',
    ]);

    const ids = find(comp, '.metric').map((n) => n.dom?.getAttribute('data-id') ?? '');
    expect(ids).toEqual(['privateDomainReservationShare', 'newWecomFriends', 'privateDomainOrderShare', 'liveProductRepurchaseRate', 'retention7d', 'clv30', 'orders']);
    for (const metric of [...ids, 'funnel', 'conventions']) {
      const selector = metric === 'funnel' ? '.funnel__info' : metric === 'conventions' ? '.modes__conventions' : '.metric';
      await tap(comp, selector, metric === 'funnel' || metric === 'conventions' ? {} : { 'data-id': metric });
      expect(shownDefinition(comp)).toBe(definition(metric));
      // the same in plain Chinese first (the conventions have no summary)
      if (metric === 'conventions') expect(find(comp, '.definition__summary')).toHaveLength(0);
      else {
        expect(text(comp, '.definition__summary')).toBe(doc.sections.find((s) => s.id === metric)!.summary);
        expect(text(comp, '.definition__summary')).toMatch(/^[\u4e00-\u9fff]/);
      }
      await tap(comp, '.definition__close');
      expect(find(comp, '.definition')).toHaveLength(0);
    }
  });

  it('draws the funnel as bars and lists it with stage-to-stage rates', async () => {
    const comp = await open();
    await until(() => (canvases.get('#funnel-chart')?.ctx.of('fillRect').length ?? 0) > 0);
    const ctx = canvases.get('#funnel-chart')!.ctx;
    expect(ctx.of('fillRect')).toHaveLength(6);
    const labels = ctx.of('fillText').map(([t]) => t);
    expect(labels).toEqual(expect.arrayContaining(['预约', '观看', '点商品', '下单', '支付', '复购', '31', '2']));
    expect(texts(comp, '.funnel__users')).toEqual(['31 人', '25 人', '18 人', '7 人', '7 人', '2 人']);
    expect(texts(comp, '.funnel__step')).toEqual(['—', '80.65%', '72.00%', '38.89%', '100.00%', '28.57%']);
  });

  it("switches lives: tonight's live has no data yet and says so with dashes", async () => {
    const comp = await open();
    await tap(comp, '.live-option', { 'data-id': 'live-tonight' });
    await mp.settle();
    expect(texts(comp, '.metric__value').slice(0, 5)).toEqual(['—', '0', '—', '—', '—']);
  });

  it('shows a date range: totals, the daily line chart and the lives in it', async () => {
    const comp = await open();
    await tap(comp, '.mode', { 'data-mode': 'range' });
    await mp.settle();
    const [call] = mp.callsTo('admin', 'rangeMetrics');
    const data = call.data as { from: number; to: number };
    expect(data.to - data.from).toBe(30 * DAY);
    expect(text(comp, '.range__to')).toBe('2026-11-24');
    expect(text(comp, '.range__from')).toBe('2026-10-26');
    expect(texts(comp, '.metric__value')).toEqual(['19.35%', '14', '100.00%', '20.00%', '48.15%', '¥60.44 / 人']);
    expect(texts(comp, '.range-live .row__title')).toEqual(['护肤专场：精华 + 面霜回放', '底妆专场：粉底液 + 散粉直播间专享价']);
    await until(() => (canvases.get('#daily-chart')?.ctx.of('moveTo').length ?? 0) > 0);
    const ctx = canvases.get('#daily-chart')!.ctx;
    // a grid line per tick, then one polyline per series
    expect(ctx.of('lineTo').length).toBeGreaterThanOrEqual(3 * 29);
    await tap(comp, '.funnel__info');
    expect(shownDefinition(comp)).toBe(definition('rangeMetrics'));

    page(comp).onFromChange({ detail: { value: '2026-11-20' } });
    await mp.settle();
    expect(mp.callsTo('admin', 'rangeMetrics')).toHaveLength(2);
    expect(texts(comp, '.range-live .row__title')).toEqual(['底妆专场：粉底液 + 散粉直播间专享价']);
    expect(text(comp, '.range .muted')).toBe('至');

    page(comp).onFromChange({ detail: { value: '2026-11-25' } });
    expect(mp.of('showToast')).toEqual([{ title: '开始日期不能晚于结束日期', icon: 'none' }]);
    expect(mp.callsTo('admin', 'rangeMetrics')).toHaveLength(2);
  });

  it('shows NOT_STAFF as an error with a way back, and lets customer service read', async () => {
    const shopper = await open('demo-shopper');
    expect(text(shopper, '.dashboard >>> .state__text')).toBe('仅限店员使用');
    expect(mp.callsTo('admin', 'liveMetrics')).toEqual([]);
    await tap(shopper, '.dashboard >>> .state__action');
    expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    unmountAll();

    const invite = await rt.as('demo-staff')<{ code: string }>('admin', 'inviteStaff', { role: 'cs' });
    await rt.as('cs-1')('admin', 'acceptStaffInvite', { code: invite.ok ? invite.data.code : '' });
    const cs = await open('cs-1');
    expect(texts(cs, '.metric__value')[0]).toBe('19.35%');
  });

  it('keeps the page when one live fails to load, with a retry', async () => {
    mp.intercept('admin', 'liveMetrics', 'network', 1);
    const comp = await open();
    expect(text(comp, '.live-error')).toBe('网络不给力，请检查网络后重试，点此重试');
    await tap(comp, '.live-error');
    await mp.settle();
    expect(texts(comp, '.metric__value')[0]).toBe('19.35%');
  });
});
