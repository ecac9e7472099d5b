import type { DrawVerification, LiveRaffleItem, MyEntry, MyEntryItem, MyPrize, RaffleView } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Raffles (function `raffle`). */
export const rafflesForLive = async (liveId: string): Promise<LiveRaffleItem[]> => (await call('raffle', 'listForLive', { liveId })).items;

export const enterRaffle = (raffleId: string, requestId = newRequestId()): Promise<{ entry: MyEntry; entryCount: number; drawAt: number }> =>
  call('raffle', 'enter', { raffleId }, { requestId });

export const getRaffle = (raffleId: string): Promise<RaffleView> => call('raffle', 'get', { raffleId });

/** A finished draw's public data (default the latest decided draw), for recomputing its winners. */
export const verifyRaffle = (raffleId: string, slot?: number): Promise<DrawVerification> =>
  call('raffle', 'verify', slot === undefined ? { raffleId } : { raffleId, slot });

/** The caller's entries in every raffle, newest first, 10 a page. */
export const myRaffleEntries = (page = 1): Promise<{ items: MyEntryItem[]; total: number }> => call('raffle', 'myEntries', { page });

/** A goods prize: the address it ships to; the same order again when already claimed. */
export const claimPrize = (prizeId: string, addressId: string, requestId = newRequestId()): Promise<{ orderId: string; prize: MyPrize }> =>
  call('raffle', 'claimPrize', { prizeId, addressId }, { requestId });
