import type { Binding, InputFor, OutputFor, ReferralSettings, RaffleSlot, StaffPrize, StaffRaffle } from '../../typings/contract/index';
import type { Page } from './admin';
import { call, newRequestId } from './call';

/** Staff marketing tools (function `admin`): coupon templates, invite tasks, referral bindings, raffles. */

export type CouponTemplateInput = InputFor<'admin', 'createCouponTemplate'>;
export type FissionTaskInput = InputFor<'admin', 'createFissionTask'>;
export type RaffleInput = InputFor<'admin', 'createRaffle'>;

export const listCouponTemplates = (page = 1): Promise<OutputFor<'admin', 'listCouponTemplates'>> => call('admin', 'listCouponTemplates', { page });

export const stopCouponTemplate = (templateId: string, requestId = newRequestId()): Promise<{ stoppedAt: number }> =>
  call('admin', 'stopCouponTemplate', { templateId }, { requestId });

export const updateCouponTemplate = (input: InputFor<'admin', 'updateCouponTemplate'>, requestId = newRequestId()): Promise<OutputFor<'admin', 'updateCouponTemplate'>> =>
  call('admin', 'updateCouponTemplate', input, { requestId });

export const createCouponTemplate = (input: CouponTemplateInput, requestId = newRequestId()): Promise<{ templateId: string }> =>
  call('admin', 'createCouponTemplate', input, { requestId });

export const createFissionTask = (input: FissionTaskInput, requestId = newRequestId()): Promise<{ taskId: string }> =>
  call('admin', 'createFissionTask', input, { requestId });

export const listBindings = (query: InputFor<'admin', 'listBindings'> = {}): Promise<Page<Binding>> => call('admin', 'listBindings', query);

export const getReferralSettings = (): Promise<ReferralSettings> => call('admin', 'getReferralSettings', {});

export const setReferralSettings = (input: Partial<ReferralSettings>, requestId = newRequestId()): Promise<ReferralSettings> =>
  call('admin', 'setReferralSettings', input, { requestId });

export const createRaffle = (input: RaffleInput, requestId = newRequestId()): Promise<OutputFor<'admin', 'createRaffle'>> =>
  call('admin', 'createRaffle', input, { requestId });

export const listRaffles = async (liveId?: string): Promise<StaffRaffle[]> => (await call('admin', 'listRaffles', liveId ? { liveId } : {})).items;

/** Runs the raffle's next (or the given) draw now; pressing again answers the same result. */
export const drawRaffle = async (raffleId: string, slot?: number, requestId = newRequestId()): Promise<RaffleSlot> =>
  (await call('admin', 'drawRaffle', slot === undefined ? { raffleId } : { raffleId, slot }, { requestId })).slot;

export const rafflePrizes = async (raffleId: string): Promise<StaffPrize[]> => (await call('admin', 'rafflePrizes', { raffleId })).items;

// 积分商城: the rewards shoppers redeem points for

export const listStaffRewards = (page = 1): Promise<OutputFor<'admin', 'listStaffRewards'>> => call('admin', 'listStaffRewards', { page });

export const updateReward = (input: InputFor<'admin', 'updateReward'>, requestId = newRequestId()): Promise<OutputFor<'admin', 'updateReward'>> =>
  call('admin', 'updateReward', input, { requestId });

export const createReward = (input: InputFor<'admin', 'createReward'>, requestId = newRequestId()): Promise<{ rewardId: string }> =>
  call('admin', 'createReward', input, { requestId });
