import type { StaffRole } from '../../../typings/contract/index';
import { PERMISSIONS, STAFF_ROLES, type Permission } from './generated/permissions';

/**
 * The server's permission table (cloudfunctions/core/kernel/permissions.ts), through the copy
 * scripts/gen-client-tables.ts writes, because the mini program cannot import server code. It only
 * decides what the admin screens offer; the server checks every call itself.
 */
export { PERMISSIONS, STAFF_ROLES, type Permission };

export function roleMay(role: StaffRole | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

/** Every permission with whether `role` holds it, for a page's `can` flags in WXML. */
export function permissionsOf(role: StaffRole | null | undefined): Record<Permission, boolean> {
  const out = {} as Record<Permission, boolean>;
  for (const p of Object.keys(PERMISSIONS) as Permission[]) out[p] = roleMay(role, p);
  return out;
}
