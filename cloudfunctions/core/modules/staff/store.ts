import type { StaffRole } from '../../../../typings/contract';
import { PERMISSIONS, type Permission } from '../../kernel/permissions';
import type { Db } from '../../ports';

/** The most staff members one shop has; reads of the whole team stop there. */
export const MAX_STAFF = 200;

/** The openids of the staff whose role holds `permission`. */
export async function staffHolding(db: Db, permission: Permission): Promise<string[]> {
  const roles = [...PERMISSIONS[permission]] as StaffRole[];
  const docs = await db.collection('staff').find({ role: { $in: roles } }, { limit: MAX_STAFF });
  return docs.map((d) => d._id);
}
