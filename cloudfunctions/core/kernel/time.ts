import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Calendar work happens in the merchant's zone. */
export const ZONE = 'Asia/Shanghai';

/**
 * A dayjs in Asia/Shanghai. The zone has kept UTC+8 all year since 1991 (no daylight saving), so a
 * fixed +08:00 offset is the zone exactly for every date this shop will see, without the per-call
 * Intl lookups of the timezone plugin (which dominated the order path's profile).
 */
export const inShanghai = (ms: number) => dayjs(ms).utcOffset(480);

/** Epoch ms of hh:mm on the Shanghai calendar day that contains `ms`. */
export const shanghaiTimeOfDay = (ms: number, hour: number, minute = 0) =>
  inShanghai(ms).hour(hour).minute(minute).second(0).millisecond(0).valueOf();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The same offset as plain arithmetic, for the hottest paths (quiet hours, daily caps, coupon validity). */
const SHANGHAI_OFFSET_MS = 8 * HOUR;

/** Epoch ms of 00:00 Shanghai on the day that contains `ms`. */
export const shanghaiDayStart = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS;

/** The Shanghai wall-clock hour (0–23) at `ms`. */
export const shanghaiHour = (ms: number) => Math.floor((ms - shanghaiDayStart(ms)) / HOUR);

/** `YYYY-MM-DD` of the Shanghai day that contains `ms`. */
export const shanghaiDate = (ms: number) => new Date(shanghaiDayStart(ms) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** Epoch ms of 00:00 Shanghai on a `YYYY-MM-DD` day; NaN for anything else. */
export function shanghaiDayStartOf(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return NaN;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // a day that does not exist (02-30, 13-01) rolls over in Date.UTC: refuse it rather than move it
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== day) return NaN;
  return utc - SHANGHAI_OFFSET_MS;
}
