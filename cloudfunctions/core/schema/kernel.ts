import type { ApiResult } from '../../../typings/contract/errors';
import type { StaffRole } from '../../../typings/contract/admin';
import type { UserEventType } from '../../../typings/contract';
import type { BaseDoc } from './base';

/** Documents the kernel owns: users and their visits, staff roles, request records, audit, caps, jobs, the event log. */

export interface UserDoc extends BaseDoc {
  openid: string;
  unionid?: string;
  nickname: string;
  /** the avatar the member chose (open-type="chooseAvatar"), a checked Storage file id */
  avatarFileId?: string | null;
  /** the member set their nickname themselves (type="nickname") */
  nicknameSetAt?: number | null;
  createdAt: number;
  lastSeenAt: number;
  /** the Shanghai day of the last recorded visit (YYYY-MM-DD) */
  lastVisitDay?: string;
  /** the address book's default (the one pointer that decides it) */
  defaultAddressId?: string | null;
  /** the first-arrival gift: `pending` from the record's creation until it was given (absent for records made before it) */
  welcome?: 'pending' | 'done';
}

/** One per user and Shanghai day with any call: what retention is measured on. */
export interface VisitDoc extends BaseDoc {
  userId: string;
  day: string;
  at: number;
}

export interface StaffDoc extends BaseDoc {
  role: StaffRole;
  createdAt: number;
}

/**
 * requestId idempotency for write actions: the first call with an id runs; the same id with the
 * same body returns the first result and writes nothing; the same id with another body is refused.
 */
export interface RequestRecord extends BaseDoc {
  hash: string;
  state: 'pending' | 'done';
  result: ApiResult<unknown> | null;
  createdAt: number;
}

/** One caller's calls of one action in one fixed window, `_id` = fn.action:openid:windowStart. */
export interface RateWindowDoc extends BaseDoc {
  count: number;
  /** when the window closes; the daily purge removes closed ones */
  until: number;
}

export interface AuditDoc extends BaseDoc {
  actor: string;
  role: StaffRole | null;
  fn: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** the request's input, where the action records it */
  input?: unknown;
  /**
   * 'unknown': the call was interrupted (a crash or an unexpected failure) before it reported its
   * changes; the entry says who asked for what, the before/after are not known.
   */
  outcome?: 'unknown';
  createdAt: number;
}

/**
 * A staff write about to run, recorded before its handler writes anything: completed into audit
 * entries when the call returns, or by the `repairAudits` timer when the call never did.
 */
export interface AuditIntentDoc extends BaseDoc {
  actor: string;
  role: StaffRole | null;
  fn: string;
  action: string;
  input: unknown;
  createdAt: number;
}

/**
 * Per-owner caps (cart lines, addresses, open questions) as counted slots: a slot is taken by one
 * atomic conditional update (`used < max`) and given back when the thing it counted goes. The
 * counter starts from the real count the first time it is used; one a crash left off by one is
 * recounted by the `repairCounters` timer.
 */
export interface CapSlotDoc extends BaseDoc {
  used: number;
  /** what it counts (JSON of the collection and query), for the recount (kernel repairCounters) */
  counts?: string;
  /** when a slot was last taken or given back */
  updatedAt?: number;
  /** moved since the recount last checked it */
  dirty?: true;
}

export interface JobDoc extends BaseDoc {
  kind: string;
  status: 'idle' | 'running' | 'done' | 'expired';
  cursor: string | null;
  leaseUntil: number;
  updatedAt: number;
  [field: string]: unknown;
}

/** Something a user did that SOP rules may start from; `_id` is its idempotency key. */
export interface UserEventDoc extends BaseDoc {
  userId: string;
  type: UserEventType | 'tag_added';
  at: number;
  /** what it is about: a SKU, an order, a live, a tag */
  ref: string | null;
  /** set once the SOP runner has made the event's tasks */
  processedAt: number | null;
}

/** The post-live job of one live, `_id` = postlive:<liveId>. */
export interface PostLiveJobDoc extends JobDoc {
  kind: 'postlive';
  liveId: string;
  status: 'running' | 'done' | 'expired';
  /** the last user id handled */
  cursor: string;
  processed: number;
  segments: { nonBuyers: number; firstTime: number; repeat: number };
  grantFailures: number;
  /** units sold per product through the live, fixed when the job starts */
  liveSales: Array<[productId: string, units: number]>;
  windowEndsAt: number;
  startedAt: number;
  finishedAt: number | null;
  runs: number;
}

/**
 * A CSV export a staff member started, `_id` = the export id. Each step reads one page after the
 * cursor and keeps its lines as chunk `seq`; the last step joins the chunks into the file.
 */
export interface ExportDoc extends BaseDoc {
  kind: 'orders' | 'customers';
  /** the filters it was started with */
  filters: Record<string, string>;
  createdBy: string;
  status: 'running' | 'done';
  /** chunks kept so far; a step takes the next one by a conditional update on it */
  seq: number;
  rows: number;
  /** rows matching when it started */
  total: number;
  /** the sort value of the last row exported, and the ids exported with exactly that value */
  cursor: { at: number; ids: string[] } | null;
  /** only what existed when it started */
  until: number;
  fileName: string;
  fileId: string | null;
  createdAt: number;
  finishedAt: number | null;
}

/** One page of an export's CSV lines, `_id` = exportId:seq. */
export interface ExportChunkDoc extends BaseDoc {
  exportId: string;
  seq: number;
  lines: string;
  rows: number;
}
