import type { TimerCtx } from '../../kernel/define';
import { returnStockTx } from '../catalog';
import { runDraw, type DrawDeps } from './run';

const BATCH = 50;

/**
 * Timer, every minute: resumes any draw a crash left `drawing` or `awarding`, then runs each draw
 * whose time has come. Running twice at once is harmless: each draw is claimed once and every later step
 * is idempotent. A draw that fails is logged and retried on the next run.
 */
export async function drawDueRaffles(
  ctx: Pick<TimerCtx, 'db' | 'messaging' | 'now'>,
  options: Pick<DrawDeps, 'grants'> & Partial<Pick<DrawDeps, 'afterWinners'>> & { log?: (message: string, error: unknown) => void },
): Promise<{ drawn: number; failed: number }> {
  const slots = ctx.db.collection('raffle_slots');
  // draws left half-way (also ones staff started before their time), then those whose time has come
  const [unfinished, due] = await Promise.all([
    slots.find({ state: { $in: ['drawing', 'awarding'] } }, { sort: [['drawAt', 'asc']], limit: BATCH }),
    slots.find({ state: 'open', drawAt: { $lte: ctx.now } }, { sort: [['drawAt', 'asc'], ['slot', 'asc']], limit: BATCH }),
  ]);
  const tally = { drawn: 0, failed: 0 };
  for (const slot of new Map([...unfinished, ...due].map((s) => [s._id, s])).values()) {
    try {
      const after = await runDraw({ db: ctx.db, messaging: ctx.messaging, now: ctx.now, ...options }, slot._id);
      if (after.state === 'drawn') tally.drawn++;
    } catch (e) {
      tally.failed++;
      (options.log ?? ((m, err) => console.error(m, err)))(`[raffle] draw ${slot._id}`, e);
    }
  }
  return tally;
}

/**
 * Timer, hourly: goods prizes whose winner gave no address within the claim window are forfeited
 * and their unit goes back to stock, in one transaction per prize.
 */
export async function expireUnclaimedPrizes(ctx: Pick<TimerCtx, 'db' | 'now'>): Promise<{ forfeited: number }> {
  const stale = await ctx.db
    .collection('raffle_prizes')
    .find({ status: 'awaiting_address', claimBy: { $lt: ctx.now } }, { sort: [['claimBy', 'asc']], limit: 200 });
  let forfeited = 0;
  for (const prize of stale) {
    const done = await ctx.db.transaction(async (tx) => {
      const current = await tx.get('raffle_prizes', prize._id);
      if (!current || current.status !== 'awaiting_address' || current.spec.kind !== 'goods') return false;
      await tx.update('raffle_prizes', prize._id, { $set: { status: 'forfeited', reason: 'not_claimed', settledAt: ctx.now } });
      await returnStockTx(tx, [{ skuId: current.spec.skuId, quantity: 1 }]);
      return true;
    });
    if (done) forfeited++;
  }
  return { forfeited };
}

/**
 * A live is over: its draws still open close now. A draw already open is drawn at once by the next
 * `drawDueRaffles` (its entries keep their chance); one that had not opened closes with no entries
 * (its goods stock goes back when it is drawn). Written as "draw time no later than now", so running
 * it again changes nothing and finishes what an interrupted run left. Answers how many draws moved.
 */
export async function closeDrawsOf(db: Pick<TimerCtx, 'db'>['db'], liveId: string, now: number): Promise<number> {
  const slots = db.collection('raffle_slots');
  const unopened = await slots.update({ liveId, state: 'open', opensAt: { $gt: now } }, { $set: { opensAt: now, drawAt: now } });
  const open = await slots.update({ liveId, state: 'open', drawAt: { $gt: now } }, { $set: { drawAt: now } });
  return unopened + open;
}

/** How many of a live's draws still to be drawn fall outside [startAt, endAt]: they would be drawn off the live's times. */
export async function drawsOutside(db: Pick<TimerCtx, 'db'>['db'], liveId: string, startAt: number, endAt: number): Promise<number> {
  const slots = db.collection('raffle_slots');
  const [early, late] = await Promise.all([
    slots.count({ liveId, state: 'open', drawAt: { $lt: startAt } }),
    slots.count({ liveId, state: 'open', drawAt: { $gt: endAt } }),
  ]);
  return early + late;
}
