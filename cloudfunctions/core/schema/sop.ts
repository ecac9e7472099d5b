import type { RuleExpr, SopAction, SopTrigger } from '../../../typings/contract';
import type { BaseDoc } from './base';


export interface SopRuleDoc extends BaseDoc {
  name: string;
  trigger: SopTrigger;
  condition: RuleExpr | null;
  delayMinutes: number;
  action: SopAction;
  cooldownHours: number;
  enabled: boolean;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export type SopTaskStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/**
 * One persisted step: what to do for whom, and when. Made from a rule and an event (`_id` =
 * ruleId:eventKey), or by a flow such as the new-member pack (`_id` = its business key). The action
 * and condition are copied in, so a rule edited later does not change steps already scheduled.
 * Run at least once: a runner claims it with a lease; a runner that dies leaves it to be claimed
 * again when the lease ends; every action is idempotent on `sop:<taskId>`.
 */
export interface SopTaskDoc extends BaseDoc {
  ruleId: string | null;
  /** `sop:<ruleId>`, `newmember:<liveId>` */
  source: string;
  userId: string;
  eventKey: string | null;
  action: SopAction;
  condition: RuleExpr | null;
  /** per-rule cooldown and the per-user daily cap apply to rule steps */
  cooldownHours: number;
  capped: boolean;
  dueAt: number;
  status: SopTaskStatus;
  attempts: number;
  leaseUntil: number | null;
  /** the daily cap slot was taken (a retry does not take another) */
  capTaken: boolean;
  /** what the action did: `sent`, `deferred`, `skipped:no_consent_credit`, `coupon:<id>`, ... */
  outcome: string | null;
  /** why it was skipped or failed */
  reason: string | null;
  createdAt: number;
  doneAt: number | null;
}

export interface StaffTaskDoc extends BaseDoc {
  title: string;
  userId: string;
  ruleId: string | null;
  sopTaskId: string;
  status: 'open' | 'done';
  note: string | null;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}

export interface SopCounterDoc extends BaseDoc {
  count?: number;
  lastAt?: number;
  taskId?: string;
}
