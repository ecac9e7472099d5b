import type { AfterSaleState } from '../../../typings/contract';
import type { Db, MessagingPort } from '../ports';
import type { AfterSaleDoc, OrderDoc } from '../schema';
import { creditsByTemplate, send, templateId } from '../modules/messaging';
import { loadOrder, shippingAdminActions } from '../modules/orders';
import { staffHolding } from '../modules/staff';
import { creditId } from '../schema';
import { MAX_CONSENT_CREDITS } from '../../../typings/contract/limits';
import { bind } from '../kernel/define';
import { inShanghai } from '../kernel/time';

/**
 * 订单状态通知: the shopper hears when the order is paid, shipped and refunded, and when an after-sale
 * application moves on the shop's side, each once (the outbox key names the event), each against a
 * consent credit of the orderUpdate template (asked at submit and at the after-sale application).
 * Telling is after the fact and never undoes it: a failed send is in the outbox, the move stands.
 */
export interface NoticeDeps {
  db: Db;
  messaging: MessagingPort;
  now: number;
}

export type OrderEvent = { kind: 'paid' } | { kind: 'shipped' } | { kind: 'refunded'; refundId: string; amountFen: number } | { kind: 'aftersale'; doc: AfterSaleDoc };

/** What an after-sale move says, in the template's phrase (≤ 5 characters) and thing (≤ 20). */
const AFTER_SALE_PHRASE: Partial<Record<AfterSaleState, [string, string]>> = {
  needs_info: ['待补充', '商家需要你补充售后信息'],
  rejected: ['已拒绝', '售后申请未通过，点击查看原因'],
  awaiting_return: ['待寄回', '售后已同意，请寄回商品'],
  refunding: ['退款中', '售后已同意，退款处理中'],
  refund_failed: ['处理中', '退款未完成，商家正在处理'],
  exchanged: ['已换货', '换货商品已发出'],
};

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function message(order: OrderDoc, e: OrderEvent): { key: string; phrase: string; thing: string; page: string } | null {
  const title = order.lines[0]?.title ?? '订单';
  const page = `pages/order/index?id=${order._id}`;
  switch (e.kind) {
    case 'paid':
      return { key: `order:${order._id}:paid`, phrase: '已支付', thing: `${title}，商家正在备货`, page };
    case 'shipped':
      return { key: `order:${order._id}:shipped`, phrase: '已发货', thing: `${order.tracking?.company ?? ''} ${title}`.trim(), page };
    case 'refunded':
      return { key: `order:${order._id}:refund:${e.refundId}`, phrase: '已退款', thing: `${yuan(e.amountFen)} 已原路退回`, page };
    case 'aftersale': {
      const said = AFTER_SALE_PHRASE[e.doc.state];
      if (!said) return null;
      return { key: `aftersale:${e.doc._id}:${e.doc.history.length}`, phrase: said[0], thing: said[1], page: `pages/after-sale/detail/index?id=${e.doc._id}` };
    }
  }
}

/** Tells the order's shopper of the event; never throws. */
export async function tellOrder(deps: NoticeDeps, orderId: string, e: OrderEvent): Promise<void> {
  try {
    const order = await loadOrder(deps.db, orderId);
    const m = order && message(order, e);
    if (!order || !m) return;
    await send(deps, {
      key: m.key,
      channel: 'subscribe',
      kind: 'transactional',
      userId: order.userId,
      template: templateId('orderUpdate'),
      params: { character_string1: order._id.slice(0, 32), thing2: m.thing, phrase3: m.phrase },
      page: m.page,
      source: `order:${order._id}`,
    });
  } catch {
    // the event happened; the message is the outbox's to report
  }
}

/**
 * 新订单通知: a paid order, to every staff member who may ship it (orders.fulfil) and banked an alert
 * on the staff home (each accepted prompt allows one, as WeChat's one-time subscriptions do). Once
 * per order and member; never throws.
 */
export async function alertStaff(deps: NoticeDeps, orderId: string): Promise<void> {
  try {
    const order = await loadOrder(deps.db, orderId);
    if (!order) return;
    const staff = await staffHolding(deps.db, 'orders.fulfil');
    if (!staff.length) return;
    const template = templateId('newOrder');
    const held = await deps.db.collection('consent_credits').find({ _id: { $in: staff.map((s) => creditId(s, template)) }, credits: { $gte: 1 } }, { limit: staff.length });
    const units = order.lines.reduce((n, l) => n + l.quantity, 0);
    const title = order.lines[0]?.title ?? '订单';
    for (const c of held) {
      await send(deps, {
        key: `order:${order._id}:staff:${c.userId}`,
        channel: 'subscribe',
        kind: 'transactional',
        userId: c.userId,
        template,
        params: {
          character_string1: order._id.slice(0, 32),
          thing2: units > 1 ? `${title} 等 ${units} 件` : title,
          thing3: `实付 ${yuan(order.price.payableFen)}，请尽快发货`,
          time4: inShanghai(order.paidAt ?? deps.now).format('YYYY年M月D日 HH:mm'),
        },
        page: `admin/pages/order-detail/index?id=${order._id}`,
        source: `order:${order._id}`,
      });
    }
  } catch {
    // the order is paid; the alert is the outbox's to report
  }
}

/** A paid order: the shopper told, and the staff who asked for it alerted. */
export async function orderPaid(deps: NoticeDeps, orderId: string): Promise<void> {
  await tellOrder(deps, orderId, { kind: 'paid' });
  await alertStaff(deps, orderId);
}

/** Staff shipping, with the shopper told once the order has shipped. */
export const shippingActions = bind<'admin'>()({
  ...shippingAdminActions,
  shipOrder: {
    ...shippingAdminActions.shipOrder,
    handler: async (ctx, input) => {
      const out = await shippingAdminActions.shipOrder.handler(ctx, input);
      await tellOrder(ctx, input.orderId, { kind: 'shipped' });
      return out;
    },
  },
});

/** 新订单提醒 on the staff home: the caller's banked alerts. */
export const orderAlertActions = bind<'admin'>()({
  orderAlertSettings: {
    staff: 'orders.fulfil',
    handler: async ({ db, caller }) => {
      const template = templateId('newOrder');
      const credits = (await creditsByTemplate(db, caller.openid, [template]))[template];
      return { templateId: template, credits, maxCredits: MAX_CONSENT_CREDITS };
    },
  },
});
