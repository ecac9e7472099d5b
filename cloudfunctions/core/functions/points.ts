import { pointsActions } from '../domain/points/actions';
import { expirePoints } from '../domain/points/expiry';
import { defineFunction } from '../kernel/define';

/** The shopper's points, tier and the rewards store. */
export const points = defineFunction('points', pointsActions, { expirePoints });
