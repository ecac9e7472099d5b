import { bind } from '../kernel/define';
import { editLive, liveState, loadLive, setManualState } from '../modules/live';
import { closeDrawsOf, drawsOutside } from '../modules/raffle';
import { fail } from '../kernel/errors';

/**
 * Staff change a live's times and cards, and start or end it by hand.
 *
 * setLiveState: staff start or end a live by hand. Steps: (1) the live's state (module live); (2) once it is
 * over, its open raffle draws close now (module raffle). Step 2 has no compensation: it is
 * idempotent, so pressing 结束 again finishes what an interrupted press left.
 */
export const liveStateActions = bind<'admin'>()({
  /**
   * Steps: (1) new times keep every raffle draw still to come within the live (module raffle, a
   * read: refused otherwise); (2) the live's change (module live). Nothing to compensate.
   */
  editLive: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, input) => {
      if (input.startAt !== undefined || input.endAt !== undefined) {
        const live = await loadLive(ctx.db, input.liveId);
        const startAt = input.startAt ?? live.startAt;
        const endAt = input.endAt ?? live.endAt;
        // times the live refuses anyway (end before start, or in the past) are left to it
        const moved = (startAt !== live.startAt || endAt !== live.endAt) && endAt > startAt && endAt > ctx.now;
        const outside = moved ? await drawsOutside(ctx.db, input.liveId, startAt, endAt) : 0;
        if (outside) return fail('DRAWS_OUTSIDE_LIVE', `${outside} raffle draws would fall outside the new times`, input.startAt !== undefined && input.startAt !== live.startAt ? 'startAt' : 'endAt');
      }
      return editLive(ctx, input);
    },
  },

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
