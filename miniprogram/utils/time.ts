/**
 * Calendar display in China time. Asia/Shanghai has had no daylight saving since 1991, so a fixed
 * +08:00 offset is exact and keeps the client free of a timezone library.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since epoch in China time, for "today / tomorrow" comparisons. */
const chinaDay = (ms: number) => Math.floor((ms + OFFSET_MS) / DAY_MS);

/** "20:00" */
export function clockTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "今天 20:00", "明天 20:00", "昨天 20:00" or "11月26日 20:00", relative to `now`. */
export function formatStart(startAt: number, now: number): string {
  const diff = chinaDay(startAt) - chinaDay(now);
  const time = clockTime(startAt);
  if (diff === 0) return `今天 ${time}`;
  if (diff === 1) return `明天 ${time}`;
  if (diff === -1) return `昨天 ${time}`;
  const d = new Date(startAt + OFFSET_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`;
}

export interface CountdownParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a remaining duration (negative counts as zero) into whole parts. */
export function splitCountdown(remainingMs: number): CountdownParts {
  const total = Math.max(0, Math.floor(remainingMs / 1000));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** "2天 03:04:05" or "03:04:05" */
export function formatCountdown(remainingMs: number): string {
  const { days, hours, minutes, seconds } = splitCountdown(remainingMs);
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}

/** "2026-11-24 20:05" in China time */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The China-time calendar day of `ms`, "2026-11-24": what a list grouped by day groups on. */
export function dayKey(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A day heading relative to `now`: "今天", "昨天", "11月20日", or "2025年11月20日" in another year. */
export function dayHeading(ms: number, now: number): string {
  const diff = chinaDay(now) - chinaDay(ms);
  if (diff === 0) return '今天';
  if (diff === 1) return '昨天';
  const d = new Date(ms + OFFSET_MS);
  const sameYear = d.getUTCFullYear() === new Date(now + OFFSET_MS).getUTCFullYear();
  return `${sameYear ? '' : `${d.getUTCFullYear()}年`}${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
