import { rebuildRecommendationsTimer, recommendActions } from '../modules/recommend';
import { defineFunction } from '../kernel/define';

/** Personal recommendations for the home page and member centre; the association table's nightly rebuild. */
export const recommend = defineFunction('recommend', { ...recommendActions }, { rebuildRecommendations: rebuildRecommendationsTimer });
