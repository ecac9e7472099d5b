import type tcb from '@cloudbase/node-sdk';
import type { WxaCall } from '../wxa/shipping';

type CloudApp = ReturnType<typeof tcb.init>;

/**
 * A mini program server API by path through cloud call (callWxOpenApi): no access token to keep. The
 * answer comes back as a Buffer or a JSON string; it is parsed, and an answer that is not JSON is an error.
 */
export function cloudCall(app: CloudApp): WxaCall {
  return async (apiName, body) => {
    const res = (await app.callWxOpenApi({ apiName, requestData: body })) as { result?: unknown };
    const raw = res.result;
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : JSON.stringify(raw ?? {});
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${apiName} answered ${text.slice(0, 200)}`);
    return parsed as Record<string, unknown>;
  };
}
