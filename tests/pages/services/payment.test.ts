import { config } from '../../../miniprogram/config';
import { pay } from '../../../miniprogram/services/payment';
import { testRuntime, type TestRuntime } from '../../helpers/runtime';
import { mp, useRuntime } from '../helpers/wx';

const SHOPPER = 'demo-shopper';

describe('services: paying an order', () => {
  let rt: TestRuntime;
  let orderId: string;

  beforeEach(async () => {
    mp.reset();
    config.mode = 'local';
    rt = await testRuntime();
    useRuntime(rt);
    const r = await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: `addr-${SHOPPER}` });
    if (!r.ok) throw new Error(r.error.code);
    orderId = r.data.orderId;
  });
  afterEach(async () => {
    config.mode = 'local';
    await rt.close();
  });

  const status = async () => (await rt.db.collection('orders').get(orderId))!.status;

  describe('local mode: the simulated WeChat Pay', () => {
    it('prepays, asks in a dialog for the amount, and settles through POST /dev/pay', async () => {
      mp.answer('showModal', { confirm: true });
      expect(await pay(orderId, 29900)).toEqual({ status: 'paid' });
      expect(mp.calls.map((c) => [c.fn, c.action, c.data])).toEqual([
        ['mall', 'prepay', { orderId }],
        ['dev', 'pay', { orderId }],
      ]);
      expect(mp.callsTo('dev', 'pay')[0].url).toBe('http://127.0.0.1:8787/dev/pay');
      expect(mp.of('showModal')).toEqual([{ title: '模拟微信支付', content: '支付 ¥299.00？', confirmText: '支付' }]);
      expect(mp.of('requestPayment')).toEqual([]);
      expect(await status()).toBe('paid');
    });

    it('does nothing more when the dialog is dismissed', async () => {
      mp.answer('showModal', { confirm: false, cancel: true });
      expect(await pay(orderId, 29900)).toEqual({ status: 'cancelled' });
      expect(mp.callsTo('dev', 'pay')).toHaveLength(0);
      expect(await status()).toBe('created');
    });

    it('reports the refusal when the order cannot be paid, without a dialog', async () => {
      rt.clock.advance(31 * 60_000);
      expect(await pay(orderId, 29900)).toEqual({ status: 'failed', code: 'ORDER_EXPIRED', message: expect.any(String) });
      expect(mp.of('showModal')).toEqual([]);
    });

    it('reports a network failure of the dev endpoint', async () => {
      mp.answer('showModal', { confirm: true });
      mp.intercept('dev', 'pay', 'network', 1);
      expect(await pay(orderId, 29900)).toEqual({ status: 'failed', code: 'NETWORK', message: 'request:fail' });
      expect(await status()).toBe('created');
    });
  });

  describe('cloud mode: wx.requestPayment', () => {
    beforeEach(() => {
      config.mode = 'cloud';
    });

    it('hands the signed prepay parameters to wx.requestPayment', async () => {
      const params = await rt.as(SHOPPER)<Record<string, string>>('mall', 'prepay', { orderId });
      if (!params.ok) throw new Error(params.error.code);
      expect(await pay(orderId, 29900)).toEqual({ status: 'paid' });
      expect(mp.calls.map((c) => [c.transport, c.fn, c.action, c.data])).toEqual([['cloud', 'mall', 'prepay', { orderId }]]);
      const [sheet] = mp.of('requestPayment') as Array<Record<string, string>>;
      expect(Object.keys(sheet).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
      expect(sheet.package).toBe(params.data.package);
      expect(sheet.signType).toBe('RSA');
      expect(mp.of('showModal')).toEqual([]);
    });

    it('tells a closed sheet from a failed payment', async () => {
      mp.answer('requestPayment', { fail: 'requestPayment:fail cancel' });
      expect(await pay(orderId, 29900)).toEqual({ status: 'cancelled' });
      mp.answer('requestPayment', { fail: 'requestPayment:fail (detail message)' });
      expect(await pay(orderId, 29900)).toEqual({ status: 'failed', code: 'PAYMENT_UNAVAILABLE', message: 'requestPayment:fail (detail message)' });
    });
  });
});
