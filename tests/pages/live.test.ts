import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

describe('live page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/live/index');
  });
  beforeEach(async () => {
    mp.reset();
    jest.spyOn(Date, 'now').mockReturnValue(T0);
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.restoreAllMocks();
    await rt.close();
  });

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it("shows tonight's seeded live: scheduled, start time and window", async () => {
    const comp = await open();
    expect(text(comp, '.live-page__card >>> .live__title')).toBe('底妆专场：粉底液 + 散粉直播间专享价');
    expect(text(comp, '.live-page__card >>> .live__badge')).toBe('预告');
    expect(text(comp, '.live-page__card >>> .live__start')).toBe('今天 20:00 开播');
    expect(text(comp, '.live-page__window')).toBe('20:00 - 23:00');
  });

  it('shows the live as on air once the server says so', async () => {
    rt.clock.set(T0 + 10.5 * 3600_000);
    const comp = await open();
    expect(text(comp, '.live-page__card >>> .live__badge')).toBe('直播中');
    expect(comp.querySelector('.live-page__card >>> .live__countdown')).toBeUndefined();
  });

  it('shows the empty state when no live is scheduled', async () => {
    mp.intercept('mall', 'getHome', { ok: true, data: { banners: [], live: null, categories: [] } });
    const comp = await open();
    expect(text(comp, '.live-page >>> .state__text')).toBe('暂无直播安排，敬请期待');
    expect(comp.querySelector('.live-page__card')).toBeUndefined();
  });

  it('shows an error with retry, and loads on retry', async () => {
    mp.intercept('mall', 'getHome', 'network', 1);
    const comp = await open();
    expect(text(comp, '.live-page >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.live-page >>> .state__action');
    await mp.settle();
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(2);
    expect(text(comp, '.live-page__card >>> .live__badge')).toBe('预告');
  });

  it('asks again when the countdown reaches the start, and on pull-down', async () => {
    const comp = await open();
    rt.clock.set(T0 + 10 * 3600_000);
    page(comp).onStarted();
    await mp.settle();
    expect(text(comp, '.live-page__card >>> .live__badge')).toBe('直播中');
    page(comp).onPullDownRefresh();
    await mp.settle();
    expect(mp.callsTo('mall', 'getHome')).toHaveLength(3);
    expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
  });
});
