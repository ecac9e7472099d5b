import type { Delivery, MessagingPort, SmsMessage, SubscribeMessage } from '../../ports/messaging';

/**
 * Local delivery: nothing leaves the machine. Every message is kept in memory (and in the outbox
 * the domain writes), so a developer and the tests can read exactly what would have been sent.
 */
export class LocalMessaging implements MessagingPort {
  readonly channel = 'local' as const;
  readonly delivered: Array<{ kind: 'subscribe'; message: SubscribeMessage } | { kind: 'sms'; message: SmsMessage }> = [];

  async sendSubscribe(message: SubscribeMessage): Promise<Delivery> {
    this.delivered.push({ kind: 'subscribe', message });
    return { ok: true };
  }

  async sendSms(message: SmsMessage): Promise<Delivery> {
    this.delivered.push({ kind: 'sms', message });
    return { ok: true };
  }
}
