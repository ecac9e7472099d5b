import type { StaffOrderDetail, StaffOrderRow } from '../../typings/contract';
import { ERROR_CODES } from '../../typings/contract/errors';
import { addMissingSearchKeys } from '../../cloudfunctions/core/modules/orders';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/** Staff find orders (admin.listAllOrders) and read one in full (admin.getOrder). */

interface Page {
  items: StaffOrderRow[];
  total: number;
  buyersCapped: boolean;
}

/** 2026-11-25 23:59 and 2026-11-26 00:00 in Shanghai: one minute and one calendar day apart */
const LATE_ON_25TH = Date.UTC(2026, 10, 25, 15, 59);
const START_OF_26TH = Date.UTC(2026, 10, 25, 16, 0);

const address = (userName: string, telNumber: string) => ({
  userName,
  telNumber,
  provinceName: '上海市',
  cityName: '上海市',
  countyName: '徐汇区',
  detailInfo: '漕溪北路 1 号',
});

async function buyer(rt: TestRuntime, openid: string, nickname: string, tel: string, name = '王小明'): Promise<string> {
  const saved = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', address(name, tel));
  if (!saved.ok) throw new Error(saved.error.code);
  await rt.db.collection('users').update({ _id: openid }, { $set: { nickname } });
  return saved.data.addressId;
}

async function place(rt: TestRuntime, openid: string, addressId: string, items: Array<[string, number]>, at: number, extra: Record<string, unknown> = {}): Promise<string> {
  rt.clock.set(at);
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items: items.map(([skuId, quantity]) => ({ skuId, quantity })), addressId, ...extra });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.orderId;
}

async function pay(rt: TestRuntime, orderId: string): Promise<void> {
  const a = await rt.devPay(orderId);
  if (a.status !== 204) throw new Error(`pay ${orderId}: ${a.status}`);
}

describe('admin.listAllOrders: search and filters', () => {
  let rt: TestRuntime;
  const id: Record<'lipSun' | 'sunUnpaid' | 'landline', string> = { lipSun: '', sunUnpaid: '', landline: '' };
  const list = async (data: Record<string, unknown>) => {
    const r = await rt.as('demo-staff')<Page>('admin', 'listAllOrders', data);
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.field ?? ''}`);
    return r.data;
  };
  const ids = async (data: Record<string, unknown>) => (await list(data)).items.map((o) => o._id);

  beforeAll(async () => {
    rt = await testRuntime();
    const haiyan = await buyer(rt, 'o-haiyan', '海盐芝士奶盖', '13912345678');
    // 5678 in the middle of the number, not at its end
    const middle = await buyer(rt, 'o-middle', '柠檬海盐', '15678000001', '李雷');
    const landline = await buyer(rt, 'o-landline', '阿木', '021-62335678', '赵敏');
    id.lipSun = await place(rt, 'o-haiyan', haiyan, [['p-lipstick-1', 2], ['p-sunscreen-1', 1]], LATE_ON_25TH);
    await pay(rt, id.lipSun);
    id.sunUnpaid = await place(rt, 'o-middle', middle, [['p-sunscreen-2', 1]], START_OF_26TH);
    id.landline = await place(rt, 'o-landline', landline, [['p-lipstick-3', 1]], START_OF_26TH + 9 * 3600_000);
    await pay(rt, id.landline);
    const shipped = await rt.as('demo-staff')('admin', 'shipOrder', { orderId: id.landline, company: '顺丰速运', trackingNumber: 'SF0001' });
    if (!shipped.ok) throw new Error(shipped.error.code);
  });
  afterAll(() => rt.close());

  it('shows each row with the masked buyer, the receiver with a masked phone, lines with their specs and both amounts; never an openid', async () => {
    const page = await list({ orderId: id.lipSun });
    expect(page).toEqual({
      items: [
        {
          _id: id.lipSun,
          buyer: '海**盖',
          receiver: { name: '王小明', phone: '139****5678' },
          status: 'paid',
          lines: [
            { title: '丝绒哑光口红', image: '/assets/p/p-lipstick.svg', specs: { 色号: '#01 正红' }, quantity: 2 },
            { title: '清透防晒乳 SPF50+', image: '/assets/p/p-sunscreen.svg', specs: { 规格: '40ml' }, quantity: 1 },
          ],
          payableFen: 2 * 9900 + 11900,
          paidFen: 2 * 9900 + 11900,
          count: 3,
          title: '丝绒哑光口红、清透防晒乳 SPF50+',
          sourceKind: 'organic',
          liveId: null,
          createdAt: LATE_ON_25TH,
          paidAt: LATE_ON_25TH,
        },
      ],
      total: 1,
      buyersCapped: false,
    });
    const unpaid = (await list({ orderId: id.sunUnpaid })).items[0];
    expect([unpaid.status, unpaid.payableFen, unpaid.paidFen, unpaid.paidAt]).toEqual(['created', 17900, null, null]);
    const everything = JSON.stringify(await list({}));
    for (const openid of ['o-haiyan', 'o-middle', 'o-landline', 'demo-shopper', 'demo-fan-', 'demo-new-']) expect(everything).not.toContain(openid);
    expect(everything).not.toContain('13912345678');
    expect(everything).not.toContain('13800138000');
  });

  it('lists every order newest first, 20 a page', async () => {
    const first = await list({});
    const second = await list({ page: 2 });
    // the demo shop's 21 orders and the 3 placed here
    expect([first.total, first.items.length, second.total, second.items.length]).toEqual([24, 20, 24, 4]);
    const all = [...first.items, ...second.items];
    expect(all.slice(0, 3).map((o) => o._id)).toEqual([id.landline, id.sunUnpaid, id.lipSun]);
    expect(new Set(all.map((o) => o._id)).size).toBe(24);
    const times = all.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('finds an order by its number, exactly', async () => {
    expect(await ids({ orderId: id.sunUnpaid })).toEqual([id.sunUnpaid]);
    expect(await ids({ orderId: id.sunUnpaid.slice(0, -1) })).toEqual([]);
  });

  it("finds a buyer's orders by part of the nickname", async () => {
    // 海盐芝士奶盖, and the demo shop's 奶油芝士
    expect(await ids({ buyer: '芝士' })).toEqual([id.lipSun, 'past-earlier-4']);
    expect(await ids({ buyer: '海盐' })).toEqual([id.sunUnpaid, id.lipSun]);
    // the demo shopper 小美 and her best friend 小美的闺蜜 (who has no order)
    expect(await ids({ buyer: '小美' })).toEqual(['demo-order-3', 'demo-order-2', 'demo-order-1']);
    expect(await list({ buyer: '没有这个人' })).toEqual({ items: [], total: 0, buyersCapped: false });
  });

  it("finds orders by the last four digits of the receiver's phone, not digits elsewhere in it", async () => {
    expect(await ids({ phoneTail: '5678' })).toEqual([id.landline, id.lipSun]);
    expect(await ids({ phoneTail: '0001' })).toEqual([id.sunUnpaid]);
    expect(await ids({ phoneTail: '1234' })).toEqual([]);
  });

  it('finds orders by part of a product title, in any case', async () => {
    expect(await ids({ product: 'spf50' })).toEqual([id.sunUnpaid, id.lipSun]);
    expect(await ids({ product: '口红' })).toEqual([id.landline, id.lipSun, 'demo-order-3']);
    expect(await ids({ product: '  口红 ' })).toEqual([id.landline, id.lipSun, 'demo-order-3']);
  });

  it('filters by status', async () => {
    expect(await ids({ status: 'created' })).toEqual([id.sunUnpaid]);
    expect(await ids({ status: 'paid' })).toEqual([id.lipSun, 'demo-order-3']);
    expect(await ids({ status: 'refunded' })).toEqual(['past-order-7']);
  });

  it("filters by live: last week's live orders", async () => {
    const page = await list({ liveId: 'live-past' });
    expect(page.items.map((o) => o._id)).toEqual(Array.from({ length: 10 }, (_, i) => `past-order-${10 - i}`));
    expect(page.items.every((o) => o.liveId === 'live-past')).toBe(true);
  });

  it('filters by Shanghai calendar days, both ends included', async () => {
    expect(await ids({ fromDay: '2026-11-25', toDay: '2026-11-25' })).toEqual([id.lipSun]);
    expect(await ids({ fromDay: '2026-11-26' })).toEqual([id.landline, id.sunUnpaid]);
    expect(await ids({ fromDay: '2026-11-25', toDay: '2026-11-26' })).toEqual([id.landline, id.sunUnpaid, id.lipSun]);
    // last week's live ran 20:15–21:18 on the 17th in Shanghai (12:15–13:18 UTC)
    expect((await list({ fromDay: '2026-11-17', toDay: '2026-11-17' })).total).toBe(10);
    expect(await ids({ toDay: '2026-10-14' })).toEqual(['past-earlier-5', 'past-earlier-6']);
  });

  it('combines filters, each one narrowing', async () => {
    expect(await ids({ buyer: '海盐', phoneTail: '5678' })).toEqual([id.lipSun]);
    expect(await ids({ product: '口红', status: 'paid' })).toEqual([id.lipSun, 'demo-order-3']);
    expect(await ids({ liveId: 'live-past', status: 'refunded' })).toEqual(['past-order-7']);
    expect(await ids({ phoneTail: '5678', fromDay: '2026-11-26', toDay: '2026-11-26' })).toEqual([id.landline]);
    expect(await ids({ orderId: id.lipSun, status: 'created' })).toEqual([]);
    expect(await ids({ buyer: '小美', product: '粉底', fromDay: '2026-10-01', toDay: '2026-10-31', status: 'completed' })).toEqual(['demo-order-1']);
  });

  it('refuses a day range that ends before it starts, a day that does not exist, and a phone tail that is not 4 digits', async () => {
    for (const [data, field] of [
      [{ fromDay: '2026-11-26', toDay: '2026-11-25' }, 'toDay'],
      [{ fromDay: '2026-02-30' }, 'fromDay'],
      [{ toDay: '2026/11/25' }, 'toDay'],
      [{ phoneTail: '567' }, 'phoneTail'],
      [{ phoneTail: '56a8' }, 'phoneTail'],
      [{ status: 'lost' }, 'status'],
    ] as const) {
      const r = await rt.as('demo-staff')('admin', 'listAllOrders', data);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    }
  });

  it('answers NOT_STAFF to a shopper before it looks at the input', async () => {
    const notStaff = { ok: false, error: { code: 'NOT_STAFF', message: ERROR_CODES.NOT_STAFF } };
    expect(await rt.as('demo-shopper')('admin', 'listAllOrders', { phoneTail: '12', surprise: true })).toEqual(notStaff);
    expect(await rt.as('demo-shopper')('admin', 'listAllOrders', { buyer: '小美' })).toEqual(notStaff);
    expect(await rt.as('demo-shopper')('admin', 'getOrder', { orderId: '../demo-order-1' })).toEqual(notStaff);
    expect(await rt.as('demo-shopper')('admin', 'getOrder', { orderId: 'demo-order-1' })).toEqual(notStaff);
  });

  it('looks at most at the 100 buyers seen most recently when a nickname matches more, and says so', async () => {
    const T = rt.clock.now();
    await Promise.all(
      Array.from({ length: 101 }, (_, i) => rt.db.collection('users').insert({ _id: `o-group-${i}`, openid: `o-group-${i}`, nickname: `团购群友${i}`, createdAt: T, lastSeenAt: T - i * 60_000 })),
    );
    // the one seen most recently and the one seen longest ago each place an order
    const newest = await place(rt, 'o-group-0', await buyer(rt, 'o-group-0', '团购群友0', '13700000000'), [['p-lipbalm-1', 1]], T + 60_000);
    const oldest = await place(rt, 'o-group-100', await buyer(rt, 'o-group-100', '团购群友100', '13700000100'), [['p-lipbalm-1', 1]], T + 120_000);
    for (let i = 0; i <= 100; i++) await rt.db.collection('users').update({ _id: `o-group-${i}` }, { $set: { lastSeenAt: T - i * 60_000 } });
    const page = await list({ buyer: '团购群友' });
    expect([page.items.map((o) => o._id), page.total, page.buyersCapped]).toEqual([[newest], 1, true]);
    // named closely enough, the one seen longest ago is found
    expect(await list({ buyer: '团购群友100' })).toMatchObject({ items: [{ _id: oldest }], total: 1, buyersCapped: false });
  });
});

describe('admin.getOrder', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const get = async (orderId: string, as = 'demo-staff') => rt.as(as)<StaffOrderDetail>('admin', 'getOrder', { orderId });

  /** A new shopper buys the foundation from tonight's live card with the new-member coupon, and pays. */
  async function liveOrder(): Promise<{ orderId: string; couponId: string; transactionId: string }> {
    const live = (await rt.db.collection('lives').get('live-tonight'))!;
    const addressId = await buyer(rt, 'o-night-cat', '晚风里的猫', '13912340000', '周芷若');
    const wallet = await rt.as('o-night-cat')<{ items: Array<{ _id: string }> }>('coupons', 'listMine', { status: 'available' });
    const couponId = wallet.ok ? wallet.data.items[0]._id : '';
    const orderId = await place(rt, 'o-night-cat', addressId, [['p-foundation-1', 1]], live.startAt + 30 * 60_000, {
      source: { kind: 'live_card', liveId: 'live-tonight', cardId: 'card-1' },
      couponIds: [couponId],
    });
    rt.clock.advance(60_000);
    await pay(rt, orderId);
    return { orderId, couponId, transactionId: (await rt.db.collection('orders').get(orderId))!.transactionId! };
  }

  it('answers ORDER_NOT_FOUND for an unknown order', async () => {
    expect(await get('no-such-order')).toEqual({ ok: false, error: { code: 'ORDER_NOT_FOUND', message: ERROR_CODES.ORDER_NOT_FOUND, field: 'orderId' } });
  });

  it('shows a shipped live order in full: buyer, address, lines, price parts, payment, shipping and its events', async () => {
    const { orderId, couponId, transactionId } = await liveOrder();
    const placedAt = rt.clock.now() - 60_000;
    const paidAt = rt.clock.now();
    rt.clock.advance(3600_000);
    const shipped = await rt.as('demo-staff')('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' });
    expect(shipped.ok).toBe(true);
    const earned = (await rt.db.collection('points_entries').get(`earn:${orderId}`))!.delta;
    expect(earned).toBeGreaterThan(0);

    expect(await get(orderId)).toEqual({
      ok: true,
      data: {
        _id: orderId,
        status: 'shipped',
        buyer: '晚**猫',
        address: { userName: '周芷若', phone: '139****0000', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 1 号' },
        lines: [
          {
            skuId: 'p-foundation-1',
            productId: 'p-foundation',
            title: '柔雾持妆粉底液',
            image: '/assets/p/p-foundation.svg',
            specs: { 色号: '01 象牙白', 容量: '30ml' },
            quantity: 1,
            unitPriceFen: 12900,
            listPriceFen: 16900,
            lineTotalFen: 12900,
          },
        ],
        price: {
          goodsFen: 12900,
          liveSavingFen: 4000,
          memberFen: 0,
          coupons: [{ couponId, label: '新人无门槛券', amountFen: 1000 }],
          discountFen: 1000,
          shippingFen: 0,
          payableFen: 11900,
        },
        points: { earned, reversed: 0 },
        payment: { method: 'wechatpay_v3', transactionId, paidAt, paidFen: 11900 },
        shipping: {
          company: '顺丰速运',
          trackingNumber: 'SF1234567890',
          shippedAt: paidAt + 3600_000,
          upload: { state: 'uploaded', error: null, uploadedAt: paidAt + 3600_000, corrected: false, remindedAt: null },
        },
        refund: null,
        refunds: { refundedFen: 0, refundable: [{ skuId: 'p-foundation-1', quantity: 1, amountFen: 11900 }] },
        source: { kind: 'live_card', liveId: 'live-tonight', liveTitle: (await rt.db.collection('lives').get('live-tonight'))!.title },
        createdAt: placedAt,
        expiresAt: placedAt + 30 * 60_000,
        events: [
          { kind: 'created', at: placedAt },
          { kind: 'paid', at: paidAt },
          { kind: 'shipped', at: paidAt + 3600_000 },
        ],
      },
    });
  });

  it('shows a refund with when it was asked for and settled, and the points it took back', async () => {
    const { orderId } = await liveOrder();
    const paidAt = rt.clock.now();
    rt.clock.advance(600_000);
    // customer service may read the order but not refund it
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    expect(await rt.as('cs-1')('admin', 'refundOrder', { orderId, reason: '买错色号' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: ERROR_CODES.FORBIDDEN } });
    expect((await get(orderId, 'cs-1')).ok).toBe(true);

    const at = paidAt + 600_000;
    const refunded = await rt.as('demo-staff')<{ status: string }>('admin', 'refundOrder', { orderId, reason: '买错色号' });
    const whole = { amountFen: 11900, lines: [{ skuId: 'p-foundation-1', quantity: 1, amountFen: 11900 }], whole: true };
    expect(refunded).toEqual({ ok: true, data: { status: 'refunding', refund: { reason: '买错色号', state: 'PROCESSING', requestedAt: at, settledAt: null, ...whole } } });
    const pending = await get(orderId);
    expect(pending.ok && [pending.data.status, pending.data.refund, pending.data.points.reversed]).toEqual([
      'refunding',
      { refundId: `R${orderId}`, reason: '买错色号', state: 'PROCESSING', requestedAt: at, settledAt: null, ...whole, lines: [{ ...whole.lines[0], title: expect.any(String) }] },
      0,
    ]);

    rt.clock.advance(90_000);
    expect((await rt.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204]);
    const earned = (await rt.db.collection('points_entries').get(`earn:${orderId}`))!.delta;
    const r = await get(orderId);
    const d = r.ok ? r.data : null;
    const settled = at + 90_000;
    expect(d && { status: d.status, refund: d.refund, points: d.points, events: d.events.slice(2) }).toEqual({
      status: 'refunded',
      refund: { refundId: `R${orderId}`, reason: '买错色号', state: 'SUCCESS', requestedAt: at, settledAt: settled, ...whole, lines: [{ ...whole.lines[0], title: expect.any(String) }] },
      points: { earned, reversed: earned },
      events: [
        { kind: 'refund_requested', at },
        { kind: 'refunded', at: settled },
      ],
    });
  });

  it('shows an unpaid order with no payment, and a cancelled one with when it closed', async () => {
    const addressId = await buyer(rt, 'o-undecided', '犹豫的人', '13600001234');
    const orderId = await place(rt, 'o-undecided', addressId, [['p-brow-1', 1]], rt.clock.now());
    const before = await get(orderId);
    expect(before.ok && [before.data.status, before.data.payment, before.data.shipping, before.data.events]).toEqual(['created', null, null, [{ kind: 'created', at: rt.clock.now() }]]);
    rt.clock.advance(5 * 60_000);
    expect(await rt.as('o-undecided')('mall', 'cancelOrder', { orderId })).toMatchObject({ ok: true });
    const after = await get(orderId);
    expect(after.ok && after.data.events.map((e) => [e.kind, e.at - (rt.clock.now() - 5 * 60_000)])).toEqual([
      ['created', 0],
      ['cancelled', 5 * 60_000],
    ]);
  });
});

describe('orders written before they carried search keys', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('get them once, and are then found by phone tail and product', async () => {
    const template = (await rt.db.collection('orders').get('demo-order-1'))!;
    const { search: _keys, ...old } = { ...template, address: { ...template.address, telNumber: '13900004321' } };
    for (const n of [1, 2, 3]) await rt.db.collection('orders').insert({ ...old, _id: `old-order-${n}` });
    const find = async () => {
      const r = await rt.as('demo-staff')<Page>('admin', 'listAllOrders', { phoneTail: '4321', product: '美妆蛋' });
      return r.ok ? r.data.items.map((o) => o._id) : r.error.code;
    };
    expect(await find()).toEqual([]);

    expect(await addMissingSearchKeys(rt.db, 2)).toBe(2);
    expect(await addMissingSearchKeys(rt.db, 2)).toBe(1);
    expect(await addMissingSearchKeys(rt.db, 2)).toBe(0);
    expect(await find()).toEqual(['old-order-1', 'old-order-2', 'old-order-3']);
    // the demo shop's orders were written with theirs and are left as they were
    expect((await rt.db.collection('orders').get('demo-order-1'))!.search).toEqual({ products: '柔雾持妆粉底液\n美妆蛋', phoneTail: '8000' });
  });
});
