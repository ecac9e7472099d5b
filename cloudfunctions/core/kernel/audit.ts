import type { Db } from '../ports';
import { isDuplicateKey } from '../ports';
import type { AuditDoc, AuditIntentDoc } from '../schema';
import type { AuditChange } from './define';

/** One audit entry: the only writer of the audit log (the dispatcher's ctx.audit and the invite accept). */
export async function insertAudit(db: Db, entry: AuditDoc): Promise<void> {
  await db.collection('audit').insert(entry);
}

/**
 * A staff write leaves its audit whatever happens to the call: the intent is recorded before the
 * handler writes anything, and turned into audit entries (`<intent>:<n>`, so completing twice writes
 * nothing new) when the call returns, or by `repairAudits` when it never does.
 */
export async function openAuditIntent(db: Db, intent: AuditIntentDoc): Promise<void> {
  await db.collection('audit_intents').insert(intent);
}

/** The call failed with a business error: it changed nothing, there is nothing to audit. */
export async function dropAuditIntent(db: Db, intentId: string): Promise<void> {
  await db.collection('audit_intents').remove({ _id: intentId });
}

/** Writes the intent's audit entries (its changes, or one entry of unknown outcome) and retires it. */
export async function completeAuditIntent(db: Db, intent: AuditIntentDoc, changes: AuditChange[] | null): Promise<void> {
  const { _id, ...base } = intent;
  const entries: Array<AuditChange & { outcome?: 'unknown' }> = changes?.length
    ? changes
    : [{ entity: intent.fn, entityId: '', before: null, after: null, ...(changes ? {} : { outcome: 'unknown' as const }) }];
  for (const [i, change] of entries.entries()) {
    try {
      await insertAudit(db, { _id: `${_id}:${i}`, ...base, ...change });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  await dropAuditIntent(db, _id);
}

/** An intent older than this belongs to a call that died. */
export const STALE_AUDIT_INTENT_MS = 60_000;

/**
 * The timer's repair: every intent whose call died becomes an audit entry of unknown outcome. At
 * start-up no call of this process is in flight, so every intent is taken (`olderThanMs` 0).
 */
export async function repairAudits(db: Db, now: number, olderThanMs = STALE_AUDIT_INTENT_MS): Promise<{ repaired: number }> {
  const stale = await db.collection('audit_intents').find({ createdAt: { $lte: now - olderThanMs } }, { sort: [['createdAt', 'asc']], limit: 500 });
  for (const intent of stale) await completeAuditIntent(db, intent, null);
  return { repaired: stale.length };
}
