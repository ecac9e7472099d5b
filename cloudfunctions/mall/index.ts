import { cloudMain } from '../core/entry/cloud';
import { mall } from '../core/functions/mall';

export const main = cloudMain(mall);
