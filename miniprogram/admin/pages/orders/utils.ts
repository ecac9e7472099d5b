import type { OrderStatus, StaffOrderRow } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';
import { ORDER_STATUS_TEXT, SOURCE_TEXT } from '../../utils/labels';

/** Order rows for staff, with what can be done to each. Pure. */
export interface OrderRow {
  _id: string;
  title: string;
  countText: string;
  payableText: string;
  status: OrderStatus;
  statusText: string;
  sourceText: string;
  timeText: string;
  /** paid orders ship */
  canShip: boolean;
  /** paid orders refund; a refunding one can be asked again */
  canRefund: boolean;
}

export const orderRow = (o: StaffOrderRow): OrderRow => ({
  _id: o._id,
  title: o.title,
  countText: `共 ${o.count} 件`,
  payableText: formatYuan(o.payableFen),
  status: o.status,
  statusText: ORDER_STATUS_TEXT[o.status] ?? o.status,
  sourceText: `${SOURCE_TEXT[o.sourceKind] ?? o.sourceKind}${o.liveId ? ' · 直播订单' : ''}`,
  timeText: formatDateTime(o.createdAt),
  canShip: o.status === 'paid',
  canRefund: o.status === 'paid' || o.status === 'refunding',
});

/** The same row after a status change. */
export const withStatus = (row: OrderRow, status: OrderStatus): OrderRow => ({
  ...row,
  status,
  statusText: ORDER_STATUS_TEXT[status] ?? status,
  canShip: status === 'paid',
  canRefund: status === 'paid' || status === 'refunding',
});

export const STATUS_FILTERS: Array<{ status: '' | OrderStatus; label: string }> = [
  { status: '', label: '全部' },
  { status: 'paid', label: '待发货' },
  { status: 'shipped', label: '已发货' },
  { status: 'refunding', label: '退款中' },
  { status: 'refunded', label: '已退款' },
  { status: 'completed', label: '已完成' },
  { status: 'created', label: '待付款' },
];

export const TRACKING = /^[A-Za-z0-9-]{4,40}$/;
