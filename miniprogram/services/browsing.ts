import type { FavoriteItem, HistoryItem, SearchHints } from '../../typings/contract/index';
import { call, type CallOptions } from './call';

/** The shopper's search hints, 收藏 and 足迹 (function `mall`). */
export const searchHints = (): Promise<SearchHints> => call('mall', 'searchHints', {});

/** 收藏 on or off; the same answer however often it is sent. */
export const setFavorite = (productId: string, on: boolean, options: CallOptions = {}): Promise<{ productId: string; favorited: boolean }> =>
  call('mall', 'favorite', { productId, on }, options);

export const listFavorites = (page: number): Promise<{ items: FavoriteItem[]; total: number }> => call('mall', 'listFavorites', { page });

export const listHistory = (page: number): Promise<{ items: HistoryItem[]; total: number }> => call('mall', 'listHistory', { page });

export const clearHistory = (): Promise<{ removed: number }> => call('mall', 'clearHistory', {});
