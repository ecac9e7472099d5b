import { MINUTE, shanghaiDate } from '../../kernel/time';
import type { SopRuleDoc, SopTaskDoc, UserEventDoc } from '../../schema';

/**
 * SOP decisions as pure functions: which rules an event starts and when each step falls due,
 * the retry schedule, and the caps.
 */

/** Rule steps one user may receive per Shanghai day (messages also obey the messaging caps). */
export const SOP_ACTIONS_PER_USER_PER_DAY = 3;
/** A step that throws is retried this many times, then marked failed. */
export const MAX_ATTEMPTS = 5;
/** A claimed step not finished within this is claimed again. */
export const LEASE_MS = 5 * MINUTE;

export const taskId = (ruleId: string, eventKey: string) => `${ruleId}:${eventKey}`;

/** When a rule acts on an event, or null when the event does not start it. */
export function dueAtFor(rule: Pick<SopRuleDoc, 'trigger' | 'delayMinutes' | 'enabled'>, event: Pick<UserEventDoc, 'type' | 'at' | 'ref'>): number | null {
  if (!rule.enabled) return null;
  const t = rule.trigger;
  const delay = rule.delayMinutes * MINUTE;
  if (t.kind === 'event' && t.event === event.type) return event.at + delay;
  if (t.kind === 'time_after_event' && t.event === event.type) return event.at + t.minutes * MINUTE + delay;
  if (t.kind === 'tag_added' && event.type === 'tag_added' && event.ref === t.tag) return event.at + delay;
  return null;
}

/** The steps an event makes, one per rule it starts. */
export function tasksForEvent(rules: SopRuleDoc[], event: UserEventDoc, now: number): SopTaskDoc[] {
  const out: SopTaskDoc[] = [];
  for (const rule of rules) {
    const dueAt = dueAtFor(rule, event);
    if (dueAt === null) continue;
    out.push({
      _id: taskId(rule._id, event._id),
      ruleId: rule._id,
      source: `sop:${rule._id}`,
      userId: event.userId,
      eventKey: event._id,
      action: rule.action,
      condition: rule.condition,
      cooldownHours: rule.cooldownHours,
      capped: true,
      dueAt,
      status: 'pending',
      attempts: 0,
      leaseUntil: null,
      capTaken: false,
      outcome: null,
      reason: null,
      createdAt: now,
      doneAt: null,
    });
  }
  return out;
}

/** 1, 2, 4, 8 … minutes after each failed attempt. */
export const retryAt = (now: number, attempts: number) => now + 2 ** Math.max(0, attempts - 1) * MINUTE;

export const dayKey = (userId: string, now: number) => `day:${userId}:${shanghaiDate(now)}`;
export const cooldownKey = (ruleId: string, userId: string) => `rule:${ruleId}:${userId}`;
