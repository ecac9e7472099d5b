import type { Product, RestockReminder } from '../../typings/contract';
import { settleRestockWatch } from '../../cloudfunctions/core/modules/catalog';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/** the seed's sold-out SKU: 奶油腮红 杏色 */
const SOLD_OUT = 'p-blush-3';
const IN_STOCK = 'p-blush-1';
const tpl = templateId('restock');
const accept = { [tpl]: 'accept' };

describe('restock reminders (到货提醒)', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const remind = (openid: string, skuId = SOLD_OUT, consents?: Record<string, string>) =>
    rt.as(openid)<RestockReminder>('mall', 'remindRestock', { skuId, ...(consents ? { consents } : {}) });
  const waitingFor = async (openid: string, productId = 'p-blush') => {
    const r = await rt.as(openid)<Product>('mall', 'getProduct', { productId });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.restockSkuIds;
  };
  const staff = (action: 'adjustStock' | 'updateSku', data: object) => rt.as('demo-staff')('admin', action, data);
  const restockOutbox = () => rt.db.collection('outbox').find({ source: `restock:${SOLD_OUT}` }, { sort: [['_id', 'asc']] });

  it('is refused on a SKU that is in stock, with nothing recorded, and on one off the shelf', async () => {
    expect(await remind('shopper-a', IN_STOCK, accept)).toEqual({
      ok: false,
      error: { code: 'SKU_IN_STOCK', message: 'This item is in stock: buy it now', field: 'skuId' },
    });
    expect(await rt.db.collection('restock_subscriptions').count({})).toBe(0);
    expect(await rt.db.collection('consent_credits').count({ userId: 'shopper-a' })).toBe(0);

    await rt.db.collection('skus').update({ _id: SOLD_OUT }, { $set: { status: 'off_shelf' } });
    expect(await remind('shopper-a')).toMatchObject({ ok: false, error: { code: 'SKU_UNAVAILABLE', field: 'skuId' } });
    expect(await remind('shopper-a', 'no-such-sku')).toMatchObject({ ok: false, error: { code: 'SKU_UNAVAILABLE', field: 'skuId' } });
  });

  it('records one subscription per shopper and SKU however often asked, says whether it can be sent, and shows it to its owner only', async () => {
    const taps = await Promise.all([remind('shopper-a', SOLD_OUT, accept), remind('shopper-a'), remind('shopper-a')]);
    expect(taps).toEqual(Array(3).fill({ ok: true, data: { skuId: SOLD_OUT, waiting: true, notifiable: true } }));
    expect(await remind('shopper-b')).toEqual({ ok: true, data: { skuId: SOLD_OUT, waiting: true, notifiable: false } });

    expect(await rt.db.collection('restock_subscriptions').find({}, { sort: [['_id', 'asc']] })).toEqual([
      expect.objectContaining({ _id: `${SOLD_OUT}:shopper-a`, userId: 'shopper-a', status: 'waiting', round: 1 }),
      expect.objectContaining({ _id: `${SOLD_OUT}:shopper-b`, userId: 'shopper-b', status: 'waiting', round: 1 }),
    ]);
    expect(await waitingFor('shopper-a')).toEqual([SOLD_OUT]);
    expect(await waitingFor('shopper-b')).toEqual([SOLD_OUT]);
    // another shopper sees none of it
    expect(await waitingFor('shopper-c')).toEqual([]);
  });

  it('a staff restock sends each subscriber exactly one message, even when two restocks race, and only against a consent credit', async () => {
    await remind('shopper-a', SOLD_OUT, accept);
    await remind('shopper-b', SOLD_OUT, accept);
    await remind('no-consent');

    const edits = await Promise.all([
      staff('adjustStock', { skuId: SOLD_OUT, mode: 'add', quantity: 5 }),
      staff('adjustStock', { skuId: SOLD_OUT, mode: 'add', quantity: 5 }),
    ]);
    expect(edits.map((e) => e.ok)).toEqual([true, true]);
    expect((await rt.db.collection('skus').get(SOLD_OUT))!.stock).toBe(10);

    expect(rt.messaging.delivered).toHaveLength(2);
    expect(rt.messaging.delivered.map((d) => (d.message as { openid: string }).openid).sort()).toEqual(['shopper-a', 'shopper-b']);
    expect(rt.messaging.delivered[0].message).toEqual(
      expect.objectContaining({ templateId: tpl, page: `pages/product/index?id=p-blush&sku=${SOLD_OUT}` }),
    );
    expect((await restockOutbox()).map((o) => [o._id, o.status, o.reason])).toEqual([
      [`restock:${SOLD_OUT}:no-consent:1`, 'skipped', 'no_consent_credit'],
      [`restock:${SOLD_OUT}:shopper-a:1`, 'sent', null],
      [`restock:${SOLD_OUT}:shopper-b:1`, 'sent', null],
    ]);
    expect((await rt.db.collection('restock_subscriptions').find({})).map((s) => s.status)).toEqual(['notified', 'notified', 'notified']);
    expect((await rt.db.collection('skus').get(SOLD_OUT))!.restockWatch).toBe(0);

    // the timer finds nothing left to send
    expect(await rt.runTimer('mall', 'notifyRestocks')).toEqual({ ok: true, data: { skus: 0, sent: 0, skipped: 0 } });
    expect(rt.messaging.delivered).toHaveLength(2);
  });

  it('stock given back by a cancelled order is found by the timer, which sends once however often it runs', async () => {
    await rt.db.collection('skus').update({ _id: SOLD_OUT }, { $set: { stock: 1 } });
    const buyer = rt.as('demo-shopper');
    const order = await buyer<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: SOLD_OUT, quantity: 1 }], addressId: 'addr-demo-shopper' });
    if (!order.ok) throw new Error(order.error.code);
    expect(await remind('shopper-a', SOLD_OUT, accept)).toMatchObject({ ok: true });

    expect(await buyer('mall', 'cancelOrder', { orderId: order.data.orderId })).toEqual({ ok: true, data: { status: 'cancelled' } });
    const runs = await Promise.all([rt.runTimer('mall', 'notifyRestocks'), rt.runTimer('mall', 'notifyRestocks')]);
    const again = await rt.runTimer('mall', 'notifyRestocks');
    const sent = [...runs, again].map((r) => (r.ok ? (r.data as { sent: number }).sent : -1));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(rt.messaging.delivered.map((d) => (d.message as { openid: string }).openid)).toEqual(['shopper-a']);
    expect(await waitingFor('shopper-a')).toEqual([]);
  });

  it('waits while the SKU is off the shelf and notifies when staff put it back on sale', async () => {
    await remind('shopper-a', SOLD_OUT, accept);
    await staff('updateSku', { skuId: SOLD_OUT, status: 'off_shelf' });
    await staff('adjustStock', { skuId: SOLD_OUT, mode: 'set', quantity: 20 });
    expect(await rt.runTimer('mall', 'notifyRestocks')).toEqual({ ok: true, data: { skus: 1, sent: 0, skipped: 0 } });
    expect(rt.messaging.delivered).toHaveLength(0);

    await staff('updateSku', { skuId: SOLD_OUT, status: 'on_sale' });
    expect(rt.messaging.delivered.map((d) => (d.message as { openid: string }).openid)).toEqual(['shopper-a']);
  });

  it('a shopper notified once may ask again when it sells out again, and hears of the next restock', async () => {
    await remind('shopper-a', SOLD_OUT, accept);
    await staff('adjustStock', { skuId: SOLD_OUT, mode: 'set', quantity: 3 });
    await staff('adjustStock', { skuId: SOLD_OUT, mode: 'set', quantity: 0 });
    expect(await remind('shopper-a', SOLD_OUT, accept)).toMatchObject({ ok: true, data: { waiting: true } });
    expect(await rt.db.collection('restock_subscriptions').get(`${SOLD_OUT}:shopper-a`)).toMatchObject({ status: 'waiting', round: 2 });

    await staff('adjustStock', { skuId: SOLD_OUT, mode: 'set', quantity: 3 });
    expect((await restockOutbox()).map((o) => [o._id, o.status])).toEqual([
      [`restock:${SOLD_OUT}:shopper-a:1`, 'sent'],
      [`restock:${SOLD_OUT}:shopper-a:2`, 'sent'],
    ]);
  });

  it('a subscription recorded after a pass read the SKU keeps it on the timer’s list', async () => {
    await remind('shopper-a', SOLD_OUT, accept);
    const seen = (await rt.db.collection('skus').get(SOLD_OUT))!.restockWatch!;
    // a shopper on a page read before the stock came back asks meanwhile
    await remind('shopper-b', SOLD_OUT, accept);
    await rt.db.collection('skus').update({ _id: SOLD_OUT }, { $set: { stock: 2 } });
    expect(await settleRestockWatch(rt.db, SOLD_OUT, seen)).toBe(false);
    expect(await rt.runTimer('mall', 'notifyRestocks')).toEqual({ ok: true, data: { skus: 1, sent: 2, skipped: 0 } });
    expect((await rt.db.collection('skus').get(SOLD_OUT))!.restockWatch).toBe(0);
  });
});
