/**
 * The ContentSafety port: WeChat's content-security checks (内容安全). Text is checked at once
 * (msgSecCheck v2: pass, review or risky); an image is submitted (mediaCheckAsync v2) and its verdict
 * comes back later as the `wxa_media_check` message push, matched by the trace id WeChat gave. Cloud:
 * the security APIs by cloud call; local: a simulator on the same API with a small blocklist.
 */
export type Suggest = 'pass' | 'review' | 'risky';

/** msgSecCheck / mediaCheckAsync scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type SafetyScene = 1 | 2 | 3 | 4;

export interface ContentSafetyPort {
  checkText(text: string, openid: string, scene: SafetyScene): Promise<{ suggest: Suggest; label: number }>;
  /** submits the image at `url`; the verdict arrives as a MediaCheckPush with this trace id */
  submitImage(url: string, openid: string, scene: SafetyScene): Promise<{ traceId: string }>;
}

/** The `wxa_media_check` push as WeChat sends it (JSON). */
export interface MediaCheckPush {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: number;
  detail: Array<{ strategy: string; errcode: number; suggest: Suggest; label: number; prob?: number }>;
  errcode: number;
  errmsg: string;
  result: { suggest: Suggest; label: number };
}

export function isMediaCheckPush(event: unknown): event is MediaCheckPush {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<MediaCheckPush>;
  return e.MsgType === 'event' && e.Event === 'wxa_media_check' && typeof e.trace_id === 'string' && typeof e.result === 'object' && e.result !== null;
}
