import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { loadLive } from '../modules/live';
import { postLiveProgress, runPostLiveJob, STAFF_BUDGET_MS } from './postlive';

/** Staff start or resume the post-live job, and watch its progress. */
export const postLiveAdminActions = bind<'admin'>()({
  runPostLive: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, { liveId }) => {
      const live = await loadLive(ctx.db, liveId);
      const job = await runPostLiveJob({ db: ctx.db, messaging: ctx.messaging, clock: ctx.clock, now: ctx.now }, live, { budgetMs: STAFF_BUDGET_MS });
      if (!job || job.status === 'expired') return fail('POSTLIVE_WINDOW_CLOSED', undefined, 'liveId');
      ctx.audit({ entity: 'postlive_job', entityId: liveId, before: null, after: { status: job.status, processed: job.processed } });
      return postLiveProgress(ctx.db, live);
    },
  },

  postLiveProgress: {
    staff: 'staff.read',
    handler: async ({ db }, { liveId }) => postLiveProgress(db, await loadLive(db, liveId)),
  },
});
