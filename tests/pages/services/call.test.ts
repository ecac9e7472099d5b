import { config } from '../../../miniprogram/config';
import { whoami } from '../../../miniprogram/services/admin';
import { ApiFailure, assetUrl, call, newRequestId } from '../../../miniprogram/services/call';
import { getHome, getProduct, listCategories, listProducts } from '../../../miniprogram/services/catalog';
import { DEV_OPENID_KEY, getDevOpenid, setDevOpenid } from '../../../miniprogram/services/identity';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { mp, useRuntime } from '../helpers/wx';

async function failureOf(p: Promise<unknown>): Promise<ApiFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiFailure) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('services: the one way to the backend', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    mp.reset();
    config.mode = 'local';
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    config.mode = 'local';
    await rt.close();
  });

  describe('local mode', () => {
    it('POSTs {action, data} to /api/<fn> as the dev identity and resolves with the data', async () => {
      const home = await getHome();
      expect(home.live?._id).toBe('live-tonight');
      expect(mp.calls).toEqual([
        { transport: 'request', fn: 'mall', action: 'getHome', data: {}, openid: 'demo-shopper', url: 'http://127.0.0.1:8787/api/mall' },
      ]);
    });

    it('wraps each catalogue action', async () => {
      expect((await listCategories()).map((c) => c._id)).toEqual(['cat-skincare', 'cat-makeup', 'cat-fragrance', 'cat-body', 'cat-tools', 'cat-gift']);
      const page = await listProducts({ categoryId: 'cat-gift', page: 1, pageSize: 2 });
      expect(page.total).toBe(3);
      expect(page.items).toHaveLength(2);
      expect((await getProduct('p-foundation')).skus).toHaveLength(3);
      expect(mp.calls.map((c) => [c.action, c.data])).toEqual([
        ['listCategories', {}],
        ['listProducts', { categoryId: 'cat-gift', page: 1, pageSize: 2 }],
        ['getProduct', { productId: 'p-foundation' }],
      ]);
    });

    it('rejects with the contract code and message of a failed action', async () => {
      const e = await failureOf(getProduct('p-nope'));
      expect([e.code, e.message]).toEqual(['PRODUCT_NOT_FOUND', 'Product not found']);
      const invalid = await failureOf(listProducts({ pageSize: 0 }));
      expect([invalid.code, invalid.field]).toEqual(['INVALID_INPUT', 'pageSize']);
    });

    it('rejects with NETWORK when the request fails', async () => {
      mp.intercept('mall', 'getHome', 'network', 1);
      const e = await failureOf(getHome());
      expect(e.code).toBe('NETWORK');
      expect(e).toBeInstanceOf(Error);
    });

    it('rejects with BAD_RESPONSE when the answer is not a result', async () => {
      mp.intercept('mall', 'getHome', { http: 502, body: '<html>Bad Gateway</html>' }, 1);
      const e = await failureOf(getHome());
      expect([e.code, e.message]).toEqual(['BAD_RESPONSE', 'HTTP 502']);
    });

    it('uses the stored dev identity, and only an openid-shaped one', async () => {
      expect(getDevOpenid()).toBe('demo-shopper');
      expect(setDevOpenid('demo-staff')).toBe(true);
      expect(await whoami()).toEqual({ openid: 'demo-staff', role: 'owner' });
      expect(setDevOpenid('not ok!')).toBe(false);
      expect(JSON.parse(mp.storage.get(DEV_OPENID_KEY)!)).toBe('demo-staff');
      mp.storage.set(DEV_OPENID_KEY, JSON.stringify('bad value!'));
      expect(getDevOpenid()).toBe('demo-shopper');
      expect((await failureOf(whoami())).code).toBe('NOT_STAFF');
    });

    it('sends a requestId when given, in the kernel format', async () => {
      const a = newRequestId();
      const b = newRequestId();
      expect(a).not.toBe(b);
      expect(a).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
      await call('mall', 'getHome', {}, { requestId: a });
      expect(mp.calls[0].requestId).toBe(a);
    });
  });

  describe('cloud mode', () => {
    it('calls wx.cloud.callFunction with {action, data, requestId} and unwraps the result', async () => {
      config.mode = 'cloud';
      mp.cloudOpenid = 'demo-staff';
      expect(await whoami()).toEqual({ openid: 'demo-staff', role: 'owner' });
      await call('mall', 'getProduct', { productId: 'p-brow' }, { requestId: 'r-1' });
      expect(mp.calls.map(({ transport, fn, action, data, requestId }) => ({ transport, fn, action, data, requestId }))).toEqual([
        { transport: 'cloud', fn: 'admin', action: 'whoami', data: {}, requestId: undefined },
        { transport: 'cloud', fn: 'mall', action: 'getProduct', data: { productId: 'p-brow' }, requestId: 'r-1' },
      ]);
    });

    it('rejects with NETWORK when callFunction fails, and with the code of a failed action', async () => {
      config.mode = 'cloud';
      mp.intercept('mall', 'getHome', 'network', 1);
      expect((await failureOf(getHome())).code).toBe('NETWORK');
      mp.cloudOpenid = 'demo-shopper';
      expect((await failureOf(whoami())).code).toBe('NOT_STAFF');
    });

    it('leaves asset paths as they are', () => {
      config.mode = 'cloud';
      expect(assetUrl('/assets/p/p-foundation.svg')).toBe('/assets/p/p-foundation.svg');
    });
  });

  it('resolves relative asset paths against the local runtime only', () => {
    expect(assetUrl('/assets/p/p-foundation.svg')).toBe('http://127.0.0.1:8787/assets/p/p-foundation.svg');
    expect(assetUrl('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(assetUrl('cloud://env-1.abc/a.png')).toBe('cloud://env-1.abc/a.png');
    expect(assetUrl('//cdn.example.com/a.png')).toBe('//cdn.example.com/a.png');
    expect(assetUrl('')).toBe('');
    expect(assetUrl(undefined)).toBe('');
  });
});
