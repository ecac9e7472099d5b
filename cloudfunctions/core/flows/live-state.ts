import { bind } from '../kernel/define';
import { liveState, setManualState } from '../modules/live';
import { closeDrawsOf } from '../modules/raffle';

/**
 * Staff start or end a live by hand. Steps: (1) the live's state (module live); (2) once it is
 * over, its open raffle draws close now (module raffle). Step 2 has no compensation: it is
 * idempotent, so pressing 结束 again finishes what an interrupted press left.
 */
export const liveStateActions = bind<'admin'>()({
  setLiveState: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, state }) => {
      const { before, after } = await setManualState(ctx.db, liveId, state, ctx.now);
      const now = liveState(after, ctx.now);
      const closedDraws = now === 'ended' ? await closeDrawsOf(ctx.db, liveId, ctx.now) : 0;
      ctx.audit({ entity: 'live', entityId: liveId, before: { manualState: before.manualState ?? null }, after: { manualState: after.manualState ?? null, ...(closedDraws ? { closedDraws } : {}) } });
      return { state: now };
    },
  },
});
