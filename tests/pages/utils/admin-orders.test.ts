import type { StaffOrderDetail } from '../../../typings/contract';
import { detailView, refundSheet } from '../../../miniprogram/admin/pages/order-detail/utils';
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
    lines: [
      { skuId: 's1', productId: 'p1', title: '丝绒唇釉', image: '', specs: { 色号: '#01 正红' }, quantity: 2, unitPriceFen: 9900, listPriceFen: 9900, lineTotalFen: 19800 },
      { skuId: 's2', productId: 'p2', title: '卸妆水', image: '', specs: {}, quantity: 1, unitPriceFen: 6000, listPriceFen: 6000, lineTotalFen: 6000 },
    ],
    price: { goodsFen: 25800, liveSavingFen: 0, memberFen: 1200, coupons: [{ couponId: 'c1', label: '满 199 减 30', amountFen: 3000 }], discountFen: 4200, shippingFen: 0, payableFen: 21600 },
    points: { earned: 216, reversed: 0 },
    payment: { method: 'wechatpay_v3', transactionId: '4200001', paidAt: Date.UTC(2026, 10, 24, 2), paidFen: 21600 },
    shipping: null,
    refund: null,
    refunds: { refundedFen: 0, refundable: [{ skuId: 's1', quantity: 2, amountFen: 16577 }, { skuId: 's2', quantity: 1, amountFen: 5023 }] },
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
    const processing = { refundId: 'Ro1', reason: '商家后台退款', state: 'PROCESSING', requestedAt: Date.UTC(2026, 10, 24, 3), settledAt: null, amountFen: 21600, lines: [], whole: true };
    const refunding = detailView(order({ status: 'refunding', refund: processing }), { ship: true, refund: true });
    expect([refunding.canShip, refunding.canRefund, refunding.refundAction]).toEqual([false, true, 'retry']);
    // after shipping too (a return, or goods never received), and after receipt
    for (const status of ['shipped', 'completed'] as const) {
      const v = detailView(order({ status }), { ship: true, refund: true });
      expect([v.canShip, v.canRefund, v.refundAction]).toEqual([false, true, 'new']);
    }
    // nothing left to refund, or an ABNORMAL refund the merchant platform settles
    const none = detailView(order({ refunds: { refundedFen: 21600, refundable: [{ skuId: 's1', quantity: 0, amountFen: 0 }] } }), { ship: true, refund: true });
    const abnormal = detailView(order({ refund: { ...processing, state: 'ABNORMAL', whole: false } }), { ship: true, refund: true });
    expect([none.canRefund, abnormal.canRefund]).toEqual([false, false]);
  });

  it('the refund sheet: units per line at their share of what is left, shipping only with the last', () => {
    const v = detailView(order({ price: { ...order().price, shippingFen: 1000, payableFen: 22600 } }), { ship: true, refund: true });
    expect(v.refundable.map((l) => [l.title, l.specText, l.max])).toEqual([
      ['丝绒唇釉', '色号：#01 正红', 2],
      ['卸妆水', '', 1],
    ]);
    const all = refundSheet(v, [2, 1]);
    expect([all.whole, all.totalFen, all.totalText, all.picked]).toEqual([true, 22600, '¥226.00（含运费）', [{ skuId: 's1', quantity: 2 }, { skuId: 's2', quantity: 1 }]]);
    const one = refundSheet(v, [1, 0]);
    expect([one.whole, one.totalFen, one.lines.map((l) => l.amountText), one.picked]).toEqual([false, 8288, ['¥82.88', '¥0.00'], [{ skuId: 's1', quantity: 1 }]]);
    // clamped to what is left
    expect(refundSheet(v, [5, -1]).lines.map((l) => l.quantity)).toEqual([2, 0]);
    expect(refundSheet(v, [0, 0]).picked).toEqual([]);
  });

  it('an unpaid order says when it closes; a refunded one what was taken back', () => {
    const unpaid = detailView(order({ status: 'created', payment: null, points: { earned: 0, reversed: 0 } }), { ship: true, refund: true });
    expect([unpaid.amountLabel, unpaid.amountText, unpaid.pointsText]).toEqual(['应付', '¥216.00', '']);
    expect(unpaid.payment).toEqual([{ key: 'unpaid', label: '付款', value: '待付款，2026-11-24 10:28 前未付款将自动关闭' }]);
    const refunded = detailView(
      order({
        status: 'refunded',
        points: { earned: 216, reversed: 200 },
        refund: { refundId: 'Ro1', reason: '买错了', state: 'ABNORMAL', requestedAt: Date.UTC(2026, 10, 24, 3), settledAt: null, amountFen: 21600, lines: [], whole: true },
      }),
      { ship: true, refund: true },
    );
    expect(refunded.pointsText).toBe('获得 216 积分，退款已扣回 200 积分');
    expect(refunded.refund.map((r) => r.value)).toEqual(['退款异常，请到商户平台处理', '¥216.00', '买错了', 'Ro1', '2026-11-24 11:00']);
    const part = detailView(
      order({
        refund: { refundId: 'Ro1-2', reason: '商家后台退款', state: 'SUCCESS', requestedAt: Date.UTC(2026, 10, 24, 3), settledAt: Date.UTC(2026, 10, 24, 4), amountFen: 5023, lines: [{ skuId: 's2', title: '卸妆水', quantity: 1, amountFen: 5023 }], whole: false },
        refunds: { refundedFen: 13311, refundable: [{ skuId: 's1', quantity: 1, amountFen: 8289 }, { skuId: 's2', quantity: 0, amountFen: 0 }] },
      }),
      { ship: true, refund: true },
    );
    expect(part.refund.map((r) => [r.label, r.value])).toEqual([
      ['部分退款', '退款成功'],
      ['退款金额', '¥50.23'],
      ['退款商品', '卸妆水 ×1'],
      ['累计已退', '¥133.11'],
      ['退款原因', '商家后台退款'],
      ['退款单号', 'Ro1-2'],
      ['发起时间', '2026-11-24 11:00'],
      ['到账时间', '2026-11-24 12:00'],
    ]);
    expect([part.refundAction, part.refundable.map((l) => l.skuId)]).toEqual(['new', ['s1']]);
  });
});
