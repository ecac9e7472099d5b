import type { Ports } from '../ports';
import type { HttpAnswer } from '../domain/payments/notify';

/** CloudBase HTTP access (HTTP 访问服务) event and answer, for functions the platform calls over HTTP. */
export interface HttpEvent {
  httpMethod?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

export function httpMain(handle: (ports: Ports, req: { headers: Record<string, string | undefined>; body: string }) => Promise<HttpAnswer>, makePorts: () => Ports) {
  let ports: Ports | null = null;
  return async (event: HttpEvent) => {
    if ((event.httpMethod ?? 'POST').toUpperCase() !== 'POST') return { statusCode: 405, headers: {}, body: '' };
    ports ??= makePorts();
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const answer = await handle(ports, { headers: event.headers ?? {}, body });
    return { statusCode: answer.status, headers: { 'content-type': 'application/json' }, body: answer.body, isBase64Encoded: false };
  };
}
