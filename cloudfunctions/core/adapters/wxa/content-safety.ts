import type { ContentSafetyPort, SafetyScene, Suggest } from '../../ports/content-safety';
import type { WxaCall } from './shipping';

export const SAFETY_APIS = { msgSecCheck: '/wxa/msg_sec_check', mediaCheckAsync: '/wxa/media_check_async' } as const;

const SUGGESTS: readonly Suggest[] = ['pass', 'review', 'risky'];

/** The ContentSafety port on the v2 security APIs. */
export class WxaContentSafety implements ContentSafetyPort {
  constructor(private readonly call: WxaCall) {}

  async checkText(content: string, openid: string, scene: SafetyScene): Promise<{ suggest: Suggest; label: number }> {
    const body = await this.call(SAFETY_APIS.msgSecCheck, { content, version: 2, scene, openid });
    if (Number(body.errcode ?? 0) !== 0) throw new Error(`${SAFETY_APIS.msgSecCheck}: ${String(body.errcode)} ${String(body.errmsg ?? '')}`);
    const result = (body.result ?? {}) as { suggest?: string; label?: number };
    if (!SUGGESTS.includes(result.suggest as Suggest)) throw new Error(`${SAFETY_APIS.msgSecCheck}: no result`);
    return { suggest: result.suggest as Suggest, label: Number(result.label ?? 0) };
  }

  async submitImage(url: string, openid: string, scene: SafetyScene): Promise<{ traceId: string }> {
    const body = await this.call(SAFETY_APIS.mediaCheckAsync, { media_url: url, media_type: 2, version: 2, scene, openid });
    if (Number(body.errcode ?? 0) !== 0 || typeof body.trace_id !== 'string') throw new Error(`${SAFETY_APIS.mediaCheckAsync}: ${String(body.errcode)} ${String(body.errmsg ?? '')}`);
    return { traceId: body.trace_id };
  }
}
