import { referralActions } from '../modules/referral';
import { referralCreditActions } from '../flows/referral-credit';
import { rewardPromoters } from '../flows/promoters';
import { defineFunction } from '../kernel/define';

/** Share codes and posters, binding, fission tasks, promoters. */
export const referral = defineFunction('referral', { ...referralActions, ...referralCreditActions }, { rewardPromoters });
