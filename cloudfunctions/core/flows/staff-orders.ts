import type { StaffOrderDetail, StaffOrderRow } from '../../../typings/contract';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { maskName, maskPhone } from '../kernel/mask';
import { defaultNickname } from '../kernel/users';
import type { Db } from '../ports';
import { loadOrder, orderEvents, priceParts, refundable, refundedFenOf, refundView, staffOrderQuery } from '../modules/orders';
import { orderPoints } from '../modules/points';
import type { OrderDoc } from '../schema';

/**
 * The staff order screens' reads: the list with its search and filters, and one order in full. They
 * read orders with their buyers' nicknames (users), payments, points and lives. Buyers show by a
 * masked nickname and receivers by a masked phone: no openid or whole phone leaves here.
 */

export const STAFF_ORDERS_PAGE = 20;
/** A nickname search looks at this many matching buyers at most, the most recently seen first. */
export const BUYER_SEARCH_CAP = 100;

/** The refund as staff see it: its number, and each line with its title. */
function staffRefundView(o: OrderDoc): StaffOrderDetail['refund'] {
  const r = refundView(o)!;
  const titles = new Map(o.lines.map((l) => [l.skuId, l.title]));
  return {
    ...r,
    refundId: o.refund!.refundId,
    settledAt: r.settledAt ?? (o.status === 'refunded' ? o.closedAt : null),
    lines: r.lines.map((l) => ({ ...l, title: titles.get(l.skuId) ?? l.skuId })),
  };
}

const buyerName = (nickname: string | undefined, userId: string) => maskName(nickname ?? defaultNickname(userId), 'ends');

async function nicknames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  return new Map((await db.collection('users').find({ _id: { $in: ids } })).map((u) => [u._id, u.nickname]));
}

/** The users whose nickname contains `text`, the most recently seen first; capped when more matched. */
export async function buyersNamed(db: Db, text: string): Promise<{ ids: string[]; capped: boolean }> {
  const users = await db.collection('users').find({ nickname: { $contains: text } }, { sort: [['lastSeenAt', 'desc']], limit: BUYER_SEARCH_CAP + 1 });
  return { ids: users.slice(0, BUYER_SEARCH_CAP).map((u) => u._id), capped: users.length > BUYER_SEARCH_CAP };
}

function row(o: OrderDoc, names: Map<string, string>): StaffOrderRow {
  return {
    _id: o._id,
    buyer: buyerName(names.get(o.userId), o.userId),
    receiver: { name: o.address.userName, phone: maskPhone(o.address.telNumber) },
    status: o.status,
    lines: o.lines.map(({ title, image, specs, quantity }) => ({ title, image, specs, quantity })),
    payableFen: o.price.payableFen,
    paidFen: o.paidAt !== null ? o.price.payableFen : null,
    count: o.lines.reduce((s, l) => s + l.quantity, 0),
    title: o.lines.map((l) => l.title).join('、'),
    sourceKind: o.source?.kind ?? 'organic',
    liveId: o.source?.liveId ?? null,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
  };
}

export const staffOrderActions = bind<'admin'>()({
  listAllOrders: {
    staff: 'staff.read',
    handler: async ({ db }, { buyer, page, ...filters }) => {
      const nickname = buyer?.trim();
      const buyers = nickname ? await buyersNamed(db, nickname) : null;
      if (buyers && !buyers.ids.length) return { items: [], total: 0, buyersCapped: false };
      const query = staffOrderQuery(filters, buyers?.ids ?? null);
      const orders = db.collection('orders');
      const [total, docs] = await Promise.all([
        orders.count(query),
        orders.find(query, { sort: [['createdAt', 'desc']], limit: STAFF_ORDERS_PAGE, skip: ((page ?? 1) - 1) * STAFF_ORDERS_PAGE }),
      ]);
      const names = await nicknames(db, docs.map((o) => o.userId));
      return { items: docs.map((o) => row(o, names)), total, buyersCapped: buyers?.capped ?? false };
    },
  },

  getOrder: {
    staff: 'staff.read',
    handler: async ({ db }, { orderId }): Promise<StaffOrderDetail> => {
      const o = await loadOrder(db, orderId);
      if (!o) return fail('ORDER_NOT_FOUND', undefined, 'orderId');
      const liveId = o.source?.liveId ?? null;
      const [user, points, payment, live] = await Promise.all([
        db.collection('users').get(o.userId),
        orderPoints(db, o._id),
        o.transactionId ? db.collection('payments').get(o.transactionId) : null,
        liveId ? db.collection('lives').get(liveId) : null,
      ]);
      const { userName, telNumber, provinceName, cityName, countyName, detailInfo } = o.address;
      return {
        _id: o._id,
        status: o.status,
        buyer: buyerName(user?.nickname, o.userId),
        address: { userName, phone: maskPhone(telNumber), provinceName, cityName, countyName, detailInfo },
        lines: o.lines,
        price: priceParts(o),
        // partial refunds take points under their own keys; the order keeps the sum
        points: o.refunded ? { earned: points.earned, reversed: o.refunded.points } : points,
        payment:
          o.paidAt !== null
            ? { method: payment?.method ?? o.paymentMethod, transactionId: o.transactionId, paidAt: o.paidAt, paidFen: payment?.amountFen ?? o.price.payableFen }
            : null,
        shipping: o.tracking
          ? {
              company: o.tracking.company,
              trackingNumber: o.tracking.number,
              shippedAt: o.shippedAt,
              upload: o.shippingInfo
                ? {
                    state: o.shippingInfo.state,
                    error: o.shippingInfo.error ? `${o.shippingInfo.error.code} ${o.shippingInfo.error.message}`.trim() : null,
                    uploadedAt: o.shippingInfo.uploadedAt,
                    corrected: o.shippingInfo.corrected,
                    remindedAt: o.shippingInfo.remindedAt ?? null,
                  }
                : null,
            }
          : null,
        refund: o.refund ? staffRefundView(o) : null,
        refunds: { refundedFen: refundedFenOf(o), refundable: refundable(o) },
        source: { kind: o.source?.kind ?? 'organic', liveId, liveTitle: live?.title ?? null },
        createdAt: o.createdAt,
        expiresAt: o.expiresAt,
        events: orderEvents(o),
      };
    },
  },
});
