/**
 * The Logistics port: where a parcel is. Cloud: WeChat's 物流查询组件 (微信物流服务): the waybill is
 * handed to WeChat once with the payment's transaction id (trace_waybill → waybill_token), then read
 * by its token (query_trace). Chosen over a courier aggregator because WeChat already knows every
 * carrier the shop ships with (the 发货信息管理 carrier ids), needs no second contract or key, and
 * tells the buyer of delivery in WeChat itself. Local: a simulator on the same API that moves a
 * parcel along as the clock moves.
 */

/** query_trace's waybill_info.status: 0 not collected, 1 collected, 2 in transit, 3 out for delivery, 4 signed, 5 exception, 6 signed by someone else. */
export type TraceState = 'pending' | 'collected' | 'in_transit' | 'delivering' | 'delivered' | 'exception';

export interface TraceEvent {
  /** epoch ms */
  at: number;
  text: string;
}

export interface Trace {
  state: TraceState;
  /** newest last; WeChat shows the full path in its own component, so a cloud trace may carry none */
  events: TraceEvent[];
}

/** What trace_waybill needs to follow a parcel. */
export interface Waybill {
  openid: string;
  /** WeChat Pay's transaction id (trans_id) */
  transactionId: string;
  /** the carrier's id in WeChat's delivery list (delivery_id) */
  deliveryId: string;
  waybillId: string;
  receiverPhone: string;
  goods: Array<{ name: string; imageUrl: string }>;
  /** the order page, opened from WeChat's logistics view */
  orderDetailPath: string;
}

export interface LogisticsPort {
  /** hands the waybill to WeChat; the token to read it by (once per waybill) */
  follow(waybill: Waybill): Promise<string>;
  trace(token: string): Promise<Trace>;
}

export const TRACE_STATES: Record<number, TraceState> = { 0: 'pending', 1: 'collected', 2: 'in_transit', 3: 'delivering', 4: 'delivered', 5: 'exception', 6: 'delivered' };
