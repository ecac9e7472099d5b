import { ERROR_CODES } from '../../typings/contract/errors';
import type { TestRuntime } from '../helpers/runtime';

/**
 * The order screens' reads ask the permission table, not a role by name: with `staff.read` taken
 * from customer service, the list and the detail refuse it (before looking at the input), while
 * the roles still listed read on.
 */
jest.mock('../../cloudfunctions/core/kernel/permissions', () => {
  const actual = jest.requireActual<typeof import('../../cloudfunctions/core/kernel/permissions')>('../../cloudfunctions/core/kernel/permissions');
  const PERMISSIONS: Record<string, readonly string[]> = { ...actual.PERMISSIONS, 'staff.read': ['owner', 'operator'] };
  return { ...actual, PERMISSIONS, roleMay: (role: string, permission: string) => PERMISSIONS[permission].includes(role) };
});

// required after the mock: this project's transform does not hoist jest.mock above imports
const { testRuntime } = jest.requireActual<typeof import('../helpers/runtime')>('../helpers/runtime');

describe('a role without the permission the order screens need', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    await rt.db.collection('staff').insert({ _id: 'op-1', role: 'operator', createdAt: 0 });
  });
  afterAll(() => rt.close());

  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: ERROR_CODES.FORBIDDEN } };

  it('is refused the list and the detail, whatever the input', async () => {
    expect(await rt.as('cs-1')('admin', 'listAllOrders', { status: 'paid' })).toEqual(forbidden);
    expect(await rt.as('cs-1')('admin', 'listAllOrders', { phoneTail: 'abc' })).toEqual(forbidden);
    expect(await rt.as('cs-1')('admin', 'getOrder', { orderId: 'demo-order-3' })).toEqual(forbidden);
    expect(await rt.as('cs-1')('admin', 'getOrder', { orderId: 'no-such-order' })).toEqual(forbidden);
  });

  it('leaves a role that holds it reading', async () => {
    expect(await rt.as('op-1')('admin', 'listAllOrders', { orderId: 'demo-order-3' })).toMatchObject({ ok: true, data: { items: [{ _id: 'demo-order-3' }], total: 1 } });
    expect(await rt.as('op-1')('admin', 'getOrder', { orderId: 'demo-order-3' })).toMatchObject({ ok: true, data: { _id: 'demo-order-3', status: 'paid' } });
  });
});
