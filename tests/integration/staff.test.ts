import type { StaffRole } from '../../typings/contract/admin';
import type { AuditEntry } from '../../typings/contract';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { PERMISSIONS, type Permission } from '../../cloudfunctions/core/kernel/permissions';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';
import { validSample } from '../helpers/schema-samples';

const ROLES: StaffRole[] = ['cs', 'operator', 'owner'];
const admin = FUNCTIONS.admin;

/** What the permission table says a caller gets, before the action's own rules. */
function expected(permission: Permission | undefined, role: StaffRole | null): 'allowed' | 'NOT_STAFF' | 'FORBIDDEN' {
  if (!permission) return 'allowed';
  if (!role) return 'NOT_STAFF';
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role) ? 'allowed' : 'FORBIDDEN';
}

describe('the role matrix: every admin action × every kind of caller', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    for (const role of ROLES) await rt.db.collection('staff').insert({ _id: `staff-${role}`, role, createdAt: 0 });
  });
  afterAll(() => rt.close());

  const cases = Object.entries(admin.actions).flatMap(([action, def]) =>
    (['shopper', ...ROLES] as const).map((who) => ({ action, permission: def.staff, who })),
  );

  it.each(cases)('admin.$action as $who', async ({ action, permission, who }) => {
    const role = who === 'shopper' ? null : who;
    const caller = role ? `staff-${role}` : 'matrix-shopper';
    const r = await rt.as(caller)('admin', action, validSample(admin.actions[action].input));
    const got = r.ok ? 'allowed' : r.error.code === 'NOT_STAFF' || r.error.code === 'FORBIDDEN' ? r.error.code : 'allowed';
    expect(`${action} ${who}: ${got}`).toBe(`${action} ${who}: ${expected(permission, role)}`);
    if (!r.ok) expect(r.error.code).not.toBe('INTERNAL');
  });

  it('every admin action but accepting an invitation names a permission from the table', () => {
    const unguarded = Object.entries(admin.actions)
      .filter(([, def]) => !def.staff)
      .map(([name]) => name);
    expect(unguarded).toEqual(['acceptStaffInvite']);
  });

  it('the order screens read with staff.read, ship with orders.fulfil and refund with orders.refund', () => {
    const orderActions = ['listAllOrders', 'getOrder', 'shipOrder', 'refundOrder'];
    expect(Object.fromEntries(orderActions.map((a) => [a, admin.actions[a]?.staff]))).toEqual({
      listAllOrders: 'staff.read',
      getOrder: 'staff.read',
      shipOrder: 'orders.fulfil',
      refundOrder: 'orders.refund',
    });
    // so customer service reads and ships orders but never refunds them
    expect(orderActions.filter((a) => (PERMISSIONS[admin.actions[a].staff!] as readonly StaffRole[]).includes('cs'))).toEqual(['listAllOrders', 'getOrder', 'shipOrder']);
  });
});

describe('staff management and the audit trail', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('an operator changing a price leaves an audit record with before and after', async () => {
    await rt.db.collection('staff').insert({ _id: 'op-1', role: 'operator', createdAt: 0 });
    expect(await rt.as('op-1')('admin', 'updateSku', { skuId: 'p-serum-1', priceFen: 27900 })).toMatchObject({ ok: true, data: { priceFen: 27900 } });
    const trail = await rt.as('demo-staff')<{ items: AuditEntry[] }>('admin', 'listAudit', { entity: 'sku', entityId: 'p-serum-1' });
    expect(trail.ok && trail.data.items).toEqual([
      expect.objectContaining({
        actor: 'op-1',
        role: 'operator',
        fn: 'admin',
        action: 'updateSku',
        entity: 'sku',
        entityId: 'p-serum-1',
        before: expect.objectContaining({ priceFen: 29900 }),
        after: expect.objectContaining({ priceFen: 27900 }),
      }),
    ]);
    // the product's listed price follows its lowest SKU
    const product = await rt.as('demo-shopper')<{ priceFen: number }>('mall', 'getProduct', { productId: 'p-serum' });
    expect(product.ok && product.data.priceFen).toBe(27900);
  });

  it('the owner invites with a one-time code; it works once, not for someone else after', async () => {
    const invite = await rt.as('demo-staff')<{ code: string; role: string }>('admin', 'inviteStaff', { role: 'cs' });
    expect(invite.ok).toBe(true);
    const code = invite.ok ? invite.data.code : '';
    const results = await Promise.all(['new-cs-1', 'new-cs-2', 'new-cs-3'].map((u) => rt.as(u)('admin', 'acceptStaffInvite', { code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : ''))).toEqual(['INVITE_INVALID', 'INVITE_INVALID']);
    const winner = results.findIndex((r) => r.ok);
    const who = `new-cs-${winner + 1}`;
    expect(await rt.as(who)('admin', 'whoami', {})).toEqual({ ok: true, data: { openid: who, role: 'cs' } });
    // customer service may not refund, and may not invite
    expect(await rt.as(who)('admin', 'inviteStaff', { role: 'owner' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role may not do this' } });
    const trail = await rt.as('demo-staff')<{ items: AuditEntry[] }>('admin', 'listAudit', { entity: 'staff', entityId: who });
    expect(trail.ok && trail.data.items.map((a) => [a.action, a.after])).toEqual([['acceptStaffInvite', { role: 'cs', invitedBy: 'demo-staff' }]]);
  });

  it('an expired invitation is refused; the last owner cannot be removed or demoted', async () => {
    const invite = await rt.as('demo-staff')<{ code: string }>('admin', 'inviteStaff', { role: 'operator' });
    rt.clock.advance(3 * 24 * 3600_000 + 1);
    expect(await rt.as('late')('admin', 'acceptStaffInvite', { code: invite.ok ? invite.data.code : '' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    expect(await rt.as('demo-staff')('admin', 'removeStaff', { openid: 'demo-staff' })).toEqual({
      ok: false,
      error: { code: 'LAST_OWNER', message: 'The shop must keep at least one owner' },
    });
    expect(await rt.as('demo-staff')('admin', 'setStaffRole', { openid: 'demo-staff', role: 'cs' })).toMatchObject({ ok: false, error: { code: 'LAST_OWNER' } });
  });

  it('stock adjustments never go below zero, even racing orders', async () => {
    await rt.db.collection('skus').update({ _id: 'p-toner-1' }, { $set: { stock: 5 } });
    const takes = await Promise.all(Array.from({ length: 10 }, () => rt.as('demo-staff')('admin', 'adjustStock', { skuId: 'p-toner-1', mode: 'add', quantity: -1 })));
    expect(takes.filter((r) => r.ok)).toHaveLength(5);
    expect(takes.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'STOCK_NEGATIVE')).toBe(true);
    expect((await rt.db.collection('skus').get('p-toner-1'))!.stock).toBe(0);
  });
});

describe.each(CONCURRENCY_DBS)('the last owner (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
    // a second owner, joined through an owner invitation
    const invite = await rt.as('demo-staff')<{ code: string }>('admin', 'inviteStaff', { role: 'owner' });
    expect((await rt.as('owner-2')('admin', 'acceptStaffInvite', { code: invite.ok ? invite.data.code : '' })).ok).toBe(true);
  });
  afterEach(() => rt.close());
  const owners = async () => (await rt.db.collection('staff').find({ role: 'owner' })).map((s) => s._id).sort();

  it('two owners demoting each other at once: one passes, the other is LAST_OWNER, the shop keeps an owner', async () => {
    const results = await Promise.all([
      rt.as('demo-staff')('admin', 'setStaffRole', { openid: 'owner-2', role: 'operator' }),
      rt.as('owner-2')('admin', 'setStaffRole', { openid: 'demo-staff', role: 'operator' }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['LAST_OWNER', 'ok']);
    expect(await owners()).toHaveLength(1);
    expect((await rt.db.collection('slots').get('owners'))!.used).toBe(1);
  });

  it('two owners removing each other at once leave exactly one, and a promotion counts again', async () => {
    const results = await Promise.all([
      rt.as('demo-staff')('admin', 'removeStaff', { openid: 'owner-2' }),
      rt.as('owner-2')('admin', 'removeStaff', { openid: 'demo-staff' }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['LAST_OWNER', 'ok']);
    const [left] = await owners();
    await rt.db.collection('staff').insert({ _id: 'op-1', role: 'operator', createdAt: 0 });
    expect((await rt.as(left)('admin', 'setStaffRole', { openid: 'op-1', role: 'owner' })).ok).toBe(true);
    expect((await rt.as(left)('admin', 'setStaffRole', { openid: left, role: 'cs' })).ok).toBe(true);
    expect(await owners()).toEqual(['op-1']);
    expect(await rt.as('op-1')('admin', 'setStaffRole', { openid: 'op-1', role: 'cs' })).toMatchObject({ ok: false, error: { code: 'LAST_OWNER' } });
  });
});
