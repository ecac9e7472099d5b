import type { PrivilegeKind } from '../../../typings/contract';
import type { Db } from './db';

/**
 * Grants, each idempotent by its key: a coupon from a template, points, a privilege. Flows pass the
 * modules' implementation (flows/grants.ts) to whoever gives something away (raffle prizes), so the
 * giver does not call into the coupons and points modules itself.
 */
export interface GrantsPort {
  coupon(db: Db, g: { templateId: string; userId: string; key: string; now: number }): Promise<{ couponId: string }>;
  points(db: Db, g: { userId: string; amount: number; key: string; label: string; ref: string; now: number }): Promise<void>;
  privilege(db: Db, g: { userId: string; kind: PrivilegeKind; days: number; key: string; now: number }): Promise<{ privilegeId: string; until: number }>;
}
