import type { OrderStatus, StaffRole } from '../../../typings/contract/index';

/** Chinese names for what staff screens list. */
export const ROLE_TEXT: Record<StaffRole, string> = { owner: '店主', operator: '运营', cs: '客服' };

export const STAFF_ROLE_OPTIONS: Array<{ role: StaffRole; label: string }> = [
  { role: 'owner', label: '店主' },
  { role: 'operator', label: '运营' },
  { role: 'cs', label: '客服' },
];

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

export const SOURCE_TEXT: Record<string, string> = { live_card: '直播间', invite: '邀请', share: '分享', organic: '自然' };
