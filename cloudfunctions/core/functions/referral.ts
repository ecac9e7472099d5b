import { referralActions } from '../domain/referral/actions';
import { rewardPromoters } from '../domain/referral/promoters';
import { defineFunction } from '../kernel/define';

/** Share codes and posters, binding, fission tasks, promoters. */
export const referral = defineFunction('referral', { ...referralActions }, { rewardPromoters });
