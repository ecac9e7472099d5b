import { HOUR } from '../../kernel/time';
import { markProcessed } from '../../kernel/events';
import { AppError } from '../../kernel/errors';
import { sha256 } from '../../kernel/stable-json';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { MessagingPort } from '../../ports/messaging';
import type { SopTaskDoc } from '../../schema';
import { cooldownKey, dayKey, LEASE_MS, MAX_ATTEMPTS, retryAt, SOP_ACTIONS_PER_USER_PER_DAY, tasksForEvent } from './rules';

/**
 * The SOP runner: events become persisted steps; steps that are due are claimed with a lease and
 * executed. Each action is idempotent on `sop:<taskId>` (outbox key, coupon grant key, points
 * entry, staff task id), so a step run twice — a runner died after acting, a timer fired twice —
 * acts once. Caps and cooldowns are taken by conditional updates.
 */
export interface SopDeps {
  db: Db;
  messaging: MessagingPort;
  now: number;
  /** what a step reads and does in other modules (flows/sop-effects.ts) */
  effects: SopEffects;
}

/** The step's condition (tags and facts) and its action (messages, grants, tags, staff tasks). */
export interface SopEffects {
  conditionHolds(db: Db, task: SopTaskDoc, now: number): Promise<boolean>;
  act(deps: SopDeps, task: SopTaskDoc): Promise<SopResult>;
}

const tasks = (db: Db) => db.collection('sop_tasks');
const counters = (db: Db) => db.collection('sop_counters');

export const actionKey = (task: Pick<SopTaskDoc, '_id'>) => `sop:${task._id}`;
export const staffTaskId = (sopTaskId: string) => `st${sha256(sopTaskId).slice(0, 30)}`;


/** Turns unprocessed events into steps (each step once: its id is rule + event). */
export async function processEvents(deps: SopDeps, limit = 500): Promise<{ events: number; tasks: number; userIds: string[] }> {
  const { db, now } = deps;
  const events = await db.collection('user_events').find({ processedAt: null }, { sort: [['at', 'asc']], limit });
  if (!events.length) return { events: 0, tasks: 0, userIds: [] };
  const rules = await db.collection('sop_rules').find({ enabled: true });
  let made = 0;
  for (const event of events) {
    for (const task of tasksForEvent(rules, event, now)) {
      try {
        await tasks(db).insert(task);
        made++;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    await markProcessed(db, event._id, now);
  }
  return { events: events.length, tasks: made, userIds: [...new Set(events.map((e) => e.userId))] };
}

/** Inserts a step made by a flow (not a rule); an existing one is left as it is. */
export async function scheduleTask(db: Db, task: SopTaskDoc): Promise<boolean> {
  try {
    await tasks(db).insert(task);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** The rule acts on the user at most once per cooldown; a retry of the step that took it keeps it. */
async function takeCooldown(db: Db, task: SopTaskDoc, now: number): Promise<boolean> {
  const _id = cooldownKey(task.ruleId!, task.userId);
  if ((await counters(db).get(_id))?.taskId === task._id) return true;
  if (await counters(db).update({ _id, lastAt: { $lte: now - task.cooldownHours * HOUR } }, { $set: { lastAt: now, taskId: task._id } })) return true;
  try {
    await counters(db).insert({ _id, lastAt: now, taskId: task._id });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

const releaseCooldown = (db: Db, task: SopTaskDoc) =>
  counters(db).update({ _id: cooldownKey(task.ruleId!, task.userId), taskId: task._id }, { $set: { lastAt: 0, taskId: null } });

/** One of the user's daily step slots: `count < cap` → +1. */
async function takeDailySlot(db: Db, userId: string, now: number): Promise<boolean> {
  const _id = dayKey(userId, now);
  for (let i = 0; i < 2; i++) {
    if (await counters(db).update({ _id, count: { $lt: SOP_ACTIONS_PER_USER_PER_DAY } }, { $inc: { count: 1 } })) return true;
    try {
      await counters(db).insert({ _id, count: 1 });
      return true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  return false;
}

export type SopResult = { status: 'done' | 'skipped'; outcome: string | null; reason: string | null };
type Result = SopResult;

/** Opens the staff follow-up a step asks for, once (`_id` from the step). */
export async function openStaffTask(db: Db, task: SopTaskDoc, title: string, now: number): Promise<string> {
  const _id = staffTaskId(task._id);
  try {
    await db.collection('staff_tasks').insert({
      _id,
      title,
      userId: task.userId,
      ruleId: task.ruleId,
      sopTaskId: task._id,
      status: 'open',
      note: null,
      createdAt: now,
      doneAt: null,
      doneBy: null,
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return _id;
}

/** Condition, cooldown and daily cap, then the action. */
export async function runTask(deps: SopDeps, task: SopTaskDoc): Promise<Result> {
  const { db, now } = deps;
  if (!(await deps.effects.conditionHolds(db, task, now))) return { status: 'skipped', outcome: null, reason: 'condition_false' };
  const cooled = task.ruleId !== null && task.cooldownHours > 0;
  if (cooled && !(await takeCooldown(db, task, now))) return { status: 'skipped', outcome: null, reason: 'cooldown' };
  if (task.capped && !task.capTaken) {
    if (!(await takeDailySlot(db, task.userId, now))) {
      if (cooled) await releaseCooldown(db, task);
      return { status: 'skipped', outcome: null, reason: 'cap_user_daily' };
    }
    await tasks(db).update({ _id: task._id }, { $set: { capTaken: true } });
  }
  return deps.effects.act(deps, task);
}

export interface RunTally {
  done: number;
  skipped: number;
  failed: number;
  retried: number;
}

/** Claims due steps (and steps whose runner's lease ran out) and runs each. */
export async function runDueTasks(deps: SopDeps, limit = 200): Promise<RunTally> {
  const { db, now } = deps;
  const tally: RunTally = { done: 0, skipped: 0, failed: 0, retried: 0 };
  const due = await tasks(db).find({ status: 'pending', dueAt: { $lte: now } }, { sort: [['dueAt', 'asc']], limit });
  const stale = await tasks(db).find({ status: 'running', leaseUntil: { $lt: now } }, { limit });
  for (const task of [...due, ...stale]) {
    const claimed = await tasks(db).update(
      { _id: task._id, status: task.status, attempts: task.attempts },
      { $set: { status: 'running', leaseUntil: now + LEASE_MS }, $inc: { attempts: 1 } },
    );
    if (!claimed) continue;
    const attempts = task.attempts + 1;
    try {
      const r = await runTask(deps, { ...task, status: 'running', attempts });
      await tasks(db).update({ _id: task._id }, { $set: { status: r.status, outcome: r.outcome, reason: r.reason, doneAt: now, leaseUntil: null } });
      tally[r.status]++;
    } catch (e) {
      if (e instanceof AppError || attempts >= MAX_ATTEMPTS) {
        const reason = e instanceof AppError ? e.code : 'error';
        await tasks(db).update({ _id: task._id }, { $set: { status: 'failed', reason, doneAt: now, leaseUntil: null } });
        tally.failed++;
      } else {
        await tasks(db).update({ _id: task._id }, { $set: { status: 'pending', dueAt: retryAt(now, attempts), leaseUntil: null, reason: 'retry' } });
        tally.retried++;
      }
    }
  }
  return tally;
}
