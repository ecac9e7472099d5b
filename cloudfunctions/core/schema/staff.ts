import type { StaffRole } from '../../../typings/contract/admin';
import type { BaseDoc } from './base';

/** A one-time staff invitation, `_id` = the code. */
/** Staff management, the audit trail and catalogue/order operations. */
export interface InviteDoc extends BaseDoc {
  role: StaffRole;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}
