import { DAY, HOUR, MINUTE, ZONE, inShanghai, shanghaiDate, shanghaiDayStart, shanghaiHour, shanghaiTimeOfDay } from '../../cloudfunctions/core/kernel/time';

const sh = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('time helpers in Asia/Shanghai', () => {
  it('names the zone and the unit constants', () => {
    expect(ZONE).toBe('Asia/Shanghai');
    expect([MINUTE, HOUR, DAY]).toEqual([60_000, 3_600_000, 86_400_000]);
  });

  it.each([
    ['UTC morning is Shanghai afternoon', Date.UTC(2026, 10, 24, 6, 15), '2026-11-24 14:15'],
    ['UTC 16:00 is Shanghai midnight the next day', Date.UTC(2026, 11, 31, 16, 0), '2027-01-01 00:00'],
    ['UTC 15:59 is still the old year', Date.UTC(2026, 11, 31, 15, 59), '2026-12-31 23:59'],
  ])('inShanghai: %s', (_what, ms, expected) => {
    expect(inShanghai(ms).format('YYYY-MM-DD HH:mm')).toBe(expected);
  });

  it.each([
    ['20:00 on the same Shanghai day', sh(2026, 11, 24, 10), 20, 0, sh(2026, 11, 24, 20)],
    ['uses the Shanghai day even when the UTC date differs', sh(2026, 11, 25, 1, 30), 20, 0, sh(2026, 11, 25, 20)],
    ['just before Shanghai midnight', sh(2026, 11, 24, 23, 59), 8, 30, sh(2026, 11, 24, 8, 30)],
    ['drops seconds and milliseconds', sh(2026, 11, 24, 10) + 12_345, 10, 0, sh(2026, 11, 24, 10)],
  ])('shanghaiTimeOfDay: %s', (_what, ms, hour, minute, expected) => {
    expect(shanghaiTimeOfDay(ms, hour, minute)).toBe(expected);
  });
});

describe('Shanghai day arithmetic (UTC+8, no daylight saving)', () => {
  it.each([
    ['afternoon', sh(2026, 11, 24, 14, 15)],
    ['just after midnight', sh(2027, 1, 1, 0, 0)],
    ['just before midnight', sh(2026, 12, 31, 23, 59)],
    ['a summer day', sh(2026, 7, 1, 7, 30)],
  ])('agrees with the zone database: %s', (_what, ms) => {
    expect(shanghaiDayStart(ms)).toBe(inShanghai(ms).startOf('day').valueOf());
    expect(shanghaiHour(ms)).toBe(inShanghai(ms).hour());
    expect(shanghaiDate(ms)).toBe(inShanghai(ms).format('YYYY-MM-DD'));
  });
});
