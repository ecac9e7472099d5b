import type { MyEntry, RaffleSummary } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Raffles (function `raffle`). */
export const rafflesForLive = async (liveId: string): Promise<RaffleSummary[]> => (await call('raffle', 'listForLive', { liveId })).items;

export const enterRaffle = (raffleId: string, requestId = newRequestId()): Promise<{ entry: MyEntry; entryCount: number; drawAt: number }> =>
  call('raffle', 'enter', { raffleId }, { requestId });
