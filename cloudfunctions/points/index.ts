import { cloudMain } from '../core/entry/cloud';
import { points } from '../core/functions/points';

export const main = cloudMain(points);
