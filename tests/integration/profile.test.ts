import { startServer, type ServerHandle } from '../../scripts/local/server';
import { UPLOAD_RULES } from '../../cloudfunctions/core/ports';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

// a 1×1 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SHOPPER = 'profile-shopper';

describe('profile: the avatar through the Storage port, and the nickname', () => {
  let rt: TestRuntime;
  let server: ServerHandle;
  beforeAll(async () => {
    rt = await testRuntime();
    server = await startServer(rt, 0);
  });
  afterAll(async () => {
    await server.close();
    await rt.close();
  });

  /** What wx.uploadFile sends: multipart/form-data with one file part, built by undici's FormData. */
  async function upload(bytes: Buffer, purpose = 'avatar', openid: string | null = SHOPPER, name = 'tmp.png') {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${server.url}/files?purpose=${purpose}`, { method: 'POST', body: form, headers: openid ? { 'x-wx-openid': openid } : {} });
    return { status: res.status, body: (await res.json()) as { ok: boolean; fileId?: string; error?: { code: string } } };
  }

  it('keeps an uploaded image, takes it as the avatar, and serves it', async () => {
    const up = await upload(PNG);
    expect(up).toMatchObject({ status: 200, body: { ok: true, fileId: expect.stringMatching(/^local:\/\/uploads\/avatar\/[0-9a-f]{24}\.png$/) } });
    const set = await rt.as(SHOPPER)<{ avatarUrl: string }>('points', 'setProfile', { avatarFileId: up.body.fileId });
    expect(set).toMatchObject({ ok: true, data: { avatarUrl: expect.stringMatching(/\/files\/uploads\/avatar\/[0-9a-f]{24}\.png$/), nicknameSet: false } });
    const path = new URL(set.ok ? set.data.avatarUrl : '').pathname;
    const served = await fetch(`${server.url}${path}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await rt.as(SHOPPER)('points', 'profile', {})).toMatchObject({ ok: true, data: { avatarUrl: set.ok ? set.data.avatarUrl : '' } });
  });

  it('judges a file by its bytes and its size, not its name', async () => {
    expect(await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'avatar', SHOPPER, 'a.png')).toMatchObject({ status: 400, body: { error: { code: 'FILE_INVALID' } } });
    const big = Buffer.concat([PNG, Buffer.alloc(UPLOAD_RULES.avatar.maxBytes)]);
    expect(await upload(big)).toMatchObject({ status: 400, body: { error: { code: 'FILE_INVALID' } } });
    expect((await upload(PNG, 'avatar', null)).status).toBe(401);
    expect((await upload(PNG, 'anything')).status).toBe(400);
  });

  it('takes as an avatar only an avatar upload that exists', async () => {
    const product = await upload(PNG, 'product');
    for (const avatarFileId of ['local://uploads/avatar/000000000000000000000000.png', product.body.fileId!, 'cloud://env.bucket/uploads/avatar/x.png']) {
      const r = await rt.as(SHOPPER)('points', 'setProfile', { avatarFileId });
      expect(r.ok || r.error).toMatchObject({ code: 'FILE_INVALID', field: 'avatarFileId' });
    }
    expect((await rt.as(SHOPPER)('points', 'setProfile', { avatarFileId: '../../etc/passwd' })).ok).toBe(false);
  });

  it('keeps the nickname the member typed, for them only', async () => {
    const before = await rt.as('someone-else')<{ nickname: string }>('points', 'profile', {});
    expect(await rt.as(SHOPPER)('points', 'setProfile', { nickname: '  晚风  ' })).toMatchObject({ ok: true, data: { nickname: '晚风', nicknameSet: true } });
    expect(await rt.as(SHOPPER)('points', 'profile', {})).toMatchObject({ ok: true, data: { nickname: '晚风', nicknameSet: true } });
    expect(await rt.as('someone-else')('points', 'profile', {})).toEqual(before);
    expect((await rt.as(SHOPPER)('points', 'setProfile', { nickname: '' })).ok).toBe(false);
    expect((await rt.as(SHOPPER)('points', 'setProfile', {})).ok).toBe(false);
  });

  it('refuses a nickname the content check calls risky and keeps the one before', async () => {
    expect(await rt.as(SHOPPER)('points', 'setProfile', { nickname: '晚风' })).toMatchObject({ ok: true });
    expect(await rt.as(SHOPPER)('points', 'setProfile', { nickname: '加微信领红包' })).toMatchObject({ ok: false, error: { code: 'NICKNAME_REFUSED', field: 'nickname' } });
    expect(await rt.as(SHOPPER)('points', 'profile', {})).toMatchObject({ ok: true, data: { nickname: '晚风' } });
    // one the check only flags is kept: there is no one to ask about a nickname
    expect(await rt.as(SHOPPER)('points', 'setProfile', { nickname: '私聊小店' })).toMatchObject({ ok: true, data: { nickname: '私聊小店' } });
  });
});
