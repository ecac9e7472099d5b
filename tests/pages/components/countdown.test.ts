import { load, mount, text, unmountAll, type Rendered } from '../helpers/render';

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);

function finishes(comp: Rendered) {
  const events: unknown[] = [];
  comp.addEventListener('finish', (e: { detail: unknown }) => events.push(e.detail));
  return events;
}

describe('countdown', () => {
  let id: string;
  beforeAll(() => {
    id = load('components/countdown/index');
  });
  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    unmountAll();
    jest.useRealTimers();
  });

  it('counts down each second and fires finish once at zero', async () => {
    const comp = mount(id, { target: T0 + 3000 });
    const events = finishes(comp);
    expect(text(comp, '.countdown')).toBe('00:00:03');
    jest.advanceTimersByTime(1000);
    expect(text(comp, '.countdown')).toBe('00:00:02');
    jest.advanceTimersByTime(2000);
    expect(text(comp, '.countdown')).toBe('00:00:00');
    await jest.advanceTimersByTimeAsync(0);
    expect(events).toEqual([{ target: T0 + 3000 }]);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5000);
    expect(events).toHaveLength(1);
  });

  it('clears its timer on detach', () => {
    const comp = mount(id, { target: T0 + 60_000 });
    expect(jest.getTimerCount()).toBe(1);
    comp.detach();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('restarts on a new target without leaving the old timer running', () => {
    const comp = mount(id, { target: T0 + 60_000 });
    comp.setData({ target: T0 + 2 * 3600_000 });
    expect(jest.getTimerCount()).toBe(1);
    expect(text(comp, '.countdown')).toBe('02:00:00');
  });

  it('shows zero and never fires for a target already past', async () => {
    const comp = mount(id, { target: T0 - 1000 });
    const events = finishes(comp);
    expect(text(comp, '.countdown')).toBe('00:00:00');
    await jest.advanceTimersByTimeAsync(5000);
    expect(jest.getTimerCount()).toBe(0);
    expect(events).toEqual([]);
  });
});
