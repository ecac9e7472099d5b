import https from 'node:https';
/** An outbound HTTP call, as the payment and WeCom adapters make them. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

/** The transport in the cloud: node:https with a timeout (fetch is absent on Node 16). */
export function httpsTransport(timeoutMs = 8000): HttpTransport {
  return (req) =>
    new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const r = https.request(
        { method: req.method, hostname: url.hostname, path: url.pathname + url.search, headers: { ...req.headers, 'user-agent': 'live-mall/1.0' }, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      r.on('timeout', () => r.destroy(new Error(`${url.hostname} timed out`)));
      r.on('error', reject);
      if (req.body) r.write(req.body);
      r.end();
    });
}
