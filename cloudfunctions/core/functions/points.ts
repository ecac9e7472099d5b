import { pointsActions } from '../modules/points';
import { expirePoints } from '../modules/points';
import { repairRedemptions, rewardActions } from '../flows/rewards';
import { defineFunction } from '../kernel/define';

/** The shopper's points, tier and the rewards store. */
export const points = defineFunction('points', { ...pointsActions, ...rewardActions }, { expirePoints, repairRedemptions: (ctx) => repairRedemptions(ctx) });
