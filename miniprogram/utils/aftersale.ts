import type { AfterSaleKind, AfterSaleOptions, AfterSaleState, AfterSaleStep } from '../../typings/contract/index';
import { formatDateTime } from './time';

/** How after-sale (售后) reads to the shopper: kinds, states and what each state lets them do. */
export const KIND_TEXT: Record<AfterSaleKind, string> = {
  refund: '仅退款',
  return: '退货退款',
  exchange: '换货',
};

export const kindText = (kind: AfterSaleKind): string => KIND_TEXT[kind] ?? kind;

export const STATE_TEXT: Record<AfterSaleState, string> = {
  requested: '等待商家处理',
  needs_info: '待补充资料',
  rejected: '商家已拒绝',
  cancelled: '已撤销',
  awaiting_return: '待寄回商品',
  returning: '商品寄回中',
  refunding: '退款中',
  refund_failed: '退款处理中',
  refunded: '退款成功',
  exchanged: '换货完成',
};

export const stateText = (state: AfterSaleState): string => STATE_TEXT[state] ?? state;

/** The line under the state title: what happens next, or how it ended. */
export const STATE_NOTE: Record<AfterSaleState, string> = {
  requested: '申请已提交，商家会尽快处理',
  needs_info: '商家需要你补充说明或照片，补充后会重新审核',
  rejected: '商家未同意这次申请，如有疑问可联系客服',
  cancelled: '你已撤销这次申请，如仍有问题可重新申请',
  awaiting_return: '商家已同意，请按下方地址寄回商品并填写运单号',
  returning: '商家收到商品后会尽快处理',
  refunding: '退款处理中，款项将原路退回',
  refund_failed: '退款遇到问题，商家正在处理，可联系客服了解进度',
  refunded: '退款已原路退回，请留意到账通知',
  exchanged: '换货商品已寄出，请留意查收',
};

export const stateNote = (state: AfterSaleState): string => STATE_NOTE[state] ?? '';

/** What the shopper can do in a state. */
export interface AfterSaleActions {
  cancel: boolean;
  supplement: boolean;
  sendBack: boolean;
}

export function actionsOf(state: AfterSaleState): AfterSaleActions {
  return {
    cancel: state === 'requested' || state === 'needs_info' || state === 'awaiting_return',
    supplement: state === 'needs_info',
    sendBack: state === 'awaiting_return',
  };
}

/** The staff note is shown with a rejection or a question. */
export const showsStaffNote = (state: AfterSaleState, note: string): boolean => !!note && (state === 'rejected' || state === 'needs_info');

const STEP_TEXT: Record<AfterSaleState, string> = {
  requested: '提交申请',
  needs_info: '商家要求补充资料',
  rejected: '商家拒绝申请',
  cancelled: '撤销申请',
  awaiting_return: '商家同意，等待寄回',
  returning: '已寄回商品',
  refunding: '商家同意退款',
  refund_failed: '退款未完成',
  refunded: '退款成功',
  exchanged: '换货商品已寄出',
};

export interface StepView {
  text: string;
  desc: string;
}

/** The history as van-steps steps, oldest first; a requested step after a question is the shopper's supplement. */
export function stepsOf(history: readonly AfterSaleStep[]): StepView[] {
  return history.map((step, i) => {
    const text = step.state === 'requested' && i > 0 ? '已补充资料' : (STEP_TEXT[step.state] ?? step.state);
    const at = formatDateTime(step.at);
    return { text, desc: step.note ? `${at} ${step.note}` : at };
  });
}

/** Why a line allows no application now, when its options list no kind. */
export function unavailableReason(options: Pick<AfterSaleOptions, 'kinds' | 'maxQuantity' | 'deadline' | 'openId'>, now: number): string {
  if (options.kinds.length) return '';
  if (options.openId) return '该商品已有进行中的售后申请';
  if (options.maxQuantity === 0) return '该商品已全部退款';
  if (options.deadline !== null && now > options.deadline) return '已超过收货后 7 天的售后期限';
  return '当前订单状态不支持申请售后';
}

/** The specs as one line: "01 自然黑 / 0.05g". */
export const specText = (specs: Record<string, string>): string => Object.values(specs).join(' / ');

/** Photos an application may carry (the contract's MAX_AFTER_SALE_PHOTOS). */
export const MAX_PHOTOS = 6;

/** Characters of the shopper's note. */
export const NOTE_MAX = 200;
