import { cloudMain } from '../core/entry/cloud';
import { coupons } from '../core/functions/coupons';

export const main = cloudMain(coupons);
