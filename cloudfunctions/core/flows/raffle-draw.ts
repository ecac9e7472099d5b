import type { TimerCtx } from '../kernel/define';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import {
  drawDueRaffles as drawDue,
  loadRaffle,
  runDraw as run,
  slotView,
  slotsOf,
  type DrawDeps,
} from '../modules/raffle';
import { moduleGrants } from './grants';

/**
 * Raffle draw and prize delivery. The raffle module owns the draw's state machine (open → drawing →
 * awarding → drawn, each step a conditional update, resumable after a crash); this flow hands it the
 * Grants port over the coupons and points modules, so prizes are given by their owners' idempotent
 * paths. Stock of unwon goods goes back through catalog.
 */
export function runDraw(deps: Omit<DrawDeps, 'grants'> & Partial<Pick<DrawDeps, 'grants'>>, id: string, options: { early?: boolean } = {}) {
  return run({ ...deps, grants: deps.grants ?? moduleGrants }, id, options);
}

/** Timer, every minute: draws whose time has come, and any a crash left half-way. */
export function drawDueRaffles(
  ctx: Pick<TimerCtx, 'db' | 'messaging' | 'now'>,
  options: Partial<Pick<DrawDeps, 'grants' | 'afterWinners'>> & { log?: (message: string, error: unknown) => void } = {},
) {
  return drawDue(ctx, { ...options, grants: options.grants ?? moduleGrants });
}

/** The staff "draw now" action: a draw before its time, through the same run as the timer's. */
export const raffleDrawActions = bind<'admin'>()({
  drawRaffle: {
    staff: 'raffle.write',
    write: true,
    handler: async (ctx, { raffleId, slot }) => {
      const raffle = await loadRaffle(ctx.db, raffleId);
      const slots = await slotsOf(ctx.db, raffleId);
      // without a slot: the earliest draw not yet finished (or the last one, to answer it again)
      const target = slot === undefined ? (slots.find((s) => s.state !== 'drawn') ?? slots[slots.length - 1]) : slots.find((s) => s.slot === slot);
      if (!target) return fail('RAFFLE_NOT_FOUND', 'No such draw in this raffle', 'slot');
      const after = await runDraw({ db: ctx.db, messaging: ctx.messaging, now: ctx.now }, target._id, { early: true });
      if (target.state !== after.state) {
        ctx.audit({ entity: 'raffle_slot', entityId: target._id, before: { state: target.state }, after: { state: after.state, winners: after.winners } });
      }
      return { slot: slotView(raffle, after, ctx.now) };
    },
  },
});
