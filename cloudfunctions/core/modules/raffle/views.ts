import type {
  MyEntry,
  MyPrize,
  OrderStatus,
  RafflePrize,
  RaffleSlot,
  RaffleSummary,
  RaffleWinner,
} from '../../../../typings/contract';
import type { Db } from '../../ports';
import type { EntryDoc, PrizeDoc, RaffleDoc, SlotDoc } from '../../schema';
import { currentSlot, entryResult, isDecided, slotState } from './rules';

/**
 * What shoppers and staff see of raffles. The seed and the winners appear only once the winners are
 * persisted; winners carry masked nicknames and public entry ids, never a user id.
 */
export const prizeViews = (raffle: RaffleDoc): RafflePrize[] =>
  raffle.prizes.map((p, index) => ({ index, kind: p.kind, title: p.title, stock: p.stock }));

export function winnerViews(raffle: RaffleDoc, slot: SlotDoc): RaffleWinner[] {
  if (!isDecided(slot)) return [];
  return (slot.winners ?? []).map((w) => ({
    unit: w.unit,
    prizeIndex: w.prizeIndex,
    prizeTitle: raffle.prizes[w.prizeIndex].title,
    prizeKind: raffle.prizes[w.prizeIndex].kind,
    entryId: w.entryId,
    nickname: w.nickname,
  }));
}

export function slotView(raffle: RaffleDoc, slot: SlotDoc, now: number): RaffleSlot {
  const decided = isDecided(slot);
  return {
    slot: slot.slot,
    opensAt: slot.opensAt,
    drawAt: slot.drawAt,
    state: slotState(slot, now),
    entryCount: slot.entryCount,
    commitment: slot.commitment,
    seed: decided ? slot.seed : null,
    winners: winnerViews(raffle, slot),
    drawnAt: decided ? slot.drawnAt : null,
  };
}

export function prizeView(prize: PrizeDoc, orderStatus: OrderStatus | null): MyPrize {
  const spec = prize.spec;
  return {
    prizeId: prize._id,
    kind: spec.kind,
    title: spec.title,
    status: prize.status === 'granting' ? 'pending' : prize.status,
    claimBy: prize.claimBy,
    orderId: prize.orderId,
    orderStatus,
    couponId: spec.kind === 'coupon' && prize.status === 'granted' ? prize.ref : null,
    points: spec.kind === 'points' ? spec.points : null,
    privilege: spec.kind === 'privilege' && prize.privilegeUntil !== null ? { kind: spec.privilege, until: prize.privilegeUntil } : null,
  };
}

/** Order states of the prizes' zero-price orders, by order id. */
export async function orderStatuses(db: Db, prizes: PrizeDoc[]): Promise<Map<string, OrderStatus>> {
  const ids = prizes.map((p) => p.orderId).filter((id): id is string => !!id);
  if (!ids.length) return new Map();
  return new Map((await db.collection('orders').find({ _id: { $in: ids } })).map((o) => [o._id, o.status]));
}

export function entryView(slot: SlotDoc, entry: EntryDoc, prizes: PrizeDoc[], orders: Map<string, OrderStatus>): MyEntry {
  const prize = prizes.find((p) => p.slotId === slot._id && p.entryId === entry.entryId) ?? null;
  return {
    entryId: entry.entryId,
    slot: entry.slot,
    createdAt: entry.createdAt,
    result: entryResult(slot, entry),
    prize: prize ? prizeView(prize, prize.orderId ? (orders.get(prize.orderId) ?? null) : null) : null,
  };
}

/** A raffle's state over its draws. */
export function raffleState(slots: SlotDoc[], now: number): RaffleSummary['state'] {
  if (currentSlot(slots, now)) return 'open';
  return slots.every(isDecided) ? 'drawn' : 'closed';
}

/** The next draw still to run: the earliest not yet decided. */
export const nextDrawAt = (slots: SlotDoc[]): number | null =>
  slots.filter((s) => !isDecided(s)).reduce<number | null>((min, s) => (min === null || s.drawAt < min ? s.drawAt : min), null);

export function summaryView(raffle: RaffleDoc, slots: SlotDoc[], now: number, entered: boolean): RaffleSummary {
  const current = currentSlot(slots, now);
  return {
    raffleId: raffle._id,
    liveId: raffle.liveId,
    kind: raffle.kind,
    title: raffle.title,
    prizes: prizeViews(raffle),
    state: raffleState(slots, now),
    currentSlot: current?.slot ?? null,
    nextDrawAt: nextDrawAt(slots),
    entryCount: current?.entryCount ?? 0,
    commitment: current?.commitment ?? null,
    slotCount: raffle.slotCount,
    entered,
  };
}
