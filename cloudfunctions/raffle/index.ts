import { cloudMain } from '../core/entry/cloud';
import { raffle } from '../core/functions/raffle';

export const main = cloudMain(raffle);
