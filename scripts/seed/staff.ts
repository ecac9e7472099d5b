import { dispatch } from '../../cloudfunctions/core/kernel/dispatch';
import { admin } from '../../cloudfunctions/core/functions/admin';
import type { Ids, Ports } from '../../cloudfunctions/core/ports';
import type { ActionName, InputFor, OutputFor } from '../../typings/contract';

/**
 * The seed's staff member at work: each call goes through the kernel as a call from the admin does
 * (staff role, schema, audit intent, handler, audit), so building the demo shop exercises the
 * staff actions themselves. What an action names with a fresh id (a category, product, banner,
 * live, template, reward) is given the id the demo's links and tests know it by: `ids` lists them in
 * the order the action asks, after the one the kernel takes for the staff write's audit intent.
 */
export type SeedStaff = <A extends ActionName<'admin'>>(action: A, data: InputFor<'admin', A>, named?: string[]) => Promise<OutputFor<'admin', A>>;

export function seedStaff(ports: Ports, openid: string): SeedStaff {
  let planned: string[] = [];
  const ids: Ids = { next: () => planned.shift() ?? ports.ids.next() };
  const staffPorts: Ports = { ...ports, ids };
  return async function call<A extends ActionName<'admin'>>(action: A, data: InputFor<'admin', A>, named: string[] = []): Promise<OutputFor<'admin', A>> {
    planned = named.length ? [ports.ids.next(), ...named] : [];
    const result = await dispatch(admin, staffPorts, { action, data }, { openid }, { log: () => undefined });
    const left = planned.length;
    planned = [];
    if (!result.ok) throw new Error(`seed: admin.${action} refused: ${result.error.code} ${result.error.message ?? ''} ${result.error.field ?? ''}`);
    if (left) throw new Error(`seed: admin.${action} took ${named.length - left} of the ids ${named.join(', ')}`);
    return result.data as OutputFor<'admin', A>;
  };
}
