// an independent WeChat Pay v3 implementation builds and reads the platform's messages here
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import type { HttpNotification } from '../../cloudfunctions/core/ports';
import { REFUND_QUERY_AFTER_MS } from '../../cloudfunctions/core/flows/refund';
import { checkInvariants } from '../../scripts/invariants/check';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const ADDRESS = { userName: '张三', telNumber: '13800001111', provinceName: '北京市', cityName: '北京市', countyName: '朝阳区', detailInfo: '建国路 1 号' };
const STAFF = 'demo-staff';

async function paidOrder(rt: TestRuntime, openid = 'buyer'): Promise<string> {
  const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', ADDRESS);
  if (!address.ok) throw new Error(address.error.code);
  const r = await rt.as(openid)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: address.data.addressId });
  if (!r.ok) throw new Error(r.error.code);
  expect((await rt.devPay(r.data.orderId)).status).toBe(204);
  return r.data.orderId;
}

const order = async (rt: TestRuntime, id: string) => (await rt.db.collection('orders').get(id))!;
const refund = (rt: TestRuntime, orderId: string) => rt.as(STAFF)<{ status: string; refund: { state: string } | null }>('admin', 'refundOrder', { orderId, reason: '七天无理由' });

/** A REFUND.* notification as WeChat Pay sends it, built and signed by wechatpay-axios-plugin from the documented fields. */
function platformRefundNotice(rt: TestRuntime, resource: Record<string, unknown>, eventType = `REFUND.${String(resource.refund_status)}`): HttpNotification {
  const nonce = Formatter.nonce(12);
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2018-06-08T10:34:56+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '退款成功',
    resource: { original_type: 'refund', algorithm: 'AEAD_AES_256_GCM', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(resource), rt.paysim.apiV3Key, nonce, 'refund'), associated_data: 'refund', nonce },
  });
  const timestamp = String(Math.floor(rt.clock.now() / 1000));
  const headerNonce = Formatter.nonce();
  const { serial, privateKeyPem } = rt.paysim.platformSigning();
  return {
    headers: {
      'Wechatpay-Serial': serial,
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': headerNonce,
      'Wechatpay-Signature': Rsa.sign(Formatter.response(timestamp, headerNonce, body), Rsa.from(privateKeyPem, 'private')),
    },
    body,
  };
}

describe('refunds through WeChat Pay', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('asks with its notify URL and waits: the platform answers PROCESSING and the order is 退款中', async () => {
    const id = await paidOrder(rt);
    expect(await refund(rt, id)).toEqual({ ok: true, data: { status: 'refunding', refund: expect.objectContaining({ state: 'PROCESSING', settledAt: null }) } });
    const seen = await rt.as('buyer')<{ status: string; refund: { state: string } }>('mall', 'getOrder', { orderId: id });
    expect(seen).toMatchObject({ ok: true, data: { status: 'refunding', refund: { state: 'PROCESSING', reason: '七天无理由' } } });
    // the platform has the refund with our notify URL: it will call back
    const notices = rt.paysim.settleRefunds({ now: true });
    expect(notices).toHaveLength(1);
    expect((await order(rt, id)).status).toBe('refunding');
  });

  it('a REFUND.SUCCESS built by another implementation from the documented fields settles it once, with stock, coupons and points back', async () => {
    const id = await paidOrder(rt);
    const stock = (await rt.db.collection('skus').get('p-serum-1'))!.stock;
    const points = (await rt.db.collection('member_accounts').get('buyer'))!.points;
    const earned = (await rt.db.collection('points_entries').get(`earn:${id}`))!.delta;
    await refund(rt, id);
    const paid = await order(rt, id);
    const notice = platformRefundNotice(rt, {
      mchid: rt.paysim.merchantConfig().mchId,
      transaction_id: paid.transactionId,
      out_trade_no: id,
      refund_id: '50000000382019052709732678859',
      out_refund_no: paid.refund!.refundId,
      refund_status: 'SUCCESS',
      success_time: '2018-06-08T10:34:56+08:00',
      user_received_account: '招商银行信用卡0403',
      amount: { total: paid.price.payableFen, refund: paid.price.payableFen, payer_total: paid.price.payableFen, payer_refund: paid.price.payableFen },
    });
    expect((await rt.notify(notice)).status).toBe(204);
    expect(await order(rt, id)).toMatchObject({ status: 'refunded', refund: { state: 'SUCCESS', settledAt: Date.parse('2018-06-08T10:34:56+08:00') } });
    // delivered again (the platform retries until it hears 2xx): acknowledged, nothing moves twice
    expect((await rt.notify(notice)).status).toBe(204);
    expect((await rt.db.collection('skus').get('p-serum-1'))!.stock).toBe(stock + 1);
    expect((await rt.db.collection('member_accounts').get('buyer'))!.points).toBe(points - earned);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('refuses a refund notice it cannot verify, and one for another merchant', async () => {
    const id = await paidOrder(rt);
    await refund(rt, id);
    const resource = { mchid: rt.paysim.merchantConfig().mchId, out_trade_no: id, out_refund_no: `R${id}`, refund_id: '5', refund_status: 'SUCCESS', amount: { total: 1, refund: 1 } };
    const forged = platformRefundNotice(rt, resource);
    expect((await rt.notify({ ...forged, body: forged.body.replace('退款成功', '退款成功!') })).status).toBe(401);
    expect((await rt.notify(platformRefundNotice(rt, { ...resource, mchid: '1900000999' }))).status).toBe(401);
    expect((await order(rt, id)).status).toBe('refunding');
  });

  it('the simulator sends exactly the documented notification, which the other implementation verifies and decrypts', async () => {
    const id = await paidOrder(rt);
    await refund(rt, id);
    const [notice] = rt.paysim.settleRefunds({ now: true });
    const h = Object.fromEntries(Object.entries(notice.headers).map(([k, v]) => [k.toLowerCase(), v!]));
    const { publicKeyPem } = { publicKeyPem: Object.values(rt.paysim.merchantConfig().platformPublicKeys)[0] };
    expect(Rsa.verify(Formatter.response(h['wechatpay-timestamp'], h['wechatpay-nonce'], notice.body), h['wechatpay-signature'], Rsa.from(publicKeyPem, 'public'))).toBe(true);
    const body = JSON.parse(notice.body) as { event_type: string; resource_type: string; resource: Record<string, string> };
    expect(Object.keys(body).sort()).toEqual(['create_time', 'event_type', 'id', 'resource', 'resource_type', 'summary']);
    expect([body.event_type, body.resource_type, body.resource.original_type]).toEqual(['REFUND.SUCCESS', 'encrypt-resource', 'refund']);
    const plain = JSON.parse(Aes.AesGcm.decrypt(body.resource.ciphertext, rt.paysim.apiV3Key, body.resource.nonce, body.resource.associated_data)) as Record<string, unknown>;
    expect(Object.keys(plain).sort()).toEqual(['amount', 'mchid', 'out_refund_no', 'out_trade_no', 'refund_id', 'refund_status', 'success_time', 'transaction_id', 'user_received_account']);
    expect(Object.keys(plain.amount as object).sort()).toEqual(['payer_refund', 'payer_total', 'refund', 'total']);
    expect(plain).not.toHaveProperty('appid');
    expect((await rt.notify(notice)).status).toBe(204);
    expect((await order(rt, id)).status).toBe('refunded');
  });

  it('a refund whose notification never arrives is settled by the queryRefunds timer', async () => {
    const id = await paidOrder(rt);
    await refund(rt, id);
    rt.paysim.settleRefunds({ now: true }); // settled on the platform; the notice is lost
    expect(await rt.runTimer('mall', 'queryRefunds')).toMatchObject({ ok: true, data: { refunded: 0 } });
    rt.clock.advance(REFUND_QUERY_AFTER_MS + 1);
    expect(await rt.runTimer('mall', 'queryRefunds')).toMatchObject({ ok: true, data: { refunded: 1 } });
    expect((await order(rt, id)).status).toBe('refunded');
    expect(await rt.runTimer('mall', 'queryRefunds')).toMatchObject({ ok: true, data: { refunded: 0, processing: 0 } });
  });

  it('ABNORMAL is shown to staff and left to the merchant platform; asking again is refused', async () => {
    const id = await paidOrder(rt);
    await refund(rt, id);
    const answers = await rt.devSettleRefunds({ outcome: 'ABNORMAL', now: true });
    expect(answers.map((a) => a.status)).toEqual([204]);
    expect(await order(rt, id)).toMatchObject({ status: 'refunding', refund: { state: 'ABNORMAL' } });
    expect(await refund(rt, id)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } });
  });

  it('CLOSED makes the order paid again; refunding again asks under a new refund number', async () => {
    const id = await paidOrder(rt);
    await refund(rt, id);
    await rt.devSettleRefunds({ outcome: 'CLOSED', now: true });
    expect(await order(rt, id)).toMatchObject({ status: 'paid', refund: { state: 'CLOSED', refundId: `R${id}` } });
    expect(await refund(rt, id)).toMatchObject({ ok: true, data: { status: 'refunding' } });
    expect((await order(rt, id)).refund).toMatchObject({ refundId: `R${id}-2`, attempt: 2, state: 'PROCESSING' });
    // the first refund's notice, delivered late, changes nothing
    expect((await rt.notify(rt.paysim.refundNotification(`R${id}`))).status).toBe(204);
    expect((await order(rt, id)).status).toBe('refunding');
    await rt.devSettleRefunds({ now: true });
    expect((await order(rt, id)).status).toBe('refunded');
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('a ¥0 order (a raffle prize) is refunded at once, with nothing asked of the platform', async () => {
    const id = await paidOrder(rt);
    const doc = await order(rt, id);
    await rt.db.collection('orders').insert({ ...doc, _id: 'prize-order', transactionId: null, price: { ...doc.price, payableFen: 0, discountFen: doc.price.goodsFen } });
    expect(await refund(rt, 'prize-order')).toMatchObject({ ok: true, data: { status: 'refunded', refund: { state: 'SUCCESS' } } });
    expect(rt.paysim.settleRefunds({ now: true })).toEqual([]);
  });
});

describe('refunds across a restart of the local runtime', () => {
  it('an order paid before the simulator started (a seeded one, or before a restart) is refunded and settles', async () => {
    const rt = await testRuntime();
    try {
      const seeded = (await rt.db.collection('orders').find({ status: 'paid', userId: 'demo-shopper' }, { limit: 1 }))[0];
      expect(seeded.transactionId).toBeTruthy();
      expect(await refund(rt, seeded._id)).toMatchObject({ ok: true, data: { status: 'refunding', refund: { state: 'PROCESSING' } } });
      expect((await rt.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204]);
      expect((await order(rt, seeded._id)).status).toBe('refunded');
    } finally {
      await rt.close();
    }
  });
});
