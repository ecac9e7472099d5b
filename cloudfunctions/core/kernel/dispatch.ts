import { completeAuditIntent, dropAuditIntent, openAuditIntent } from './audit';
import { z } from 'zod';
import type { ApiResult } from '../../../typings/contract/errors';
import type { StaffRole } from '../../../typings/contract/admin';
import { isBusy, type Caller, type Ports } from '../ports';
import type { AuditChange, Ctx, FunctionDef, TimerCtx } from './define';
import { AppError } from './errors';
import type { AuditIntentDoc, RequestRecord } from '../schema';
import { beginRequest, finishRequest } from './idempotency';
import { roleMay } from './permissions';
import { rateBudgetOf, takeRate } from './rate-limit';
import { ensureUser, loadStaffRole, type WelcomeHook } from './users';

const Envelope = z.object({
  action: z.string().min(1).max(64),
  data: z.unknown().optional(),
  requestId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/).optional(),
});
/** Keys that could reach Object.prototype when copied; refused anywhere in the input. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Input nested deeper than this is refused before anything walks it (a deep body would overflow the stack). */
const MAX_DEPTH = 32;

/** The first place in the input that is refused outright: a forbidden key, or nesting too deep. */
function findBadKey(value: unknown, path: string[] = []): { field: string; reason: string } | null {
  if (value === null || typeof value !== 'object') return null;
  if (path.length >= MAX_DEPTH) return { field: path.join('.'), reason: 'nested too deeply' };
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { field: [...path, key].join('.'), reason: 'key not allowed' };
    const inner = findBadKey((value as Record<string, unknown>)[key], [...path, key]);
    if (inner) return inner;
  }
  return null;
}

const failure = (e: AppError): ApiResult<never> => ({ ok: false, error: e.toApiError() });

function invalid(issues: z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  // an unknown key is named by its own path, not its parent's
  const unknownKey = first && 'keys' in first ? (first.keys as string[]).slice(0, 1) : [];
  const path = first ? [...first.path.map(String), ...unknownKey] : [];
  const field = path.length ? path.join('.') : undefined;
  return new AppError('INVALID_INPUT', first ? `${field ? `${field}: ` : ''}${first.message}` : 'invalid input', field);
}

export interface DispatchOptions {
  /** logs bugs; defaults to console.error */
  log?: (message: string, error: unknown) => void;
  /** what a new user is given on their first call (the entries pass the new-member coupon); a failure is logged and tried again later */
  welcome?: (ports: Ports, userId: string, now: number) => Promise<void>;
}

/**
 * One call through the kernel: envelope → action → identity → role → schema → idempotency →
 * rate budget → handler → audit. Staff actions refuse the wrong caller before reading the input; invalid input
 * is refused before anything is written.
 */
export async function dispatch(
  fn: FunctionDef,
  ports: Ports,
  request: unknown,
  caller: Caller | null,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  const log = options.log ?? ((m, e) => console.error(m, e));
  const envelope = Envelope.safeParse(request);
  if (!envelope.success) return failure(invalid(envelope.error.issues));
  const { action: actionName, data, requestId } = envelope.data;
  const action = Object.prototype.hasOwnProperty.call(fn.actions, actionName) ? fn.actions[actionName] : undefined;
  if (!action) return failure(new AppError('UNKNOWN_ACTION', `${fn.name} has no action ${actionName}`));

  if (!caller) return failure(new AppError('UNAUTHENTICATED'));
  const now = ports.clock.now();
  let record: RequestRecord | null = null;
  let intent: AuditIntentDoc | null = null;
  try {
    // the caller and their role come before the input is read: a stranger learns nothing of a staff action's schema.
    // The prelude is one read: a staff action reads the staff record, a shopper action the user record.
    const role: StaffRole | null = action.staff ? await loadStaffRole(ports.db, caller.openid) : null;
    if (action.staff) {
      if (!role) return failure(new AppError('NOT_STAFF'));
      if (!roleMay(role, action.staff)) return failure(new AppError('FORBIDDEN'));
    }

    const bad = findBadKey(data);
    if (bad) return failure(new AppError('INVALID_INPUT', `${bad.field}: ${bad.reason}`, bad.field));
    // absent data means an empty input; null is a value like any other and must match the schema
    const parsed = action.input.safeParse(data === undefined ? {} : data);
    if (!parsed.success) return failure(invalid(parsed.error.issues));

    const give = options.welcome;
    const welcome: WelcomeHook | undefined =
      give &&
      ((userId, at) =>
        give(ports, userId, at).then(
          () => true,
          (e: unknown) => {
            log(`[welcome] ${userId}`, e);
            return false;
          },
        ));
    // staff work from the admin as the shoppers they already are: their user record is kept by their shopper calls
    const me = action.staff ? null : await ensureUser(ports.db, caller, now, welcome);

    if (action.write && requestId) {
      const begun = await beginRequest(ports.db, { fn: fn.name, action: actionName, openid: caller.openid, requestId }, parsed.data, now);
      if (begun.replay) return begun.replay;
      record = begun.record;
    }

    // a replayed answer costs nothing; a refused call leaves its request id free for a later retry
    const budget = rateBudgetOf(fn.name, actionName);
    if (budget && !(await takeRate(ports.db, fn.name, actionName, caller.openid, budget, now))) {
      if (record) await finishRequest(ports.db, record, null);
      return failure(new AppError('RATE_LIMITED'));
    }

    // a staff write's audit is promised before the handler writes anything
    if (action.write && action.staff) {
      intent = { _id: ports.ids.next(), actor: caller.openid, role, fn: fn.name, action: actionName, input: parsed.data, createdAt: now };
      await openAuditIntent(ports.db, intent);
    }

    const changes: AuditChange[] = [];
    const ctx: Ctx = {
      ...ports,
      ports,
      fn: fn.name,
      action: actionName,
      caller: { openid: caller.openid, unionid: caller.unionid, role },
      me,
      now,
      requestId: requestId ?? null,
      audit: (change) => changes.push(change),
    };
    let result: ApiResult<unknown>;
    try {
      result = { ok: true, data: await action.handler(ctx, parsed.data) };
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result = failure(e);
    }
    if (intent) {
      if (result.ok) await completeAuditIntent(ports.db, intent, changes);
      else await dropAuditIntent(ports.db, intent._id);
    }
    if (record) await finishRequest(ports.db, record, result);
    return result;
  } catch (e) {
    if (!isBusy(e)) log(`[${fn.name}.${actionName}] ${requestId ?? ''}`, e);
    if (intent) await completeAuditIntent(ports.db, intent, null).catch(() => undefined);
    if (record) await finishRequest(ports.db, record, null).catch(() => undefined);
    return failure(isBusy(e) ? new AppError('BUSY') : new AppError('INTERNAL'));
  }
}

/** A timer trigger: no caller; the named handler runs with the ports. */
export async function dispatchTimer(fn: FunctionDef, ports: Ports, trigger: string): Promise<ApiResult<unknown>> {
  const handler = fn.timers[trigger];
  if (!handler) return failure(new AppError('UNKNOWN_ACTION', `${fn.name} has no timer ${trigger}`));
  const ctx: TimerCtx = { ...ports, ports, now: ports.clock.now(), trigger };
  return { ok: true, data: await handler(ctx) };
}
