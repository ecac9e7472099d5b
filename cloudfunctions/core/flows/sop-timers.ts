import type { TimerCtx } from '../kernel/define';
import { flushDeferred } from '../modules/messaging';
import { evaluateTags, loadTagRules, removeExpiredTags } from '../modules/tags';
import { processEvents, runDueTasks, type RunTally } from '../modules/sop';
import { smsPhone, sopEffects } from './sop-effects';

/** A timer run stops taking new pages after this long, well inside a cloud function's 60 s. */
import { RUN_BUDGET_MS, jobsOf } from '../kernel/jobs';
import type { JobDoc, OutboxDoc } from '../schema';
import { liveState } from '../modules/live';
const EVENT_ROUNDS = 5;
const SWEEP_PAGE = 500;


/**
 * Timer, every minute: events become steps and the users they concern have their tags evaluated
 * (tags added there are events too, handled in the same run), then due steps run.
 */
export async function runSop(ctx: TimerCtx): Promise<{ events: number; tasks: number; tagged: number } & RunTally> {
  const deps = { db: ctx.db, messaging: ctx.messaging, now: ctx.now, effects: sopEffects };
  let events = 0;
  let made = 0;
  let tagged = 0;
  const rules = await loadTagRules(ctx.db);
  for (let round = 0; round < EVENT_ROUNDS; round++) {
    const r = await processEvents(deps);
    if (!r.events) break;
    events += r.events;
    made += r.tasks;
    tagged += (await evaluateTags(ctx.db, r.userIds, ctx.now, rules)).added;
  }
  return { events, tasks: made, tagged, ...(await runDueTasks(deps)) };
}

/**
 * Timer, hourly: expired tags go, and every user's tags are evaluated again, a page at a time from
 * a persisted cursor, so a run stays within its budget and the next run carries on.
 */
export async function sweepTags(ctx: TimerCtx): Promise<{ expired: number; users: number; added: number; removed: number; cycleDone: boolean }> {
  const { db, now } = ctx;
  const expired = await removeExpiredTags(db, now);
  const jobs = jobsOf<JobDoc>(db);
  const _id = 'tags:sweep';
  if (!(await jobs.get(_id))) {
    await jobs.insert({ _id, kind: 'tags_sweep', status: 'idle', cursor: '', leaseUntil: 0, updatedAt: now }).catch(() => undefined);
  }
  if (!(await jobs.update({ _id, leaseUntil: { $lte: now } }, { $set: { leaseUntil: now + RUN_BUDGET_MS + 20_000, status: 'running' } }))) {
    return { expired, users: 0, added: 0, removed: 0, cycleDone: false };
  }
  const started = ctx.clock.now();
  const tally = { users: 0, added: 0, removed: 0 };
  let cycleDone = false;
  try {
    const rules = await loadTagRules(db);
    let cursor = (await jobs.get(_id))!.cursor ?? '';
    while (ctx.clock.now() - started < RUN_BUDGET_MS) {
      const users = await db.collection('users').find({ _id: { $gt: cursor } }, { sort: [['_id', 'asc']], limit: SWEEP_PAGE });
      if (users.length) {
        const r = await evaluateTags(db, users.map((u) => u._id), now, rules);
        tally.users += users.length;
        tally.added += r.added;
        tally.removed += r.removed;
        cursor = users[users.length - 1]._id;
      }
      if (users.length < SWEEP_PAGE) {
        cursor = '';
        cycleDone = true;
      }
      await jobs.update({ _id }, { $set: { cursor, updatedAt: now } });
      if (cycleDone) break;
    }
  } finally {
    await jobs.update({ _id }, { $set: { leaseUntil: 0, status: 'idle' } });
  }
  return { expired, ...tally, cycleDone };
}

/** A held message about a live (`live:<id>:…`) is wanted only while that live is not over, by its times or ended by hand. */
async function liveStillOn(ctx: TimerCtx, doc: OutboxDoc): Promise<boolean> {
  const liveId = /^live:([^:]+):/.exec(doc.source)?.[1];
  if (!liveId) return true;
  const live = await ctx.db.collection('lives').get(liveId);
  return !!live && liveState(live, ctx.now) !== 'ended';
}

/**
 * Timer, every 5 minutes: deferred messages whose time has come are delivered (each claimed once),
 * after checking again that they are still wanted: one about a live that is over is dropped.
 */
export const flushOutbox = (ctx: TimerCtx) =>
  flushDeferred({ db: ctx.db, messaging: ctx.messaging, now: ctx.now }, (userId) => smsPhone(ctx.db, userId), 500, (doc) => liveStillOn(ctx, doc));
