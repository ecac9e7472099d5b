import type { StaffRole } from '../../../typings/contract/index';

/**
 * The server's permission table (cloudfunctions/core/kernel/permissions.ts), copied because the
 * mini program cannot import server code. It only decides what the admin screens offer; the
 * server checks every call itself. tests/pages/admin-permissions.test.ts keeps the two equal.
 */
export const PERMISSIONS = {
  'staff.read': ['owner', 'operator', 'cs'],
  'staff.manage': ['owner'],
  'audit.read': ['owner', 'operator'],
  'catalog.write': ['owner', 'operator'],
  'orders.fulfil': ['owner', 'operator', 'cs'],
  'orders.refund': ['owner', 'operator'],
  'marketing.write': ['owner', 'operator'],
  'live.write': ['owner', 'operator'],
  'raffle.write': ['owner', 'operator'],
  'crm.write': ['owner', 'operator'],
  'crm.tasks': ['owner', 'operator', 'cs'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleMay(role: StaffRole | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Every permission with whether `role` holds it, for a page's `can` flags in WXML. */
export function permissionsOf(role: StaffRole | null | undefined): Record<Permission, boolean> {
  const out = {} as Record<Permission, boolean>;
  for (const p of Object.keys(PERMISSIONS) as Permission[]) out[p] = roleMay(role, p);
  return out;
}
