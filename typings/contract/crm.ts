import { z } from 'zod';
import { def, id, page, text } from './common';

/**
 * After the live and always-on outreach (SCRM): tags from rules, SOP rules and their tasks, staff
 * follow-up tasks, the outbox, and the post-live job. Rules are data (JSON trees), never code.
 */

/** Numeric facts a rule can compare, per user (live facts summed over the last 30 days). */
export const NUMBER_FACTS = [
  'watch_minutes',
  'lives_watched',
  'card_taps',
  'comments',
  'keyword_hits',
  'add_to_cart',
  'consult_taps',
  'interactions',
  'cart_lines',
  'cart_unpaid_hours',
  'paid_orders',
  'days_since_last_paid',
  'reservations',
] as const;
export type NumberFact = (typeof NUMBER_FACTS)[number];

export const BOOLEAN_FACTS = ['cart_unpaid'] as const;
export type BooleanFact = (typeof BOOLEAN_FACTS)[number];

export const COMPARE_OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/**
 * A rule: a JSON tree of comparisons over facts, tag tests, and all/any/not.
 * `watch_minutes >= 30 AND cart_unpaid` is
 * `{op:'all', of:[{op:'gte', fact:'watch_minutes', value:30}, {op:'is', fact:'cart_unpaid', value:true}]}`.
 */
export type RuleExpr =
  | { op: CompareOp; fact: NumberFact; value: number }
  | { op: 'is'; fact: BooleanFact; value: boolean }
  | { op: 'has_tag'; tag: string }
  | { op: 'all' | 'any'; of: RuleExpr[] }
  | { op: 'not'; of: RuleExpr };

/** A tag's key: lower-case letters, digits and `_` (the label is what staff read). */
export const tagKey = () => z.string().min(1).max(32).regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _');

export const RULE_MAX_DEPTH = 5;
export const RULE_MAX_NODES = 25;

const RuleNode: z.ZodType<RuleExpr> = z.lazy(() =>
  z.discriminatedUnion('op', [
    // the leaf first: generated samples take the first branch
    z.object({ op: z.enum(COMPARE_OPS), fact: z.enum(NUMBER_FACTS), value: z.number().min(-1_000_000_000).max(1_000_000_000) }).strict(),
    z.object({ op: z.literal('is'), fact: z.enum(BOOLEAN_FACTS), value: z.boolean() }).strict(),
    z.object({ op: z.literal('has_tag'), tag: tagKey() }).strict(),
    z.object({ op: z.enum(['all', 'any']), of: z.array(RuleNode).min(1).max(10) }).strict(),
    z.object({ op: z.literal('not'), of: RuleNode }).strict(),
  ]),
);

function shape(e: RuleExpr, depth = 1): { depth: number; nodes: number } {
  if (e.op === 'all' || e.op === 'any') {
    const kids = e.of.map((k) => shape(k, depth + 1));
    return { depth: Math.max(depth, ...kids.map((k) => k.depth)), nodes: 1 + kids.reduce((s, k) => s + k.nodes, 0) };
  }
  if (e.op === 'not') {
    const kid = shape(e.of, depth + 1);
    return { depth: kid.depth, nodes: 1 + kid.nodes };
  }
  return { depth, nodes: 1 };
}

/** A rule tree, at most RULE_MAX_DEPTH deep and RULE_MAX_NODES nodes. */
export const ruleExpr = () =>
  RuleNode.superRefine((e, ctx) => {
    const s = shape(e);
    if (s.depth > RULE_MAX_DEPTH) ctx.addIssue({ code: 'custom', message: `nested deeper than ${RULE_MAX_DEPTH}` });
    if (s.nodes > RULE_MAX_NODES) ctx.addIssue({ code: 'custom', message: `more than ${RULE_MAX_NODES} nodes` });
  });

export interface TagRule {
  ruleId: string;
  tag: string;
  label: string;
  expr: RuleExpr;
  /** the rule as staff read it: `watch_minutes >= 30 AND cart_unpaid` */
  text: string;
  /** a tag set by the rule lasts this long unless the rule confirms it again */
  ttlDays: number;
  /** the tag goes when an evaluation finds the rule false (else it stays until it expires) */
  removeWhenFalse: boolean;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** users holding the tag now */
  taggedUsers: number;
}

export interface TaggedUser {
  userId: string;
  nickname: string;
  tag: string;
  /** `rule:<ruleId>`, `sop:<ruleId>` or `staff` */
  source: string;
  addedAt: number;
  expiresAt: number;
}

/** Events SOP rules can start from. */
export const USER_EVENTS = ['cart_add', 'order_paid', 'live_reserved'] as const;
export type UserEventType = (typeof USER_EVENTS)[number];

export type SopTrigger =
  | { kind: 'event'; event: UserEventType }
  | { kind: 'tag_added'; tag: string }
  | { kind: 'time_after_event'; event: UserEventType; minutes: number };

/** Pages a subscribe message may open. */
export const MESSAGE_PAGES = ['pages/home/index', 'pages/cart/index', 'pages/me/index', 'pages/live/index'] as const;

export type SopAction =
  | { kind: 'subscribe'; title: string; text: string; page: (typeof MESSAGE_PAGES)[number] }
  | { kind: 'sms'; text: string }
  | { kind: 'grant_coupon'; templateId: string }
  | { kind: 'grant_points'; points: number; label: string }
  | { kind: 'add_tag'; tag: string; ttlDays: number }
  | { kind: 'staff_task'; title: string };

const SopTriggerInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: z.enum(USER_EVENTS) }).strict(),
  z.object({ kind: z.literal('tag_added'), tag: tagKey() }).strict(),
  z.object({ kind: z.literal('time_after_event'), event: z.enum(USER_EVENTS), minutes: z.number().int().min(1).max(43_200) }).strict(),
]);

const SopActionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subscribe'), title: text(20, 1), text: text(20, 1), page: z.enum(MESSAGE_PAGES) }).strict(),
  z.object({ kind: z.literal('sms'), text: text(30, 1) /* CloudBase SMS: our part of the message is at most 30 characters */ }).strict(),
  z.object({ kind: z.literal('grant_coupon'), templateId: id() }).strict(),
  z.object({ kind: z.literal('grant_points'), points: z.number().int().min(1).max(10_000), label: text(20, 1) }).strict(),
  z.object({ kind: z.literal('add_tag'), tag: tagKey(), ttlDays: z.number().int().min(1).max(365) }).strict(),
  z.object({ kind: z.literal('staff_task'), title: text(40, 1) }).strict(),
]);

export interface SopRule {
  ruleId: string;
  name: string;
  trigger: SopTrigger;
  /** checked when the task falls due; null: always */
  condition: RuleExpr | null;
  conditionText: string | null;
  /** minutes between the trigger and the action */
  delayMinutes: number;
  action: SopAction;
  /** the same rule acts on a user at most once in this many hours */
  cooldownHours: number;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  tasks: { pending: number; done: number; skipped: number; failed: number };
}

export type StaffTaskStatus = 'open' | 'done';

export interface StaffTask {
  _id: string;
  title: string;
  userId: string;
  nickname: string;
  ruleId: string | null;
  status: StaffTaskStatus;
  note: string | null;
  createdAt: number;
  doneAt: number | null;
  doneBy: string | null;
}

export const OUTBOX_STATUSES = ['pending', 'sent', 'skipped', 'deferred', 'failed'] as const;
export type OutboxStatusName = (typeof OUTBOX_STATUSES)[number];

export interface OutboxEntry {
  _id: string;
  channel: 'subscribe' | 'sms';
  kind: 'transactional' | 'marketing';
  userId: string;
  template: string;
  params: Record<string, string>;
  page: string | null;
  content: string | null;
  status: OutboxStatusName;
  /** no_consent_credit, cap_daily, cap_sms, quiet_hours, no_phone, or the platform's answer */
  reason: string | null;
  notBefore: number | null;
  createdAt: number;
  sentAt: number | null;
  source: string;
}

export type PostLiveStatus = 'not_started' | 'running' | 'done' | 'expired';

export interface PostLiveProgress {
  liveId: string;
  status: PostLiveStatus;
  /** audience members handled so far */
  processed: number;
  /** reservers plus viewers (a user in both counts twice): an upper bound of the audience */
  audienceUpTo: number;
  segments: { nonBuyers: number; firstTime: number; repeat: number };
  /** post-live messages by outcome */
  messages: { sent: number; skipped: number; deferred: number; failed: number; pending: number };
  /** the job works within 24 h of the live's end */
  windowEndsAt: number;
  startedAt: number | null;
  updatedAt: number | null;
  finishedAt: number | null;
  runs: number;
}

const SopRuleInput = z
  .object({
    ruleId: id().optional(),
    name: text(30, 1),
    trigger: SopTriggerInput,
    condition: ruleExpr().nullable().optional(),
    delayMinutes: z.number().int().min(0).max(10_080).optional(),
    action: SopActionInput,
    cooldownHours: z.number().int().min(0).max(720).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const crmAdmin = {
  /** creates a tag rule, or replaces one by ruleId */
  saveTagRule: def<{ ruleId: string }>()(
    z
      .object({
        ruleId: id().optional(),
        tag: tagKey(),
        label: text(20, 1),
        expr: ruleExpr(),
        ttlDays: z.number().int().min(1).max(365),
        removeWhenFalse: z.boolean().optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
  ),
  listTagRules: def<{ items: TagRule[] }>()(z.object({}).strict()),
  /** the rule and the tags it set */
  deleteTagRule: def<{ deleted: true; untagged: number }>()(z.object({ ruleId: id() }).strict()),
  usersByTag: def<{ items: TaggedUser[]; total: number }>()(z.object({ tag: tagKey(), page: page().optional() }).strict()),
  saveSopRule: def<{ ruleId: string }>()(SopRuleInput),
  listSopRules: def<{ items: SopRule[] }>()(z.object({}).strict()),
  listStaffTasks: def<{ items: StaffTask[]; total: number }>()(
    z.object({ status: z.enum(['open', 'done']).optional(), page: page().optional() }).strict(),
  ),
  completeStaffTask: def<{ status: 'done' }>()(z.object({ taskId: id(), note: text(200).optional() }).strict()),
  listOutbox: def<{ items: OutboxEntry[]; total: number }>()(
    z.object({ status: z.enum(OUTBOX_STATUSES).optional(), userId: id().optional(), page: page().optional() }).strict(),
  ),
  /** runs (or resumes) the post-live job for a live that ended less than 24 h ago */
  runPostLive: def<PostLiveProgress>()(z.object({ liveId: id() }).strict()),
  postLiveProgress: def<PostLiveProgress>()(z.object({ liveId: id() }).strict()),
};

/** The `sop` function serves timers only. */
export const sop = {};
