import { z } from 'zod';
import { def, id, text } from './common';
import type { OrderRefund, OrderStatus } from './orders';

/** 店主 owner, 运营 operator, 客服 customer service */
export type StaffRole = 'owner' | 'operator' | 'cs';

export const admin = {
  whoami: def<{ openid: string; role: StaffRole }>()(z.object({}).strict()),
  /** paid → shipped, with the carrier and tracking number */
  shipOrder: def<{ status: OrderStatus }>()(
    z.object({ orderId: id(), company: text(30, 1), trackingNumber: z.string().min(4).max(40).regex(/^[A-Za-z0-9-]+$/) }).strict(),
  ),
  /** paid → refunding → refunded (full refund through the payment platform) */
  refundOrder: def<{ status: OrderStatus; refund: OrderRefund | null }>()(z.object({ orderId: id(), reason: text(80, 1) }).strict()),
};
