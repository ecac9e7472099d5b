import { cloudMain } from '../core/entry/cloud';
import { sop } from '../core/functions/sop';

export const main = cloudMain(sop);
