import { z } from 'zod';
import { localCaller } from '../../cloudfunctions/core/entry/local';
import type { ActionDef, FunctionDef } from '../../cloudfunctions/core/kernel/define';
import { dispatch, dispatchTimer } from '../../cloudfunctions/core/kernel/dispatch';
import { AppError, ERROR_CODES } from '../../cloudfunctions/core/kernel/errors';
import { REQUEST_RETENTION_MS, STALE_PENDING_MS, beginRequest } from '../../cloudfunctions/core/kernel/idempotency';
import type { RequestRecord } from '../../cloudfunctions/core/schema';
import { PERMISSIONS, STAFF_ROLES, roleMay, type Permission } from '../../cloudfunctions/core/kernel/permissions';
import { SEEN_RESOLUTION_MS } from '../../cloudfunctions/core/kernel/users';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';


/**
 * A small function used only here, so the kernel's write paths (idempotency, audit) are exercised
 * before any real write action exists. It writes to `banners`, a declared collection.
 */
function kernelTestFunction() {
  const executions: Record<string, number> = {};
  const count = (name: string) => (executions[name] = (executions[name] ?? 0) + 1);
  let crashNext = true;
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const note = z.object({ title: z.string().min(1).max(40), sort: z.number().int().min(0).max(99).optional() }).strict();

  const actions: Record<string, ActionDef> = {
    addNote: {
      input: note,
      write: true,
      handler: async (ctx, input) => {
        const { title, sort } = input as z.output<typeof note>;
        const execution = count('addNote');
        const _id = ctx.ids.next();
        await ctx.db.collection('banners').insert({ _id, image: '', title, path: '', sort: sort ?? 0 });
        return { noteId: _id, execution };
      },
    },
    slowNote: {
      input: note,
      write: true,
      handler: async (ctx, input) => {
        const execution = count('slowNote');
        await gate;
        const _id = ctx.ids.next();
        await ctx.db.collection('banners').insert({ _id, image: '', title: (input as { title: string }).title, path: '', sort: 0 });
        return { noteId: _id, execution };
      },
    },
    refuse: {
      input: z.object({}).strict(),
      write: true,
      handler: async () => {
        count('refuse');
        throw new AppError('PRODUCT_NOT_FOUND', 'no such product');
      },
    },
    crashOnce: {
      input: z.object({}).strict(),
      write: true,
      handler: async () => {
        const execution = count('crashOnce');
        if (crashNext) {
          crashNext = false;
          throw new Error('secret detail at /srv/app/handler.ts:42');
        }
        return { execution };
      },
    },
    readNotes: {
      input: z.object({}).strict(),
      write: false,
      handler: async (ctx) => {
        count('readNotes');
        return { total: await ctx.db.collection('banners').count({}) };
      },
    },
    renameBanner: {
      input: z.object({ bannerId: z.string().max(64), title: z.string().min(1).max(40) }).strict(),
      staff: 'staff.read',
      write: true,
      handler: async (ctx, input) => {
        const { bannerId, title } = input as { bannerId: string; title: string };
        const banners = ctx.db.collection('banners');
        const before = await banners.get(bannerId);
        if (!before) throw new AppError('NOT_FOUND');
        await banners.update({ _id: bannerId }, { $set: { title } });
        const after = await banners.get(bannerId);
        ctx.audit({ entity: 'banners', entityId: bannerId, before, after });
        return { title };
      },
    },
    staffTouch: {
      input: z.object({}).strict(),
      staff: 'staff.read',
      write: true,
      handler: async () => ({ touched: true }),
    },
    staffRead: {
      input: z.object({}).strict(),
      staff: 'staff.read',
      write: false,
      handler: async () => ({ read: true }),
    },
  };
  // one staff action per permission, so every row of the permission table is checked
  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    actions[`perm:${permission}`] = { input: z.object({}).strict(), staff: permission, write: false, handler: async () => ({ permission }) };
  }

  const fn: FunctionDef = {
    name: 'kerneltest',
    actions,
    timers: {
      tick: async (ctx) => ({ at: ctx.now, trigger: ctx.trigger }),
    },
  };
  return {
    fn,
    executions,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('function kernel', () => {
  let rt: TestRuntime;
  let kt: ReturnType<typeof kernelTestFunction>;
  const logged: unknown[] = [];
  const call = (openid: string | null, request: unknown) =>
    dispatch(kt.fn, rt.ports, request, localCaller(openid), { log: (_m, e) => logged.push(e) });
  const requests = () => rt.db.collection('requests');

  beforeEach(async () => {
    rt = await testRuntime();
    kt = kernelTestFunction();
    logged.length = 0;
  });
  afterEach(() => rt.close());

  describe('envelope', () => {
    it.each([
      ['missing action', 'INVALID_INPUT', { data: {} }, 'action'],
      ['empty action', 'INVALID_INPUT', { action: '' }, 'action'],
      ['action not a string', 'INVALID_INPUT', { action: 42 }, 'action'],
      ['action over 64 characters', 'INVALID_INPUT', { action: 'a'.repeat(65) }, 'action'],
      ['requestId with a space', 'INVALID_INPUT', { action: 'getHome', requestId: 'a b' }, 'requestId'],
      ['requestId over 64 characters', 'INVALID_INPUT', { action: 'getHome', requestId: 'r'.repeat(65) }, 'requestId'],
      ['unknown action', 'UNKNOWN_ACTION', { action: 'dropEverything' }, undefined],
      ['an inherited property is not an action', 'UNKNOWN_ACTION', { action: 'toString' }, undefined],
      ['neither is the prototype', 'UNKNOWN_ACTION', { action: '__proto__' }, undefined],
      ['nor the constructor', 'UNKNOWN_ACTION', { action: 'constructor' }, undefined],
    ])('%s → %s', async (_what, code, request, field) => {
      const before = rt.writes();
      const r = await rt.call('mall', request, 'demo-shopper');
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.any(String) }) });
      if (!r.ok) expect(r.error.field).toBe(field);
      expect(rt.writes()).toBe(before);
    });

    it.each([
      ['null', null],
      ['a string', 'getHome'],
      ['an array', [{ action: 'getHome' }]],
      ['a number', 7],
    ])('a request that is %s → INVALID_INPUT', async (_what, request) => {
      const r = await rt.call('mall', request, 'demo-shopper');
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });

    it('an unknown function → UNKNOWN_FUNCTION', async () => {
      expect(await rt.call('nope', { action: 'getHome' }, 'demo-shopper')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
      expect(await rt.call('__proto__', { action: 'getHome' }, 'demo-shopper')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
    });

    it.each([
      ['no identity', null],
      ['an identity of the wrong shape', 'not an openid!'],
      ['an empty identity', ''],
    ])('%s → UNAUTHENTICATED, nothing written', async (_what, openid) => {
      const before = rt.writes();
      expect(await rt.as(openid)('mall', 'getHome', {})).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: ERROR_CODES.UNAUTHENTICATED },
      });
      expect(rt.writes()).toBe(before);
    });
  });

  describe('input schema', () => {
    it('a schema failure names the field and writes nothing, not even the new user', async () => {
      const before = rt.writes();
      const r = await rt.as('brand-new-user')('mall', 'listProducts', { pageSize: 'ten' });
      expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('pageSize'), field: 'pageSize' } });
      expect(rt.writes()).toBe(before);
      expect(await rt.db.collection('users').get('brand-new-user')).toBeNull();
    });

    it('an unknown key nested in an object is named by its own path', async () => {
      const r = await call('demo-shopper', { action: 'addNote', data: { title: 'x', extra: 1 } });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'extra' } });
    });

    it('absent data is an empty input; null data is refused', async () => {
      expect(await rt.call('mall', { action: 'getHome' }, 'demo-shopper')).toMatchObject({ ok: true });
      expect(await rt.call('mall', { action: 'getHome', data: null }, 'demo-shopper')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    });

    it('input nested deeper than the kernel walks is refused, not a crash', async () => {
      const depth = 100_000;
      const deep = JSON.parse(`{"title":"x","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`) as unknown;
      const before = rt.writes();
      const r = await call('demo-shopper', { action: 'addNote', data: deep });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('nested too deeply') } });
      expect(rt.writes()).toBe(before);
    });

    it('the staff check comes before validation: a stranger learns nothing of the schema; staff get the input error', async () => {
      expect(await call('demo-shopper', { action: 'staffRead', data: { x: 1 } })).toEqual({ ok: false, error: { code: 'NOT_STAFF', message: expect.any(String) } });
      expect(await call('demo-staff', { action: 'staffRead', data: { x: 1 } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'x' } });
    });

    it('every staff action of every function answers a stranger NOT_STAFF whatever the input', async () => {
      const staffActions = Object.values(FUNCTIONS).flatMap((f) =>
        Object.entries(f.actions)
          .filter(([, a]) => a.staff)
          .map(([name]) => [f.name, name] as const),
      );
      expect(staffActions.length).toBeGreaterThan(40);
      const before = rt.writes();
      for (const [fn, action] of staffActions) {
        for (const data of [{}, { unexpected: 1 }, null, 'x']) {
          const r = await rt.call(fn, { action, data }, 'stranger-probe');
          expect([fn, action, r.ok ? 'ok' : r.error.code, r.ok ? '' : (r.error.field ?? '')]).toEqual([fn, action, 'NOT_STAFF', '']);
        }
      }
      expect(rt.writes()).toBe(before);
    });
  });

  describe('staff', () => {
    it('a shopper calling a staff action gets NOT_STAFF', async () => {
      expect(await rt.as('demo-shopper')('admin', 'whoami', {})).toEqual({
        ok: false,
        error: { code: 'NOT_STAFF', message: ERROR_CODES.NOT_STAFF },
      });
    });

    it('the seeded owner is told who they are', async () => {
      expect(await rt.as('demo-staff')('admin', 'whoami', {})).toEqual({ ok: true, data: { openid: 'demo-staff', role: 'owner' } });
    });

    it('customer service (cs) passes staff.read', async () => {
      await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: T0 });
      expect(await rt.as('cs-1')('admin', 'whoami', {})).toEqual({ ok: true, data: { openid: 'cs-1', role: 'cs' } });
    });

    const grid = STAFF_ROLES.flatMap((role) => (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [role, permission] as const));
    it.each(grid)('role %s on %s follows the permission table', async (role, permission) => {
      await rt.db.collection('staff').insert({ _id: `staff-${role}`, role, createdAt: T0 });
      const r = await call(`staff-${role}`, { action: `perm:${permission}`, data: {} });
      expect(r).toEqual(
        roleMay(role, permission)
          ? { ok: true, data: { permission } }
          : { ok: false, error: { code: 'FORBIDDEN', message: ERROR_CODES.FORBIDDEN } },
      );
    });
  });

  describe('users', () => {
    it('a new openid gets a users record on its first call', async () => {
      expect(await rt.as('o-new-1234')('mall', 'listCategories', {})).toMatchObject({ ok: true });
      expect(await rt.db.collection('users').get('o-new-1234')).toEqual({
        _id: 'o-new-1234',
        openid: 'o-new-1234',
        nickname: '微信用户1234',
        createdAt: T0,
        lastSeenAt: T0,
        lastVisitDay: '2026-11-24',
        welcome: 'done',
      });
      expect(await rt.db.collection('visits').find({ userId: 'o-new-1234' })).toEqual([
        { _id: 'o-new-1234:2026-11-24', userId: 'o-new-1234', day: '2026-11-24', at: T0 },
      ]);
    });

    it('records one visit per Shanghai day', async () => {
      await rt.as('o-daily')('mall', 'listCategories', {});
      rt.clock.advance(SEEN_RESOLUTION_MS + 1);
      await rt.as('o-daily')('mall', 'listCategories', {});
      rt.clock.advance(24 * 3600_000);
      await rt.as('o-daily')('mall', 'listCategories', {});
      const visits = await rt.db.collection('visits').find({ userId: 'o-daily' }, { sort: [['day', 'asc']] });
      expect(visits.map((v) => v.day)).toEqual(['2026-11-24', '2026-11-25']);
    });

    it('lastSeenAt is refreshed only after the resolution has passed, so reads do not write every call', async () => {
      await rt.as('o-seen')('mall', 'listCategories', {});
      const before = rt.writes();
      rt.clock.advance(SEEN_RESOLUTION_MS - 1);
      await rt.as('o-seen')('mall', 'listCategories', {});
      expect(rt.writes()).toBe(before);
      rt.clock.advance(2);
      await rt.as('o-seen')('mall', 'listCategories', {});
      expect(rt.writes()).toBe(before + 1);
      expect((await rt.db.collection('users').get('o-seen'))?.lastSeenAt).toBe(T0 + SEEN_RESOLUTION_MS + 1);
    });

    it('many first calls at once make exactly one record', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, () => rt.as('o-rush')('mall', 'listCategories', {})));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(await rt.db.collection('users').count({ _id: 'o-rush' })).toBe(1);
    });
  });

  describe('requestId idempotency', () => {
    it('the same id with the same body returns the first result and writes nothing again', async () => {
      const first = await call('demo-shopper', { action: 'addNote', data: { title: 'hello', sort: 1 }, requestId: 'req-1' });
      expect(first).toEqual({ ok: true, data: { noteId: expect.any(String), execution: 1 } });
      const before = rt.writes();
      const again = await call('demo-shopper', { action: 'addNote', data: { sort: 1, title: 'hello' }, requestId: 'req-1' });
      expect(again).toEqual(first);
      expect(rt.writes()).toBe(before);
      expect(kt.executions.addNote).toBe(1);
      expect(await rt.db.collection('banners').count({ title: 'hello' })).toBe(1);
    });

    it('the same id with another body → IDEMPOTENCY_CONFLICT, nothing run', async () => {
      await call('demo-shopper', { action: 'addNote', data: { title: 'hello' }, requestId: 'req-2' });
      const before = rt.writes();
      expect(await call('demo-shopper', { action: 'addNote', data: { title: 'bye' }, requestId: 'req-2' })).toEqual({
        ok: false,
        error: { code: 'IDEMPOTENCY_CONFLICT', message: ERROR_CODES.IDEMPOTENCY_CONFLICT },
      });
      expect(rt.writes()).toBe(before);
      expect(kt.executions.addNote).toBe(1);
    });

    it('the id is scoped to the caller and the action', async () => {
      await call('demo-shopper', { action: 'addNote', data: { title: 'a' }, requestId: 'shared' });
      const other = await call('someone-else', { action: 'addNote', data: { title: 'a' }, requestId: 'shared' });
      const slow = await call('demo-shopper', { action: 'slowNote', data: { title: 'a' }, requestId: 'shared' });
      expect([other.ok, slow.ok]).toEqual([true, true]);
      expect([kt.executions.addNote, kt.executions.slowNote]).toEqual([2, 1]);
    });

    it('calls without an id each run', async () => {
      await call('demo-shopper', { action: 'addNote', data: { title: 'a' } });
      await call('demo-shopper', { action: 'addNote', data: { title: 'a' } });
      expect(kt.executions.addNote).toBe(2);
      expect(await requests().count({})).toBe(0);
    });

    it('when 25 duplicates arrive at once, exactly one runs; the rest are told it is in progress; later retries replay', async () => {
      kt.hold();
      const request = { action: 'slowNote', data: { title: 'once' }, requestId: 'rush-1' };
      const pending = Promise.all(Array.from({ length: 25 }, () => call('demo-shopper', request)));
      await new Promise((resolve) => setImmediate(resolve));
      kt.release();
      const results = await pending;
      const winners = results.filter((r) => r.ok);
      expect(winners).toEqual([{ ok: true, data: { noteId: expect.any(String), execution: 1 } }]);
      expect(results.filter((r) => !r.ok)).toEqual(
        Array(24).fill({ ok: false, error: { code: 'REQUEST_IN_PROGRESS', message: ERROR_CODES.REQUEST_IN_PROGRESS } }),
      );
      expect(kt.executions.slowNote).toBe(1);
      expect(await rt.db.collection('banners').count({ title: 'once' })).toBe(1);
      expect(await call('demo-shopper', request)).toEqual(winners[0]);
    });

    it('a business failure is stored and replayed, not run again', async () => {
      const first = await call('demo-shopper', { action: 'refuse', data: {}, requestId: 'fail-1' });
      expect(first).toEqual({ ok: false, error: { code: 'PRODUCT_NOT_FOUND', message: 'no such product' } });
      expect(await call('demo-shopper', { action: 'refuse', data: {}, requestId: 'fail-1' })).toEqual(first);
      expect(kt.executions.refuse).toBe(1);
    });

    it('an unexpected throw → INTERNAL without details, logged, and the id released for a retry', async () => {
      const first = await call('demo-shopper', { action: 'crashOnce', data: {}, requestId: 'crash-1' });
      expect(first).toEqual({ ok: false, error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL } });
      expect(JSON.stringify(first)).not.toMatch(/secret|handler\.ts|\n\s+at /);
      expect(logged).toEqual([expect.objectContaining({ message: 'secret detail at /srv/app/handler.ts:42' })]);
      expect(await requests().count({})).toBe(0);
      expect(await call('demo-shopper', { action: 'crashOnce', data: {}, requestId: 'crash-1' })).toEqual({ ok: true, data: { execution: 2 } });
      expect(await call('demo-shopper', { action: 'crashOnce', data: {}, requestId: 'crash-1' })).toEqual({ ok: true, data: { execution: 2 } });
    });

    it('a pending record left by a call that died is taken over once stale, not before', async () => {
      const key = { fn: 'kerneltest', action: 'addNote', openid: 'demo-shopper', requestId: 'orphan' };
      await beginRequest(rt.db, key, { title: 'x' }, T0 - 1000);
      expect(await call('demo-shopper', { action: 'addNote', data: { title: 'x' }, requestId: 'orphan' })).toMatchObject({
        ok: false,
        error: { code: 'REQUEST_IN_PROGRESS' },
      });
      rt.clock.advance(STALE_PENDING_MS);
      expect(await call('demo-shopper', { action: 'addNote', data: { title: 'x' }, requestId: 'orphan' })).toMatchObject({ ok: true });
      expect(kt.executions.addNote).toBe(1);
      expect(await requests().get('kerneltest:addNote:demo-shopper:orphan')).toMatchObject({ state: 'done' });
    });

    it('read actions ignore the id', async () => {
      await call('demo-shopper', { action: 'readNotes', data: {}, requestId: 'read-1' });
      await call('demo-shopper', { action: 'readNotes', data: {}, requestId: 'read-1' });
      expect(kt.executions.readNotes).toBe(2);
      expect(await requests().count({})).toBe(0);
    });
  });

  describe('audit', () => {
    it('a staff write leaves who, what, when and before/after', async () => {
      const r = await call('demo-staff', { action: 'renameBanner', data: { bannerId: 'banner-1', title: '新标题' } });
      expect(r).toEqual({ ok: true, data: { title: '新标题' } });
      const audit = await rt.db.collection('audit').find({ fn: 'kerneltest' });
      expect(audit).toEqual([
        {
          _id: expect.any(String),
          actor: 'demo-staff',
          role: 'owner',
          fn: 'kerneltest',
          action: 'renameBanner',
          input: { bannerId: 'banner-1', title: '新标题' },
          createdAt: T0,
          entity: 'banners',
          entityId: 'banner-1',
          before: expect.objectContaining({ _id: 'banner-1', title: '今晚 8 点直播：底妆专场' }),
          after: expect.objectContaining({ _id: 'banner-1', title: '新标题' }),
        },
      ]);
    });

    it('a staff write that records no change still leaves one entry', async () => {
      await call('demo-staff', { action: 'staffTouch', data: {} });
      expect(await rt.db.collection('audit').find({ fn: 'kerneltest' })).toEqual([
        expect.objectContaining({ actor: 'demo-staff', action: 'staffTouch', entity: 'kerneltest', entityId: '', before: null, after: null }),
      ]);
    });

    it('failed staff writes, staff reads and shopper writes leave none', async () => {
      expect(await call('demo-staff', { action: 'renameBanner', data: { bannerId: 'nope', title: 'x' } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      await call('demo-staff', { action: 'staffRead', data: {} });
      await call('demo-shopper', { action: 'addNote', data: { title: 'x' } });
      expect(await rt.db.collection('audit').count({ fn: 'kerneltest' })).toBe(0);
    });

    it('a replayed staff write is audited once', async () => {
      const request = { action: 'renameBanner', data: { bannerId: 'banner-2', title: 'again' }, requestId: 'audit-1' };
      await call('demo-staff', request);
      await call('demo-staff', request);
      expect(await rt.db.collection('audit').count({ fn: 'kerneltest' })).toBe(1);
    });
  });

  describe('timers', () => {
    it('dispatchTimer runs the named handler with the clock read once', async () => {
      expect(await dispatchTimer(kt.fn, rt.ports, 'tick')).toEqual({ ok: true, data: { at: T0, trigger: 'tick' } });
    });

    it('an unknown timer → UNKNOWN_ACTION', async () => {
      expect(await dispatchTimer(kt.fn, rt.ports, 'nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
      expect(await rt.runTimer('nope', 'purgeRequests')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
    });

    it('purgeRequests removes idempotency records past retention and keeps the rest', async () => {
      const record = (id: string, createdAt: number): RequestRecord => ({ _id: id, hash: 'h', state: 'done', result: { ok: true, data: null }, createdAt });
      await requests().insert(record('old', T0 - REQUEST_RETENTION_MS - 1));
      await requests().insert(record('older', T0 - 30 * REQUEST_RETENTION_MS));
      await requests().insert(record('edge', T0 - REQUEST_RETENTION_MS));
      await requests().insert(record('new', T0 - 1));
      expect(await rt.runTimer('mall', 'purgeRequests')).toEqual({ ok: true, data: { purged: 2, rateWindows: 0, exports: 0 } });
      expect((await requests().find({})).map((r) => r._id)).toEqual(['edge', 'new']);
    });
  });
});
