import { startServer, type ServerHandle } from '../../scripts/local/server';
import { checkApply, DAY_MS, kindsAllowed, lineRefundable, MOVES } from '../../cloudfunctions/core/modules/orders';
import type { AfterSaleDoc, OrderDoc } from '../../cloudfunctions/core/schema';
import type { AfterSale, StaffAfterSale } from '../../typings/contract';
import { checkInvariants } from '../../scripts/invariants/check';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ADDRESS = { userName: '李四', telNumber: '13800002222', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 2 号' };
const RETURN_TO = { name: '售后仓', phone: '021-55550000', address: '上海市青浦区华新镇 88 号 售后组' };
const STAFF = 'demo-staff';
const BUYER = 'as-buyer';
type Line = { skuId: string; quantity: number };
type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };

async function paidOrder(rt: TestRuntime, items: Line[], openid = BUYER): Promise<string> {
  const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!address.ok) throw new Error(address.error.code);
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items, addressId: address.data.addressId });
  if (!r.ok) throw new Error(r.error.code);
  expect((await rt.devPay(r.data.orderId)).status).toBe(204);
  return r.data.orderId;
}

async function shipAndReceive(rt: TestRuntime, orderId: string, receive = true) {
  expect(await rt.as(STAFF)('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: `SF${orderId.slice(-10).replace(/\D/g, '7').padStart(10, '1')}` })).toMatchObject({ ok: true });
  if (receive) expect(await rt.as(BUYER)('mall', 'confirmReceipt', { orderId })).toMatchObject({ ok: true });
}

const mall = <T>(rt: TestRuntime, action: string, data: unknown, openid = BUYER) => rt.as(openid)<T>('mall', action, data) as Promise<Res<T>>;
const admin = <T = StaffAfterSale>(rt: TestRuntime, action: string, data: unknown, openid = STAFF) => rt.as(openid)<T>('admin', action, data) as Promise<Res<T>>;
const apply = (rt: TestRuntime, data: Record<string, unknown>) => mall<AfterSale>(rt, 'applyAfterSale', data);
const doc = async (rt: TestRuntime, id: string) => (await rt.db.collection('after_sales').get(id))!;
const order = async (rt: TestRuntime, id: string) => (await rt.db.collection('orders').get(id))!;
const stockOf = async (rt: TestRuntime, skuId: string) => (await rt.db.collection('skus').get(skuId))!.stock;
const pointsOf = async (rt: TestRuntime) => (await rt.db.collection('member_accounts').get(BUYER))!.points;
const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};
async function settle(rt: TestRuntime, outcome?: 'CLOSED') {
  rt.clock.advance(90_000);
  return (await rt.devSettleRefunds({ now: true, ...(outcome ? { outcome } : {}) })).map((a) => a.status);
}

describe('after-sale rules (pure)', () => {
  const o = (status: OrderDoc['status'], completedAt: number | null = null) =>
    ({
      status,
      completedAt,
      lines: [
        { skuId: 'a', productId: 'pa', title: '', image: '', specs: {}, quantity: 2, unitPriceFen: 1000, listPriceFen: 1000, lineTotalFen: 2000 },
        { skuId: 'b', productId: 'pb', title: '', image: '', specs: {}, quantity: 1, unitPriceFen: 500, listPriceFen: 500, lineTotalFen: 500 },
      ],
      price: { goodsFen: 2500, discountFen: 0, shippingFen: 600, payableFen: 3100, discounts: [] },
      refunded: null,
      afterSales: null,
    }) as unknown as OrderDoc;

  it('allows 仅退款 before receipt, returns and exchanges once shipped and for 7 days after receipt', () => {
    expect(kindsAllowed(o('created'), 0)).toEqual([]);
    expect(kindsAllowed(o('paid'), 0)).toEqual(['refund']);
    expect(kindsAllowed(o('shipped'), 0)).toEqual(['refund', 'return', 'exchange']);
    expect(kindsAllowed(o('completed', 0), 7 * DAY_MS)).toEqual(['return', 'exchange']);
    expect(kindsAllowed(o('completed', 0), 7 * DAY_MS + 1)).toEqual([]);
    expect(kindsAllowed(o('refunding'), 0)).toEqual([]);
  });

  it('a line returns its share per unit, shipping only with the last of the order', () => {
    expect(lineRefundable(o('paid'), 'a')).toEqual({ quantity: 2, amounts: [1000, 2000] });
    const rest = { ...o('paid'), refunded: { amountFen: 2000, points: 0, lines: [{ skuId: 'a', quantity: 2, amountFen: 2000 }] } } as OrderDoc;
    expect(lineRefundable(rest, 'b')).toEqual({ quantity: 1, amounts: [1100] });
    expect(lineRefundable(rest, 'a')).toEqual({ quantity: 0, amounts: [] });
    expect(lineRefundable(o('paid'), 'zz')).toBeNull();
  });

  it('refuses an unknown line, a kind not allowed, an unlisted reason, too many units and a second open application', () => {
    const input = { skuId: 'a', kind: 'refund' as const, quantity: 1, reason: '不想要了' };
    expect(checkApply(o('paid'), input, 0)).toEqual({ amountFen: 1000 });
    expect(checkApply(o('paid'), { ...input, skuId: 'zz' }, 0)).toEqual({ error: 'line_unknown' });
    expect(checkApply(o('paid'), { ...input, kind: 'return', reason: '七天无理由退货' }, 0)).toEqual({ error: 'kind_not_allowed' });
    expect(checkApply(o('paid'), { ...input, reason: '随便' }, 0)).toEqual({ error: 'reason_unknown' });
    expect(checkApply(o('paid'), { ...input, quantity: 3 }, 0)).toEqual({ error: 'quantity_over' });
    expect(checkApply({ ...o('paid'), afterSales: { a: 'AS1' } } as OrderDoc, input, 0)).toEqual({ error: 'open' });
    expect(checkApply(o('shipped'), { ...input, kind: 'exchange', reason: '尺码/色号不合适' }, 0)).toEqual({ amountFen: 0 });
  });

  it('every state but the ended ones has a way on', () => {
    const reachable = new Set(Object.values(MOVES).flatMap((m) => [...m.from, m.to]));
    const leaving = new Set(Object.values(MOVES).flatMap((m) => m.from));
    expect([...reachable].filter((s) => !leaving.has(s)).sort()).toEqual(['cancelled', 'exchanged', 'refunded', 'rejected']);
  });
});

describe.each([
  ['synchronous SQLite', 0],
  ['3 ms injected database latency', 3],
])('after-sale, shopper and staff (%s)', (_name, latencyMs) => {
  let rt: TestRuntime;
  let server: ServerHandle;
  beforeEach(async () => {
    rt = await testRuntime(latencyMs ? { latencyMs } : {});
    server = await startServer(rt, 0);
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
  });
  afterEach(async () => {
    await server.close();
    await rt.close();
  });

  async function upload(openid = BUYER): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'photo.png');
    const res = await fetch(`${server.url}/files?purpose=aftersale`, { method: 'POST', body: form, headers: { 'x-wx-openid': openid } });
    const body = (await res.json()) as { ok: boolean; fileId: string };
    expect(body.ok).toBe(true);
    return body.fileId;
  }

  it('a return of one line of a received order: photos, approval, the waybill, receipt, the refund with its points', async () => {
    const balm0 = await stockOf(rt, 'p-lipbalm-1');
    const id = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }, { skuId: 'p-lipbalm-1', quantity: 2 }]);
    await shipAndReceive(rt, id);
    const earned = (await rt.db.collection('points_entries').get(`earn:${id}`))!.delta;
    const points0 = await pointsOf(rt);

    const options = ok(await mall<{ kinds: Array<{ kind: string }>; maxQuantity: number; amounts: number[]; deadline: number; openId: null }>(rt, 'afterSaleOptions', { orderId: id, skuId: 'p-lipbalm-1' }));
    expect(options).toMatchObject({ kinds: [{ kind: 'return' }, { kind: 'exchange' }], maxQuantity: 2, openId: null });
    const o = await order(rt, id);
    expect(options.deadline).toBe(o.completedAt! + 7 * DAY_MS);

    const photos = [await upload(), await upload()];
    const filed = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'return', quantity: 1, reason: '商品质量问题', note: '膏体断了', photos }));
    expect(filed).toMatchObject({ state: 'requested', quantity: 1, amountFen: options.amounts[0], title: o.lines[1].title, photos: [expect.stringContaining('/files/uploads/aftersale/'), expect.any(String)] });
    expect((await order(rt, id)).afterSales).toEqual({ 'p-lipbalm-1': filed._id });
    // the line is taken; the other line is free
    expect(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'exchange', quantity: 1, reason: '发错货' })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_OPEN' } });
    expect(ok(await mall<{ openId: string; kinds: unknown[] }>(rt, 'afterSaleOptions', { orderId: id, skuId: 'p-lipbalm-1' }))).toMatchObject({ openId: filed._id, kinds: [] });

    // the queue shows it to staff, with the buyer
    const queue = ok(await admin<{ items: StaffAfterSale[]; total: number }>(rt, 'staffListAfterSales', { state: 'open' }));
    expect(queue.items.map((a) => [a._id, a.buyer, a.orderStatus])).toEqual([[filed._id, { nickname: expect.stringMatching(/^微\*+[^*]$/) }, 'completed']]);
    expect(JSON.stringify(queue)).not.toContain(BUYER);

    // approving a return without any address on record needs one
    expect(await admin(rt, 'approveAfterSale', { afterSaleId: filed._id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'returnAddress' } });
    const approved = ok(await admin(rt, 'approveAfterSale', { afterSaleId: filed._id, returnAddress: RETURN_TO }));
    expect(approved).toMatchObject({ state: 'awaiting_return', returnAddress: RETURN_TO, defaultReturnAddress: RETURN_TO });
    expect(rt.paysim.refundsOf(id)).toHaveLength(0);

    const sent = ok(await mall<AfterSale>(rt, 'submitReturnTracking', { afterSaleId: filed._id, tracking: { company: '中通快递', number: '7312345678901' } }));
    expect(sent).toMatchObject({ state: 'returning', returnTracking: { company: '中通快递', number: '7312345678901' } });

    const received = ok(await admin(rt, 'receiveReturn', { afterSaleId: filed._id }));
    expect(received).toMatchObject({ state: 'refunding', refund: { state: 'PROCESSING', amountFen: options.amounts[0] } });
    expect(rt.paysim.refundsOf(id).map((r) => r.refundFen)).toEqual([options.amounts[0]]);
    expect((await order(rt, id)).refund).toMatchObject({ afterSaleId: filed._id, whole: false, lines: [{ skuId: 'p-lipbalm-1', quantity: 1 }] });

    expect(await settle(rt)).toEqual([204]);
    const done = ok(await mall<AfterSale>(rt, 'getAfterSale', { afterSaleId: filed._id }));
    const after = await order(rt, id);
    expect(done).toMatchObject({ state: 'refunded', refund: { state: 'SUCCESS', amountFen: options.amounts[0], points: after.refunded!.points } });
    expect(after.refunded!.points).toBe(Math.floor((earned * options.amounts[0]) / o.price.payableFen));
    expect(await pointsOf(rt)).toBe(points0 - after.refunded!.points);
    expect(after.status).toBe('completed');
    expect(await stockOf(rt, 'p-lipbalm-1')).toBe(balm0 - 1);
    expect(after.afterSales).toEqual({ 'p-lipbalm-1': null });
    expect(done.history.map((h) => [h.state, h.by])).toEqual([
      ['requested', 'shopper'],
      ['awaiting_return', 'staff'],
      ['returning', 'shopper'],
      ['refunding', 'staff'],
      ['refunded', 'platform'],
    ]);
    const audits = await rt.db.collection('audit').find({ entity: 'after_sale', entityId: filed._id });
    expect(audits.map((a) => (a.after as { state: string }).state).sort()).toEqual(['awaiting_return', 'refunding']);
    // the line's one unit left may be asked about again; the shopper's own list has the ended one
    expect(ok(await mall<{ maxQuantity: number; openId: null }>(rt, 'afterSaleOptions', { orderId: id, skuId: 'p-lipbalm-1' }))).toMatchObject({ maxQuantity: 1, openId: null });
    expect(ok(await mall<{ items: AfterSale[]; total: number }>(rt, 'listAfterSales', {}))).toMatchObject({ total: 1, items: [{ _id: filed._id, state: 'refunded' }] });
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('仅退款 of everything left before shipping closes the order; pressed twice at once, one refund', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    const filed = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '拍错/多拍' }));
    const o = await order(rt, id);
    expect(filed.amountFen).toBe(o.price.payableFen);
    const both = await Promise.all([admin(rt, 'approveAfterSale', { afterSaleId: filed._id }), admin(rt, 'approveAfterSale', { afterSaleId: filed._id })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'AFTERSALE_STATE_INVALID' } });
    expect(rt.paysim.refundsOf(id).map((r) => r.refundFen)).toEqual([o.price.payableFen]);
    expect((await order(rt, id)).status).toBe('refunding');
    expect(await settle(rt)).toEqual([204]);
    expect([(await order(rt, id)).status, (await doc(rt, filed._id)).state]).toEqual(['refunded', 'refunded']);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('two applications on one line at once file one', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 2 }]);
    const all = await Promise.all(
      Array.from({ length: 4 }, (_, i) => apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1 + (i % 2), reason: '不想要了' })),
    );
    expect(all.filter((r) => r.ok)).toHaveLength(1);
    for (const r of all.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'AFTERSALE_OPEN' } });
    expect(await rt.db.collection('after_sales').count({ orderId: id })).toBe(1);
  });

  it('a refund the platform closed can be asked again; the total of a line never passes what it was paid', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }, { skuId: 'p-lipbalm-1', quantity: 2 }]);
    const filed = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 2, reason: '不想要了' }));
    ok(await admin(rt, 'approveAfterSale', { afterSaleId: filed._id }));
    expect(await settle(rt, 'CLOSED')).toEqual([204]);
    expect(await doc(rt, filed._id)).toMatchObject({ state: 'refund_failed', refund: { state: 'CLOSED' }, staffOpen: true });
    expect((await order(rt, id)).status).toBe('paid');
    const retried = ok(await admin(rt, 'retryAfterSaleRefund', { afterSaleId: filed._id }));
    expect(retried).toMatchObject({ state: 'refunding', refund: { state: 'PROCESSING' } });
    expect(await settle(rt)).toEqual([204]);
    const o = await order(rt, id);
    expect((await doc(rt, filed._id)).state).toBe('refunded');
    // staff refunded nothing else; the line's refunds add up to at most what the line was paid
    const line = o.refunded!.lines.find((l) => l.skuId === 'p-lipbalm-1')!;
    expect(line.quantity).toBe(2);
    expect(line.amountFen).toBeLessThanOrEqual(o.lines[1].lineTotalFen);
    expect(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '不想要了' })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_NOT_ALLOWED', field: 'quantity' } });
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('an exchange: the goods back, the replacement shipped with a listed carrier, the line free again', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    await shipAndReceive(rt, id);
    const filed = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'exchange', quantity: 1, reason: '尺码/色号不合适' }));
    expect(filed.amountFen).toBe(0);
    ok(await admin(rt, 'approveAfterSale', { afterSaleId: filed._id, returnAddress: RETURN_TO }));
    // the address is kept for the next approval
    expect(ok(await admin(rt, 'staffGetAfterSale', { afterSaleId: filed._id })).defaultReturnAddress).toEqual(RETURN_TO);
    ok(await mall(rt, 'submitReturnTracking', { afterSaleId: filed._id, tracking: { company: '圆通', number: 'YT12345678' } }));
    expect(await admin(rt, 'receiveReturn', { afterSaleId: filed._id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reship' } });
    expect(await admin(rt, 'receiveReturn', { afterSaleId: filed._id, reship: { company: '某某快递', number: 'XX12345678' } })).toMatchObject({ ok: false, error: { code: 'COURIER_UNKNOWN' } });
    const done = ok(await admin(rt, 'receiveReturn', { afterSaleId: filed._id, reship: { company: '顺丰', number: 'SF99887766' } }));
    expect(done).toMatchObject({ state: 'exchanged', reshipTracking: { company: '顺丰速运', number: 'SF99887766' } });
    expect(rt.paysim.refundsOf(id)).toHaveLength(0);
    expect((await order(rt, id)).afterSales).toEqual({ 'p-lipbalm-1': null });
  });

  it('rejected with a reason, asked for more and supplemented, cancelled: each frees or keeps the line as it should', async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 2 }]);
    const first = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '不想要了' }));
    // a 客服 may reject or ask, not approve
    expect(await admin(rt, 'approveAfterSale', { afterSaleId: first._id }, 'cs-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin(rt, 'rejectAfterSale', { afterSaleId: first._id, note: '' }, 'cs-1')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const asked = ok(await admin(rt, 'rejectAfterSale', { afterSaleId: first._id, note: '请补充订单截图', ask: true }, 'cs-1'));
    expect(asked).toMatchObject({ state: 'needs_info', staffNote: '请补充订单截图' });
    expect(await mall(rt, 'supplementAfterSale', { afterSaleId: first._id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const added = ok(await mall<AfterSale>(rt, 'supplementAfterSale', { afterSaleId: first._id, note: '截图已补', photos: [await upload()] }));
    expect(added).toMatchObject({ state: 'requested', note: '截图已补', photos: [expect.any(String)] });
    const rejected = ok(await admin(rt, 'rejectAfterSale', { afterSaleId: first._id, note: '已超出可退范围' }, 'cs-1'));
    expect(rejected).toMatchObject({ state: 'rejected', staffNote: '已超出可退范围' });
    expect(await mall(rt, 'cancelAfterSale', { afterSaleId: first._id })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_STATE_INVALID' } });

    const second = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 2, reason: '其他' }));
    expect(ok(await mall<AfterSale>(rt, 'cancelAfterSale', { afterSaleId: second._id })).state).toBe('cancelled');
    expect((await order(rt, id)).afterSales).toEqual({ 'p-lipbalm-1': null });
    expect(rt.paysim.refundsOf(id)).toHaveLength(0);
  });

  it("nobody sees or moves another shopper's application; strangers are not staff; bad photos are refused", async () => {
    const id = await paidOrder(rt, [{ skuId: 'p-lipbalm-1', quantity: 1 }]);
    const filed = ok(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '不想要了' }));
    for (const action of ['getAfterSale', 'cancelAfterSale']) {
      expect(await mall(rt, action, { afterSaleId: filed._id }, 'someone-else')).toMatchObject({ ok: false, error: { code: 'AFTERSALE_NOT_FOUND' } });
    }
    expect(await mall(rt, 'afterSaleOptions', { orderId: id, skuId: 'p-lipbalm-1' }, 'someone-else')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    expect(await apply(rt, { orderId: id, skuId: 'p-lipbalm-1', kind: 'refund', quantity: 1, reason: '不想要了', photos: ['local://uploads/avatar/000000000000000000000000.png'] })).toMatchObject({
      ok: false,
      error: { code: 'FILE_INVALID' },
    });
    expect(ok(await mall<{ total: number }>(rt, 'listAfterSales', {}, 'someone-else')).total).toBe(0);
    expect(await admin(rt, 'staffListAfterSales', {}, 'someone-else')).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
    expect(await admin(rt, 'approveAfterSale', { afterSaleId: 'nope' }, 'someone-else')).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
    // a return of a received order past 7 days is refused
    const late = await paidOrder(rt, [{ skuId: 'p-serum-1', quantity: 1 }]);
    await shipAndReceive(rt, late);
    rt.clock.advance(7 * DAY_MS + 60_000);
    expect(await apply(rt, { orderId: late, skuId: 'p-serum-1', kind: 'return', quantity: 1, reason: '七天无理由退货' })).toMatchObject({ ok: false, error: { code: 'AFTERSALE_NOT_ALLOWED', field: 'kind' } });
    const d: AfterSaleDoc = await doc(rt, filed._id);
    expect(d.userId).toBe(BUYER);
  });
});
