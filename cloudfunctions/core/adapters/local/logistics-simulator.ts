import type { Clock } from '../../ports';
import { LOGISTICS_APIS } from '../wxa/logistics';

/**
 * WeChat's 物流查询组件 as the local runtime's: trace_waybill answers a waybill_token and query_trace
 * the waybill's status with its path, in the documented shapes; a parcel is collected an hour after
 * it was handed over, in transit after 6 hours, out for delivery after a day, signed for after 30
 * hours. A waybill number ending in 0 stalls in transit (an exception after two days).
 */
const STEPS: Array<[hours: number, status: number, actionType: number, text: string]> = [
  [1, 1, 100001, '快递员已揽件'],
  [6, 2, 200001, '快件已到达转运中心，正发往目的地'],
  [24, 3, 300002, '快件正在派送中，派送员 136****0000'],
  [30, 4, 300003, '已签收，签收人：本人'],
];

export class LogisticsSimulator {
  private readonly waybills = new Map<string, { waybillId: string; deliveryId: string; at: number; openid: string; transId: string }>();

  constructor(private readonly clock: Clock) {}

  /** What the API answers, by path. */
  call = async (apiName: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    if (apiName === LOGISTICS_APIS.traceWaybill) {
      for (const field of ['openid', 'waybill_id', 'trans_id', 'receiver_phone']) {
        if (typeof body[field] !== 'string' || !body[field]) return { errcode: 47001, errmsg: `data format error: ${field}` };
      }
      const token = `wbt-${String(body.delivery_id ?? '')}-${String(body.waybill_id)}`;
      if (!this.waybills.has(token)) this.waybills.set(token, { waybillId: String(body.waybill_id), deliveryId: String(body.delivery_id ?? ''), at: this.clock.now(), openid: String(body.openid), transId: String(body.trans_id) });
      return { errcode: 0, errmsg: 'ok', waybill_token: token };
    }
    if (apiName === LOGISTICS_APIS.queryTrace) {
      const w = this.waybills.get(String(body.waybill_token ?? ''));
      if (!w) return { errcode: 9300002, errmsg: 'waybill_token not exist' };
      const hours = (this.clock.now() - w.at) / 3_600_000;
      const stalls = w.waybillId.endsWith('0');
      const done = STEPS.filter(([h, status]) => hours >= h && (!stalls || status <= 2));
      const exception = stalls && hours >= 48;
      const items = done.map(([h, , type, text]) => ({ action_time: Math.floor((w.at + h * 3_600_000) / 1000), action_type: type, action_msg: text }));
      if (exception) items.push({ action_time: Math.floor((w.at + 48 * 3_600_000) / 1000), action_type: 400002, action_msg: '快件滞留，请联系快递公司' });
      const status = exception ? 5 : (done.at(-1)?.[1] ?? 0);
      return {
        errcode: 0,
        errmsg: 'ok',
        waybill_info: { waybill_id: w.waybillId, status },
        delivery_info: { delivery_id: w.deliveryId, delivery_name: '' },
        path_info: { path_item_num: items.length, path_item_list: items },
      };
    }
    return { errcode: 40066, errmsg: 'invalid url' };
  };

  /** Moves the parcel's hand-over time back by `ms` (a test ages a waybill). */
  age(waybillId: string, ms: number): void {
    for (const w of this.waybills.values()) if (w.waybillId === waybillId) w.at -= ms;
  }
}
