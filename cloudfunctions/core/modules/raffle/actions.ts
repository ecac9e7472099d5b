import type { EntryBlock, MyEntryItem } from '../../../../typings/contract';
import { DRAW_PROCEDURE } from '../../../../typings/contract/raffle';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { isDuplicateKey, type Db } from '../../ports';
import { reservationId } from '../../schema';
import { ownAddress, shippingAddress } from '../orders';
import type { OrderDoc } from '../../schema';
import { priceOrder } from '../orders';
import { insertOrderTx, orderLine } from '../orders';
import { hasJoined } from '../wecom';
import { prizeUnits, verifyDraw } from './draw';
import { entryKey, type EntryDoc, type PrizeDoc, type RaffleDoc, type SlotDoc, winsId } from '../../schema';
import { currentSlot, entryBlock, isDecided } from './rules';
import { entryView, orderStatuses, prizeView, prizeViews, raffleState, nextDrawAt, slotView, summaryView, winnerViews } from './views';

const raffles = (db: Db) => db.collection('raffles');
const slotsColl = (db: Db) => db.collection('raffle_slots');
const entries = (db: Db) => db.collection('raffle_entries');
const prizes = (db: Db) => db.collection('raffle_prizes');
const ENTRIES_PAGE = 10;

export async function loadRaffle(db: Db, raffleId: string): Promise<RaffleDoc> {
  const raffle = await raffles(db).get(raffleId);
  if (!raffle) return fail('RAFFLE_NOT_FOUND', undefined, 'raffleId');
  return raffle;
}

export const slotsOf = (db: Db, raffleId: string) => slotsColl(db).find({ raffleId }, { sort: [['slot', 'asc']] });

/**
 * Who may enter: a reservation raffle takes users holding an active reservation made before the
 * live started; a group-join raffle takes users who added staff or joined the fan group on WeCom
 * through the live's channel state.
 */
export async function isEligible(db: Db, raffle: RaffleDoc, userId: string): Promise<boolean> {
  if (raffle.kind === 'reservation') {
    const r = await db.collection('reservations').get(reservationId(raffle.liveId, userId));
    return !!r && r.status === 'active' && r.beforeStart;
  }
  return hasJoined(db, { liveId: raffle.liveId, userId });
}

const winsOf = async (db: Db, raffleId: string, userId: string) => (await db.collection('raffle_wins').get(winsId(raffleId, userId)))?.count ?? 0;

type EnterOutcome = { closed: true } | { closed: false; entry: EntryDoc; slot: SlotDoc };

/** How long a second tap waits for the first one's entry to be counted, and when a pending entry is stale. */
const ENTRY_WAIT_POLLS = 40;
const ENTRY_WAIT_MS = 25;
const ENTRY_STALE_MS = 10_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Entering one draw without a transaction on the draw's document, which every entrant of a live
 * burst shares (there a by-id transaction conflicts with all the others and most are given up):
 * 1. the entry is inserted `pending`; its `_id` is the draw and the user, so a user has one;
 * 2. the draw's counter is taken by one conditional update while the draw is open. That update and
 *    the draw's claim (`open → drawing`) are ordered on the one document: an entry counted is one
 *    the draw waits for (runDraw settles pending entries first); one refused is withdrawn and the
 *    next draw is tried;
 * 3. the entry is marked `in`.
 * A second tap of the same user finds the entry and waits for it to be counted or withdrawn.
 */
async function enterSlot(ctx: Ctx, raffle: RaffleDoc, slot: SlotDoc): Promise<EnterOutcome> {
  const userId = ctx.caller.openid;
  const _id = entryKey(slot._id, userId);
  const entry: EntryDoc = {
    _id,
    entryId: ctx.ids.next(),
    raffleId: raffle._id,
    slotId: slot._id,
    slot: slot.slot,
    liveId: raffle.liveId,
    userId,
    createdAt: ctx.now,
    state: 'pending',
  };
  try {
    await entries(ctx.db).insert(entry);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return awaitEntry(ctx, _id, slot);
  }
  return countEntry(ctx, entry, slot);
}

async function countEntry(ctx: Ctx, entry: EntryDoc, slot: SlotDoc): Promise<EnterOutcome> {
  const counted = await slotsColl(ctx.db).update({ _id: slot._id, state: 'open', drawAt: { $gt: ctx.now } }, { $inc: { entryCount: 1 } });
  if (!counted) {
    await entries(ctx.db).remove({ _id: entry._id, state: 'pending' });
    return { closed: true };
  }
  await entries(ctx.db).update({ _id: entry._id }, { $set: { state: 'in' } });
  return { closed: false, entry: { ...entry, state: 'in' }, slot: { ...slot, entryCount: slot.entryCount + 1 } };
}

/** The same user's entry another call is making: counted (then it is the answer), or withdrawn (the draw closed). */
async function awaitEntry(ctx: Ctx, _id: string, slot: SlotDoc): Promise<EnterOutcome> {
  for (let poll = 0; ; poll++) {
    const existing = await entries(ctx.db).get(_id);
    if (!existing) return { closed: true };
    if (existing.state !== 'pending') return { closed: false, entry: existing, slot };
    // left pending by a call that never finished: this call counts it
    if (ctx.now - existing.createdAt > ENTRY_STALE_MS) return countEntry(ctx, existing, slot);
    if (poll >= ENTRY_WAIT_POLLS) return { closed: false, entry: existing, slot };
    await pause(ENTRY_WAIT_MS);
  }
}

/** The caller's zero-price order for a goods prize, and the prize marked ordered, in one transaction. */
async function orderPrize(ctx: Ctx, prize: PrizeDoc, addressId: string): Promise<string> {
  if (prize.spec.kind !== 'goods') return fail('PRIZE_STATE_INVALID');
  const address = await ownAddress(ctx, addressId);
  if (!address) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
  const sku = await ctx.db.collection('skus').get(prize.spec.skuId);
  const product = sku ? await ctx.db.collection('products').get(sku.productId) : null;
  if (!sku || !product) throw new Error(`prize ${prize._id}: SKU ${prize.spec.skuId} is gone`);
  // the unit was taken from stock when the raffle was created; the winner pays nothing
  const line = { ...orderLine(sku, product, 1, null), unitPriceFen: 0, lineTotalFen: 0 };
  const orderId = ctx.ids.next();
  const order: OrderDoc & { prize: { raffleId: string; prizeId: string; liveId: string } } = {
    _id: orderId,
    userId: ctx.caller.openid,
    status: 'paid',
    lines: [line],
    price: priceOrder([line], []),
    address: shippingAddress(address),
    couponId: null,
    couponIds: [],
    source: { kind: 'organic' },
    createdAt: ctx.now,
    expiresAt: ctx.now,
    paidAt: ctx.now,
    shippedAt: null,
    completedAt: null,
    closedAt: null,
    tracking: null,
    transactionId: null,
    paymentMethod: 'raffle_prize',
    refund: null,
    stockReturnedAt: null,
    // nothing was paid: no sales counter, no points
    paidEffectsAt: ctx.now,
    prize: { raffleId: prize.raffleId, prizeId: prize._id, liveId: prize.liveId },
  };
  const placed = await ctx.db.transaction(async (tx) => {
    const current = await tx.get('raffle_prizes', prize._id);
    if (!current || current.status !== 'awaiting_address') return current?.orderId ?? null;
    await insertOrderTx(tx, order);
    await tx.update('raffle_prizes', prize._id, { $set: { status: 'ordered', orderId, settledAt: ctx.now } });
    return orderId;
  });
  return placed ?? fail('PRIZE_STATE_INVALID');
}

export const raffleActions = bind<'raffle'>()({
  enter: {
    write: true,
    handler: async (ctx, { raffleId }) => {
      const raffle = await loadRaffle(ctx.db, raffleId);
      let slot = currentSlot(await slotsOf(ctx.db, raffleId), ctx.now);
      const entered = slot ? !!(await entries(ctx.db).get(entryKey(slot._id, ctx.caller.openid))) : false;
      const block = await entryBlock({
        open: !!slot,
        entered,
        wins: entered ? 0 : await winsOf(ctx.db, raffleId, ctx.caller.openid),
        maxWinsPerUser: raffle.maxWinsPerUser,
        eligible: () => isEligible(ctx.db, raffle, ctx.caller.openid),
      });
      if (block === 'closed') return fail('RAFFLE_CLOSED');
      if (block === 'already_won') return fail('RAFFLE_ALREADY_WON');
      if (block === 'not_eligible') {
        return fail('RAFFLE_NOT_ELIGIBLE', raffle.kind === 'reservation' ? 'Reserve the live before it starts to enter' : 'Join the fan group on WeCom to enter');
      }
      // a draw may claim the slot between reading it and entering: then the next draw takes the entry
      for (let attempt = 0; attempt < 3 && slot; attempt++) {
        const outcome = await enterSlot(ctx, raffle, slot);
        if (!outcome.closed) {
          return {
            entry: entryView(outcome.slot, outcome.entry, [], new Map()),
            entryCount: outcome.slot.entryCount,
            drawAt: outcome.slot.drawAt,
          };
        }
        slot = currentSlot(await slotsOf(ctx.db, raffleId), ctx.now);
      }
      return fail('RAFFLE_CLOSED');
    },
  },

  get: {
    handler: async ({ db, now, caller }, { raffleId }) => {
      const raffle = await loadRaffle(db, raffleId);
      const slots = await slotsOf(db, raffleId);
      const [mine, won, wins] = await Promise.all([
        entries(db).find({ raffleId, userId: caller.openid }),
        prizes(db).find({ raffleId, userId: caller.openid }),
        winsOf(db, raffleId, caller.openid),
      ]);
      const orders = await orderStatuses(db, won);
      const current = currentSlot(slots, now);
      const currentEntry = current ? mine.find((e) => e.slotId === current._id) : undefined;
      const block: EntryBlock = await entryBlock({
        open: !!current,
        entered: !!currentEntry,
        wins,
        maxWinsPerUser: raffle.maxWinsPerUser,
        eligible: () => isEligible(db, raffle, caller.openid),
      });
      const latest = [...slots].reverse().find(isDecided);
      return {
        raffleId,
        liveId: raffle.liveId,
        kind: raffle.kind,
        title: raffle.title,
        prizes: prizeViews(raffle),
        maxWinsPerUser: raffle.maxWinsPerUser,
        state: raffleState(slots, now),
        currentSlot: current?.slot ?? null,
        nextDrawAt: nextDrawAt(slots),
        entryCount: current?.entryCount ?? 0,
        myEntry: current && currentEntry ? entryView(current, currentEntry, won, orders) : null,
        commitment: current?.commitment ?? null,
        block,
        winners: latest ? winnerViews(raffle, latest) : [],
        slots: slots.map((s) => slotView(raffle, s, now)),
      };
    },
  },

  verify: {
    handler: async ({ db }, { raffleId, slot }) => {
      const raffle = await loadRaffle(db, raffleId);
      const slots = await slotsOf(db, raffleId);
      const target = slot === undefined ? [...slots].reverse().find(isDecided) : slots.find((s) => s.slot === slot);
      if (!target) return slot === undefined ? fail('RAFFLE_NOT_DRAWN') : fail('RAFFLE_NOT_FOUND', 'No such draw in this raffle', 'slot');
      if (!isDecided(target)) return fail('RAFFLE_NOT_DRAWN');
      const excluded = new Set(target.excludedEntryIds ?? []);
      const all = await entries(db).find({ slotId: target._id, state: { $ne: 'pending' } }, { sort: [['entryId', 'asc']] });
      const entryIds = all.map((e) => e.entryId).filter((id) => !excluded.has(id));
      const winners = winnerViews(raffle, target);
      const check = verifyDraw({ seed: target.seed, commitment: target.commitment, entryIds, prizes: raffle.prizes, winners });
      return {
        raffleId,
        slot: target.slot,
        procedure: DRAW_PROCEDURE,
        commitment: target.commitment,
        seed: target.seed,
        entryIds,
        excludedEntryIds: [...excluded].sort(),
        units: prizeUnits(raffle.prizes).map((prizeIndex, i) => ({ unit: i + 1, prizeIndex, prizeTitle: raffle.prizes[prizeIndex].title })),
        winners,
        ...check,
      };
    },
  },

  listForLive: {
    handler: async ({ db, now, caller }, { liveId }) => {
      const list = await raffles(db).find({ liveId }, { sort: [['createdAt', 'asc']], limit: 50 });
      if (!list.length) return { items: [] };
      const slots = await slotsColl(db).find({ raffleId: { $in: list.map((r) => r._id) } }, { sort: [['slot', 'asc']] });
      const currents = list.map((r) => currentSlot(slots.filter((s) => s.raffleId === r._id), now));
      const keys = currents.filter((s): s is SlotDoc => !!s).map((s) => entryKey(s._id, caller.openid));
      const [found, eligible] = await Promise.all([
        keys.length ? entries(db).find({ _id: { $in: keys } }) : Promise.resolve([]),
        Promise.all(list.map((r) => isEligible(db, r, caller.openid))),
      ]);
      const entered = new Set(found.map((e) => e.raffleId));
      return {
        items: list.map((r, i) => ({ ...summaryView(r, slots.filter((s) => s.raffleId === r._id), now, entered.has(r._id)), eligible: eligible[i] })),
      };
    },
  },

  myEntries: {
    handler: async ({ db, caller }, { page }) => {
      const query = { userId: caller.openid };
      const [total, list] = await Promise.all([
        entries(db).count(query),
        entries(db).find(query, { sort: [['createdAt', 'desc']], limit: ENTRIES_PAGE, skip: ((page ?? 1) - 1) * ENTRIES_PAGE }),
      ]);
      if (!list.length) return { items: [], total };
      const raffleIds = [...new Set(list.map((e) => e.raffleId))];
      const [rafflesById, slots, won] = await Promise.all([
        raffles(db).find({ _id: { $in: raffleIds } }).then((rs) => new Map(rs.map((r) => [r._id, r]))),
        slotsColl(db).find({ _id: { $in: [...new Set(list.map((e) => e.slotId))] } }).then((ss) => new Map(ss.map((s) => [s._id, s]))),
        prizes(db).find({ userId: caller.openid, raffleId: { $in: raffleIds } }),
      ]);
      const orders = await orderStatuses(db, won);
      const items: MyEntryItem[] = list.flatMap((e) => {
        const raffle = rafflesById.get(e.raffleId);
        const slot = slots.get(e.slotId);
        if (!raffle || !slot) return [];
        return [{ ...entryView(slot, e, won, orders), raffleId: raffle._id, liveId: raffle.liveId, title: raffle.title, kind: raffle.kind, drawAt: slot.drawAt }];
      });
      return { items, total };
    },
  },

  claimPrize: {
    write: true,
    handler: async (ctx, { prizeId, addressId }) => {
      const prize = await prizes(ctx.db).get(prizeId);
      if (!prize || prize.userId !== ctx.caller.openid) return fail('PRIZE_NOT_FOUND', undefined, 'prizeId');
      if (prize.status === 'forfeited' || (prize.status === 'awaiting_address' && prize.claimBy !== null && ctx.now > prize.claimBy)) {
        return fail('PRIZE_CLAIM_EXPIRED');
      }
      const orderId = prize.status === 'ordered' && prize.orderId ? prize.orderId : await orderPrize(ctx, prize, addressId);
      const after = (await prizes(ctx.db).get(prizeId))!;
      return { orderId, prize: prizeView(after, (await orderStatuses(ctx.db, [after])).get(orderId) ?? null) };
    },
  },
});
