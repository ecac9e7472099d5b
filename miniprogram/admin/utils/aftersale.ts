import type { AfterSaleKind, AfterSaleState, AfterSaleStep, OrderStatus, ReturnAddress, StaffAfterSale } from '../../../typings/contract/index';
import type { AfterSaleQueue } from '../../services/aftersale-admin';
import { formatYuan } from '../../utils/money';
import { formatDateTime } from '../../utils/time';
import { ORDER_STATUS_TEXT } from './labels';
import { REFUND_STATE_TEXT, isListedCourier, specText } from './orders';

/** How the staff after-sale (售后) screens word an application, and what a role may do to it in each state. Pure. */

export const AFTER_SALE_STATE_TEXT: Record<AfterSaleState, string> = {
  requested: '待处理',
  needs_info: '待买家补充',
  rejected: '已拒绝',
  cancelled: '买家已撤销',
  awaiting_return: '待买家寄回',
  returning: '买家已寄回',
  refunding: '退款中',
  refund_failed: '退款失败',
  refunded: '已退款',
  exchanged: '已换货',
};

export const AFTER_SALE_KIND_TEXT: Record<AfterSaleKind, string> = {
  refund: '仅退款',
  return: '退货退款',
  exchange: '换货',
};

const BY_TEXT: Record<AfterSaleStep['by'], string> = { shopper: '买家', staff: '商家', platform: '微信支付' };

/** The queue's tabs: 待处理 is every state staff still have to act on. */
export const QUEUE_FILTERS: Array<{ queue: AfterSaleQueue; label: string }> = [
  { queue: 'open', label: '待处理' },
  { queue: '', label: '全部' },
  { queue: 'refunding', label: '退款中' },
  { queue: 'awaiting_return', label: '待寄回' },
  { queue: 'returning', label: '已寄回' },
  { queue: 'refunded', label: '已完成' },
  { queue: 'rejected', label: '已拒绝' },
];

export function queueEmptyText(queue: AfterSaleQueue): string {
  if (queue === 'open') return '没有待处理的售后申请';
  if (queue === '') return '暂无售后申请';
  return `没有${QUEUE_FILTERS.find((f) => f.queue === queue)?.label ?? AFTER_SALE_STATE_TEXT[queue]}的售后申请`;
}

/** What the refund returns; an exchange returns nothing. */
export const amountText = (a: Pick<StaffAfterSale, 'kind' | 'amountFen'>): string => (a.kind === 'exchange' ? '换货，不退款' : formatYuan(a.amountFen));

const buyerText = (a: Pick<StaffAfterSale, 'buyer'>): string => a.buyer.nickname || '未设置昵称';

export interface AfterSaleRow {
  _id: string;
  image: string;
  title: string;
  specText: string;
  kindText: string;
  quantityText: string;
  amountText: string;
  buyerText: string;
  state: AfterSaleState;
  stateText: string;
  timeText: string;
}

export const afterSaleRow = (a: StaffAfterSale): AfterSaleRow => ({
  _id: a._id,
  image: a.image,
  title: a.title,
  specText: specText(a.specs),
  kindText: AFTER_SALE_KIND_TEXT[a.kind],
  quantityText: `×${a.quantity}`,
  amountText: amountText(a),
  buyerText: buyerText(a),
  state: a.state,
  stateText: AFTER_SALE_STATE_TEXT[a.state],
  timeText: formatDateTime(a.createdAt),
});

/** The staff moves an application offers in a state, to a role holding `orders.refund` (refund) and `orders.fulfil` (fulfil). */
export interface AfterSaleActions {
  /** 同意: a refund is refunded; a return or exchange gets the return address */
  approve: boolean;
  /** 拒绝, with a reason */
  reject: boolean;
  /** 要求补充: the shopper is asked for more */
  ask: boolean;
  /** 确认收货 of the goods sent back */
  receive: boolean;
  /** 重新退款 after the platform closed the refund */
  retry: boolean;
}

export function actionsFor(state: AfterSaleState, can: { refund: boolean; fulfil: boolean }): AfterSaleActions {
  return {
    approve: state === 'requested' && can.refund,
    reject: (state === 'requested' || state === 'needs_info') && can.fulfil,
    ask: state === 'requested' && can.fulfil,
    receive: state === 'returning' && can.refund,
    retry: state === 'refund_failed' && can.refund,
  };
}

export const anyAction = (actions: AfterSaleActions): boolean => Object.values(actions).some(Boolean);

/** What the state means for staff now, with the shop's own word where it gave one. */
export function stateHint(a: Pick<StaffAfterSale, 'state' | 'kind' | 'staffNote'>): string {
  switch (a.state) {
    case 'requested':
      return a.kind === 'refund' ? '买家申请仅退款，同意后原路退款' : '买家已提交申请，同意后把退货地址告知买家';
    case 'needs_info':
      return `已请买家补充：${a.staffNote}`;
    case 'rejected':
      return `拒绝原因：${a.staffNote}`;
    case 'cancelled':
      return '买家已撤销申请';
    case 'awaiting_return':
      return '已同意，等待买家寄回商品并填写运单号';
    case 'returning':
      return a.kind === 'exchange' ? '买家已寄回，收到商品后确认收货并寄出换货' : '买家已寄回，收到商品后确认收货即退款';
    case 'refunding':
      return '退款处理中，微信支付确认后原路到账';
    case 'refund_failed':
      return '微信支付关闭了这笔退款，款项未退回，可重新发起退款';
    case 'refunded':
      return '退款已原路退回';
    case 'exchanged':
      return '换货已寄出';
  }
}

/** One step of the history as it reads: what happened, given the step before it. */
function stepText(step: AfterSaleStep, before: AfterSaleState | null): string {
  switch (step.state) {
    case 'requested':
      return before === 'needs_info' ? '买家补充了资料' : '买家提交申请';
    case 'needs_info':
      return '商家请买家补充资料';
    case 'rejected':
      return '商家拒绝了申请';
    case 'cancelled':
      return '买家撤销了申请';
    case 'awaiting_return':
      return '商家同意，等待买家寄回';
    case 'returning':
      return '买家已寄回商品';
    case 'refunding':
      if (before === 'returning') return '商家确认收货，发起退款';
      if (before === 'refund_failed') return '商家重新发起退款';
      return '商家同意退款';
    case 'refund_failed':
      return '退款失败，款项未退回';
    case 'refunded':
      return '退款成功';
    case 'exchanged':
      return '商家确认收货，换货已寄出';
  }
}

export interface HistoryRow {
  key: string;
  text: string;
  byText: string;
  note: string;
  time: string;
}

/** The history, newest first. */
export function historyRows(history: AfterSaleStep[]): HistoryRow[] {
  return history
    .map((step, i) => ({
      key: String(i),
      text: stepText(step, i > 0 ? history[i - 1].state : null),
      byText: BY_TEXT[step.by],
      note: step.note,
      time: formatDateTime(step.at),
    }))
    .reverse();
}

export interface DetailRow {
  key: string;
  label: string;
  value: string;
}

export function refundRows(refund: StaffAfterSale['refund']): DetailRow[] {
  if (!refund) return [];
  const rows: DetailRow[] = [
    { key: 'state', label: '退款状态', value: REFUND_STATE_TEXT[refund.state] ?? refund.state },
    { key: 'amount', label: '退款金额', value: formatYuan(refund.amountFen) },
  ];
  if (refund.points > 0) rows.push({ key: 'points', label: '扣回积分', value: `${refund.points} 积分` });
  if (refund.settledAt !== null) rows.push({ key: 'settled', label: refund.state === 'SUCCESS' ? '到账时间' : '关闭时间', value: formatDateTime(refund.settledAt) });
  return rows;
}

export interface AfterSaleDetailView {
  _id: string;
  orderId: string;
  kind: AfterSaleKind;
  state: AfterSaleState;
  stateText: string;
  kindText: string;
  hint: string;
  buyerText: string;
  orderStatusText: string;
  line: { image: string; title: string; specText: string; quantityText: string };
  amountText: string;
  /** 售后类型 / 申请数量 / 退款金额 / 申请原因 / 补充说明 / 申请时间 */
  info: DetailRow[];
  photos: string[];
  returnAddress: { contact: string; address: string } | null;
  returnTracking: string;
  reshipTracking: string;
  refund: DetailRow[];
  history: HistoryRow[];
  actions: AfterSaleActions;
  hasActions: boolean;
}

const waybillText = (t: { company: string; number: string } | null): string => (t ? `${t.company} ${t.number}` : '');

export function detailView(a: StaffAfterSale, can: { refund: boolean; fulfil: boolean }): AfterSaleDetailView {
  const info: DetailRow[] = [
    { key: 'kind', label: '售后类型', value: AFTER_SALE_KIND_TEXT[a.kind] },
    { key: 'quantity', label: '申请数量', value: `${a.quantity} 件` },
  ];
  if (a.kind !== 'exchange') info.push({ key: 'amount', label: '退款金额', value: formatYuan(a.amountFen) });
  info.push({ key: 'reason', label: '申请原因', value: a.reason });
  if (a.note) info.push({ key: 'note', label: '买家说明', value: a.note });
  info.push({ key: 'created', label: '申请时间', value: formatDateTime(a.createdAt) });
  const actions = actionsFor(a.state, can);
  return {
    _id: a._id,
    orderId: a.orderId,
    kind: a.kind,
    state: a.state,
    stateText: AFTER_SALE_STATE_TEXT[a.state],
    kindText: AFTER_SALE_KIND_TEXT[a.kind],
    hint: stateHint(a),
    buyerText: buyerText(a),
    orderStatusText: ORDER_STATUS_TEXT[a.orderStatus as OrderStatus] ?? a.orderStatus,
    line: { image: a.image, title: a.title, specText: specText(a.specs), quantityText: `×${a.quantity}` },
    amountText: amountText(a),
    info,
    photos: a.photos,
    returnAddress: a.returnAddress ? { contact: `${a.returnAddress.name} ${a.returnAddress.phone}`, address: a.returnAddress.address } : null,
    returnTracking: waybillText(a.returnTracking),
    reshipTracking: waybillText(a.reshipTracking),
    refund: refundRows(a.refund),
    history: historyRows(a.history),
    actions,
    hasActions: anyAction(actions),
  };
}

/** The approval sheet's fields trimmed, as the server takes them. */
export const trimAddress = (a: ReturnAddress): ReturnAddress => ({ name: a.name.trim(), phone: a.phone.trim(), address: a.address.trim() });

const PHONE = /^[0-9+\- ]{6,20}$/;

/** What is wrong with a return address, or '' when it can be sent (as admin.approveAfterSale takes it). */
export function returnAddressError(input: ReturnAddress): string {
  const a = trimAddress(input);
  if (!a.name) return '请填写收件人';
  if (a.name.length > 20) return '收件人最多 20 个字';
  if (!PHONE.test(a.phone)) return '请填写正确的联系电话';
  if (a.address.length < 4) return '请填写完整的退货地址';
  if (a.address.length > 120) return '退货地址最多 120 个字';
  return '';
}

export const STAFF_NOTE_MAX = 120;

/** What is wrong with a rejection reason (or, `ask`, what the shopper is asked to add), or ''. */
export function staffNoteError(note: string, ask: boolean): string {
  const text = note.trim();
  if (!text) return ask ? '请填写需要买家补充的内容' : '请填写拒绝原因';
  if (text.length > STAFF_NOTE_MAX) return `最多 ${STAFF_NOTE_MAX} 个字`;
  return '';
}

/** 换货 waybills: 6–32 letters, digits or - (as admin.receiveReturn takes `reship.number`). */
export const RESHIP_NUMBER = /^[A-Za-z0-9-]{6,32}$/;

/** What is wrong with the replacement's waybill, or '' when it can be sent. */
export function reshipFormError(company: string, number: string): string {
  if (!company.trim()) return '请选择快递公司';
  if (!isListedCourier(company.trim())) return '请从列表中选择快递公司';
  if (!RESHIP_NUMBER.test(number.trim())) return '运单号为 6–32 位字母、数字或 -';
  return '';
}
