import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { renderLocalQr } from '../../cloudfunctions/core/adapters/local/codes';
import { renderAsset } from './assets';
import { UPLOAD_RULES, type UploadPurpose } from '../../cloudfunctions/core/ports';
import { previewFile } from '../preview/serve';

/**
 * The local runtime's HTTP face, bound to loopback only:
 *   GET  /health               → {"ok":true}
 *   POST /api/<function>       → {action, data, requestId?} with the caller in X-WX-OPENID
 *   GET  /  and /preview/...   → the browser preview of the mini program's pages (dist/preview)
 *   GET  /assets/...           → the demo shop's images
 *   GET  /codes/qr.png?scene&page → the QR image a share poster draws (the Codes port's local side)
 *   POST /pay/notify           → WeChat Pay v3 notifications, as the cloud's payNotify function takes them
 *   POST /dev/pay {orderId} or {package} → dev only: the simulated WeChat Pay settles the order (named,
 *                                or the one whose JSAPI package "prepay_id=…" it issued, as
 *                                wx.requestPayment holds it) and sends its signed notification through
 *                                the same handler (call again to replay)
 *   GET|POST /wecom/callback   → WeCom callbacks, as the cloud's wecomCallback function takes them
 *   POST /dev/wecom {type, openid, state} → dev only: the simulated WeCom sends an encrypted, signed
 *                                add_contact / join_group callback through the same handler
 *   POST /files?purpose=avatar|product|aftersale|review → an upload (wx.uploadFile's multipart body, caller in
 *                                X-WX-OPENID) checked by the Storage rules and kept: {ok, fileId}
 *   GET  /files/uploads/...    → an uploaded file
 *   GET  /files/exports/<name> → a CSV export, as a download
 *   POST /wxa/push             → WeChat's mini program message push (JSON): trade_manage_order_settlement,
 *                                as the cloud's mall function takes it
 *   POST /dev/confirm-receipt {orderId} → dev only: the buyer confirms receipt in the simulated 确认收货
 *                                component, and its settlement push goes through the same handler
 *
 * Every request must name a loopback Host (localhost, 127.0.0.1, [::1]): a page that rebinds its own
 * name to 127.0.0.1 is refused. A state-changing request (anything but GET/HEAD/OPTIONS) that carries
 * an Origin must come from this server's own origin (the preview) or one listed in `allowedOrigins`;
 * one without Origin (curl, the mini program's wx.request, the platforms) is taken. A request whose
 * headers or body do not arrive in time is answered 408 and its connection closed.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  host?: string;
  /** extra origins allowed to change state, e.g. WeChat DevTools' page origin */
  allowedOrigins?: string[];
  /** the whole request (headers and body) must arrive within this; default 30 s */
  requestTimeoutMs?: number;
  /** the headers must arrive within this; default 10 s */
  headersTimeoutMs?: number;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The name in a Host header ("127.0.0.1:8787" → "127.0.0.1"), null when it is not a host. */
function hostName(host: string | undefined): string | null {
  const m = host ? /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.exec(host) : null;
  return m ? m[1].toLowerCase() : null;
}

type Reply = { status: number; body: string | Buffer; type?: string; headers?: Record<string, string> };

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });
const httpError = (status: number, code: string, message: string) => json(status, { ok: false, error: { code, message } });

const tooLarge = (limit = MAX_BODY_BYTES) => httpError(413, 'PAYLOAD_TOO_LARGE', `body over ${limit} bytes`);

/** The body's bytes, or the 413 reply when it is over `limit`. */
function readBytes(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | Reply> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        resolve(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as text, or the 413 reply when it is over the limit. */
async function readBody(req: http.IncomingMessage): Promise<string | Reply> {
  const bytes = await readBytes(req);
  return Buffer.isBuffer(bytes) ? bytes.toString('utf8') : bytes;
}

/** An upload's body may carry the largest file the Storage rules take, with its multipart framing. */
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

/** The first file part of a multipart/form-data body (what wx.uploadFile sends), or null. */
export function multipartFile(body: Buffer, contentType: string | undefined): Buffer | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return null;
  const delimiter = Buffer.from(`--${mark}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd === -1) return null;
    const head = body.subarray(at + delimiter.length, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next === -1) return null;
    if (/content-disposition:[^\r\n]*filename=/i.test(head)) return body.subarray(headEnd + 4, next);
    at = next + 2;
  }
  return null;
}

export interface ServerHandle {
  url: string;
  server: http.Server;
  /** stops accepting, waits for calls in flight */
  close(): Promise<void>;
}

interface PlatformRequest {
  headers: Record<string, string | undefined>;
  query: Record<string, string>;
  body: string;
}

export async function startServer(runtime: LocalRuntime, port: number, options: ServerOptions = {}): Promise<ServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const extraOrigins = new Set(options.allowedOrigins ?? []);
  /** Why a request is refused before routing: a foreign Host, or a cross-site state change. */
  const refusal = (req: http.IncomingMessage): Reply | null => {
    const name = hostName(req.headers.host);
    if (!name || !LOOPBACK_NAMES.has(name)) return httpError(403, 'HOST_NOT_ALLOWED', 'the local runtime answers only loopback host names');
    const origin = req.headers.origin;
    if (origin === undefined || SAFE_METHODS.has(req.method ?? '')) return null;
    const own = [...LOOPBACK_NAMES].map((n) => `http://${n}:${(server.address() as AddressInfo).port}`);
    if (own.includes(origin) || extraOrigins.has(origin)) return null;
    return httpError(403, 'ORIGIN_NOT_ALLOWED', `requests from ${origin} may not change state here`);
  };
  const answer = (a: { status: number; body: string }): Reply => ({ status: a.status, body: a.body, type: 'text/plain; charset=utf-8' });
  const devBody = (body: string): Record<string, unknown> | Reply => {
    try {
      const value: unknown = JSON.parse(body);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : httpError(400, 'INVALID_INPUT', 'expected a JSON object');
    } catch (e) {
      return httpError(400, 'MALFORMED_JSON', `request body is not valid JSON: ${(e as Error).message}`);
    }
  };
  const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'status' in v && 'body' in v && typeof (v as Reply).status === 'number';
  /** The order a /dev/pay body names: its orderId, or the order whose payment package the simulator issued. */
  const payableOrder = (body: Record<string, unknown>): string | Reply => {
    if (typeof body.orderId === 'string' && body.orderId) return body.orderId;
    if (typeof body.package !== 'string' || !body.package) return httpError(400, 'INVALID_INPUT', 'orderId or package is required');
    return runtime.paysim.orderOfPackage(body.package) ?? httpError(404, 'PREPAY_NOT_FOUND', `the simulator issued no payment package ${body.package}`);
  };
  /** Endpoints the platforms (WeChat Pay, WeCom) call, and the dev endpoints that play them. */
  const PLATFORM_ROUTES: Record<string, { methods: string[]; handle: (r: PlatformRequest) => Promise<Reply> }> = {
    '/wxa/push': {
      methods: ['POST'],
      handle: async (r) => {
        const body = devBody(r.body);
        if (isReply(body)) return body;
        return answer(await runtime.shippingPush(body));
      },
    },
    '/dev/confirm-receipt': {
      methods: ['POST'],
      handle: async (r) => {
        const body = devBody(r.body);
        if (isReply(body)) return body;
        if (typeof body.orderId !== 'string' || !body.orderId) return httpError(400, 'INVALID_INPUT', 'orderId is required');
        const a = await runtime.devConfirmReceipt(body.orderId);
        return json(a.status, { ok: a.status === 200, push: { status: a.status, body: a.body } });
      },
    },
    '/pay/notify': { methods: ['POST'], handle: async (r) => answer(await runtime.notify({ headers: r.headers, body: r.body })) },
    '/wecom/callback': { methods: ['GET', 'POST'], handle: async (r) => answer(await runtime.wecomCallback({ query: r.query, body: r.body })) },
    '/dev/pay': {
      methods: ['POST'],
      handle: async (r) => {
        const body = devBody(r.body);
        if (isReply(body)) return body;
        const orderId = payableOrder(body);
        if (isReply(orderId)) return orderId;
        const a = await runtime.devPay(orderId);
        return json(a.status === 204 ? 200 : a.status, { ok: a.status === 204, notification: { status: a.status, body: a.body } });
      },
    },
    '/dev/wecom': {
      methods: ['POST'],
      handle: async (r) => {
        const body = devBody(r.body);
        if (isReply(body)) return body;
        const { type, openid, state } = body;
        if (type !== 'add_contact' && type !== 'join_group') return httpError(400, 'INVALID_INPUT', "type must be 'add_contact' or 'join_group'");
        if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return httpError(400, 'INVALID_INPUT', 'openid is required');
        if (typeof state !== 'string' || !state || state.length > 30) return httpError(400, 'INVALID_INPUT', 'state is required (at most 30 characters)');
        const a = await runtime.devWecom(type, openid, state);
        return json(a.status, { ok: a.status === 200, callback: { status: a.status, body: a.body } });
      },
    },
  };

  let inFlight = 0;
  let idle: (() => void) | null = null;

  async function route(req: http.IncomingMessage): Promise<Reply> {
    const refused = refusal(req);
    if (refused) {
      req.resume();
      return refused;
    }
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/health') return json(200, { ok: true });
    const preview = req.method === 'GET' || req.method === 'HEAD' ? previewFile(url.pathname) : null;
    if (preview) return preview;
    if (url.pathname === '/codes/qr.png' && req.method === 'GET') {
      const scene = url.searchParams.get('scene') ?? '';
      const page = url.searchParams.get('page') ?? '';
      if (!scene || scene.length > 32 || !/^[A-Za-z0-9/_-]{1,100}$/.test(page)) return httpError(400, 'INVALID_INPUT', 'scene (≤ 32) and page are required');
      return { status: 200, body: await renderLocalQr(scene, page), type: 'image/png' };
    }
    if (url.pathname.startsWith('/assets/')) {
      const svg = req.method === 'GET' ? renderAsset(url.pathname) : null;
      return svg ? { status: 200, body: svg, type: 'image/svg+xml' } : httpError(404, 'NOT_FOUND', 'no such asset');
    }
    if (url.pathname === '/files' && req.method === 'POST') {
      const openid = req.headers['x-wx-openid'];
      if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid)) return httpError(401, 'UNAUTHENTICATED', 'X-WX-OPENID is required');
      const purpose = url.searchParams.get('purpose');
      if (!purpose || !Object.hasOwn(UPLOAD_RULES, purpose)) return httpError(400, 'INVALID_INPUT', 'purpose must be avatar, product, aftersale or review');
      const bytes = await readBytes(req, MAX_UPLOAD_BYTES);
      if (!Buffer.isBuffer(bytes)) return bytes;
      const file = multipartFile(bytes, req.headers['content-type']);
      if (!file) return httpError(400, 'INVALID_INPUT', 'expected multipart/form-data with one file');
      const saved = runtime.storage.save(purpose as UploadPurpose, file);
      return saved.ok ? json(200, { ok: true, fileId: saved.fileId }) : httpError(400, 'FILE_INVALID', saved.reason);
    }
    if (url.pathname.startsWith('/files/uploads/') && req.method === 'GET') {
      const file = runtime.storage.pathOf(`local://${url.pathname.slice('/files/'.length)}`);
      if (!file || !fs.existsSync(file)) return httpError(404, 'NOT_FOUND', 'no such file');
      const type = file.endsWith('.png') ? 'image/png' : file.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
      return { status: 200, body: fs.readFileSync(file), type };
    }
    if (url.pathname.startsWith('/files/exports/') && req.method === 'GET') {
      const name = url.pathname.slice('/files/exports/'.length);
      const file = runtime.storage.pathOf(`local://exports/${name}`);
      if (!file || !fs.existsSync(file)) return httpError(404, 'NOT_FOUND', 'no such file');
      return { status: 200, body: fs.readFileSync(file), type: 'text/csv; charset=utf-8', headers: { 'content-disposition': `attachment; filename="${name}"` } };
    }
    const platform = PLATFORM_ROUTES[url.pathname];
    if (platform) {
      if (!platform.methods.includes(req.method ?? '')) return httpError(405, 'METHOD_NOT_ALLOWED', `use ${platform.methods.join(' or ')}`);
      const text = req.method === 'GET' ? '' : await readBody(req);
      if (typeof text !== 'string') return text;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      return platform.handle({ headers, query: Object.fromEntries(url.searchParams), body: text });
    }
    const api = /^\/api\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (api) {
      if (req.method !== 'POST') return httpError(405, 'METHOD_NOT_ALLOWED', 'use POST');
      const text = await readBody(req);
      if (typeof text !== 'string') return text;
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

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
      // how often half-sent requests are looked for
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    (req, res) => {
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
          ...reply.headers,
        });
        res.end(reply.body);
      })
      .finally(() => {
        inFlight--;
        if (inFlight === 0 && idle) idle();
      });
    },
  );
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
