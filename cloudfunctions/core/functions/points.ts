import { pointsActions } from '../modules/points/actions';
import { expirePoints } from '../modules/points/expiry';
import { defineFunction } from '../kernel/define';

/** The shopper's points, tier and the rewards store. */
export const points = defineFunction('points', pointsActions, { expirePoints });
