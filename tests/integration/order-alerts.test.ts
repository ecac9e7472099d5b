import { TEMPLATE_DEFAULTS } from '../../cloudfunctions/core/modules/messaging';
import type { OutboxDoc } from '../../cloudfunctions/core/schema';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * 新订单通知: a paid order alerts each staff member who may ship it and banked an alert on the staff
 * home, once per order, one credit each; shoppers are never asked for it and never get it.
 */
const TEMPLATE = TEMPLATE_DEFAULTS.newOrder;
const OWNER = 'demo-staff';
const CS = 'alert-cs';
const OPERATOR = 'alert-operator';
const SHOPPER = 'demo-shopper';
type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

describe('new-order alerts to staff', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
    await rt.db.collection('staff').insert({ _id: CS, role: 'cs', createdAt: 0 });
    await rt.db.collection('staff').insert({ _id: OPERATOR, role: 'operator', createdAt: 0 });
  });
  afterEach(() => rt.close());

  const ok = <T>(r: Res<T>): T => {
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  };
  const bank = async (openid: string, times = 1) => {
    for (let i = 0; i < times; i++) ok(await rt.as(openid)('live', 'recordConsents', { consents: { [TEMPLATE]: 'accept' } }, `c-${openid}-${i}`));
  };
  const settings = async (openid: string) => rt.as(openid)<{ templateId: string; credits: number; maxCredits: number }>('admin', 'orderAlertSettings', {}) as Promise<Res<{ templateId: string; credits: number; maxCredits: number }>>;
  async function order(): Promise<string> {
    const { orderId } = ok(await (rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 2 }, { skuId: 'p-lipbalm-1', quantity: 1 }], addressId: `addr-${SHOPPER}` }) as Promise<Res<{ orderId: string }>>));
    return orderId;
  }
  const alerts = async (orderId: string) =>
    (await rt.db.collection('outbox').find({ source: `order:${orderId}` }, { limit: 50 })).filter((d: OutboxDoc) => d.template === TEMPLATE).sort((a, b) => a.userId.localeCompare(b.userId));

  it('alerts the staff who banked an alert, with the order, once; others are left alone', async () => {
    await bank(OWNER, 2);
    await bank(CS);
    // a shopper may bank the id, but is not staff: no alert
    await bank(SHOPPER);
    expect(ok(await settings(OWNER))).toEqual({ templateId: TEMPLATE, credits: 2, maxCredits: 20 });
    expect(ok(await settings(OPERATOR)).credits).toBe(0);

    const orderId = await order();
    const paidAt = rt.clock.now();
    expect((await rt.devPay(orderId)).status).toBe(204);
    const sent = await alerts(orderId);
    expect(sent.map((d) => [d.userId, d.status])).toEqual([
      [CS, 'sent'],
      [OWNER, 'sent'],
    ]);
    // WeChat's time form: 2019年10月1日 15:01
    const d = new Date(paidAt + 8 * 3600_000);
    const when = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${d.toISOString().slice(11, 16)}`;
    expect(sent[1].params).toEqual({ character_string1: orderId, thing2: '自然眉笔 等 3 件', thing3: expect.stringMatching(/^实付 ¥\d+\.\d{2}，请尽快发货$/), time4: when });
    expect(sent[1].page).toBe(`admin/pages/order-detail/index?id=${orderId}`);
    expect(ok(await settings(OWNER)).credits).toBe(1);
    expect(ok(await settings(CS)).credits).toBe(0);
    // the shopper's paid notice is theirs alone; the shopper's banked alert is untouched
    expect((await rt.db.collection('consent_credits').get(`${SHOPPER}:${TEMPLATE}`))!.credits).toBe(1);

    // the platform repeats the notification: no second alert, no credit taken
    const again = rt.paysim.settle(orderId, (await rt.db.collection('orders').get(orderId))!.price.payableFen, SHOPPER);
    expect((await rt.notify(again)).status).toBe(204);
    expect(await alerts(orderId)).toHaveLength(2);
    expect(ok(await settings(OWNER)).credits).toBe(1);

    // the next order: only the owner has an alert left
    const next = await order();
    expect((await rt.devPay(next)).status).toBe(204);
    expect((await alerts(next)).map((d) => d.userId)).toEqual([OWNER]);
    expect(ok(await settings(OWNER)).credits).toBe(0);
  });

  it('alerts when a payment whose notification was lost is found at cancel time', async () => {
    await bank(OPERATOR);
    const orderId = await order();
    rt.paysim.settle(orderId, (await rt.db.collection('orders').get(orderId))!.price.payableFen, SHOPPER);
    // the cancel finds the payment instead: refused, and the order is paid
    const cancel = (await rt.as(SHOPPER)('mall', 'cancelOrder', { orderId })) as Res<unknown>;
    expect(cancel.ok ? null : cancel.error.code).toBe('ORDER_STATE_INVALID');
    expect((await rt.db.collection('orders').get(orderId))!.status).toBe('paid');
    expect((await alerts(orderId)).map((d) => [d.userId, d.status])).toEqual([[OPERATOR, 'sent']]);
  });

  it('is not offered to shoppers, and its settings are for staff who ship', async () => {
    const shopper = ok(await (rt.as(SHOPPER)('live', 'messageSettings', {}) as Promise<Res<{ templates: Array<{ templateId: string }> }>>));
    expect(shopper.templates.map((t) => t.templateId)).not.toContain(TEMPLATE);
    expect(shopper.templates.length).toBeGreaterThan(0);
    const stranger = await settings(SHOPPER);
    expect(stranger.ok ? null : stranger.error.code).toBe('NOT_STAFF');
  });
});
