import type { BaseDoc } from './base';

/** Transactional messages (asked for, order updates) go at once; marketing waits out quiet hours and caps. */
export type MessageKind = 'transactional' | 'marketing';

export interface ConsentCreditDoc extends BaseDoc {
  userId: string;
  templateId: string;
  credits: number;
  updatedAt: number;
}

export type OutboxStatus = 'pending' | 'sent' | 'skipped' | 'deferred' | 'failed';

/** One message the system decided on, whatever became of it. `_id` is its idempotency key. */
export interface OutboxDoc extends BaseDoc {
  channel: 'subscribe' | 'sms';
  kind: MessageKind;
  userId: string;
  /** template id (subscribe) or content label (sms) */
  template: string;
  params: Record<string, string>;
  page: string | null;
  /** sms: the rendered text */
  content: string | null;
  status: OutboxStatus;
  /** why it was skipped, deferred or failed: no_consent_credit, cap_daily, cap_sms, quiet_hours, no_phone, opted_out (SMS 退订), expired (past its deadline), no_longer_relevant (its reason is gone when due), or the platform's answer */
  reason: string | null;
  /** deferred: not before this time */
  notBefore: number | null;
  /** not sent at or after this time: a held message past it is dropped (`expired`), e.g. an invitation after its live */
  deadline?: number | null;
  createdAt: number;
  sentAt: number | null;
  /** what produced it, e.g. `live:<id>:reminder` */
  source: string;
}

/**
 * A member's SMS contact, `_id` = the user: whether they said no to SMS (退订: `optedOutAt`, null
 * when they did not or took it back) and the phone they gave through WeChat's quick verification
 * (getPhoneNumber), where SMS goes before their address's. One read answers both.
 */
export interface SmsContactDoc extends BaseDoc {
  optedOutAt: number | null;
  /** without the country code, as WeChat's purePhoneNumber */
  phone: string | null;
  countryCode: string | null;
  boundAt: number | null;
}

export const creditId = (userId: string, templateId: string) => `${userId}:${templateId}`;
