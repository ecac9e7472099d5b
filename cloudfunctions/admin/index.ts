import { cloudMain } from '../core/entry/cloud';
import { admin } from '../core/functions/admin';

export const main = cloudMain(admin);
