import type { OrderStatus, StaffOrderDetail } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';
import { SOURCE_TEXT } from '../../utils/labels';
import { EVENT_TEXT, PAYMENT_METHOD_TEXT, REFUND_STATE_TEXT, UPLOAD_STATE_TEXT, refundAction, shippable, specText, statusText, unitsShare } from '../../utils/orders';

/** The staff order detail's view of admin.getOrder, and what the caller's role may do to it. Pure. */

export interface DetailRow {
  key: string;
  label: string;
  value: string;
}

export interface OrderDetailView {
  _id: string;
  status: OrderStatus;
  statusText: string;
  buyerText: string;
  sourceText: string;
  address: { name: string; phone: string; text: string };
  lines: Array<{ key: string; title: string; image: string; specText: string; priceText: string; listPriceText: string; quantityText: string }>;
  /** 商品原价 / 直播价优惠 / 商品金额 / 会员价 / 优惠券 / 运费, then the total below */
  priceRows: DetailRow[];
  amountLabel: string;
  amountText: string;
  /** 获得 N 积分, with what a refund took back; '' when none */
  pointsText: string;
  payment: DetailRow[];
  shipping: DetailRow[];
  refund: DetailRow[];
  events: Array<{ key: string; text: string; time: string }>;
  canShip: boolean;
  canRefund: boolean;
  /** what 退款 does: pick lines for a new refund, or ask again for one still processing */
  refundAction: 'new' | 'retry' | null;
  /** the reason of the refund the order has (asking again for a processing one sends it again) */
  refundReason: string;
  /** per line, what may still be refunded (the refund sheet's rows) */
  refundable: RefundableLine[];
  shippingFen: number;
  /** 修改物流: shipped, and its one correction with WeChat not spent */
  canReship: boolean;
  /** 提醒确认收货: a reported shipment WeChat has not been asked to remind the buyer of */
  canRemind: boolean;
  /** the waybill as it stands, to fill the correction form */
  tracking: { company: string; number: string };
}

export interface RefundableLine {
  skuId: string;
  title: string;
  specText: string;
  /** units left to refund, and the fen they return */
  max: number;
  amountFen: number;
}

/** The refund sheet: units picked per line, what they return, and whether that is all that is left. */
export interface RefundSheet {
  lines: Array<RefundableLine & { quantity: number; amountText: string }>;
  /** what the refund returns: the lines, and shipping when nothing is left after it */
  totalFen: number;
  totalText: string;
  whole: boolean;
  /** the lines to send (units > 0) */
  picked: Array<{ skuId: string; quantity: number }>;
}

/** The sheet for these units per line (clamped to what is left). */
export function refundSheet(order: Pick<OrderDetailView, 'refundable' | 'shippingFen'>, quantities: number[]): RefundSheet {
  const lines = order.refundable.map((l, i) => {
    const quantity = Math.max(0, Math.min(l.max, Math.floor(quantities[i] ?? 0)));
    return { ...l, quantity, amountText: formatYuan(unitsShare({ quantity: l.max, amountFen: l.amountFen }, quantity)) };
  });
  const whole = lines.every((l) => l.quantity === l.max);
  const goods = lines.reduce((s, l) => s + unitsShare({ quantity: l.max, amountFen: l.amountFen }, l.quantity), 0);
  const totalFen = goods + (whole ? order.shippingFen : 0);
  return {
    lines,
    totalFen,
    totalText: formatYuan(totalFen) + (whole && order.shippingFen > 0 ? '（含运费）' : ''),
    whole,
    picked: lines.filter((l) => l.quantity > 0).map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
  };
}

const minus = (fen: number) => `-${formatYuan(fen)}`;
const time = (ms: number | null) => (ms === null ? '' : formatDateTime(ms));

function priceRows(p: StaffOrderDetail['price']): DetailRow[] {
  const rows: DetailRow[] = [];
  if (p.liveSavingFen > 0) {
    rows.push({ key: 'list', label: '商品原价', value: formatYuan(p.goodsFen + p.liveSavingFen) });
    rows.push({ key: 'live', label: '直播价优惠', value: minus(p.liveSavingFen) });
  } else {
    rows.push({ key: 'goods', label: '商品金额', value: formatYuan(p.goodsFen) });
  }
  if (p.memberFen > 0) rows.push({ key: 'member', label: '会员价优惠', value: minus(p.memberFen) });
  for (const c of p.coupons) rows.push({ key: `coupon-${c.couponId}`, label: `优惠券 · ${c.label}`, value: minus(c.amountFen) });
  rows.push({ key: 'shipping', label: '运费', value: p.shippingFen === 0 ? '免运费' : formatYuan(p.shippingFen) });
  return rows;
}

function uploadText(u: NonNullable<NonNullable<StaffOrderDetail['shipping']>['upload']>): string {
  const base = UPLOAD_STATE_TEXT[u.state] + (u.state === 'uploaded' && u.uploadedAt !== null ? ` ${time(u.uploadedAt)}` : '') + (u.corrected ? '，已修改过一次' : '');
  const reminded = u.remindedAt !== null ? `，${time(u.remindedAt)} 已提醒买家确认收货` : '';
  return u.state === 'failed' && u.error ? `${base}：${u.error}` : base + reminded;
}

function pointsText(p: StaffOrderDetail['points']): string {
  if (p.earned <= 0) return '';
  return p.reversed > 0 ? `获得 ${p.earned} 积分，退款已扣回 ${p.reversed} 积分` : `获得 ${p.earned} 积分`;
}

function refundOf(o: StaffOrderDetail, may: boolean): Pick<OrderDetailView, 'canRefund' | 'refundAction' | 'refundReason' | 'refundable' | 'shippingFen'> {
  const action = may ? refundAction(o.status, o.refund?.state ?? null, o.refunds.refundable) : null;
  return {
    canRefund: action !== null,
    refundAction: action,
    refundReason: o.refund?.reason ?? '',
    refundable: o.refunds.refundable
      .map((r) => {
        const line = o.lines.find((l) => l.skuId === r.skuId);
        return { skuId: r.skuId, title: line?.title ?? r.skuId, specText: line ? specText(line.specs) : '', max: r.quantity, amountFen: r.amountFen };
      })
      .filter((l) => l.max > 0),
    shippingFen: o.price.shippingFen,
  };
}

export function detailView(o: StaffOrderDetail, can: { ship: boolean; refund: boolean }): OrderDetailView {
  const a = o.address;
  const paid = o.payment;
  return {
    _id: o._id,
    status: o.status,
    statusText: statusText(o.status),
    buyerText: o.buyer,
    sourceText: o.source.liveId ? `直播间 · ${o.source.liveTitle ?? o.source.liveId}` : (SOURCE_TEXT[o.source.kind] ?? o.source.kind),
    address: { name: a.userName, phone: a.phone, text: `${a.provinceName} ${a.cityName} ${a.countyName} ${a.detailInfo}` },
    lines: o.lines.map((l, i) => ({
      key: String(i),
      title: l.title,
      image: l.image,
      specText: specText(l.specs),
      priceText: formatYuan(l.unitPriceFen),
      listPriceText: l.listPriceFen > l.unitPriceFen ? formatYuan(l.listPriceFen) : '',
      quantityText: `×${l.quantity}`,
    })),
    priceRows: priceRows(o.price),
    amountLabel: paid ? '实付' : '应付',
    amountText: formatYuan(paid ? paid.paidFen : o.price.payableFen),
    pointsText: pointsText(o.points),
    payment: paid
      ? [
          { key: 'method', label: '支付方式', value: PAYMENT_METHOD_TEXT[paid.method] ?? paid.method },
          { key: 'transaction', label: '交易单号', value: paid.transactionId ?? '—' },
          { key: 'paidAt', label: '付款时间', value: time(paid.paidAt) },
        ]
      : [{ key: 'unpaid', label: '付款', value: o.status === 'created' ? `待付款，${time(o.expiresAt)} 前未付款将自动关闭` : '未付款' }],
    shipping: o.shipping
      ? [
          { key: 'company', label: '快递公司', value: o.shipping.company },
          { key: 'number', label: '运单号', value: o.shipping.trackingNumber },
          { key: 'shippedAt', label: '发货时间', value: time(o.shipping.shippedAt) },
          ...(o.shipping.upload ? [{ key: 'upload', label: '微信发货信息', value: uploadText(o.shipping.upload) }] : []),
        ]
      : [],
    refund: o.refund
      ? [
          { key: 'state', label: o.refund.whole ? '退款状态' : '部分退款', value: REFUND_STATE_TEXT[o.refund.state] ?? o.refund.state },
          { key: 'amount', label: '退款金额', value: formatYuan(o.refund.amountFen) },
          ...(o.refund.whole ? [] : [{ key: 'lines', label: '退款商品', value: o.refund.lines.map((l) => `${l.title} ×${l.quantity}`).join('；') }]),
          ...(o.refunds.refundedFen > 0 && o.refunds.refundedFen !== o.refund.amountFen ? [{ key: 'refunded', label: '累计已退', value: formatYuan(o.refunds.refundedFen) }] : []),
          { key: 'reason', label: '退款原因', value: o.refund.reason },
          { key: 'refundId', label: '退款单号', value: o.refund.refundId },
          { key: 'requestedAt', label: '发起时间', value: time(o.refund.requestedAt) },
          ...(o.refund.settledAt !== null ? [{ key: 'settledAt', label: '到账时间', value: time(o.refund.settledAt) }] : []),
        ]
      : [],
    events: [...o.events].reverse().map((e, i) => ({ key: `${e.kind}-${i}`, text: EVENT_TEXT[e.kind] ?? e.kind, time: time(e.at) })),
    canShip: can.ship && shippable(o.status),
    ...refundOf(o, can.refund),
    canReship: can.ship && o.status === 'shipped' && !!o.shipping && !(o.shipping.upload?.state === 'uploaded' && o.shipping.upload.corrected),
    canRemind: can.ship && o.status === 'shipped' && o.shipping?.upload?.state === 'uploaded' && o.shipping.upload.remindedAt === null,
    tracking: { company: o.shipping?.company ?? '', number: o.shipping?.trackingNumber ?? '' },
  };
}
