import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { mp, useRuntime } from './helpers/wx';

/** Arriving through a share code offers it for first-touch binding once, from the one capture point. */
describe('arrival through a share code', () => {
  type Behaviour = typeof import('../../miniprogram/behaviors/attribution');
  let recordEntry: Behaviour['recordEntry'];
  let resolveEntry: Behaviour['resolveEntry'];
  beforeAll(() => {
    // the behaviour module registers a Behavior when loaded; pages get Behavior from miniprogram-simulate
    const g = globalThis as unknown as { Behavior?: (d: unknown) => unknown };
    if (typeof g.Behavior !== 'function') g.Behavior = (d) => d;
    ({ recordEntry, resolveEntry } = require('../../miniprogram/behaviors/attribution') as Behaviour);
  });
  let rt: TestRuntime;
  let code: string;
  let info: jest.SpyInstance;
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
    info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const made = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', { liveId: 'live-tonight' });
    if (!made.ok) throw new Error(made.error.code);
    code = made.data.code;
  });
  afterEach(async () => {
    info.mockRestore();
    await rt.close();
  });

  const as = (openid: string) => mp.storage.set('devOpenid', JSON.stringify(openid));
  const bindings = async () => {
    const r = await rt.as('demo-staff')<{ items: Array<{ inviteeId: string; inviterId: string; code: string }> }>('admin', 'listBindings', {});
    return r.ok ? r.data.items.map((b) => [b.inviteeId, b.inviterId, b.code]) : [];
  };

  it('binds a new user arriving with `code=` once, however often the entry is captured', async () => {
    as('newcomer-1');
    recordEntry(mp.app, { live: 'live-tonight', code });
    recordEntry(mp.app, { live: 'live-tonight', code });
    await mp.settle();
    recordEntry(mp.app, { code });
    await mp.settle();
    expect(mp.callsTo('referral', 'bind').map((c) => c.data)).toEqual([{ code }]);
    expect(await bindings()).toEqual([['newcomer-1', 'demo-shopper', code]]);
    expect(mp.app.globalData.attribution).toEqual({ liveId: 'live-tonight', inviteCode: code, source: 'invite' });
  });

  it('binds through a poster scene `c=`', async () => {
    as('newcomer-2');
    recordEntry(mp.app, { scene: encodeURIComponent(`c=${code}`) });
    await mp.settle();
    expect(mp.callsTo('referral', 'bind').map((c) => c.data)).toEqual([{ code }]);
    expect(await bindings()).toEqual([['newcomer-2', 'demo-shopper', code]]);
  });

  it('takes a refusal quietly: the sharer opening their own link is only logged', async () => {
    as('demo-shopper');
    recordEntry(mp.app, { code });
    await mp.settle();
    expect(mp.callsTo('referral', 'bind')).toHaveLength(1);
    expect(mp.of('showToast')).toEqual([]);
    expect(mp.of('showModal')).toEqual([]);
    expect(info).toHaveBeenCalledWith(`referral.bind ${code}: REFERRAL_SELF`);
    expect(await bindings()).toEqual([]);
  });

  it('tries again on a later arrival after a network failure, and never for entries without a code', async () => {
    as('newcomer-3');
    recordEntry(mp.app, { live: 'live-tonight' });
    recordEntry(mp.app, { code: 'x' });
    await mp.settle();
    expect(mp.callsTo('referral', 'bind')).toEqual([]);

    mp.intercept('referral', 'bind', 'network', 1);
    recordEntry(mp.app, { code });
    await mp.settle();
    recordEntry(mp.app, { code });
    await mp.settle();
    expect(mp.callsTo('referral', 'bind')).toHaveLength(2);
    expect(await bindings()).toEqual([['newcomer-3', 'demo-shopper', code]]);
  });

  describe("resolving a poster's code (scene c=<code>)", () => {
    const poster = (c: string) => ({ attribution: { share: c, source: 'share' as const } });

    it('asks the server once per code and session, however many pages resolve it', async () => {
      const [first, second] = await Promise.all([resolveEntry(mp.app, poster(code)), resolveEntry(mp.app, poster(code))]);
      const third = await resolveEntry(mp.app, poster(code));
      const expected = { attribution: { liveId: 'live-tonight', share: code, source: 'share' }, code: 'resolved' };
      expect([first, second, third]).toEqual([expected, expected, expected]);
      expect(mp.callsTo('referral', 'resolveCode').map((c) => c.data)).toEqual([{ code }]);
    });

    it('a new session asks again', async () => {
      await resolveEntry(mp.app, poster(code));
      const otherApp: IAppOption = { globalData: { attribution: null } };
      await resolveEntry(otherApp, poster(code));
      expect(mp.callsTo('referral', 'resolveCode')).toHaveLength(2);
    });

    it('an unknown code is unknown, once; a malformed one is never sent', async () => {
      expect(await resolveEntry(mp.app, poster('Unknown99'))).toEqual({ ...poster('Unknown99'), code: 'unknown' });
      expect(await resolveEntry(mp.app, poster('Unknown99'))).toEqual({ ...poster('Unknown99'), code: 'unknown' });
      expect(await resolveEntry(mp.app, poster('x_1'))).toEqual({ ...poster('x_1'), code: 'unknown' });
      expect(mp.callsTo('referral', 'resolveCode').map((c) => c.data)).toEqual([{ code: 'Unknown99' }]);
    });

    it('a failed look-up is reported and asked again next time', async () => {
      mp.intercept('referral', 'resolveCode', 'network', 1);
      expect(await resolveEntry(mp.app, poster(code))).toEqual({ ...poster(code), code: 'failed', reason: 'NETWORK' });
      expect(await resolveEntry(mp.app, poster(code))).toEqual(expect.objectContaining({ code: 'resolved' }));
      expect(mp.callsTo('referral', 'resolveCode')).toHaveLength(2);
    });

    it('asks nothing for an entry that names its own live or product', async () => {
      expect(await resolveEntry(mp.app, { attribution: { liveId: 'live-tonight', share: code, source: 'share' } })).toEqual(
        expect.objectContaining({ code: 'none' }),
      );
      expect(mp.callsTo('referral', 'resolveCode')).toEqual([]);
    });
  });
});
