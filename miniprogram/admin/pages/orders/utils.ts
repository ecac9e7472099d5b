import type { InputFor, OrderStatus, StaffOrderRow } from '../../../../typings/contract/index';
import { formatDateTime } from '../../../utils/time';
import { SOURCE_TEXT } from '../../utils/labels';
import { amountView, refundable, shippable, specText, statusText } from '../../utils/orders';

/** Order rows for staff, with what can be done to each, and the list's search and filters. Pure. */
export interface OrderRow {
  _id: string;
  title: string;
  buyerText: string;
  receiverText: string;
  lines: Array<{ key: string; title: string; specText: string; quantityText: string }>;
  countText: string;
  amountLabel: string;
  amountText: string;
  status: OrderStatus;
  statusText: string;
  sourceText: string;
  timeText: string;
  canShip: boolean;
  canRefund: boolean;
}

export const orderRow = (o: StaffOrderRow): OrderRow => {
  const amount = amountView(o);
  return {
    _id: o._id,
    title: o.title,
    buyerText: o.buyer,
    receiverText: `${o.receiver.name} ${o.receiver.phone}`,
    lines: o.lines.map((l, i) => ({ key: String(i), title: l.title, specText: specText(l.specs), quantityText: `×${l.quantity}` })),
    countText: `共 ${o.count} 件`,
    amountLabel: amount.label,
    amountText: amount.text,
    status: o.status,
    statusText: statusText(o.status),
    sourceText: `${SOURCE_TEXT[o.sourceKind] ?? o.sourceKind}${o.liveId ? ' · 直播订单' : ''}`,
    timeText: formatDateTime(o.createdAt),
    canShip: shippable(o.status),
    canRefund: refundable(o.status),
  };
};

/** The same row after a status change (a refund's amount was paid all the same). */
export const withStatus = (row: OrderRow, status: OrderStatus): OrderRow => ({
  ...row,
  status,
  statusText: statusText(status),
  canShip: shippable(status),
  canRefund: refundable(status),
});

export const STATUS_FILTERS: Array<{ status: '' | OrderStatus; label: string }> = [
  { status: '', label: '全部' },
  { status: 'created', label: '待付款' },
  { status: 'paid', label: '待发货' },
  { status: 'shipped', label: '已发货' },
  { status: 'completed', label: '已完成' },
  { status: 'refunding', label: '退款中' },
  { status: 'refunded', label: '已退款' },
  { status: 'cancelled', label: '已取消' },
  { status: 'expired', label: '已关闭' },
];

export type SearchBy = 'orderId' | 'buyer' | 'phoneTail' | 'product';

export interface SearchField {
  by: SearchBy;
  label: string;
  placeholder: string;
  maxlength: number;
  type: 'text' | 'number';
}

export const SEARCH_FIELDS: SearchField[] = [
  { by: 'orderId', label: '订单号', placeholder: '输入完整订单号', maxlength: 64, type: 'text' },
  { by: 'buyer', label: '买家昵称', placeholder: '输入买家昵称', maxlength: 20, type: 'text' },
  { by: 'phoneTail', label: '手机尾号', placeholder: '收货人手机号后 4 位', maxlength: 4, type: 'number' },
  { by: 'product', label: '商品名称', placeholder: '输入商品名称关键词', maxlength: 30, type: 'text' },
];

export const searchField = (by: SearchBy): SearchField => SEARCH_FIELDS.find((f) => f.by === by) ?? SEARCH_FIELDS[0];

/** A search the list can send: which field and the text, checked as the server will check it. */
export type Search = { by: SearchBy; text: string };

export function parseSearch(by: SearchBy, typed: string): { ok: true; search: Search | null } | { ok: false; reason: string } {
  const text = typed.trim();
  if (!text) return { ok: true, search: null };
  if (by === 'phoneTail' && !/^\d{4}$/.test(text)) return { ok: false, reason: '请输入收货人手机号后 4 位数字' };
  if (by === 'orderId' && !/^[A-Za-z0-9_-]{1,64}$/.test(text)) return { ok: false, reason: '订单号只包含字母、数字、- 和 _' };
  if (text.length > searchField(by).maxlength) return { ok: false, reason: `最多 ${searchField(by).maxlength} 个字` };
  return { ok: true, search: { by, text } };
}

export interface ListFilters {
  status: '' | OrderStatus;
  liveId: string;
  fromDay: string;
  toDay: string;
  search: Search | null;
}

/** admin.listAllOrders' input for the filters in effect: only the ones set. */
export function listQuery(f: ListFilters, page: number): InputFor<'admin', 'listAllOrders'> {
  const q: InputFor<'admin', 'listAllOrders'> = { page };
  if (f.status) q.status = f.status;
  if (f.liveId) q.liveId = f.liveId;
  if (f.fromDay) q.fromDay = f.fromDay;
  if (f.toDay) q.toDay = f.toDay;
  if (f.search) q[f.search.by] = f.search.text;
  return q;
}

/** What 导出 CSV exports: the list's filters and search, every page. */
export function exportQuery(f: ListFilters): InputFor<'admin', 'startExport'> {
  const { page: _page, ...rest } = listQuery(f, 1);
  return { kind: 'orders', ...rest };
}

export const anyFilter = (f: ListFilters): boolean => !!(f.status || f.liveId || f.fromDay || f.toDay || f.search);

/** A day range as picked: a start after the end moves the end to it, and an end before the start moves the start. */
export function pickDay(range: { fromDay: string; toDay: string }, end: 'from' | 'to', day: string): { fromDay: string; toDay: string } {
  if (end === 'from') return { fromDay: day, toDay: range.toDay && range.toDay < day ? day : range.toDay };
  return { fromDay: range.fromDay && range.fromDay > day ? day : range.fromDay, toDay: day };
}
