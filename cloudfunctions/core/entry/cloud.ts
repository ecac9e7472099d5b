import tcb from '@cloudbase/node-sdk';
import { CloudbaseDb } from '../adapters/cloudbase/db';
import { cloudCaller } from '../adapters/cloudbase/identity';
import { cryptoRandom, systemClock, timeOrderedIds } from '../adapters/system';
import type { FunctionDef } from '../kernel/define';
import { dispatch, dispatchTimer } from '../kernel/dispatch';
import type { Ports } from '../ports';

/** Ports for a function running in CloudBase, made once per warm instance. */
function cloudPorts(): Ports {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return { db: new CloudbaseDb(app), clock: systemClock, random: cryptoRandom, ids: timeOrderedIds(systemClock, cryptoRandom) };
}

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}
const isTimer = (event: unknown): event is TimerEvent =>
  typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';

/** The `main` a deployed function exports: timer triggers by name, everything else through the kernel. */
export function cloudMain(fn: FunctionDef) {
  let ports: Ports | null = null;
  return async (event: unknown, context: unknown) => {
    ports ??= cloudPorts();
    if (isTimer(event)) return dispatchTimer(fn, ports, event.TriggerName);
    return dispatch(fn, ports, event, cloudCaller(context));
  };
}
