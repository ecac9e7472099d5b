import type { Clock, Random } from '../../ports';
import type { MediaCheckPush, Suggest } from '../../ports/content-safety';
import { SAFETY_APIS } from '../wxa/content-safety';

/** Words the local check treats as WeChat's would: risky (refused) and review (a person looks). */
export const LOCAL_RISKY_WORDS = ['加微信', '代购', '赌博', '色情'];
export const LOCAL_REVIEW_WORDS = ['私聊', '返现'];

const LABELS: Record<Suggest, number> = { pass: 100, review: 20001, risky: 20002 };

/**
 * WeChat's content-security API as the local runtime's: msg_sec_check answers at once by the
 * blocklists; media_check_async answers a trace id and queues the `wxa_media_check` push (pass unless
 * a test set a verdict for the URL), delivered by `deliver()` as WeChat would push it.
 */
export class ContentSafetySimulator {
  private readonly queued: MediaCheckPush[] = [];
  readonly verdicts = new Map<string, Suggest>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly appId: string,
  ) {}

  call = async (apiName: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    if (typeof body.openid !== 'string' || !body.openid || body.version !== 2) return { errcode: 47001, errmsg: 'data format error' };
    if (apiName === SAFETY_APIS.msgSecCheck) {
      const text = String(body.content ?? '');
      const suggest: Suggest = LOCAL_RISKY_WORDS.some((w) => text.includes(w)) ? 'risky' : LOCAL_REVIEW_WORDS.some((w) => text.includes(w)) ? 'review' : 'pass';
      return { errcode: 0, errmsg: 'ok', result: { suggest, label: LABELS[suggest] }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label: LABELS[suggest] }], trace_id: this.traceId() };
    }
    if (apiName === SAFETY_APIS.mediaCheckAsync) {
      const url = String(body.media_url ?? '');
      if (!url) return { errcode: 47001, errmsg: 'data format error: media_url' };
      const traceId = this.traceId();
      const suggest = this.verdicts.get(url) ?? 'pass';
      this.queued.push({
        ToUserName: 'gh_local',
        FromUserName: String(body.openid),
        CreateTime: Math.floor(this.clock.now() / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: this.appId,
        trace_id: traceId,
        version: 2,
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label: LABELS[suggest], prob: 90 }],
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label: LABELS[suggest] },
      });
      return { errcode: 0, errmsg: 'ok', trace_id: traceId };
    }
    return { errcode: 40066, errmsg: 'invalid url' };
  };

  /** The pushes due, in the order they were queued; each once. */
  deliver(): MediaCheckPush[] {
    return this.queued.splice(0);
  }

  private traceId(): string {
    return Buffer.from(this.random.bytes(12)).toString('hex');
  }
}
