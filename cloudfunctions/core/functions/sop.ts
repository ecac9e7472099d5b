import { runPostLive } from '../flows/postlive';
import { flushOutbox, runSop, sweepTags } from '../flows/sop-timers';
import { defineFunction } from '../kernel/define';

/** After the live and always-on outreach: the post-live job, SOP steps, tag sweeps, the outbox's deferred messages. */
export const sop = defineFunction('sop', {}, { runPostLive, runSop, sweepTags, flushOutbox });
