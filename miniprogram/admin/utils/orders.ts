import { COURIERS } from './generated/couriers';
import type { OrderStatus, ShippingUploadState, StaffOrderEventKind } from '../../../typings/contract/index';
import { formatYuan } from '../../utils/money';
import { ORDER_STATUS_TEXT } from './labels';

/** How staff order screens word an order: specs, amounts, payment, refund and events. Pure. */

/** {色号: '#01 正红', 容量: '30ml'} → "色号：#01 正红；容量：30ml" */
export const specText = (specs: Record<string, string>): string =>
  Object.entries(specs)
    .map(([name, value]) => `${name}：${value}`)
    .join('；');

export const statusText = (status: OrderStatus): string => ORDER_STATUS_TEXT[status] ?? status;

/** 实付 once paid (the amount taken), else 应付. */
export function amountView(o: { payableFen: number; paidFen: number | null }): { label: string; text: string } {
  return o.paidFen !== null ? { label: '实付', text: formatYuan(o.paidFen) } : { label: '应付', text: formatYuan(o.payableFen) };
}

/** Paid orders ship; paid, shipped and completed ones refund (all that is left, or some lines). */
export const shippable = (status: OrderStatus): boolean => status === 'paid';
export const refundable = (status: OrderStatus): boolean => status === 'paid' || status === 'shipped' || status === 'completed';

/**
 * What 退款 does on an order's detail: `retry` asks the platform again for a refund still PROCESSING;
 * `new` picks lines for a new refund while something is left to refund; null when there is nothing to
 * do (an ABNORMAL refund is settled in the WeChat Pay merchant platform).
 */
export function refundAction(status: OrderStatus, refundState: string | null, left: Array<{ quantity: number }>): 'new' | 'retry' | null {
  if (refundState === 'PROCESSING') return 'retry';
  if (refundState === 'ABNORMAL') return null;
  return refundable(status) && left.some((l) => l.quantity > 0) ? 'new' : null;
}

/** What `quantity` units of a line return of what is left of it (as the server reckons it, modules/orders/refunds.ts). */
export const unitsShare = (left: { quantity: number; amountFen: number }, quantity: number): number =>
  quantity >= left.quantity ? left.amountFen : Math.floor((left.amountFen * quantity) / left.quantity);

export const PAYMENT_METHOD_TEXT: Record<string, string> = {
  wechatpay_v3: '微信支付',
  cloudpay: '微信支付（云支付）',
  local: '模拟支付（本地调试）',
  raffle_prize: '抽奖奖品（无需支付）',
};

export const REFUND_STATE_TEXT: Record<string, string> = {
  PROCESSING: '退款处理中',
  SUCCESS: '退款成功',
  CLOSED: '退款关闭',
  ABNORMAL: '退款异常，请到商户平台处理',
};

export const EVENT_TEXT: Record<StaffOrderEventKind, string> = {
  created: '买家下单',
  paid: '买家付款',
  shipped: '商家发货',
  completed: '买家确认收货',
  refund_requested: '发起退款',
  refund_abnormal: '退款异常，请在微信支付商户平台处理',
  refund_closed: '退款已关闭，款项未退',
  refunded_part: '部分退款完成',
  refunded: '退款完成',
  cancelled: '订单取消',
  expired: '超时未付款，订单关闭',
};

/** 运单号: 4–40 letters, digits or - (as admin.shipOrder takes it). */
export const TRACKING = /^[A-Za-z0-9-]{4,40}$/;

/** As the server compares carrier entries (typings/contract/orders.ts courierKey). */
const courierKey = (entry: string) => entry.replace(/\s+/g, '').toUpperCase().replace(/(快递|速运|速递)$/, '');

/** Whether an entry names a listed carrier, by code or name (顺丰 for 顺丰速运), as admin.shipOrder takes it. */
export const isListedCourier = (entry: string) => COURIERS.some((c) => c.code === courierKey(entry) || courierKey(c.name) === courierKey(entry));

/** What is wrong with a shipping form, or '' when it can be sent. */
export function shipFormError(company: string, trackingNumber: string): string {
  if (!company.trim()) return '请选择快递公司';
  if (!isListedCourier(company)) return '请从列表中选择快递公司';
  if (!TRACKING.test(trackingNumber.trim())) return '运单号为 4–40 位字母、数字或 -';
  return '';
}

/** What staff are told once an order ships (or its waybill is corrected), by where WeChat's 发货信息管理 has it. */
export function shipToast(upload: ShippingUploadState, reship: boolean): { title: string; icon: 'success' | 'none' } {
  const done = reship ? '已修改物流' : '已发货';
  if (upload === 'pending') return { title: `${done}，微信发货信息稍后自动同步`, icon: 'none' };
  if (upload === 'failed') return { title: `${done}，微信未接受发货信息，请核对运单`, icon: 'none' };
  return { title: done, icon: 'success' };
}

/** Where an order's shipment stands with WeChat's 发货信息管理, for staff. */
export const UPLOAD_STATE_TEXT: Record<ShippingUploadState, string> = {
  uploaded: '已同步',
  pending: '待同步（自动重试）',
  failed: '同步失败',
  none: '无需同步',
};
