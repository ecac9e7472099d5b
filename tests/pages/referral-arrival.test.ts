import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { mp, useRuntime } from './helpers/wx';

/** Arriving through a share code offers it for first-touch binding once, from the one capture point. */
describe('arrival through a share code', () => {
  let recordEntry: typeof import('../../miniprogram/behaviors/attribution').recordEntry;
  beforeAll(() => {
    // the behaviour module registers a Behavior when loaded; pages get Behavior from miniprogram-simulate
    const g = globalThis as unknown as { Behavior?: (d: unknown) => unknown };
    if (typeof g.Behavior !== 'function') g.Behavior = (d) => d;
    recordEntry = (require('../../miniprogram/behaviors/attribution') as typeof import('../../miniprogram/behaviors/attribution')).recordEntry;
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
});
