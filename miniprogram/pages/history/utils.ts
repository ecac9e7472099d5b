import type { HistoryItem } from '../../../typings/contract/index';
import { shelfRow, type ShelfRow } from '../../components/shelf-item/utils';
import { dayHeading, dayKey } from '../../utils/time';

/** A 足迹 row: the product, and the Shanghai day it was viewed (a heading starts each day). */
export interface HistoryRow extends ShelfRow {
  day: string;
  dayLabel: string;
}

export const historyRow = (h: HistoryItem, now: number): HistoryRow => ({
  ...shelfRow(h),
  day: dayKey(h.viewedAt),
  dayLabel: dayHeading(h.viewedAt, now),
});

