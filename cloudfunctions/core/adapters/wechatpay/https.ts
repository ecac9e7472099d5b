import https from 'node:https';
import type { HttpTransport } from './v3';

/** The v3 adapter's transport in the cloud: node:https with a timeout (fetch is absent on Node 16). */
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
      r.on('timeout', () => r.destroy(new Error('WeChat Pay request timed out')));
      r.on('error', reject);
      if (req.body) r.write(req.body);
      r.end();
    });
}
