import { TRACE_STATES, type LogisticsPort, type Trace, type Waybill } from '../../ports/logistics';
import type { WxaCall } from './shipping';

export const LOGISTICS_APIS = {
  traceWaybill: '/cgi-bin/express/delivery/open_msg/trace_waybill',
  queryTrace: '/cgi-bin/express/delivery/open_msg/query_trace',
} as const;

/** The documented trace_waybill body. */
export function traceWaybillBody(w: Waybill): Record<string, unknown> {
  return {
    openid: w.openid,
    receiver_phone: w.receiverPhone,
    delivery_id: w.deliveryId,
    waybill_id: w.waybillId,
    trans_id: w.transactionId,
    order_detail_path: w.orderDetailPath,
    goods_info: { detail_list: w.goods.map((g) => ({ goods_name: [...g.name].slice(0, 60).join(''), goods_img_url: g.imageUrl })) },
  };
}

type PathItem = { action_time?: number; action_type?: number; action_msg?: string };

/** query_trace's answer: waybill_info.status, and path_info.path_item_list when it carries one. */
export function readTrace(body: Record<string, unknown>): Trace {
  const info = (body.waybill_info ?? {}) as { status?: number };
  const path = ((body.path_info ?? {}) as { path_item_list?: PathItem[] }).path_item_list ?? [];
  return {
    state: TRACE_STATES[Number(info.status ?? 0)] ?? 'pending',
    events: path
      .filter((p) => typeof p.action_time === 'number')
      .map((p) => ({ at: p.action_time! * 1000, text: String(p.action_msg ?? '') }))
      .sort((a, b) => a.at - b.at),
  };
}

function check(api: string, body: Record<string, unknown>): void {
  const code = Number(body.errcode ?? 0);
  if (code !== 0) throw new Error(`${api}: ${code} ${String(body.errmsg ?? '')}`);
}

/** The Logistics port on WeChat's 物流查询组件 API. */
export class WxaLogistics implements LogisticsPort {
  constructor(private readonly call: WxaCall) {}

  async follow(w: Waybill): Promise<string> {
    const body = await this.call(LOGISTICS_APIS.traceWaybill, traceWaybillBody(w));
    check(LOGISTICS_APIS.traceWaybill, body);
    const token = body.waybill_token;
    if (typeof token !== 'string' || !token) throw new Error(`${LOGISTICS_APIS.traceWaybill}: no waybill_token`);
    return token;
  }

  async trace(token: string): Promise<Trace> {
    const body = await this.call(LOGISTICS_APIS.queryTrace, { waybill_token: token });
    check(LOGISTICS_APIS.queryTrace, body);
    return readTrace(body);
  }
}
