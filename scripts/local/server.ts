import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { renderAsset } from './assets';

/**
 * The local runtime's HTTP face, bound to loopback only:
 *   GET  /health               → {"ok":true}
 *   POST /api/<function>       → {action, data, requestId?} with the caller in X-WX-OPENID
 *   GET  /assets/...           → the demo shop's images
 *   POST /pay/notify           → WeChat Pay v3 notifications, as the cloud's payNotify function takes them
 *   POST /dev/pay {orderId}    → dev only: the simulated WeChat Pay settles the order and sends its
 *                                signed notification through the same handler (call again to replay)
 */
export const MAX_BODY_BYTES = 1024 * 1024;

type Reply = { status: number; body: string; type?: string };

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
const httpError = (status: number, code: string, message: string) => json(status, { ok: false, error: { code, message } });

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface ServerHandle {
  url: string;
  server: http.Server;
  /** stops accepting, waits for calls in flight */
  close(): Promise<void>;
}

export async function startServer(runtime: LocalRuntime, port: number, host = '127.0.0.1'): Promise<ServerHandle> {
  let inFlight = 0;
  let idle: (() => void) | null = null;

  async function route(req: http.IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/health') return json(200, { ok: true });
    if (url.pathname.startsWith('/assets/')) {
      const svg = req.method === 'GET' ? renderAsset(url.pathname) : null;
      return svg ? { status: 200, body: svg, type: 'image/svg+xml' } : httpError(404, 'NOT_FOUND', 'no such asset');
    }
    if (url.pathname === '/pay/notify' || url.pathname === '/dev/pay') {
      if (req.method !== 'POST') return httpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      let text: string;
      try {
        text = await readBody(req);
      } catch (e) {
        if (e instanceof BodyTooLarge) return httpError(413, 'PAYLOAD_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`);
        throw e;
      }
      if (url.pathname === '/pay/notify') {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
        const answer = await runtime.notify({ headers, body: text });
        return { status: answer.status, body: answer.body };
      }
      let orderId: unknown;
      try {
        orderId = (JSON.parse(text) as { orderId?: unknown }).orderId;
      } catch (e) {
        return httpError(400, 'MALFORMED_JSON', `request body is not valid JSON: ${(e as Error).message}`);
      }
      if (typeof orderId !== 'string' || !orderId) return httpError(400, 'INVALID_INPUT', 'orderId is required');
      const answer = await runtime.devPay(orderId);
      return json(answer.status === 204 ? 200 : answer.status, {
        ok: answer.status === 204,
        notification: { status: answer.status, body: answer.body },
      });
    }
    const api = /^\/api\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return httpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      let text: string;
      try {
        text = await readBody(req);
      } catch (e) {
        if (e instanceof BodyTooLarge) return httpError(413, 'PAYLOAD_TOO_LARGE', `body over ${MAX_BODY_BYTES} bytes`);
        throw e;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        return httpError(400, 'MALFORMED_JSON', `request body is not valid JSON: ${(e as Error).message}`);
      }
      const openid = req.headers['x-wx-openid'];
      return json(200, await runtime.call(api[1], body, typeof openid === 'string' ? openid : null));
    }
    return httpError(404, 'NOT_FOUND', `nothing at ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    inFlight++;
    route(req)
      .catch((e): Reply => {
        console.error('[local runtime]', e);
        return httpError(500, 'INTERNAL', 'internal error');
      })
      .then((reply) => {
        res.writeHead(reply.status, {
          'content-type': reply.type ?? 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          ...(reply.status === 413 ? { connection: 'close' } : {}),
        });
        res.end(reply.body);
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0 && idle) idle();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}
