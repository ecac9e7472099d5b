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

/** A shopper who said no to SMS (退订); `_id` = the user. */
export interface SmsOptOutDoc extends BaseDoc {
  at: number;
}

export const creditId = (userId: string, templateId: string) => `${userId}:${templateId}`;
