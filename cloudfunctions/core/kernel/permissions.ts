import type { StaffRole } from '../../../typings/contract/admin';

/**
 * The permission table: which staff roles may use each permission. Admin actions name one
 * permission; the kernel answers NOT_STAFF to non-staff and FORBIDDEN to a role not listed here.
 */
export const PERMISSIONS = {
  /** read-only staff screens: whoami, dashboards, lists */
  'staff.read': ['owner', 'operator', 'cs'],
  /** ship paid orders */
  'orders.fulfil': ['owner', 'operator', 'cs'],
  /** refund paid orders */
  'orders.refund': ['owner', 'operator'],
  /** coupon templates and the rewards store */
  'marketing.write': ['owner', 'operator'],
  /** create and run lives: cards, state, re-runs, keywords */
  'live.write': ['owner', 'operator'],
  /** create raffles and run their draws */
  'raffle.write': ['owner', 'operator'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'operator', 'cs'];

export function roleMay(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}
