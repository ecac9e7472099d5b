import { clockTime, formatCountdown, formatStart, splitCountdown } from '../../../miniprogram/utils/time';

/** 2026-11-24 10:00 in Shanghai */
const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
const shanghai = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 8, minute);

describe('time display in China time', () => {
  it('formats the clock time in Shanghai whatever the machine zone', () => {
    expect(clockTime(shanghai(24, 20))).toBe('20:00');
    expect(clockTime(shanghai(25, 0, 5))).toBe('00:05');
  });

  it('names today, tomorrow and yesterday by the Shanghai calendar', () => {
    expect(formatStart(shanghai(24, 20), NOW)).toBe('今天 20:00');
    expect(formatStart(shanghai(25, 0, 30), NOW)).toBe('明天 00:30');
    expect(formatStart(shanghai(23, 23, 59), NOW)).toBe('昨天 23:59');
    expect(formatStart(shanghai(27, 19, 30), NOW)).toBe('11月27日 19:30');
    // 07:30 Shanghai is still the previous UTC day: the Shanghai day decides
    expect(formatStart(shanghai(24, 7, 30), shanghai(24, 23))).toBe('今天 07:30');
  });

  it('splits and formats a countdown, counting a past target as zero', () => {
    expect(splitCountdown(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 999)).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(formatCountdown((3 * 3600 + 4 * 60 + 5) * 1000)).toBe('03:04:05');
    expect(formatCountdown(((24 + 1) * 3600) * 1000)).toBe('1天 01:00:00');
    expect(formatCountdown(-5000)).toBe('00:00:00');
  });
});
