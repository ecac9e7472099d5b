import type { LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { parseCron } from '../../cloudfunctions/core/kernel/cron';
import type { TimerTrigger } from './triggers';

/**
 * Runs timer triggers in-process on their cron schedule, as CloudBase would: one run of a trigger
 * at a time; a run still going when the next is due skips that slot.
 */
export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(
  runtime: LocalRuntime,
  triggers: TimerTrigger[],
  log: (line: string) => void = console.log,
): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  for (const trigger of triggers) {
    const cron = parseCron(trigger.cron);
    let busy = false;
    const arm = () => {
      if (stopped) return;
      const now = runtime.ports.clock.now();
      const at = cron.next(now);
      if (at === null) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!busy && !stopped) {
          busy = true;
          const run = runtime
            .runTimer(trigger.fn, trigger.name)
            .then((r) => log(`[timer] ${trigger.fn}.${trigger.name} ${JSON.stringify(r).slice(0, 200)}`))
            .catch((e) => log(`[timer] ${trigger.fn}.${trigger.name} failed: ${(e as Error).message}`))
            .finally(() => {
              busy = false;
              running.delete(run);
            });
          running.add(run);
        }
        arm();
      }, Math.min(at - now, 2 ** 31 - 1));
      timers.add(timer);
    };
    arm();
  }

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
