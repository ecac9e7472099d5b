import { z } from 'zod';
import { def, epochMs, id, page, text } from './common';
import { MAX_SLOTS, MAX_UNITS_PER_DRAW } from './limits';
import type { OrderStatus } from './orders';
import { OFFERED_PRIVILEGES, type PrivilegeKind } from './points';

/**
 * Raffles (抽奖) tied to a live: entered by reserving the live before it starts (预约抽奖) or by
 * joining the merchant's WeCom through the live (进群抽奖), never by sharing. Each raffle has one or
 * more draws (slots); every draw is verifiable: its seed's SHA-256 is published when it opens, the
 * seed itself after the draw.
 */

export const RAFFLE_KINDS = ['reservation', 'group_join'] as const;
export type RaffleKind = (typeof RAFFLE_KINDS)[number];

export const PRIZE_KINDS = ['goods', 'coupon', 'points', 'privilege'] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

/** Scheduled draws are aligned to the Shanghai clock: 60 → on every hour. */
export const DRAW_INTERVALS = [15, 30, 60, 120, 240] as const;
export { MAX_SLOTS, MAX_UNITS_PER_DRAW };

/** The public name of the draw procedure (docs/API.md, "Verifying a draw"). */
export const DRAW_PROCEDURE = 'hmac-sha256-rejection-v1';

const title = () => text(30, 1);
/** units of this prize awarded in each draw */
const units = () => z.number().int().min(1).max(MAX_UNITS_PER_DRAW);

export const PrizeInput = z.discriminatedUnion('kind', [
  /** a product shipped free: the winner gives an address, a zero-price order follows */
  z.object({ kind: z.literal('goods'), title: title(), stock: units(), skuId: id() }).strict(),
  z.object({ kind: z.literal('coupon'), title: title(), stock: units(), couponTemplateId: id() }).strict(),
  z.object({ kind: z.literal('points'), title: title(), stock: units(), points: z.number().int().min(1).max(100_000) }).strict(),
  z
    .object({ kind: z.literal('privilege'), title: title(), stock: units(), privilege: z.enum(OFFERED_PRIVILEGES), days: z.number().int().min(1).max(366) })
    .strict(),
]);
export type PrizeSpec = z.output<typeof PrizeInput>;

export const DrawInput = z.discriminatedUnion('type', [
  /** one draw at `at` */
  z.object({ type: z.literal('once'), at: epochMs() }).strict(),
  /** a draw on every multiple of `minutes` of the Shanghai clock in (from, until]; default the live's start and end */
  z
    .object({
      type: z.literal('every'),
      minutes: z.literal(DRAW_INTERVALS),
      from: epochMs().optional(),
      until: epochMs().optional(),
    })
    .strict(),
]);
export type DrawSchedule = z.output<typeof DrawInput>;

/** A prize as shoppers see it. */
export interface RafflePrize {
  /** position in the raffle's prize list, from 0 */
  index: number;
  kind: PrizeKind;
  title: string;
  /** units awarded in each draw */
  stock: number;
}

/** One prize unit's winner, public once the draw is done. */
export interface RaffleWinner {
  /** the unit's position in the draw, from 1 (units are the prizes in order, each repeated `stock` times) */
  unit: number;
  prizeIndex: number;
  prizeTitle: string;
  prizeKind: PrizeKind;
  entryId: string;
  /** masked: first and last character kept (小*、微**8) */
  nickname: string;
}

/**
 * A draw's state: `open` takes entries until `drawAt`; `closed` is past `drawAt` and waiting for the
 * draw to run; `drawing` is claimed by a draw; `drawn` has its winners and its seed published.
 */
export type SlotState = 'open' | 'closed' | 'drawing' | 'drawn';

export interface RaffleSlot {
  /** from 1 */
  slot: number;
  opensAt: number;
  drawAt: number;
  state: SlotState;
  entryCount: number;
  /** SHA-256 of the seed, hex: published from the start */
  commitment: string;
  /** the seed, hex: null until the draw is done */
  seed: string | null;
  winners: RaffleWinner[];
  drawnAt: number | null;
}

export type PrizeStatus = 'pending' | 'granted' | 'awaiting_address' | 'ordered' | 'failed' | 'forfeited';

/** A prize the caller won, with its delivery. */
export interface MyPrize {
  prizeId: string;
  kind: PrizeKind;
  title: string;
  /**
   * pending (being granted) → granted (coupon, points, privilege) · goods: awaiting_address →
   * ordered (then follow `orderStatus`), or forfeited when not claimed by `claimBy` · failed: could
   * not be granted (e.g. the coupon ran out), staff follow up
   */
  status: PrizeStatus;
  /** goods: give an address before this */
  claimBy: number | null;
  orderId: string | null;
  orderStatus: OrderStatus | null;
  /** coupon prizes: the coupon in the wallet */
  couponId: string | null;
  points: number | null;
  privilege: { kind: PrivilegeKind; until: number } | null;
}

export type EntryResult = 'pending' | 'won' | 'lost' | 'excluded';

export interface MyEntry {
  entryId: string;
  slot: number;
  createdAt: number;
  /** pending until the draw; `excluded` when the caller had already won as often as the raffle allows */
  result: EntryResult;
  prize: MyPrize | null;
}

/** Why the caller cannot enter now, or null. */
export type EntryBlock = 'not_eligible' | 'already_won' | 'closed' | null;

export interface RaffleView {
  raffleId: string;
  liveId: string;
  kind: RaffleKind;
  title: string;
  prizes: RafflePrize[];
  maxWinsPerUser: number;
  /** open: a draw takes entries now; closed: none does but a draw is still to run; drawn: all done */
  state: 'open' | 'closed' | 'drawn';
  /** the draw entries go to now */
  currentSlot: number | null;
  nextDrawAt: number | null;
  /** the current draw's entries, the caller's entry in it, and its seed commitment */
  entryCount: number;
  myEntry: MyEntry | null;
  commitment: string | null;
  /** whether the caller may enter the current draw, and if not why */
  block: EntryBlock;
  /** the latest finished draw's winners, one per prize unit */
  winners: RaffleWinner[];
  slots: RaffleSlot[];
}

export type RaffleSummary = Pick<
  RaffleView,
  'raffleId' | 'liveId' | 'kind' | 'title' | 'prizes' | 'state' | 'currentSlot' | 'nextDrawAt' | 'entryCount' | 'commitment'
> & { slotCount: number; entered: boolean };

/** A raffle as the live room lists it: with whether the caller may enter it now (reserved before the start / joined the fan group). */
export interface LiveRaffleItem extends RaffleSummary {
  eligible: boolean;
}

export interface DrawVerification {
  raffleId: string;
  slot: number;
  procedure: typeof DRAW_PROCEDURE;
  commitment: string;
  seed: string;
  /** the draw's entries, sorted ascending by code unit */
  entryIds: string[];
  /** entries left out because their users had already won as often as allowed */
  excludedEntryIds: string[];
  /** prize units in draw order */
  units: Array<{ unit: number; prizeIndex: number; prizeTitle: string }>;
  /** the published winners */
  winners: RaffleWinner[];
  /** the winners' entry ids recomputed here from the seed and the entries, per unit */
  recomputed: string[];
  /** SHA-256(seed) equals the commitment published before the draw */
  seedMatchesCommitment: boolean;
  winnersMatch: boolean;
  valid: boolean;
}

export interface MyEntryItem extends MyEntry {
  raffleId: string;
  liveId: string;
  title: string;
  kind: RaffleKind;
  drawAt: number;
}

export const raffle = {
  /** one entry per user and draw; eligibility checked here */
  enter: def<{ entry: MyEntry; entryCount: number; drawAt: number }>()(z.object({ raffleId: id() }).strict()),
  get: def<RaffleView>()(z.object({ raffleId: id() }).strict()),
  /** recomputes a finished draw's winners from its public data */
  verify: def<DrawVerification>()(z.object({ raffleId: id(), slot: z.number().int().min(1).max(MAX_SLOTS).optional() }).strict()),
  listForLive: def<{ items: LiveRaffleItem[] }>()(z.object({ liveId: id() }).strict()),
  myEntries: def<{ items: MyEntryItem[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  /** a goods prize: the address it ships to; makes the zero-price order */
  claimPrize: def<{ orderId: string; prize: MyPrize }>()(z.object({ prizeId: id(), addressId: id() }).strict()),
};

export interface StaffPrize {
  prizeId: string;
  slot: number;
  unit: number;
  prizeIndex: number;
  kind: PrizeKind;
  title: string;
  userId: string;
  nickname: string;
  entryId: string;
  status: PrizeStatus;
  reason: string | null;
  claimBy: number | null;
  orderId: string | null;
  orderStatus: OrderStatus | null;
  /** the result notice: sent, skipped (no consent credit), … or null before it was decided */
  notice: string | null;
  createdAt: number;
}

export interface StaffRaffle extends RaffleSummary {
  createdAt: number;
  slots: RaffleSlot[];
}

export const raffleAdmin = {
  createRaffle: def<{ raffleId: string; slots: Array<{ slot: number; drawAt: number; commitment: string }> }>()(
    z
      .object({
        liveId: id(),
        kind: z.enum(RAFFLE_KINDS),
        title: text(40, 1),
        draw: DrawInput,
        prizes: z.array(PrizeInput).min(1).max(10),
        /** how many prizes one user may win across the raffle's draws (default 1) */
        maxWinsPerUser: z.number().int().min(1).max(10).optional(),
      })
      .strict(),
  ),
  /** runs a draw now (the timer runs each at its time); a finished draw answers its result again */
  drawRaffle: def<{ slot: RaffleSlot }>()(z.object({ raffleId: id(), slot: z.number().int().min(1).max(MAX_SLOTS).optional() }).strict()),
  listRaffles: def<{ items: StaffRaffle[] }>()(z.object({ liveId: id().optional() }).strict()),
  /** every prize unit won in a raffle, with its grant and delivery */
  rafflePrizes: def<{ items: StaffPrize[] }>()(z.object({ raffleId: id() }).strict()),
};
