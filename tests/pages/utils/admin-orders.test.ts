import type { StaffOrderDetail } from '../../../typings/contract';
import { detailView } from '../../../miniprogram/admin/pages/order-detail/utils';
import { anyFilter, listQuery, parseSearch, pickDay, type ListFilters } from '../../../miniprogram/admin/pages/orders/utils';
import { amountView, shipFormError, specText } from '../../../miniprogram/admin/utils/orders';

const none: ListFilters = { status: '', liveId: '', fromDay: '', toDay: '', search: null };

describe('the staff order list: search and filters', () => {
  it('sends only the filters set, the search under its own field', () => {
    expect(listQuery(none, 1)).toEqual({ page: 1 });
    expect(anyFilter(none)).toBe(false);
    const all: ListFilters = { status: 'paid', liveId: 'live-1', fromDay: '2026-11-01', toDay: '2026-11-30', search: { by: 'phoneTail', text: '8000' } };
    expect(listQuery(all, 3)).toEqual({ status: 'paid', liveId: 'live-1', fromDay: '2026-11-01', toDay: '2026-11-30', phoneTail: '8000', page: 3 });
    expect(anyFilter({ ...none, toDay: '2026-11-30' })).toBe(true);
  });

  it.each([
    ['orderId', ' demo-order-1 ', { ok: true, search: { by: 'orderId', text: 'demo-order-1' } }],
    ['orderId', '订单 1', { ok: false, reason: '订单号只包含字母、数字、- 和 _' }],
    ['phoneTail', '8000', { ok: true, search: { by: 'phoneTail', text: '8000' } }],
    ['phoneTail', '800', { ok: false, reason: '请输入收货人手机号后 4 位数字' }],
    ['buyer', '小美', { ok: true, search: { by: 'buyer', text: '小美' } }],
    ['buyer', '一二三四五六七八九十一二三四五六七八九十一', { ok: false, reason: '最多 20 个字' }],
    ['product', '   ', { ok: true, search: null }],
  ] as const)('parseSearch(%s, %p)', (by, typed, expected) => {
    expect(parseSearch(by, typed)).toEqual(expected);
  });

  it('keeps a picked range in order', () => {
    expect(pickDay({ fromDay: '', toDay: '' }, 'from', '2026-11-05')).toEqual({ fromDay: '2026-11-05', toDay: '' });
    expect(pickDay({ fromDay: '2026-11-01', toDay: '2026-11-03' }, 'from', '2026-11-05')).toEqual({ fromDay: '2026-11-05', toDay: '2026-11-05' });
    expect(pickDay({ fromDay: '2026-11-05', toDay: '' }, 'to', '2026-11-02')).toEqual({ fromDay: '2026-11-02', toDay: '2026-11-02' });
    expect(pickDay({ fromDay: '2026-11-01', toDay: '' }, 'to', '2026-11-02')).toEqual({ fromDay: '2026-11-01', toDay: '2026-11-02' });
  });

  it('words specs, amounts and the shipping form', () => {
    expect(specText({ 色号: '01 象牙白', 容量: '30ml' })).toBe('色号：01 象牙白；容量：30ml');
    expect(specText({})).toBe('');
    expect(amountView({ payableFen: 13800, paidFen: null })).toEqual({ label: '应付', text: '¥138.00' });
    expect(amountView({ payableFen: 13800, paidFen: 13800 })).toEqual({ label: '实付', text: '¥138.00' });
    expect([shipFormError(' ', 'SF1234'), shipFormError('顺丰', 'SF 1'), shipFormError('顺丰', ' SF1234 ')]).toEqual(['请选择快递公司', '运单号为 4–40 位字母、数字或 -', '']);
    // a listed carrier by code, name or short name; anything else is refused before it is sent
    expect(['sf', '中通', '圆通速递', 'ems', '某某物流', '快递'].map((c) => shipFormError(c, 'SF1234'))).toEqual(['', '', '', '', '请从列表中选择快递公司', '请从列表中选择快递公司']);
  });
});

describe('the staff order detail view', () => {
  const order = (over: Partial<StaffOrderDetail> = {}): StaffOrderDetail => ({
    _id: 'o1',
    status: 'paid',
    buyer: '海**盖',
    address: { userName: '王小明', phone: '139****5678', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 1 号' },
    lines: [],
    price: { goodsFen: 25800, liveSavingFen: 0, memberFen: 1200, coupons: [{ couponId: 'c1', label: '满 199 减 30', amountFen: 3000 }], discountFen: 4200, shippingFen: 0, payableFen: 21600 },
    points: { earned: 216, reversed: 0 },
    payment: { method: 'wechatpay_v3', transactionId: '4200001', paidAt: Date.UTC(2026, 10, 24, 2), paidFen: 21600 },
    shipping: null,
    refund: null,
    source: { kind: 'organic', liveId: null, liveTitle: null },
    createdAt: Date.UTC(2026, 10, 24, 1, 58),
    expiresAt: Date.UTC(2026, 10, 24, 2, 28),
    events: [
      { kind: 'created', at: Date.UTC(2026, 10, 24, 1, 58) },
      { kind: 'paid', at: Date.UTC(2026, 10, 24, 2) },
    ],
    ...over,
  });

  it('lays out the price: goods, member price, each coupon, shipping; then the amount paid and the points', () => {
    const v = detailView(order(), { ship: true, refund: true });
    expect(v.priceRows.map((r) => [r.label, r.value])).toEqual([
      ['商品金额', '¥258.00'],
      ['会员价优惠', '-¥12.00'],
      ['优惠券 · 满 199 减 30', '-¥30.00'],
      ['运费', '免运费'],
    ]);
    expect([v.amountLabel, v.amountText, v.pointsText]).toEqual(['实付', '¥216.00', '获得 216 积分']);
    expect(v.payment.map((r) => r.value)).toEqual(['微信支付', '4200001', '2026-11-24 10:00']);
    expect(v.events.map((e) => [e.text, e.time])).toEqual([
      ['买家付款', '2026-11-24 10:00'],
      ['买家下单', '2026-11-24 09:58'],
    ]);
  });

  it('offers shipping and refunds by the order state and what the role may do', () => {
    expect([true, false].map((refund) => detailView(order(), { ship: true, refund })).map((v) => [v.canShip, v.canRefund])).toEqual([
      [true, true],
      [true, false],
    ]);
    const refunding = detailView(order({ status: 'refunding' }), { ship: true, refund: true });
    expect([refunding.canShip, refunding.canRefund]).toEqual([false, true]);
    const shipped = detailView(order({ status: 'shipped' }), { ship: true, refund: true });
    expect([shipped.canShip, shipped.canRefund]).toEqual([false, false]);
  });

  it('an unpaid order says when it closes; a refunded one what was taken back', () => {
    const unpaid = detailView(order({ status: 'created', payment: null, points: { earned: 0, reversed: 0 } }), { ship: true, refund: true });
    expect([unpaid.amountLabel, unpaid.amountText, unpaid.pointsText]).toEqual(['应付', '¥216.00', '']);
    expect(unpaid.payment).toEqual([{ key: 'unpaid', label: '付款', value: '待付款，2026-11-24 10:28 前未付款将自动关闭' }]);
    const refunded = detailView(
      order({ status: 'refunded', points: { earned: 216, reversed: 200 }, refund: { refundId: 'Ro1', reason: '买错了', state: 'ABNORMAL', requestedAt: Date.UTC(2026, 10, 24, 3), settledAt: null } }),
      { ship: true, refund: true },
    );
    expect(refunded.pointsText).toBe('获得 216 积分，退款已扣回 200 积分');
    expect(refunded.refund.map((r) => r.value)).toEqual(['退款异常，请到商户平台处理', '买错了', 'Ro1', '2026-11-24 11:00']);
  });
});
