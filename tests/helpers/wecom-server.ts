import type { HttpRequest, HttpTransport } from '../../cloudfunctions/core/adapters/https';

/**
 * WeCom's server API (qyapi.weixin.qq.com) as the cloud adapter calls it: `gettoken` answers
 * ACCESS_TOKEN; each path in `routes` (under /cgi-bin) answers what its function returns; any other
 * path answers 84061. Every request is kept in `requests` (empty it with `requests.length = 0`).
 */
export function fakeWecomServer(routes: Record<string, (req: HttpRequest) => unknown>): { transport: HttpTransport; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport: HttpTransport = async (req) => {
    requests.push(req);
    const { pathname } = new URL(req.url);
    const answer = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (pathname === '/cgi-bin/gettoken') return answer({ errcode: 0, errmsg: 'ok', access_token: 'ACCESS_TOKEN', expires_in: 7200 });
    const route = routes[pathname.replace(/^\/cgi-bin/, '')];
    if (route) return answer(route(req));
    // e.g. a group member who never added staff is not one of the corp's external contacts
    return answer({ errcode: 84061, errmsg: 'not external contact' });
  };
  return { transport, requests };
}
