import { DAY, HOUR, shanghaiDayStart, shanghaiHour } from '../../kernel/time';

/**
 * When a message may go, as a pure decision:
 * - transactional messages (a reminder the user asked for, an order update) go at once;
 * - marketing messages (invitations, follow-ups, SOP) wait out quiet hours, 22:00–08:00 Shanghai,
 *   and respect caps per user: at most MARKETING_PER_DAY a day and SMS_PER_30_DAYS SMS in 30 days.
 */
export type MessageKind = 'transactional' | 'marketing';

export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 8;
export const MARKETING_PER_DAY = 2;
export const SMS_PER_30_DAYS = 2;

/** The first moment at or after `now` outside quiet hours. */
export function afterQuietHours(now: number): number {
  const hour = shanghaiHour(now);
  if (hour >= QUIET_END_HOUR && hour < QUIET_START_HOUR) return now;
  const morning = shanghaiDayStart(now) + QUIET_END_HOUR * HOUR;
  return hour >= QUIET_START_HOUR ? morning + DAY : morning;
}

export interface SentCounts {
  /** marketing messages sent to the user since the start of today (Shanghai) */
  marketingToday: number;
  /** SMS sent to the user in the last 30 days */
  smsLast30Days: number;
}

export type Decision = { go: true } | { go: false; defer: number } | { go: false; skip: 'cap_daily' | 'cap_sms' };

export function decide(kind: MessageKind, channel: 'subscribe' | 'sms', now: number, sent: SentCounts): Decision {
  if (kind === 'transactional') return { go: true };
  const at = afterQuietHours(now);
  if (at !== now) return { go: false, defer: at };
  if (sent.marketingToday >= MARKETING_PER_DAY) return { go: false, skip: 'cap_daily' };
  if (channel === 'sms' && sent.smsLast30Days >= SMS_PER_30_DAYS) return { go: false, skip: 'cap_sms' };
  return { go: true };
}

export const startOfShanghaiDay = shanghaiDayStart;
export const THIRTY_DAYS = 30 * DAY;
