import type { CustomerRow, CustomerTag } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';

/** A customer as a row of the list: who, tier and points, what they bought, the tags they hold. */
export interface CustomerListRow {
  userId: string;
  nickname: string;
  phone: string;
  tierName: string;
  points: number;
  spendText: string;
  lastPaidText: string;
  tags: string[];
  moreTags: number;
}

/** How many tag labels a row shows before "+N". */
export const ROW_TAGS = 3;

export const tagLabels = (tags: CustomerTag[]): string[] => tags.map((t) => t.label);

export function customerRow(c: CustomerRow): CustomerListRow {
  const labels = tagLabels(c.tags);
  return {
    userId: c.userId,
    nickname: c.nickname,
    phone: c.phone ?? '',
    tierName: c.tierName,
    points: c.points,
    spendText: c.paidOrders ? `${c.paidOrders} 单 · 实付 ${formatYuan(c.netSpentFen)}` : '还没有下单',
    lastPaidText: c.lastPaidAt ? `最近下单 ${formatDateTime(c.lastPaidAt).slice(0, 10)}` : '',
    tags: labels.slice(0, ROW_TAGS),
    moreTags: Math.max(0, labels.length - ROW_TAGS),
  };
}
