import type { OrderTrace } from '../../typings/contract/index';
import { formatDateTime } from './time';

/** What the order page shows of a parcel's trace (pure). */
export interface TraceView {
  stateText: string;
  /** newest first, as parcel apps show them */
  events: Array<{ text: string; time: string }>;
  /** said under the state: signed for → confirm; the day it completes by itself */
  hint: string;
}

const STATE_TEXT: Record<NonNullable<OrderTrace['state']>, string> = {
  pending: '等待揽收',
  collected: '已揽件',
  in_transit: '运输中',
  delivering: '派送中',
  delivered: '已签收',
  exception: '物流异常',
};

export function traceView(t: OrderTrace, shipped: boolean): TraceView | null {
  if (!t.state) return null;
  const auto = shipped && t.autoCompleteAt ? `${formatDateTime(t.autoCompleteAt)} 将自动确认收货` : '';
  const hint = t.state === 'delivered' && shipped ? `包裹已签收，确认无误后请确认收货${auto ? `（${auto}）` : ''}` : t.state === 'exception' ? '包裹遇到问题，可联系客服处理' : auto;
  return {
    stateText: STATE_TEXT[t.state],
    events: [...t.events].reverse().map((e) => ({ text: e.text, time: formatDateTime(e.at) })),
    hint,
  };
}
