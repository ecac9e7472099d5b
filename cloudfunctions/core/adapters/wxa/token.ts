import type { Clock } from '../../ports';
import type { HttpTransport } from '../https';
import type { WxaCall } from './shipping';

const BASE = 'https://api.weixin.qq.com';

/**
 * A mini program server API by path over HTTPS with an access token, for the APIs cloud call does not
 * serve (物流查询组件's query_trace): the token from /cgi-bin/stable_token (appid and secret), kept
 * until five minutes before it expires, fetched again once when an answer says it is invalid (40001, 42001).
 */
export function tokenCall(appId: string, secret: string, transport: HttpTransport, clock: Clock): WxaCall {
  let token: { value: string; expiresAt: number } | null = null;
  const fetchToken = async (): Promise<string> => {
    const res = await transport({
      method: 'POST',
      url: `${BASE}/cgi-bin/stable_token`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret }),
    });
    const body = JSON.parse(res.body) as { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error(`stable_token: ${body.errcode} ${body.errmsg}`);
    token = { value: body.access_token, expiresAt: clock.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  };
  const post = async (apiName: string, body: Record<string, unknown>, accessToken: string) => {
    const res = await transport({ method: 'POST', url: `${BASE}${apiName}?access_token=${accessToken}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  return async (apiName, body) => {
    const current = token && token.expiresAt > clock.now() ? token.value : await fetchToken();
    const answer = await post(apiName, body, current);
    if (answer.errcode === 40001 || answer.errcode === 42001) return post(apiName, body, await fetchToken());
    return answer;
  };
}
