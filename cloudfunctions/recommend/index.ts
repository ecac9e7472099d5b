import { cloudMain } from '../core/entry/cloud';
import { recommend } from '../core/functions/recommend';

export const main = cloudMain(recommend);
