import type { OutboxEntry, SopRule, StaffTask } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db, Query } from '../../ports';
import { describe } from '../tags';
import type { SopRuleDoc, StaffTaskDoc } from '../../schema';

/** Staff manage SOP rules, work through follow-up tasks and read the outbox. */
const PAGE_SIZE = 20;
const DEFAULT_COOLDOWN_HOURS = 24;
const sopRules = (db: Db) => db.collection('sop_rules');
const staffTasks = (db: Db) => db.collection('staff_tasks');

async function nicknames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const users = await db.collection('users').find({ _id: { $in: [...new Set(userIds)] } });
  return new Map(users.map((u) => [u._id, u.nickname]));
}

const staffTaskView = (t: StaffTaskDoc, nickname: string): StaffTask => ({
  _id: t._id,
  title: t.title,
  userId: t.userId,
  nickname,
  ruleId: t.ruleId,
  status: t.status,
  note: t.note,
  createdAt: t.createdAt,
  doneAt: t.doneAt,
  doneBy: t.doneBy,
});

export const sopAdminActions = bind<'admin'>()({
  saveSopRule: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, input) => {
      const before = input.ruleId ? await sopRules(ctx.db).get(input.ruleId) : null;
      if (input.ruleId && !before) return fail('SOP_RULE_NOT_FOUND', undefined, 'ruleId');
      if (input.action.kind === 'grant_coupon' && !(await ctx.db.collection('coupon_templates').get(input.action.templateId))) {
        return fail('COUPON_NOT_FOUND', undefined, 'action.templateId');
      }
      const doc: SopRuleDoc = {
        _id: before?._id ?? ctx.ids.next(),
        name: input.name,
        trigger: input.trigger,
        condition: input.condition ?? null,
        delayMinutes: input.delayMinutes ?? 0,
        action: input.action,
        cooldownHours: input.cooldownHours ?? DEFAULT_COOLDOWN_HOURS,
        enabled: input.enabled ?? true,
        createdBy: before?.createdBy ?? ctx.caller.openid,
        createdAt: before?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      };
      await ctx.db.transaction((tx) => tx.set('sop_rules', doc));
      ctx.audit({ entity: 'sop_rule', entityId: doc._id, before, after: doc });
      return { ruleId: doc._id };
    },
  },

  listSopRules: {
    staff: 'staff.read',
    handler: async ({ db }) => {
      const tasks = db.collection('sop_tasks');
      const items: SopRule[] = [];
      for (const r of await sopRules(db).find({}, { sort: [['createdAt', 'asc']] })) {
        const [pending, done, skipped, failed] = await Promise.all(
          (['pending', 'done', 'skipped', 'failed'] as const).map((status) => tasks.count({ ruleId: r._id, status })),
        );
        items.push({
          ruleId: r._id,
          name: r.name,
          trigger: r.trigger,
          condition: r.condition,
          conditionText: r.condition ? describe(r.condition) : null,
          delayMinutes: r.delayMinutes,
          action: r.action,
          cooldownHours: r.cooldownHours,
          enabled: r.enabled,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          tasks: { pending, done, skipped, failed },
        });
      }
      return { items };
    },
  },

  listStaffTasks: {
    staff: 'staff.read',
    handler: async ({ db }, { status, page = 1 }) => {
      const query: Query = status ? { status } : {};
      const [docs, total] = await Promise.all([
        staffTasks(db).find(query, { sort: [['createdAt', 'desc']], skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
        staffTasks(db).count(query),
      ]);
      const names = await nicknames(db, docs.map((t) => t.userId));
      return { items: docs.map((t) => staffTaskView(t, names.get(t.userId) ?? '')), total };
    },
  },

  completeStaffTask: {
    staff: 'crm.tasks',
    write: true,
    handler: async (ctx, { taskId, note }) => {
      const before = await staffTasks(ctx.db).get(taskId);
      if (!before) return fail('STAFF_TASK_NOT_FOUND', undefined, 'taskId');
      if (before.status === 'done') return { status: 'done' as const };
      const set = { status: 'done' as const, note: note ?? null, doneAt: ctx.now, doneBy: ctx.caller.openid };
      await staffTasks(ctx.db).update({ _id: taskId, status: 'open' }, { $set: set });
      ctx.audit({ entity: 'staff_task', entityId: taskId, before, after: { ...before, ...set } });
      return { status: 'done' as const };
    },
  },

  listOutbox: {
    staff: 'staff.read',
    handler: async ({ db }, { status, userId, page = 1 }) => {
      const query: Query = { ...(status ? { status } : {}), ...(userId ? { userId } : {}) };
      const outbox = db.collection('outbox');
      const [docs, total] = await Promise.all([
        outbox.find(query, { sort: [['createdAt', 'desc']], skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
        outbox.count(query),
      ]);
      const items: OutboxEntry[] = docs.map((d) => ({
        _id: d._id,
        channel: d.channel,
        kind: d.kind,
        userId: d.userId,
        template: d.template,
        params: d.params,
        page: d.page,
        content: d.content,
        status: d.status,
        reason: d.reason,
        notBefore: d.notBefore,
        createdAt: d.createdAt,
        sentAt: d.sentAt,
        source: d.source,
      }));
      return { items, total };
    },
  },
});
