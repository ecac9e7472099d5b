import type { Db } from '../../ports';
import type { MessagingPort } from '../../ports/messaging';
import { send, templateId } from '../messaging';
import { returnStockTx } from '../catalog';
import { pickWinners, sortEntryIds } from './draw';
import { maskNickname } from './rules';
import { prizeId, slotId as slotIdOf, winsId, type PrizeDoc, type RaffleDoc, type SlotDoc, type WinnerRecord } from '../../schema';
import { settlePrize, type PrizeGrants } from './prizes';

/**
 * Running one draw, so that it happens once however it is started (the timer, twice; two staff;
 * a retry after a crash):
 * 1. claim: `open → drawing` by one conditional update. An entry is counted by a conditional update
 *    on the same document while it is open, so after the claim no entry is counted; those counted
 *    but not yet marked `in` are waited for (a few seconds at most), those left pending are not in;
 * 2. winners: computed from the seed and the frozen entries, deterministic, so a run that resumes a
 *    `drawing` slot computes the same ones; persisted with the prize units and the per-user win
 *    counters in one transaction conditional on `drawing` → `awarding`;
 * 3. prizes: each settled from `pending` with its idempotency key, the winner notified once (outbox
 *    key), goods stock of units nobody won returned once;
 * 4. `awarding → drawn` when no prize is left pending.
 */
export interface DrawDeps {
  db: Db;
  messaging: MessagingPort;
  now: number;
  /** how prizes are given (the modules' grants, passed in by the flow) */
  grants: PrizeGrants;
  /** false for draws replayed as history (the demo seed): no result notices */
  notify?: boolean;
  /** runs once the winners are persisted, before any prize is settled (tests inject a crash here) */
  afterWinners?: (slot: SlotDoc) => Promise<void> | void;
  /** waits between looks at entries still pending (real time; tests may pass their own) */
  pause?: (ms: number) => Promise<void>;
}

const SETTLE_POLLS = 40;
const SETTLE_MS = 50;

/** Waits until no entry of the claimed draw is still being counted, or gives up after about 2 s. */
async function settleEntries(deps: DrawDeps, slotId: string): Promise<void> {
  const pause = deps.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let poll = 0; poll < SETTLE_POLLS; poll++) {
    if (!(await deps.db.collection('raffle_entries').count({ slotId, state: 'pending' }))) return;
    await pause(SETTLE_MS);
  }
}

const slots = (db: Db) => db.collection('raffle_slots');
const prizes = (db: Db) => db.collection('raffle_prizes');

/** Loads the frozen entries, leaves out users who already won enough, and picks the winners. */
async function decide(db: Db, raffle: RaffleDoc, slot: SlotDoc): Promise<{ winners: WinnerRecord[]; excluded: string[] }> {
  const entries = await db.collection('raffle_entries').find({ slotId: slot._id, state: { $ne: 'pending' } }, { sort: [['entryId', 'asc']] });
  const done = await db.collection('raffle_wins').find({ raffleId: raffle._id, count: { $gte: raffle.maxWinsPerUser } });
  const doneUsers = new Set(done.map((w) => w.userId));
  const excluded = sortEntryIds(entries.filter((e) => doneUsers.has(e.userId)).map((e) => e.entryId));
  const eligible = entries.filter((e) => !doneUsers.has(e.userId));
  const byEntry = new Map(eligible.map((e) => [e.entryId, e]));
  const drawn = pickWinners(slot.seed, sortEntryIds([...byEntry.keys()]), raffle.prizes);
  const userIds = drawn.map((d) => byEntry.get(d.entryId)!.userId);
  const users = new Map(
    (userIds.length ? await db.collection('users').find({ _id: { $in: userIds } }) : []).map((u) => [u._id, u.nickname]),
  );
  const winners = drawn.map((d) => {
    const userId = byEntry.get(d.entryId)!.userId;
    return { ...d, userId, nickname: maskNickname(users.get(userId) ?? '') };
  });
  return { winners, excluded };
}

/** Persists the winners, their prize units and win counters, once. */
async function persist(deps: DrawDeps, raffle: RaffleDoc, slot: SlotDoc, decided: { winners: WinnerRecord[]; excluded: string[] }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const current = await tx.get('raffle_slots', slot._id);
    if (!current || current.state !== 'drawing') return;
    for (const w of decided.winners) {
      const prize: PrizeDoc = {
        _id: prizeId(slot._id, w.unit),
        raffleId: raffle._id,
        slotId: slot._id,
        slot: slot.slot,
        liveId: raffle.liveId,
        unit: w.unit,
        prizeIndex: w.prizeIndex,
        spec: raffle.prizes[w.prizeIndex],
        userId: w.userId,
        entryId: w.entryId,
        status: 'pending',
        grantingAt: null,
        reason: null,
        ref: null,
        privilegeUntil: null,
        claimBy: null,
        orderId: null,
        notice: null,
        createdAt: deps.now,
        settledAt: null,
      };
      await tx.set('raffle_prizes', prize);
      const _id = winsId(raffle._id, w.userId);
      const wins = await tx.get('raffle_wins', _id);
      await tx.set('raffle_wins', { _id, raffleId: raffle._id, userId: w.userId, count: (wins?.count ?? 0) + 1 });
    }
    await tx.update('raffle_slots', slot._id, {
      $set: { state: 'awarding', winners: decided.winners, excludedEntryIds: decided.excluded, drawnAt: deps.now },
    });
  });
}

async function notifyWinner(deps: DrawDeps, raffle: RaffleDoc, prize: PrizeDoc): Promise<void> {
  const status = await send(
    { db: deps.db, messaging: deps.messaging, now: deps.now },
    {
      key: `raffle:${prize._id}:result`,
      channel: 'subscribe',
      kind: 'transactional',
      userId: prize.userId,
      template: templateId('raffleResult'),
      params: {
        thing1: raffle.title.slice(0, 20),
        thing2: prize.spec.title.slice(0, 20),
        thing3: prize.spec.kind === 'goods' ? '恭喜中奖，请在 7 天内填写收货地址' : '恭喜中奖，奖品已发放',
      },
      page: `pages/raffle/index?id=${raffle._id}`,
      source: `raffle:${raffle._id}:result`,
    },
  );
  if (status !== 'duplicate') await prizes(deps.db).update({ _id: prize._id, notice: null }, { $set: { notice: status } });
}

/** Goods units nobody won in this draw go back to their SKU, once. */
async function returnUnwonStock(db: Db, raffle: RaffleDoc, slot: SlotDoc, now: number): Promise<void> {
  const unwon = raffle.prizes
    .map((p, prizeIndex) => ({ p, left: p.stock - (slot.winners ?? []).filter((w) => w.prizeIndex === prizeIndex).length }))
    .filter(({ p, left }) => p.kind === 'goods' && left > 0);
  await db.transaction(async (tx) => {
    const current = await tx.get('raffle_slots', slot._id);
    if (!current || current.stockReturnedAt !== null) return;
    await returnStockTx(tx, unwon.flatMap(({ p, left }) => (p.kind === 'goods' ? [{ skuId: p.skuId, quantity: left }] : [])));
    await tx.update('raffle_slots', slot._id, { $set: { stockReturnedAt: now } });
  });
}

async function award(deps: DrawDeps, raffle: RaffleDoc, slot: SlotDoc): Promise<void> {
  const grants = deps.grants;
  const units = await prizes(deps.db).find({ slotId: slot._id }, { sort: [['unit', 'asc']] });
  for (const prize of units) {
    const status = await settlePrize(deps.db, grants, prize, deps.now);
    if ((status === 'granted' || status === 'awaiting_address') && prize.notice === null && deps.notify !== false) await notifyWinner(deps, raffle, prize);
  }
  await returnUnwonStock(deps.db, raffle, slot, deps.now);
  if (!(await prizes(deps.db).count({ slotId: slot._id, status: { $in: ['pending', 'granting'] } }))) {
    await slots(deps.db).update({ _id: slot._id, state: 'awarding' }, { $set: { state: 'drawn', finishedAt: deps.now } });
  }
}

/**
 * Runs (or resumes) one draw and returns the slot afterwards. A draw before its time runs only when
 * `early` (staff pressed draw). Earlier draws of the same raffle are run first, so "wins at most N
 * times" always counts them.
 */
export async function runDraw(deps: DrawDeps, id: string, options: { early?: boolean } = {}): Promise<SlotDoc> {
  let slot = await slots(deps.db).get(id);
  if (!slot) throw new Error(`no raffle slot ${id}`);
  if (slot.state === 'drawn') return slot;
  if (slot.state === 'open' && !options.early && deps.now < slot.drawAt) return slot;
  const raffle = await deps.db.collection('raffles').get(slot.raffleId);
  if (!raffle) throw new Error(`no raffle ${slot.raffleId}`);

  // winners of earlier draws must be decided first: they count towards maxWinsPerUser here
  for (let n = 1; n < slot.slot; n++) {
    const earlier = await slots(deps.db).get(slotIdOf(raffle._id, n));
    if (earlier && (earlier.state === 'open' || earlier.state === 'drawing')) await runDraw(deps, earlier._id, options);
  }

  if (slot.state === 'open') {
    await slots(deps.db).update({ _id: slot._id, state: 'open' }, { $set: { state: 'drawing', claimedAt: deps.now } });
    slot = (await slots(deps.db).get(id))!;
  }
  if (slot.state === 'drawing') {
    await settleEntries(deps, slot._id);
    await persist(deps, raffle, slot, await decide(deps.db, raffle, slot));
    slot = (await slots(deps.db).get(id))!;
  }
  if (slot.state === 'awarding') {
    await deps.afterWinners?.(slot);
    await award(deps, raffle, slot);
    slot = (await slots(deps.db).get(id))!;
  }
  return slot;
}
