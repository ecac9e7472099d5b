import { runPostLive } from '../domain/postlive/job';
import { flushOutbox, runSop, sweepTags } from '../domain/sop/timers';
import { defineFunction } from '../kernel/define';

/** After the live and always-on outreach: the post-live job, SOP steps, tag sweeps, the outbox's deferred messages. */
export const sop = defineFunction('sop', {}, { runPostLive, runSop, sweepTags, flushOutbox });
