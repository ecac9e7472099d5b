// Generated from typings/contract/orders.ts by scripts/gen-client-tables.ts.
// Do not edit: change the server's source, then run `npm run gen:client-tables`.

import type { OrderStatus } from '../../../../typings/contract/index';

/** What staff read for each order state (the admin screens and the order export). */
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

/** What staff read for where an order came from. */
export const SOURCE_TEXT: Record<string, string> = {
  live_card: '直播间',
  invite: '邀请',
  share: '分享',
  organic: '自然',
};
