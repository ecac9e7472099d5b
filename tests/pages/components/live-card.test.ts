import { load, mount, tap, text, unmountAll, type Rendered } from '../helpers/render';

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
const at20 = Date.UTC(2026, 10, 24, 12, 0, 0);
const live = (state: 'scheduled' | 'live' | 'ended') => ({
  _id: 'live-tonight',
  title: '底妆专场',
  cover: 'http://127.0.0.1:8787/assets/banner/live.svg',
  startAt: at20,
  endAt: at20 + 3 * 3600_000,
  state,
});

describe('live card', () => {
  let id: string;
  beforeAll(() => {
    id = load('components/live-card/index');
  });
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    unmountAll();
    jest.useRealTimers();
  });

  it('shows a scheduled live with its start time and a countdown', () => {
    const comp = mount(id, { live: live('scheduled') });
    expect(text(comp, '.live__badge')).toBe('预告');
    expect(text(comp, '.live__start')).toBe('今天 20:00 开播');
    expect(text(comp, '.live__countdown')).toBe('距开播 10:00:00');
  });

  it.each([
    ['live', '直播中', '正在直播，点击进入'],
    ['ended', '已结束', '直播已结束'],
  ] as const)('shows a %s live without a countdown', (state, badge, hint) => {
    const comp = mount(id, { live: live(state) });
    expect(text(comp, '.live__badge')).toBe(badge);
    expect(text(comp, '.live__hint')).toBe(hint);
    expect(comp.querySelector('.live__countdown')).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('emits select with the live id on tap', async () => {
    const comp: Rendered = mount(id, { live: live('live') });
    const events: unknown[] = [];
    comp.addEventListener('select', (e: { detail: unknown }) => events.push(e.detail));
    const done = tap(comp, '.live');
    await jest.advanceTimersByTimeAsync(0);
    await done;
    expect(events).toEqual([{ liveId: 'live-tonight' }]);
  });

  it('emits started once when the countdown reaches the start', async () => {
    const comp = mount(id, { live: { ...live('scheduled'), startAt: T0 + 2000 } });
    const events: unknown[] = [];
    comp.addEventListener('started', (e: { detail: unknown }) => events.push(e.detail));
    await jest.advanceTimersByTimeAsync(2000);
    await jest.advanceTimersByTimeAsync(3000);
    expect(events).toEqual([{ liveId: 'live-tonight' }]);
  });

  it('stops the countdown when the card goes away', () => {
    mount(id, { live: live('scheduled') });
    expect(jest.getTimerCount()).toBe(1);
    unmountAll();
    expect(jest.getTimerCount()).toBe(0);
  });
});
