import { cloudMain } from '../core/entry/cloud';
import { live } from '../core/functions/live';

export const main = cloudMain(live);
