import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Calendar work happens in the merchant's zone. */
export const ZONE = 'Asia/Shanghai';

export const inShanghai = (ms: number) => dayjs(ms).tz(ZONE);

/** Epoch ms of hh:mm on the Shanghai calendar day that contains `ms`. */
export const shanghaiTimeOfDay = (ms: number, hour: number, minute = 0) =>
  inShanghai(ms).hour(hour).minute(minute).second(0).millisecond(0).valueOf();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
