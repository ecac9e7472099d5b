import type tcb from '@cloudbase/node-sdk';
import type { Delivery, MessagingPort, SmsMessage, SubscribeMessage } from '../../ports/messaging';

type CloudApp = ReturnType<typeof tcb.init>;

/** The cloudbase.sendSms body for a marketing SMS (the platform adds the signature and 回 T 退订). */
export const smsRequest = (env: string, m: SmsMessage) => ({
  env,
  phone_number_list: [`+86${m.phone}`],
  sms_type: 'Marketing',
  content: m.content,
  path: m.path,
  use_short_name: false,
});

/**
 * Delivery through WeChat open APIs by CloudBase's cloud call (云调用, no access token to manage):
 * subscribeMessage.send and CloudBase SMS (/tcb/sendsms).
 */
export class CloudMessaging implements MessagingPort {
  readonly channel = 'wechat' as const;

  constructor(
    private readonly app: CloudApp,
    private readonly env: string,
  ) {}

  private async call(apiName: string, requestData: unknown): Promise<Delivery> {
    try {
      const res = (await this.app.callWxOpenApi({ apiName, requestData })) as { result?: unknown; code?: string; message?: string };
      if (res.code) return { ok: false, reason: `${res.code} ${res.message ?? ''}`.trim() };
      const body = typeof res.result === 'string' ? (JSON.parse(res.result) as { errcode?: number; errmsg?: string }) : (res.result as { errcode?: number; errmsg?: string } | undefined);
      if (body?.errcode) return { ok: false, reason: `${body.errcode} ${body.errmsg ?? ''}`.trim() };
      return { ok: true };
    } catch (e) {
      return { ok: false, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  sendSubscribe(m: SubscribeMessage): Promise<Delivery> {
    return this.call('/cgi-bin/message/subscribe/send', {
      touser: m.openid,
      template_id: m.templateId,
      page: m.page,
      data: m.data,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
    });
  }

  sendSms(m: SmsMessage): Promise<Delivery> {
    return this.call('/tcb/sendsms', smsRequest(this.env, m));
  }
}
