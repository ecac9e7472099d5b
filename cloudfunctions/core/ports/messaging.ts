/**
 * The Messaging port: one-time subscribe messages (订阅消息) and SMS. The domain decides whether a
 * message may go (consent credit, caps, quiet hours) and records every one in the outbox; the port
 * only delivers.
 */
export interface SubscribeMessage {
  openid: string;
  /** the template id as configured in the mini program console */
  templateId: string;
  /** the mini program page the message opens */
  page: string;
  data: Record<string, { value: string }>;
}

/** A marketing SMS as CloudBase sends it: our ≤ 30-character part, and the static website path its link opens. */
export interface SmsMessage {
  phone: string;
  content: string;
  path: string;
}

export type Delivery = { ok: true } | { ok: false; reason: string };

export interface MessagingPort {
  readonly channel: 'wechat' | 'local';
  sendSubscribe(message: SubscribeMessage): Promise<Delivery>;
  sendSms(message: SmsMessage): Promise<Delivery>;
}
