import http from 'node:http';
import net from 'node:net';
import { MAX_BODY_BYTES, startServer, type ServerHandle } from '../../scripts/local/server';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over node:http; settles on the response even if the server closes the upload early. */
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      const piece = 64 * 1024;
      for (let i = 0; i < body.length; i += piece) req.write(body.subarray(i, i + piece));
      req.end();
    } else req.end(options.body);
  });
}

describe('local HTTP server', () => {
  let rt: TestRuntime;
  let server: ServerHandle;
  const post = (fn: string, body: unknown, openid?: string) =>
    request(`${server.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    rt = await testRuntime();
    server = await startServer(rt, 0);
  });
  afterAll(async () => {
    await server.close();
    await rt.close();
  });

  it('binds to loopback on the port it was given', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /health → {"ok":true}', async () => {
    const r = await request(`${server.url}/health`);
    expect([r.status, r.headers['content-type'], JSON.parse(r.body)]).toEqual([200, 'application/json; charset=utf-8', { ok: true }]);
  });

  it('POST /api/mall listProducts as demo-shopper returns the page', async () => {
    const r = await post('mall', { action: 'listProducts', data: { pageSize: 5 } }, 'demo-shopper');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; data: { items: Array<{ _id: string }>; total: number } };
    expect(body.ok).toBe(true);
    expect(body.data.items).toHaveLength(5);
    expect(body.data.total).toBeGreaterThanOrEqual(32);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('returns the same result over HTTP as through the runtime', async () => {
    const request = { action: 'getProduct', data: { productId: 'p-serum' } };
    const direct = await rt.call('mall', request, 'demo-shopper');
    expect(JSON.parse((await post('mall', request, 'demo-shopper')).body)).toEqual(direct);
  });

  it('admin.whoami: NOT_STAFF for the shopper, owner for the staff member', async () => {
    const shopper = JSON.parse((await post('admin', { action: 'whoami', data: {} }, 'demo-shopper')).body);
    const staff = JSON.parse((await post('admin', { action: 'whoami', data: {} }, 'demo-staff')).body);
    expect(shopper).toEqual({ ok: false, error: { code: 'NOT_STAFF', message: 'Staff only' } });
    expect(staff).toEqual({ ok: true, data: { openid: 'demo-staff', role: 'owner' } });
  });

  it('without the identity header the call is UNAUTHENTICATED', async () => {
    expect(JSON.parse((await post('mall', { action: 'getHome' })).body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('malformed JSON → 400 MALFORMED_JSON with a clear message, nothing written', async () => {
    const before = rt.writes();
    const r = await post('mall', '{"action": "getHome",', 'demo-shopper');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: { code: 'MALFORMED_JSON', message: expect.stringMatching(/^request body is not valid JSON: .+/) },
    });
    expect(rt.writes()).toBe(before);
  });

  it('an empty body is malformed JSON', async () => {
    expect((await post('mall', '', 'demo-shopper')).status).toBe(400);
  });

  it('a body over 1 MB with a declared length → 413', async () => {
    const body = JSON.stringify({ action: 'listProducts', data: { keyword: 'x'.repeat(MAX_BODY_BYTES) } });
    const r = await post('mall', body, 'demo-shopper');
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: `body over ${MAX_BODY_BYTES} bytes` } });
  });

  it('a chunked body that grows past 1 MB → 413', async () => {
    const body = JSON.stringify({ action: 'listProducts', data: { keyword: 'y'.repeat(MAX_BODY_BYTES + 10) } });
    const r = await request(`${server.url}/api/mall`, { method: 'POST', headers: { 'x-wx-openid': 'demo-shopper' }, body, chunked: true });
    expect(r.status).toBe(413);
  });

  it('keeps serving after refusing a large body', async () => {
    expect(JSON.parse((await request(`${server.url}/health`)).body)).toEqual({ ok: true });
  });

  it('an unsigned WeCom callback built to make a parser backtrack is refused and the server keeps answering', async () => {
    const query = 'msg_signature=' + '0'.repeat(40) + '&timestamp=1&nonce=n';
    // many openings with no closing element, just under the server's body limit
    const opener = '<Encrypt><![CDATA[';
    const body = '<xml>' + opener.repeat(Math.floor((MAX_BODY_BYTES - 64) / opener.length)) + '</xml>';
    const [refused, health] = await Promise.all([
      request(`${server.url}/wecom/callback?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body }),
      request(`${server.url}/health`),
    ]);
    expect([refused.status, refused.body]).toEqual([401, 'callback too large']);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    // within WeCom's size, an opening with no close is still no envelope
    const small = await request(`${server.url}/wecom/callback?${query}`, { method: 'POST', body: '<xml>' + opener.repeat(2000) + '</xml>' });
    expect([small.status, small.body]).toEqual([401, 'no Encrypt element']);
  });

  it('an unknown function → UNKNOWN_FUNCTION', async () => {
    const r = await post('nothing', { action: 'getHome' }, 'demo-shopper');
    expect([r.status, JSON.parse(r.body)]).toEqual([200, { ok: false, error: { code: 'UNKNOWN_FUNCTION', message: 'no function nothing' } }]);
  });

  it.each(['GET', 'PUT', 'DELETE'])('%s on /api/<fn> → 405', async (method) => {
    const r = await request(`${server.url}/api/mall`, { method });
    expect([r.status, JSON.parse(r.body)]).toEqual([405, { ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } }]);
  });

  it.each(['/', '/api', '/api/', '/api/mall/extra', '/api/%2e%2e'])('nothing at %s → 404', async (path) => {
    expect((await request(`${server.url}${path}`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it.each([
    ['a product image', '/assets/p/p-foundation.svg', '柔雾持妆粉底液'],
    ['a category icon', '/assets/icons/skincare.svg', '护肤'],
    ['the live banner', '/assets/banner/live.svg', '底妆专场'],
  ])('serves %s as SVG', async (_what, path, text) => {
    const r = await request(`${server.url}${path}`);
    expect([r.status, r.headers['content-type']]).toEqual([200, 'image/svg+xml']);
    expect(r.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(r.body).toContain(text);
  });

  it('draws every image the shop refers to with Chinese captions, never its file name', async () => {
    const paths = new Set<string>();
    const add = (p: string | undefined) => p && p.startsWith('/assets/') && paths.add(p.split('?')[0]);
    for (const p of await rt.db.collection('products').find({})) [p.image, ...p.images].forEach(add);
    for (const c of await rt.db.collection('categories').find({})) add(c.icon);
    for (const b of await rt.db.collection('banners').find({})) add(b.image);
    for (const r of await rt.db.collection('rewards').find({})) add(r.image);
    for (const l of await rt.db.collection('lives').find({})) add(l.cover);
    expect([...paths].filter((p) => p.includes('reward-'))).toHaveLength(2);
    for (const path of paths) {
      const r = await request(`${server.url}${path}`);
      expect([path, r.status]).toEqual([path, 200]);
      const texts = [...r.body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      const name = path.replace(/^.*\//, '').replace(/\.svg$/, '');
      expect(texts.some((t) => t.includes(name))).toBe(false);
      expect(texts.join('')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  describe('POST /dev/pay', () => {
    const devPay = (body: unknown) => request(`${server.url}/dev/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ADDRESS = { userName: '李四', telNumber: '13900002222', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 2 号' };

    async function prepaidOrder(): Promise<{ orderId: string; pkg: string }> {
      const shopper = rt.as('demo-shopper');
      const address = await shopper<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
      if (!address.ok) throw new Error(address.error.code);
      const order = await shopper<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: address.data.addressId });
      if (!order.ok) throw new Error(order.error.code);
      const params = await shopper<{ package: string }>('mall', 'prepay', { orderId: order.data.orderId });
      if (!params.ok) throw new Error(params.error.code);
      return { orderId: order.data.orderId, pkg: params.data.package };
    }

    it('settles the order whose payment package the simulator issued, as wx.requestPayment holds it', async () => {
      const { orderId, pkg } = await prepaidOrder();
      const r = await devPay({ timeStamp: '1', nonceStr: 'n', package: pkg, signType: 'RSA', paySign: 's' });
      expect([r.status, JSON.parse(r.body).ok]).toEqual([200, true]);
      expect((await rt.db.collection('orders').get(orderId))?.status).toBe('paid');
    });

    it('settles an order named by id', async () => {
      const { orderId } = await prepaidOrder();
      expect((await devPay({ orderId })).status).toBe(200);
      expect((await rt.db.collection('orders').get(orderId))?.status).toBe('paid');
    });

    it('refuses a cross-site post (a page elsewhere paying a victim’s order) and takes the preview’s own', async () => {
      const { orderId } = await prepaidOrder();
      const unpaid = (await rt.db.collection('orders').get(orderId))?.status;
      const forged = await request(`${server.url}/dev/pay`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: JSON.stringify({ orderId }) });
      expect([forged.status, JSON.parse(forged.body).error.code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
      expect((await rt.db.collection('orders').get(orderId))?.status).toBe(unpaid);
      const own = await request(`${server.url}/dev/pay`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ orderId }) });
      expect(own.status).toBe(200);
      expect((await rt.db.collection('orders').get(orderId))?.status).toBe('paid');
    });

    it('404s a package the simulator never issued, 400s a body naming neither', async () => {
      const unknown = await devPay({ package: 'prepay_id=wx-never-issued' });
      expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([404, 'PREPAY_NOT_FOUND']);
      const neither = await devPay({});
      expect([neither.status, JSON.parse(neither.body).error.code]).toEqual([400, 'INVALID_INPUT']);
    });
  });

  it('404s an asset path it does not draw', async () => {
    expect((await request(`${server.url}/assets/p/../../etc/passwd`)).status).toBe(404);
    expect((await request(`${server.url}/assets/other/x.svg`)).status).toBe(404);
  });
});

describe('local HTTP server: who may reach it', () => {
  let rt: TestRuntime;
  let server: ServerHandle;
  const call = (headers: Record<string, string>, path = '/api/mall', body: unknown = { action: 'saveAddress', data: ADDRESS }) =>
    request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'demo-shopper', ...headers }, body: JSON.stringify(body) });
  const ADDRESS = { userName: '王五', telNumber: '13900003333', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 3 号' };
  const addresses = () => rt.db.collection('addresses').count({ userId: 'demo-shopper' });

  beforeAll(async () => {
    rt = await testRuntime();
    server = await startServer(rt, 0, { allowedOrigins: ['http://127.0.0.1:9420'], requestTimeoutMs: 400, headersTimeoutMs: 400 });
  });
  afterAll(async () => {
    await server.close();
    await rt.close();
  });

  it.each([['evil.example'], ['evil.example:80'], ['127.0.0.1.evil.example'], ['user@127.0.0.1']])(
    'refuses Host %j (DNS rebinding) on reads and writes, writing nothing',
    async (host) => {
      const before = await addresses();
      const page = await request(`${server.url}/health`, { headers: { host } });
      expect([page.status, JSON.parse(page.body).error.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
      const write = await call({ host });
      expect([write.status, JSON.parse(write.body).error.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
      expect(await addresses()).toBe(before);
    },
  );

  it.each([['localhost'], ['127.0.0.1'], ['[::1]']])('answers the loopback name %s with or without a port', async (name) => {
    const port = new URL(server.url).port;
    for (const host of [name, `${name}:${port}`]) expect((await request(`${server.url}/health`, { headers: { host } })).status).toBe(200);
  });

  it('a state change with a foreign Origin is refused; its own origin, a listed one and no Origin are taken', async () => {
    const before = await addresses();
    for (const origin of ['https://evil.example', 'null', 'http://localhost:1', `${server.url}.evil.example`]) {
      const r = await call({ origin });
      expect([origin, r.status, JSON.parse(r.body).error.code]).toEqual([origin, 403, 'ORIGIN_NOT_ALLOWED']);
    }
    expect(await addresses()).toBe(before);
    const port = new URL(server.url).port;
    const takes: Array<Record<string, string>> = [{ origin: server.url }, { origin: `http://localhost:${port}` }, { origin: 'http://127.0.0.1:9420' }, {}];
    for (const headers of takes) {
      const r = await call(headers);
      expect([headers, r.status, JSON.parse(r.body).ok]).toEqual([headers, 200, true]);
    }
    expect(await addresses()).toBe(before + 4);
  });

  it('reads stay open to any Origin (the browser keeps their answers from other sites)', async () => {
    expect((await request(`${server.url}/health`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('a request whose body never finishes arriving is answered 408 and closed; the server keeps answering', async () => {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c) => (text += c.toString('utf8')));
      socket.on('close', () => resolve(text));
    });
    socket.write(`POST /api/mall HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-WX-OPENID: demo-shopper\r\n\r\n{"action":`);
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
    expect((await request(`${server.url}/health`)).status).toBe(200);
  });
});
