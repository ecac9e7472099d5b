import type { FissionProgress, FissionTask, LeaderboardRow, PromoterCenter, ResolvedCode, ShareCode } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Referral (function `referral`): share codes, posters, binding, invite tasks, promoters. */

/** The caller's share code for a live or product (made once per caller and target); its path carries `code=`. */
export const myShareCode = (target: { liveId?: string; productId?: string }): Promise<ShareCode> => call('referral', 'myCode', target);

/** What a code (from a wxacode scene or a shared path) opens, and whose it is (masked). */
export const resolveCode = (code: string): Promise<ResolvedCode> => call('referral', 'resolveCode', { code });

/** The QR image for a poster: a temporary URL in the cloud, a path served by the local runtime locally. */
export const posterQr = (code: string): Promise<{ qrUrl: string; path: string }> => call('referral', 'poster', { code });

/** First-touch binding of the caller to the code's owner; refused with a REFERRAL_* code when the rules say no. */
export const bindCode = (code: string, requestId = newRequestId()): Promise<{ bound: true; inviter: string }> =>
  call('referral', 'bind', { code }, { requestId });

export const getTask = (taskId: string): Promise<FissionTask> => call('referral', 'getTask', { taskId });

/** Invite tasks, newest first; of one live when `liveId` is given. */
export const listTasks = async (liveId?: string): Promise<FissionTask[]> => (await call('referral', 'listTasks', liveId ? { liveId } : {})).items;

export const taskProgress = (taskId: string): Promise<FissionProgress> => call('referral', 'progress', { taskId });

export const claimGift = (taskId: string, requestId = newRequestId()): Promise<{ claimed: true; couponId: string | null; points: number }> =>
  call('referral', 'claimGift', { taskId }, { requestId });

export const becomePromoter = (requestId = newRequestId()): Promise<{ promoter: true; since: number }> =>
  call('referral', 'becomePromoter', {}, { requestId });

export const promoterCenter = (): Promise<PromoterCenter> => call('referral', 'promoterCenter', {});

export const leaderboard = async (liveId: string): Promise<LeaderboardRow[]> => (await call('referral', 'leaderboard', { liveId })).items;
