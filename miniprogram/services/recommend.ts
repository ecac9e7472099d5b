import type { Recommendation } from '../../typings/contract/index';
import { call } from './call';

/** Personal recommendations (function `recommend`). */
export interface RecommendQuery {
  liveId?: string;
  limit?: number;
}

export const recommendForMe = async (query: RecommendQuery = {}): Promise<Recommendation[]> => (await call('recommend', 'forMe', query)).items;
