import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { recordEvent, tagAddedKey } from '../../kernel/events';
import { evaluate, factsUsed, type UserFacts } from './expr';
import { loadFacts } from './facts';
import { ruleSource, userTagId, type TagRuleDoc, type UserTagDoc } from '../../schema';

/**
 * Tags from rules. The decision is pure (`planTags`): for one user's facts and held tags, which
 * tags each rule adds, confirms (its expiry moves on) or removes. `evaluateTags` loads, decides and
 * writes for a batch of users; a tag added records a `tag_added` event for SOP rules.
 */
export interface HeldTag {
  tag: string;
  source: string;
  expiresAt: number;
}

export type TagChange =
  | { kind: 'add'; tag: string; ruleId: string; expiresAt: number }
  | { kind: 'confirm'; tag: string; ruleId: string; expiresAt: number }
  | { kind: 'remove'; tag: string; ruleId: string };

const DAY = 24 * 3600_000;
export const isLive = (t: Pick<HeldTag, 'expiresAt'>, now: number) => t.expiresAt > now;

/** Rules in order; a tag a rule adds is visible to `has_tag` in the rules after it. */
export function planTags(rules: TagRuleDoc[], facts: UserFacts, held: HeldTag[], now: number): TagChange[] {
  const current = new Map(held.filter((t) => isLive(t, now)).map((t) => [t.tag, t]));
  const changes: TagChange[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const holds = evaluate(rule.expr, facts, new Set(current.keys()));
    const have = current.get(rule.tag);
    const until = now + rule.ttlDays * DAY;
    if (holds && !have) {
      changes.push({ kind: 'add', tag: rule.tag, ruleId: rule._id, expiresAt: until });
      current.set(rule.tag, { tag: rule.tag, source: ruleSource(rule._id), expiresAt: until });
    } else if (holds && have) {
      const expiresAt = Math.max(have.expiresAt, until);
      if (expiresAt !== have.expiresAt) changes.push({ kind: 'confirm', tag: rule.tag, ruleId: rule._id, expiresAt });
      current.set(rule.tag, { ...have, expiresAt });
    } else if (!holds && have && rule.removeWhenFalse && have.source === ruleSource(rule._id)) {
      changes.push({ kind: 'remove', tag: rule.tag, ruleId: rule._id });
      current.delete(rule.tag);
    }
  }
  return changes;
}

export const loadTagRules = (db: Db) => db.collection('tag_rules').find({ enabled: true }, { sort: [['createdAt', 'asc']] });

/** Adds a tag unless the user holds it; an expired copy is replaced. True when this call added it. */
export async function addTag(db: Db, t: { userId: string; tag: string; source: string; expiresAt: number; now: number }): Promise<boolean> {
  const tags = db.collection('user_tags');
  const _id = userTagId(t.userId, t.tag);
  const doc: UserTagDoc = { _id, userId: t.userId, tag: t.tag, source: t.source, addedAt: t.now, expiresAt: t.expiresAt, confirmedAt: t.now };
  let added = false;
  try {
    await tags.insert(doc);
    added = true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    added = (await tags.update({ _id, expiresAt: { $lte: t.now } }, { $set: { ...doc } })) === 1;
  }
  if (added) await recordEvent(db, { _id: tagAddedKey(t.userId, t.tag, t.now), userId: t.userId, type: 'tag_added', at: t.now, ref: t.tag });
  return added;
}

export interface TagTally {
  added: number;
  confirmed: number;
  removed: number;
}

export async function evaluateTags(db: Db, userIds: string[], now: number, rules?: TagRuleDoc[]): Promise<TagTally> {
  const tally: TagTally = { added: 0, confirmed: 0, removed: 0 };
  const active = (rules ?? (await loadTagRules(db))).filter((r) => r.enabled);
  if (!active.length || !userIds.length) return tally;
  const facts = await loadFacts(db, userIds, now, factsUsed(active.map((r) => r.expr)));
  const held = await db.collection('user_tags').find({ userId: { $in: userIds } });
  const heldBy = new Map<string, HeldTag[]>();
  for (const t of held) heldBy.set(t.userId, [...(heldBy.get(t.userId) ?? []), t]);
  const tags = db.collection('user_tags');
  for (const userId of userIds) {
    for (const change of planTags(active, facts.get(userId)!, heldBy.get(userId) ?? [], now)) {
      const _id = userTagId(userId, change.tag);
      if (change.kind === 'add') {
        if (await addTag(db, { userId, tag: change.tag, source: ruleSource(change.ruleId), expiresAt: change.expiresAt, now })) tally.added++;
      } else if (change.kind === 'confirm') {
        tally.confirmed += await tags.update({ _id }, { $set: { expiresAt: change.expiresAt, confirmedAt: now } });
      } else {
        tally.removed += await tags.remove({ _id, source: ruleSource(change.ruleId) });
      }
    }
  }
  return tally;
}

/** Tags past their expiry go; how many. */
export function removeExpiredTags(db: Db, now: number): Promise<number> {
  return db.collection('user_tags').remove({ expiresAt: { $lte: now } });
}
