import { T0, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const HOUR = 3600_000;
const TONIGHT = 'live-tonight';

/** The schedule's rows as the shopper reads them. */
function rows(comp: Rendered) {
  const column = (selector: string) => texts(comp, selector);
  const [state, title, start, count] = ['.row__state', '.row__title', '.row__start', '.row__count'].map(column);
  return find(comp, '.row').map((row, i) => ({
    id: row.dom?.getAttribute('data-id'),
    state: state[i],
    title: title[i],
    start: start[i],
    count: count[i],
    reserved: find(comp, '.row__reserved').some((badge) => (row.dom as unknown as { contains(other: unknown): boolean }).contains(badge.dom)),
  }));
}

const activeTab = (comp: Rendered) => find(comp, '.tabs__tab').filter((t) => hasClass(t, 'tabs__tab--active')).map((t) => (t.dom?.textContent ?? '').trim());

describe('live schedule (tab): on now, upcoming, replays', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/live/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  /** A live from yesterday evening, created by staff: a replay. */
  async function pastLive(): Promise<string> {
    const r = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '昨晚的护肤专场',
      startAt: T0 - 14 * HOUR,
      endAt: T0 - 12 * HOUR,
      cards: [{ productId: 'p-serum', livePriceFen: 23900 }],
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.liveId;
  }

  it('opens on upcoming when nothing is on now, with start time and reservation count', async () => {
    const comp = await open();
    expect(mp.callsTo('live', 'list').map((c) => c.data)).toEqual([{ state: 'live' }, { state: 'scheduled' }]);
    expect(activeTab(comp)).toEqual(['预告']);
    expect(rows(comp)).toEqual([
      { id: TONIGHT, state: '预告', title: '底妆专场：粉底液 + 散粉直播间专享价', start: '今天 20:00', count: '0 人预约', reserved: false },
    ]);
  });

  it('opens on "on now" during a live, and a row there goes straight into the room', async () => {
    rt.clock.set(T0 + 10.5 * HOUR);
    const comp = await open();
    expect(mp.callsTo('live', 'list').map((c) => c.data)).toEqual([{ state: 'live' }]);
    expect(activeTab(comp)).toEqual(['直播中']);
    expect(rows(comp).map((r) => [r.id, r.state])).toEqual([[TONIGHT, '直播中']]);
    await tap(comp, '.row', { 'data-id': TONIGHT });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/live/room/index?live=${TONIGHT}` }]);
  });

  it('switches tabs: replays list ended lives and open their page', async () => {
    const past = await pastLive();
    const comp = await open();
    await tap(comp, '.tabs__tab', { 'data-state': 'ended' });
    await mp.settle();
    expect(mp.callsTo('live', 'list').at(-1)?.data).toEqual({ state: 'ended' });
    expect(activeTab(comp)).toEqual(['回放']);
    expect(rows(comp)).toContainEqual({ id: past, state: '回放', title: '昨晚的护肤专场', start: '昨天 20:00 播出', count: '直播同款仍可购', reserved: false });
    expect(rows(comp).some((r) => r.id === TONIGHT)).toBe(false);
    await tap(comp, '.row', { 'data-id': past });
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/live/detail/index?live=${past}` }]);
  });

  it('a replay row says what it holds to watch, not who reserved it', async () => {
    const past = await pastLive();
    await rt.db.collection('reservations').insert({
      _id: `${past}:demo-shopper`,
      liveId: past,
      userId: 'demo-shopper',
      status: 'active',
      inviteCode: null,
      channelsState: null,
      beforeStart: true,
      createdAt: T0 - 20 * HOUR,
      updatedAt: T0 - 20 * HOUR,
      remindedAt: null,
    });
    for (const title of ['精华上脸', '面霜质地']) {
      await rt.as('demo-staff')('admin', 'addClip', { liveId: past, title, videoUrl: 'https://cdn.example.com/c.mp4', productIds: [] });
    }
    const comp = await open();
    await tap(comp, '.tabs__tab', { 'data-state': 'ended' });
    await mp.settle();
    expect(rows(comp).find((r) => r.id === past)).toEqual({ id: past, state: '回放', title: '昨晚的护肤专场', start: '昨天 20:00 播出', count: '2 段精彩回放', reserved: false });
  });

  it('shows the reserved badge and count after reserving, refreshed when the tab shows again', async () => {
    const comp = await open();
    page(comp).onShow();
    expect(rows(comp)[0].reserved).toBe(false);
    const reserved = await rt.as('demo-shopper')('live', 'reserve', { liveId: TONIGHT });
    expect(reserved.ok).toBe(true);
    await rt.as('someone-else')('live', 'reserve', { liveId: TONIGHT });
    page(comp).onShow();
    await mp.settle();
    expect(rows(comp)[0]).toEqual(expect.objectContaining({ id: TONIGHT, count: '2 人预约', reserved: true }));
    expect(text(comp, '.row__reserved')).toBe('已预约');
  });

  it('shows each tab its own empty message', async () => {
    const comp = await open();
    await tap(comp, '.tabs__tab', { 'data-state': 'live' });
    await mp.settle();
    expect(text(comp, '.lives >>> .state__text')).toBe('现在没有直播，看看预告吧');
    expect(find(comp, '.row')).toHaveLength(0);
  });

  it('shows an error with retry, and loads on retry', async () => {
    mp.intercept('live', 'list', 'network', 1);
    const comp = await open();
    expect(text(comp, '.lives >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.lives >>> .state__action');
    await mp.settle();
    expect(texts(comp, '.row__title')).toEqual(['底妆专场：粉底液 + 散粉直播间专享价']);
  });

  it('a failed refresh keeps the rows and says so; pull-down refreshes', async () => {
    const comp = await open();
    page(comp).onShow();
    mp.intercept('live', 'list', 'network', 1);
    page(comp).onShow();
    await mp.settle();
    expect(rows(comp)).toHaveLength(1);
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    page(comp).onPullDownRefresh();
    await mp.settle();
    expect(mp.of('stopPullDownRefresh')).toHaveLength(1);
  });
});
