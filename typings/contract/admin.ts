import { z } from 'zod';
import { def, id, text } from './common';
import type { OrderRefund, OrderStatus } from './orders';

/** 店主 owner, 运营 operator, 客服 customer service */
export type StaffRole = 'owner' | 'operator' | 'cs';

const ShipInput = z
  .object({ orderId: id(), company: text(30, 1), trackingNumber: z.string().min(4).max(40).regex(/^[A-Za-z0-9-]+$/) })
  .strict();

/** Where an order's shipment stands with WeChat's 发货信息管理. */
export type ShippingUploadState = 'pending' | 'uploaded' | 'failed' | 'none';

export const admin = {
  whoami: def<{ openid: string; role: StaffRole }>()(z.object({}).strict()),
  /** 新订单提醒: the caller's banked new-order alerts (each accepted subscribe prompt of `templateId` allows one) */
  orderAlertSettings: def<{ templateId: string; credits: number; maxCredits: number }>()(z.object({}).strict()),
  /**
   * paid → shipped, with a listed carrier (code or name, see COURIERS) and the waybill number; a paid
   * order under WeChat's 发货信息管理 is then reported to it (`upload`: uploaded, pending — retried by
   * the uploadShipping timer —, failed, or none when nothing is to be reported)
   */
  shipOrder: def<{ status: OrderStatus; upload: ShippingUploadState }>()(ShipInput),
  /**
   * Corrects a shipped order's carrier or waybill number. WeChat takes one correction of a reported
   * shipment (RESHIP_USED after it); an unreported one can be corrected until it is.
   */
  reshipOrder: def<{ status: OrderStatus; upload: ShippingUploadState }>()(ShipInput),
  /**
   * Asks WeChat to remind the buyer to confirm receipt (notify_confirm_receive), once per order: for a
   * reported shipment the courier says was signed for (`receivedAt`, default now).
   */
  remindReceipt: def<{ remindedAt: number }>()(z.object({ orderId: id(), receivedAt: z.number().int().positive().optional() }).strict()),
  /**
   * A refund through the payment platform, before or after shipping: of the lines given (units of each
   * SKU), or without `lines` of all that is left. One that leaves nothing closes the order as refunded.
   */
  refundOrder: def<{ status: OrderStatus; refund: OrderRefund | null }>()(
    z
      .object({
        orderId: id(),
        reason: text(80, 1),
        lines: z.array(z.object({ skuId: id(), quantity: z.number().int().min(1).max(999) }).strict()).min(1).max(50).optional(),
      })
      .strict(),
  ),
};
