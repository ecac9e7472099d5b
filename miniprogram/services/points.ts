import type { PointsBalance, PointsEntry, Profile, Redemption, Reward } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Points, member tiers and the rewards store (function `points`). */
export const pointsBalance = (): Promise<PointsBalance> => call('points', 'balance', {});

/** The member's nickname and/or avatar (an uploaded file id); answers the profile as kept. */
export const setProfile = (patch: { nickname?: string; avatarFileId?: string }, requestId = newRequestId()): Promise<Profile> =>
  call('points', 'setProfile', patch, { requestId });

/** The caller's ledger, newest first, 20 a page. */
export const pointsHistory = (page = 1): Promise<{ items: PointsEntry[]; total: number }> => call('points', 'history', { page });

export const listRewards = (): Promise<{ items: Reward[]; balance: number }> => call('points', 'listRewards', {});

export interface RedeemInput {
  rewardId: string;
  /** product rewards: the address it ships to */
  addressId?: string;
}

export const redeemReward = (input: RedeemInput, requestId = newRequestId()): Promise<Redemption> => call('points', 'redeem', input, { requestId });
