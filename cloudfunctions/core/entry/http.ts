import type { Ports } from '../ports';
import type { HttpAnswer } from '../kernel/http';

/** CloudBase HTTP access (HTTP 访问服务) event and answer, for functions the platform calls over HTTP. */
export interface HttpEvent {
  httpMethod?: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string;
  isBase64Encoded?: boolean;
}

export interface HttpIn {
  method: string;
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  body: string;
}

export function httpMain(handle: (ports: Ports, req: HttpIn) => Promise<HttpAnswer>, makePorts: () => Ports, options: { allowGet?: boolean } = {}) {
  let ports: Ports | null = null;
  return async (event: HttpEvent) => {
    const method = (event.httpMethod ?? 'POST').toUpperCase();
    if (method !== 'POST' && !(options.allowGet && method === 'GET')) return { statusCode: 405, headers: {}, body: '' };
    ports ??= makePorts();
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = await handle(ports, { method, headers, query: event.queryStringParameters ?? {}, body });
    return { statusCode: answer.status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: answer.body, isBase64Encoded: false };
  };
}
