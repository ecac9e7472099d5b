import { maskName, maskPhone } from '../../cloudfunctions/core/kernel/mask';
import { DAY, shanghaiDate, shanghaiDayStartOf } from '../../cloudfunctions/core/kernel/time';
import { orderEvents, orderSearchKeys, priceParts, staffOrderQuery } from '../../cloudfunctions/core/modules/orders';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import type { OrderLine } from '../../typings/contract';

const sh = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

const line = (over: Partial<OrderLine> = {}): OrderLine => ({
  skuId: 'p-lipstick-1',
  productId: 'p-lipstick',
  title: '丝绒哑光口红',
  image: '',
  specs: { 色号: '#01 正红' },
  quantity: 1,
  unitPriceFen: 9900,
  listPriceFen: 9900,
  lineTotalFen: 9900,
  ...over,
});

type Timed = Parameters<typeof orderEvents>[0];
const timed = (over: Partial<Timed> = {}): Timed => ({
  status: 'created',
  createdAt: 1000,
  paidAt: null,
  shippedAt: null,
  completedAt: null,
  closedAt: null,
  refund: null,
  ...over,
});

describe('masking for staff screens', () => {
  it.each([
    ['a mobile keeps its first three and last four digits', '13800138000', '138****8000'],
    ['spaces around it do not matter', ' 13912345678 ', '139****5678'],
    ['a landline keeps its last four digits', '021-62335678', '****5678'],
    ['a number with too few digits shows nothing', '12', '****'],
  ])('maskPhone: %s', (_what, phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('buyers are named by first and last character', () => {
    expect(['海盐芝士奶盖', '小美', 'May', '阿'].map((n) => maskName(n, 'ends'))).toEqual(['海**盖', '小*', 'M**y', '阿*']);
  });
});

describe('Shanghai calendar days from YYYY-MM-DD', () => {
  it.each([
    ['an ordinary day', '2026-11-25', sh(2026, 11, 25)],
    ["new year's day", '2027-01-01', sh(2027, 1, 1)],
    ['a leap day', '2028-02-29', sh(2028, 2, 29)],
  ])('shanghaiDayStartOf: %s starts at Shanghai midnight', (_what, day, start) => {
    expect(shanghaiDayStartOf(day)).toBe(start);
    expect(shanghaiDate(start)).toBe(day);
    expect(shanghaiDate(start - 1)).not.toBe(day);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-11-31', '2026-1-5', '20261125', ''])('refuses %p', (day) => {
    expect(shanghaiDayStartOf(day)).toBeNaN();
  });
});

describe('order search keys', () => {
  it('keep the line titles lowercased and the last four digits of the phone', () => {
    const lines = [line(), line({ title: '清透防晒乳 SPF50+' })];
    expect(orderSearchKeys({ lines, address: { telNumber: '13912345678' } as OrderDoc['address'] })).toEqual({
      products: '丝绒哑光口红\n清透防晒乳 spf50+',
      phoneTail: '5678',
    });
    expect(orderSearchKeys({ lines, address: { telNumber: '0571-8888-1234' } as OrderDoc['address'] }).phoneTail).toBe('1234');
  });
});

describe('staffOrderQuery', () => {
  it('asks for everything with no filters', () => {
    expect(staffOrderQuery({})).toEqual({});
  });

  it('narrows by each filter, the days being Shanghai days with the last one included', () => {
    expect(
      staffOrderQuery(
        { status: 'paid', liveId: 'live-1', fromDay: '2026-11-25', toDay: '2026-11-26', orderId: 'o1', phoneTail: '5678', product: ' SPF50 ' },
        ['u1', 'u2'],
      ),
    ).toEqual({
      _id: 'o1',
      userId: { $in: ['u1', 'u2'] },
      status: 'paid',
      'source.liveId': 'live-1',
      'search.phoneTail': '5678',
      'search.products': { $contains: 'spf50' },
      createdAt: { $gte: sh(2026, 11, 25), $lt: sh(2026, 11, 26) + DAY },
    });
  });

  it('takes an open-ended range from either side, and ignores a blank product', () => {
    expect(staffOrderQuery({ fromDay: '2026-11-25', product: '   ' })).toEqual({ createdAt: { $gte: sh(2026, 11, 25) } });
    expect(staffOrderQuery({ toDay: '2026-11-25' })).toEqual({ createdAt: { $lt: sh(2026, 11, 26) } });
  });

  it('finds no one when no buyer matched', () => {
    expect(staffOrderQuery({}, [])).toEqual({ userId: { $in: [] } });
  });
});

describe('orderEvents', () => {
  it('a placed order has one event', () => {
    expect(orderEvents(timed())).toEqual([{ kind: 'created', at: 1000 }]);
  });

  it('a completed order: placed, paid, shipped, completed', () => {
    expect(orderEvents(timed({ status: 'completed', paidAt: 2000, shippedAt: 3000, completedAt: 4000 }))).toEqual([
      { kind: 'created', at: 1000 },
      { kind: 'paid', at: 2000 },
      { kind: 'shipped', at: 3000 },
      { kind: 'completed', at: 4000 },
    ]);
  });

  it('a refund: asked for, then settled when the order closed', () => {
    const refund = { refundId: 'R1', reason: '', requestedAt: 3000, state: 'SUCCESS' as const, settledAt: 5000 };
    expect(orderEvents(timed({ status: 'refunded', paidAt: 2000, closedAt: 5000, refund }))).toEqual([
      { kind: 'created', at: 1000 },
      { kind: 'paid', at: 2000 },
      { kind: 'refund_requested', at: 3000 },
      { kind: 'refunded', at: 5000 },
    ]);
    // the platform closed it (paid again) or could not pay it out (abnormal)
    expect(orderEvents(timed({ status: 'paid', paidAt: 2000, refund: { ...refund, state: 'CLOSED' as const, settledAt: 4000 } })).map((e) => e.kind)).toEqual(['created', 'paid', 'refund_requested', 'refund_closed']);
    expect(orderEvents(timed({ status: 'refunding', paidAt: 2000, refund: { ...refund, state: 'ABNORMAL' as const, settledAt: 4000 } })).pop()).toEqual({ kind: 'refund_abnormal', at: 4000 });
    // still with the platform: asked for, not settled
    expect(orderEvents(timed({ status: 'refunding', paidAt: 2000, refund: { ...refund, state: 'PROCESSING' as const, settledAt: null } })).map((e) => e.kind)).toEqual(['created', 'paid', 'refund_requested']);
  });

  it('closed unpaid: cancelled or expired, at the time it closed', () => {
    expect(orderEvents(timed({ status: 'cancelled', closedAt: 1500 }))).toEqual([
      { kind: 'created', at: 1000 },
      { kind: 'cancelled', at: 1500 },
    ]);
    expect(orderEvents(timed({ status: 'expired', closedAt: 9000 })).pop()).toEqual({ kind: 'expired', at: 9000 });
  });

  it('sorts by time, keeping the usual order for events at the same moment', () => {
    // a raffle prize order is placed and paid in the same instant
    expect(orderEvents(timed({ status: 'paid', paidAt: 1000 })).map((e) => e.kind)).toEqual(['created', 'paid']);
    const refund = { refundId: 'R1', reason: '', requestedAt: 2500, state: 'SUCCESS' as const, settledAt: 4000 };
    expect(orderEvents(timed({ status: 'refunded', paidAt: 2000, shippedAt: 3000, closedAt: 4000, refund })).map((e) => e.kind)).toEqual([
      'created',
      'paid',
      'refund_requested',
      'shipped',
      'refunded',
    ]);
  });
});

describe('priceParts', () => {
  const price = (discounts: OrderDoc['price']['discounts'], goodsFen: number, shippingFen = 0) => {
    const discountFen = discounts.reduce((s, d) => s + d.amountFen, 0);
    return { goodsFen, discountFen, shippingFen, payableFen: goodsFen - discountFen + shippingFen, discounts };
  };

  it('splits the member price from the coupons and counts what the live price took off', () => {
    const lines = [line({ unitPriceFen: 12900, listPriceFen: 16900, quantity: 2, lineTotalFen: 25800 }), line({ unitPriceFen: 3900, listPriceFen: 3900, lineTotalFen: 3900 })];
    const discounts = [
      { source: 'member_price', label: '银卡会员价', amountFen: 1000 },
      { source: 'coupon-a', label: '满 199 减 30', amountFen: 3000 },
      { source: 'coupon-b', label: '新人无门槛券', amountFen: 1000 },
    ];
    expect(priceParts({ lines, price: price(discounts, 29700), source: { kind: 'live_card', liveId: 'live-1', cardId: 'card-1' } })).toEqual({
      goodsFen: 29700,
      liveSavingFen: 8000,
      memberFen: 1000,
      coupons: [
        { couponId: 'coupon-a', label: '满 199 减 30', amountFen: 3000 },
        { couponId: 'coupon-b', label: '新人无门槛券', amountFen: 1000 },
      ],
      discountFen: 5000,
      shippingFen: 0,
      payableFen: 24700,
    });
  });

  it('counts no live saving on an order from no live (a ¥0 prize line is not a live price)', () => {
    const lines = [line({ unitPriceFen: 0, listPriceFen: 9900, lineTotalFen: 0 })];
    expect(priceParts({ lines, price: price([], 0), source: { kind: 'organic' } })).toEqual({
      goodsFen: 0,
      liveSavingFen: 0,
      memberFen: 0,
      coupons: [],
      discountFen: 0,
      shippingFen: 0,
      payableFen: 0,
    });
  });
});
