import { parseCron } from '../../cloudfunctions/core/kernel/cron';

/** Epoch ms of a wall-clock time in Asia/Shanghai (UTC+8, no daylight saving). */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);

describe('parseCron: CloudBase seven-field timers read in Asia/Shanghai', () => {
  describe('next', () => {
    const cases: Array<[string, string, number, number]> = [
      ['daily 04:30, later the same day', '0 30 4 * * * *', sh(2026, 11, 24, 4, 29, 59, 500), sh(2026, 11, 24, 4, 30)],
      ['daily 04:30, strictly after a due time goes to the next day', '0 30 4 * * * *', sh(2026, 11, 24, 4, 30), sh(2026, 11, 25, 4, 30)],
      ['daily 04:30 from mid-morning crosses the day', '0 30 4 * * * *', sh(2026, 11, 24, 10), sh(2026, 11, 25, 4, 30)],
      ['every 15 seconds within a minute', '*/15 * * * * * *', sh(2026, 11, 24, 10, 0, 7), sh(2026, 11, 24, 10, 0, 15)],
      ['every 15 seconds across a minute', '*/15 * * * * * *', sh(2026, 11, 24, 10, 0, 45), sh(2026, 11, 24, 10, 1, 0)],
      ['every minute across the hour', '0 * * * * * *', sh(2026, 11, 24, 10, 59, 30), sh(2026, 11, 24, 11, 0)],
      ['hourly across midnight', '0 0 * * * * *', sh(2026, 11, 24, 23, 10), sh(2026, 11, 25, 0, 0)],
      ['hourly across a month end', '0 0 * * * * *', sh(2026, 11, 30, 23, 10), sh(2026, 12, 1, 0, 0)],
      ['midnight on 1 January, Shanghai not UTC', '0 0 0 1 1 * *', sh(2026, 12, 31, 12), sh(2027, 1, 1)],
      ['Mondays at 09:00 (2026-11-24 is a Tuesday)', '0 0 9 * * 1 *', sh(2026, 11, 24, 10), sh(2026, 11, 30, 9)],
      ['hour range with a step', '0 0 9-17/4 * * * *', sh(2026, 11, 24, 13), sh(2026, 11, 24, 17)],
      ['hour range with a step wraps to the next day', '0 0 9-17/4 * * * *', sh(2026, 11, 24, 17), sh(2026, 11, 25, 9)],
      ['a list of minutes', '0 0,30 * * * * *', sh(2026, 11, 24, 10, 0, 1), sh(2026, 11, 24, 10, 30)],
      ['a start with a step runs to the top of the range', '5/20 * * * * * *', sh(2026, 11, 24, 10, 0, 30), sh(2026, 11, 24, 10, 0, 45)],
      ['a named year', '0 0 12 1 6 * 2027', sh(2026, 11, 24), sh(2027, 6, 1, 12)],
      ['? means any', '0 0 8 ? * * *', sh(2026, 11, 24, 10), sh(2026, 11, 25, 8)],
      ['a fractional start still lands on a whole second', '* * * * * * *', sh(2026, 11, 24, 10, 0, 0, 1), sh(2026, 11, 24, 10, 0, 1)],
    ];
    it.each(cases)('%s', (_what, expr, after, expected) => {
      expect(parseCron(expr).next(after)).toBe(expected);
    });

    it('returns null when nothing matches within a year', () => {
      expect(parseCron('0 0 0 30 2 * *').next(sh(2026, 1, 1))).toBeNull();
      expect(parseCron('0 0 0 1 1 * 2030').next(sh(2026, 1, 1))).toBeNull();
    });
  });

  describe('matches', () => {
    const cron = parseCron('0 30 4 * * * *');
    it.each([
      ['04:30:00 Shanghai', sh(2026, 11, 24, 4, 30), true],
      ['04:30:00.999 Shanghai (same second)', sh(2026, 11, 24, 4, 30, 0, 999), true],
      ['04:30:01 Shanghai', sh(2026, 11, 24, 4, 30, 1), false],
      ['04:31:00 Shanghai', sh(2026, 11, 24, 4, 31), false],
      ['04:30 UTC (12:30 Shanghai)', Date.UTC(2026, 10, 24, 4, 30), false],
    ])('%s → %s', (_what, ms, expected) => {
      expect(cron.matches(ms)).toBe(expected);
    });

    it('reads the weekday in Shanghai: Sunday 23:30 UTC is Monday there', () => {
      const mondays = parseCron('0 30 7 * * 1 *');
      expect(mondays.matches(Date.UTC(2026, 10, 29, 23, 30))).toBe(true);
      expect(mondays.matches(sh(2026, 11, 29, 7, 30))).toBe(false);
    });
  });

  describe('invalid expressions throw', () => {
    it.each([
      ['too few fields', '0 30 4 * * *', 'cron needs 7 fields'],
      ['too many fields', '0 30 4 * * * * *', 'cron needs 7 fields'],
      ['empty', '', 'cron needs 7 fields'],
      ['second 60', '60 * * * * * *', 'out of range'],
      ['minute 60', '0 60 * * * * *', 'out of range'],
      ['hour 24', '0 0 24 * * * *', 'out of range'],
      ['day 0', '0 0 0 0 * * *', 'out of range'],
      ['day 32', '0 0 0 32 * * *', 'out of range'],
      ['month 13', '0 0 0 * 13 * *', 'out of range'],
      ['weekday 7', '0 0 0 * * 7 *', 'out of range'],
      ['year 2100', '0 0 0 * * * 2100', 'out of range'],
      ['step 0', '*/0 * * * * * *', 'out of range'],
      ['reversed range', '0 0 5-1 * * * *', 'out of range'],
      ['letters', '0 0 abc * * * *', 'bad cron field'],
      ['empty list item', '0 1,,2 * * * * *', 'bad cron field'],
      ['negative number', '0 -1 * * * * *', 'bad cron field'],
      ['L and W are not supported', '0 0 0 L * * *', 'bad cron field'],
    ])('%s', (_what, expr, message) => {
      expect(() => parseCron(expr)).toThrow(message);
    });
  });
});
