import { pointsActions } from '../modules/points';
import { expirePoints } from '../modules/points';
import { repairRedemptions, rewardActions } from '../flows/rewards';
import { defineFunction } from '../kernel/define';
import { profileActions } from '../modules/points';

/** The shopper's points, tier and the rewards store. */
export const points = defineFunction('points', { ...profileActions, ...pointsActions, ...rewardActions }, { expirePoints, repairRedemptions: (ctx) => repairRedemptions(ctx) });
