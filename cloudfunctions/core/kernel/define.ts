import type { z } from 'zod';
import type { ActionName, FunctionName, OutputFor } from '../../../typings/contract';
import { contracts } from '../../../typings/contract';
import type { StaffRole } from '../../../typings/contract/admin';
import type { Def } from '../../../typings/contract/common';
import type { Ports } from '../ports';
import type { UserDoc } from '../schema';
import type { Permission } from './permissions';

export interface AuditChange {
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** What a handler gets: the caller (from the runtime, never from data), the ports, and helpers. */
export interface Ctx extends Ports {
  fn: string;
  action: string;
  /** `role` is read for staff actions only; a shopper action sees null whoever calls it */
  caller: { openid: string; unionid?: string; role: StaffRole | null };
  /** the caller's user record as the prelude read it at the start of the call (a shopper action); null for a staff action */
  me: UserDoc | null;
  /** the clock read once at the start of the call */
  now: number;
  /** the call's requestId (a write's retry sends the same one), null when the call sent none */
  requestId: string | null;
  ports: Ports;
  /** records a staff change with before/after; written with the audit entry when the call succeeds */
  audit(change: AuditChange): void;
}

export interface ActionDef {
  input: z.ZodType;
  /** staff permission required; absent for shopper actions */
  staff?: Permission;
  /** writes state: requestId idempotency applies, staff writes are audited */
  write: boolean;
  handler(ctx: Ctx, input: unknown): Promise<unknown>;
}

export interface TimerCtx extends Ports {
  now: number;
  ports: Ports;
  trigger: string;
}
export type TimerHandler = (ctx: TimerCtx) => Promise<unknown>;

export interface FunctionDef {
  name: string;
  actions: Record<string, ActionDef>;
  /** timer trigger name (as in the function's config.json) → handler */
  timers: Record<string, TimerHandler>;
}

type InputOfDef<D> = D extends Def<infer I, unknown> ? z.output<I> : never;
type Contracts = typeof contracts;

/** How one contract action is served: who may call it, whether it writes, and the handler. */
export interface Binding<F extends FunctionName, A extends ActionName<F>> {
  staff?: Permission;
  write?: boolean;
  handler: (ctx: Ctx, input: InputOfDef<Contracts[F][A]>) => Promise<OutputFor<F, A>>;
}

/** Typed bindings for some of a function's actions; a domain module exports one such object. */
export const bind =
  <F extends FunctionName>() =>
  <K extends ActionName<F>>(bindings: { [A in K]: Binding<F, A> }) =>
    bindings;

/** A deployable function: every action of its contract must be bound, none more. */
export function defineFunction<F extends FunctionName>(
  name: F,
  bindings: { [A in ActionName<F>]: Binding<F, A> },
  timers: Record<string, TimerHandler> = {},
): FunctionDef {
  const actions: Record<string, ActionDef> = {};
  for (const [action, b] of Object.entries(bindings) as Array<[ActionName<F>, Binding<F, ActionName<F>>]>) {
    const entry = contracts[name][action] as Def<z.ZodType, unknown> | undefined;
    if (!entry) throw new Error(`${name}.${action} is not in the contract`);
    actions[action] = { input: entry.input, staff: b.staff, write: b.write ?? false, handler: b.handler as ActionDef['handler'] };
  }
  return { name, actions, timers };
}
