import type { TagRule } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import { describe } from './expr';
import { ruleSource, type TagRuleDoc } from '../../schema';

/** Staff manage tag rules and list users by tag. */
const PAGE_SIZE = 20;
const rules = (db: Db) => db.collection('tag_rules');
const tags = (db: Db) => db.collection('user_tags');

export const tagAdminActions = bind<'admin'>()({
  saveTagRule: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, input) => {
      const before = input.ruleId ? await rules(ctx.db).get(input.ruleId) : null;
      if (input.ruleId && !before) return fail('TAG_RULE_NOT_FOUND', undefined, 'ruleId');
      const doc: TagRuleDoc = {
        _id: before?._id ?? ctx.ids.next(),
        tag: input.tag,
        label: input.label,
        expr: input.expr,
        ttlDays: input.ttlDays,
        removeWhenFalse: input.removeWhenFalse ?? true,
        enabled: input.enabled ?? true,
        createdBy: before?.createdBy ?? ctx.caller.openid,
        createdAt: before?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      };
      await ctx.db.transaction((tx) => tx.set('tag_rules', doc));
      ctx.audit({ entity: 'tag_rule', entityId: doc._id, before, after: doc });
      return { ruleId: doc._id };
    },
  },

  listTagRules: {
    staff: 'staff.read',
    handler: async ({ db, now }) => {
      const all = await rules(db).find({}, { sort: [['createdAt', 'asc']] });
      const items: TagRule[] = [];
      for (const r of all) {
        items.push({
          ruleId: r._id,
          tag: r.tag,
          label: r.label,
          expr: r.expr,
          text: describe(r.expr),
          ttlDays: r.ttlDays,
          removeWhenFalse: r.removeWhenFalse,
          enabled: r.enabled,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          taggedUsers: await tags(db).count({ tag: r.tag, expiresAt: { $gt: now } }),
        });
      }
      return { items };
    },
  },

  deleteTagRule: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, { ruleId }) => {
      const before = await rules(ctx.db).get(ruleId);
      if (!before) return fail('TAG_RULE_NOT_FOUND', undefined, 'ruleId');
      await rules(ctx.db).remove({ _id: ruleId });
      const untagged = await tags(ctx.db).remove({ source: ruleSource(ruleId) });
      ctx.audit({ entity: 'tag_rule', entityId: ruleId, before, after: null });
      return { deleted: true as const, untagged };
    },
  },

  usersByTag: {
    staff: 'staff.read',
    handler: async ({ db, now }, { tag, page = 1 }) => {
      const query = { tag, expiresAt: { $gt: now } };
      const [held, total] = await Promise.all([
        tags(db).find(query, { sort: [['addedAt', 'desc']], skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
        tags(db).count(query),
      ]);
      const users = held.length ? await db.collection('users').find({ _id: { $in: held.map((t) => t.userId) } }) : [];
      const nickname = new Map(users.map((u) => [u._id, u.nickname]));
      return {
        items: held.map((t) => ({ userId: t.userId, nickname: nickname.get(t.userId) ?? '', tag: t.tag, source: t.source, addedAt: t.addedAt, expiresAt: t.expiresAt })),
        total,
      };
    },
  },
});
