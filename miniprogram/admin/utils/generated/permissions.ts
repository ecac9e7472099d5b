// Generated from cloudfunctions/core/kernel/permissions.ts by scripts/gen-client-tables.ts.
// Do not edit: change the server's source, then run `npm run gen:client-tables`.

import type { StaffRole } from '../../../../typings/contract/index';

/** Which staff roles may use each permission. */
export const PERMISSIONS = {
  /** read-only staff screens: whoami, dashboards, lists */
  'staff.read': ['owner', 'operator', 'cs'],
  /** invite, re-role and remove staff */
  'staff.manage': ['owner'],
  /** read the audit trail */
  'audit.read': ['owner', 'operator'],
  /** products, SKUs, prices and stock */
  'catalog.write': ['owner', 'operator'],
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
  /** tag rules, SOP rules, the post-live job and recommendation rebuilds */
  'crm.write': ['owner', 'operator'],
  /** customers' profiles: orders, points, tags, watch history, consents, messages */
  'customers.read': ['owner', 'operator', 'cs'],
  /** add or take a customer's points by hand, with a reason */
  'points.adjust': ['owner', 'operator'],
  /** export orders and customers as CSV (receivers' full addresses and phones) */
  'data.export': ['owner', 'operator'],
  /** work through staff follow-up tasks */
  'crm.tasks': ['owner', 'operator', 'cs'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'operator', 'cs'];
