import type { DrawSchedule, PrizeSpec, PrizeStatus, RaffleKind } from '../../../typings/contract/raffle';
import type { BaseDoc } from './base';

/** A raffle (抽奖) tied to a live: who may enter, its prizes per draw, and how its draws are timed. */
export interface RaffleDoc extends BaseDoc {
  liveId: string;
  kind: RaffleKind;
  title: string;
  /** awarded in each draw */
  prizes: PrizeSpec[];
  draw: DrawSchedule;
  slotCount: number;
  maxWinsPerUser: number;
  createdBy: string;
  createdAt: number;
}

/**
 * One draw of a raffle (a slot), with its own entries, seed, commitment and winners.
 *   open → drawing (claimed by one conditional update) → awarding (winners persisted, seed public)
 *        → drawn (every prize granted or parked, notices sent)
 * A run that finds `drawing` recomputes the same winners (the entries are frozen once claimed);
 * one that finds `awarding` resumes the grants, each idempotent on its key.
 */
export type SlotDocState = 'open' | 'drawing' | 'awarding' | 'drawn';

export interface WinnerRecord {
  unit: number;
  prizeIndex: number;
  entryId: string;
  userId: string;
  /** masked when stored */
  nickname: string;
}

export interface SlotDoc extends BaseDoc {
  raffleId: string;
  liveId: string;
  /** from 1 */
  slot: number;
  opensAt: number;
  drawAt: number;
  state: SlotDocState;
  /** 32 random bytes in hex: never leaves the server before the winners are persisted */
  seed: string;
  commitment: string;
  entryCount: number;
  claimedAt: number | null;
  /** entries left out because their users had already won as often as allowed */
  excludedEntryIds: string[] | null;
  winners: WinnerRecord[] | null;
  drawnAt: number | null;
  /** goods stock of units nobody won has gone back */
  stockReturnedAt: number | null;
  finishedAt: number | null;
}

/** One user's entry in one draw, `_id` = slotId:userId; `entryId` is the public one. */
export interface EntryDoc extends BaseDoc {
  entryId: string;
  raffleId: string;
  slotId: string;
  slot: number;
  liveId: string;
  userId: string;
  createdAt: number;
  /**
   * `pending` from its insert until the draw's counter took it (then `in`), or until it is withdrawn
   * because the draw had closed; an entry without a state is `in`
   */
  state?: 'pending' | 'in';
}

/** One prize unit won, `_id` = slotId-unit: its grant and delivery. */
export interface PrizeDoc extends BaseDoc {
  raffleId: string;
  slotId: string;
  slot: number;
  liveId: string;
  unit: number;
  prizeIndex: number;
  spec: PrizeSpec;
  userId: string;
  entryId: string;
  /** `granting`: a run has claimed the grant (shown as pending); a claim older than the lease is taken over */
  status: PrizeStatus | 'granting';
  grantingAt: number | null;
  /** why it failed or was forfeited */
  reason: string | null;
  /** what the grant made: coupon id, points entry key, privilege id */
  ref: string | null;
  privilegeUntil: number | null;
  /** goods: the address must come before this */
  claimBy: number | null;
  orderId: string | null;
  /** the result notice's outbox status */
  notice: string | null;
  createdAt: number;
  settledAt: number | null;
}

/** How many prizes a user has won in a raffle, `_id` = raffleId:userId. */
export interface WinsDoc extends BaseDoc {
  raffleId: string;
  userId: string;
  count: number;
}

export const slotId = (raffleId: string, slot: number) => `${raffleId}-${slot}`;
export const entryKey = (slotId: string, userId: string) => `${slotId}:${userId}`;
export const prizeId = (slotId: string, unit: number) => `${slotId}-${unit}`;
export const winsId = (raffleId: string, userId: string) => `${raffleId}:${userId}`;
/** Idempotency key of a prize's grant (coupon grant key, points entry key, privilege id). */
export const grantKey = (prizeId: string) => `raffle:${prizeId}`;
