import type { Order, OrderStatus } from '../../typings/contract/index';
import { formatDateTime } from './time';

/** How orders read to the shopper: state names, the list tabs, the timeline. */
export const STATUS_TEXT: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '待收货',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已超时关闭',
  refunding: '退款中',
  refunded: '已退款',
};

export const statusText = (status: OrderStatus): string => STATUS_TEXT[status] ?? status;

/** What the order's amount is called: 应付 before payment, 实付 once paid, 订单金额 on an order closed unpaid. */
export function amountLabel(status: OrderStatus): string {
  if (status === 'created') return '应付';
  if (status === 'cancelled' || status === 'expired') return '订单金额';
  return '实付';
}

/** An unpaid order the shopper can still pay: created, and its payment window still open. */
export const canPay = (o: { status: OrderStatus; expiresAt: number }, now: number): boolean => o.status === 'created' && now < o.expiresAt;

export interface OrderTab {
  key: string;
  title: string;
  /** the statuses the tab lists; empty: every order */
  statuses: OrderStatus[];
}

/** The order list's tabs (全部 / 待付款 / 待发货 / 待收货 / 已完成 / 退款售后). */
export const ORDER_TABS: OrderTab[] = [
  { key: 'all', title: '全部', statuses: [] },
  { key: 'created', title: '待付款', statuses: ['created'] },
  { key: 'paid', title: '待发货', statuses: ['paid'] },
  { key: 'shipped', title: '待收货', statuses: ['shipped'] },
  { key: 'completed', title: '已完成', statuses: ['completed'] },
  { key: 'refund', title: '退款/售后', statuses: ['refunding', 'refunded'] },
];

export const tabOf = (key: unknown): OrderTab => ORDER_TABS.find((t) => t.key === key) ?? ORDER_TABS[0];

export interface TimelineStep {
  text: string;
  desc: string;
}

/** The order's steps so far, oldest first: placed, paid, shipped, completed, or how it closed. */
export function timeline(o: Pick<Order, 'status' | 'createdAt' | 'paidAt' | 'shippedAt' | 'completedAt' | 'closedAt'>): TimelineStep[] {
  const steps: TimelineStep[] = [{ text: '提交订单', desc: formatDateTime(o.createdAt) }];
  if (o.paidAt !== null) steps.push({ text: '支付成功', desc: formatDateTime(o.paidAt) });
  if (o.shippedAt !== null) steps.push({ text: '商家已发货', desc: formatDateTime(o.shippedAt) });
  if (o.completedAt !== null) steps.push({ text: '确认收货', desc: formatDateTime(o.completedAt) });
  if (o.status === 'cancelled' || o.status === 'expired') {
    steps.push({ text: o.status === 'cancelled' ? '订单已取消' : '超时未支付，订单关闭', desc: o.closedAt !== null ? formatDateTime(o.closedAt) : '' });
  }
  if (o.status === 'refunding' || o.status === 'refunded') {
    steps.push({ text: STATUS_TEXT[o.status], desc: o.closedAt !== null ? formatDateTime(o.closedAt) : '' });
  }
  return steps;
}
