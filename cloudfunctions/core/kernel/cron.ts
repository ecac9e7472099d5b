import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * CloudBase timer expressions: seven fields, `second minute hour day month weekday year`,
 * read in Asia/Shanghai (UTC+8 all year). Supports `*`, `n`, `a-b`, `a,b`, `*\/n` and `a-b/n`.
 */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

const RANGES: Array<[number, number]> = [
  [0, 59], // second
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 6], // weekday, 0 = Sunday
  [1970, 2099], // year
];

function parseField(text: string, [lo, hi]: [number, number]): Set<number> | null {
  if (text === '*' || text === '?') return null;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|\d+|\d+-\d+)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`bad cron field: ${text}`);
    let from: number;
    let to: number;
    if (m[1] === '*') [from, to] = [lo, hi];
    else if (m[1].includes('-')) [from, to] = m[1].split('-').map(Number) as [number, number];
    else [from, to] = [Number(m[1]), m[2] ? hi : Number(m[1])];
    const step = m[2] ? Number(m[2]) : 1;
    if (from < lo || to > hi || from > to || step < 1) throw new Error(`cron field out of range: ${text}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export interface Cron {
  matches(ms: number): boolean;
  /** the first whole second strictly after `afterMs` that matches, within a year, or null */
  next(afterMs: number): number | null;
}

export function parseCron(expr: string): Cron {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`cron needs 7 fields (s m h d M w y): ${expr}`);
  const [sec, ...rest] = fields.map((f, i) => parseField(f, RANGES[i]));
  const minuteMatches = (ms: number) => {
    const t = dayjs(ms).utcOffset(SHANGHAI_OFFSET_MINUTES);
    const values = [t.minute(), t.hour(), t.date(), t.month() + 1, t.day(), t.year()];
    return values.every((v, i) => rest[i] === null || rest[i]!.has(v));
  };
  const secondMatches = (ms: number) => sec === null || sec.has(Math.floor(ms / 1000) % 60);
  return {
    matches: (ms) => minuteMatches(ms) && secondMatches(ms),
    next(afterMs) {
      let t = Math.floor(afterMs / 1000) * 1000 + 1000;
      const end = afterMs + 366 * 24 * 3600_000;
      while (t <= end) {
        if (minuteMatches(t)) {
          for (let s = t; s < t - (t % 60_000) + 60_000; s += 1000) if (secondMatches(s)) return s;
        }
        t = t - (t % 60_000) + 60_000;
      }
      return null;
    },
  };
}
