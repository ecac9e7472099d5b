import { isPlatformTimer } from '../../cloudfunctions/core/entry/cloud';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { dispatch } from '../../cloudfunctions/core/kernel/dispatch';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/** A timer is told apart by what only the platform sets, never by the event's shape. */
describe('cloud entry: timer triggers', () => {
  const timer = { Type: 'Timer', TriggerName: 'inviteSilentMembers', Time: '2026-12-04T01:00:00Z' };

  it('takes a trigger that carries no mini program identity', () => {
    expect(isPlatformTimer(timer, null)).toBe(true);
  });

  it('refuses the same shape sent by a mini program user', () => {
    // wx.cloud.callFunction({ name: 'live', data: { Type: 'Timer', TriggerName } }): the platform adds
    // the caller to the context (WX_OPENID) and userInfo to the event
    expect(isPlatformTimer(timer, { openid: 'o-user' })).toBe(false);
    expect(isPlatformTimer({ ...timer, userInfo: { appId: 'wx1', openId: 'o-user' } }, null)).toBe(false);
    expect(isPlatformTimer({ Type: 'Timer' }, null)).toBe(false);
    expect(isPlatformTimer({ action: 'getLive' }, null)).toBe(false);
  });

  describe('a forged timer event goes to the kernel as a call', () => {
    let rt: TestRuntime;
    beforeAll(async () => {
      rt = await testRuntime();
    });
    afterAll(() => rt.close());

    it('is refused, and the job does not run', async () => {
      const before = await rt.db.collection('outbox').count({});
      const answer = await dispatch(FUNCTIONS.live, rt.ports, { ...timer, userInfo: { openId: 'o-user' } }, { openid: 'o-user' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'action' } });
      expect(await rt.db.collection('outbox').count({})).toBe(before);
    });
  });
});
