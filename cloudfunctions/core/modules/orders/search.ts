import type { OrderStatus } from '../../../../typings/contract';
import { DAY, shanghaiDayStartOf } from '../../kernel/time';
import type { Query } from '../../ports';
import type { OrderDoc, OrderSearchKeys } from '../../schema';

/**
 * How staff find orders (admin.listAllOrders), as pure functions: the search keys an order carries
 * and the query for a set of filters. An order's lines and address never change after it is
 * written, so its keys are derived once, when it is written (store.ts, checkout-intents.ts).
 */

export function orderSearchKeys(o: Pick<OrderDoc, 'lines' | 'address'>): OrderSearchKeys {
  const digits = o.address.telNumber.replace(/\D/g, '');
  return {
    products: o.lines.map((l) => l.title.toLowerCase()).join('\n'),
    phoneTail: digits.slice(-4),
  };
}

/** The order with its search keys, as it is stored. */
export const withSearchKeys = <T extends OrderDoc>(o: T): T => ({ ...o, search: orderSearchKeys(o) });

export interface StaffOrderFilters {
  status?: OrderStatus;
  liveId?: string;
  /** Asia/Shanghai calendar days (YYYY-MM-DD), both included */
  fromDay?: string;
  toDay?: string;
  orderId?: string;
  phoneTail?: string;
  /** part of a line title, any case */
  product?: string;
}

/**
 * The orders query for the filters; `buyerIds` (the users whose nickname matched a buyer search)
 * narrows it to their orders. Every condition is `$and`ed: each filter only ever narrows.
 */
export function staffOrderQuery(f: StaffOrderFilters, buyerIds: string[] | null = null): Query {
  const query: Query = {};
  if (f.orderId) query._id = f.orderId;
  if (buyerIds) query.userId = { $in: buyerIds };
  if (f.status) query.status = f.status;
  if (f.liveId) query['source.liveId'] = f.liveId;
  if (f.phoneTail) query['search.phoneTail'] = f.phoneTail;
  const product = f.product?.trim().toLowerCase();
  if (product) query['search.products'] = { $contains: product };
  const from = f.fromDay ? shanghaiDayStartOf(f.fromDay) : NaN;
  const to = f.toDay ? shanghaiDayStartOf(f.toDay) + DAY : NaN;
  if (!Number.isNaN(from) || !Number.isNaN(to)) {
    query.createdAt = { ...(Number.isNaN(from) ? {} : { $gte: from }), ...(Number.isNaN(to) ? {} : { $lt: to }) };
  }
  return query;
}

