import type { Db } from '../ports';
import type { AuditDoc } from '../schema';

/** One audit entry: the only writer of the audit log (the dispatcher's ctx.audit and the invite accept). */
export async function insertAudit(db: Db, entry: AuditDoc): Promise<void> {
  await db.collection('audit').insert(entry);
}
