import type { PrivilegeKind } from '../../../../typings/contract';
import { DAY } from '../../kernel/time';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { PrivilegeDoc } from '../../schema';

/**
 * The one way a privilege is given (points redemption, raffle prize): it runs on from the end of the
 * same kind still in force, or from now. Idempotent: `_id` is the key, a repeat answers the first.
 */
export async function grantPrivilege(
  db: Db,
  g: { userId: string; kind: PrivilegeKind; days: number; key: string; now: number },
): Promise<{ privilegeId: string; from: number; until: number }> {
  const privileges = db.collection('privileges');
  const existing = await privileges.get(g.key);
  if (existing) return { privilegeId: existing._id, from: existing.from, until: existing.until };
  const held = await privileges.find({ userId: g.userId, until: { $gt: g.now } }, { limit: 50 });
  const from = Math.max(g.now, ...held.filter((p) => p.kind === g.kind).map((p) => p.until));
  const doc: PrivilegeDoc = { _id: g.key, userId: g.userId, kind: g.kind, from, until: from + g.days * DAY, redemptionId: g.key, createdAt: g.now };
  try {
    await privileges.insert(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const first = (await privileges.get(g.key))!;
    return { privilegeId: first._id, from: first.from, until: first.until };
  }
  return { privilegeId: doc._id, from: doc.from, until: doc.until };
}
