import { cloudMain } from '../core/entry/cloud';
import { referral } from '../core/functions/referral';

export const main = cloudMain(referral);
