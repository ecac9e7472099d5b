import { CloudPay, PAY_CALLBACK_SOURCE, type CloudPayApi } from '../../cloudfunctions/core/adapters/cloudbase/cloudpay';
import { NotificationRejected } from '../../cloudfunctions/core/ports';
import { seededRandom } from '../helpers/runtime';
import { cloudPayNotification } from '../../cloudfunctions/payNotify/index';

/** The cloudPay adapter against a recording stand-in for wx-server-sdk's cloud.cloudPay. */
function fakeApi(state: Record<string, unknown>) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const api: CloudPayApi = {
    unifiedOrder: async (p) => {
      calls.push(['unifiedOrder', p]);
      return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', payment: { timeStamp: '1790000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5', paySign: 'sig' } };
    },
    queryOrder: async (p) => {
      calls.push(['queryOrder', p]);
      return p.outTradeNo === 'missing' ? { returnCode: 'SUCCESS', errCode: 'ORDERNOTEXIST' } : { returnCode: 'SUCCESS', ...state };
    },
    closeOrder: async (p) => {
      calls.push(['closeOrder', p]);
      return { returnCode: 'SUCCESS' };
    },
    refund: async (p) => {
      calls.push(['refund', p]);
      return { returnCode: 'SUCCESS', resultCode: 'SUCCESS' };
    },
    queryRefund: async (p) => {
      calls.push(['queryRefund', p]);
      if (p.outRefundNo === 'Rmissing') return { returnCode: 'SUCCESS', errCode: 'REFUNDNOTEXIST' };
      // as the platform answers: every refund of the order, ours among them
      return { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outRefundNoList: ['Rother', 'Ro2'], refundStatusList: ['PROCESSING', 'SUCCESS'] };
    },
  };
  return { api, calls };
}

const config = { subMchId: '1600000001', envId: 'env-1', callbackFunction: 'payNotify' };

describe('cloudPay adapter', () => {
  it('prepays with the order, amount, expiry (Beijing time) and callback function', async () => {
    const { api, calls } = fakeApi({});
    const pay = new CloudPay(api, config, seededRandom());
    const params = await pay.prepay({ orderId: 'o1', amountFen: 12900, description: '粉底液', openid: 'u', expiresAt: Date.UTC(2026, 10, 24, 12, 30, 0) });
    expect(params).toEqual({ timeStamp: '1790000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5', paySign: 'sig' });
    expect(calls[0][1]).toMatchObject({ outTradeNo: 'o1', totalFee: 12900, subMchId: '1600000001', envId: 'env-1', functionName: 'payNotify', tradeType: 'JSAPI', timeExpire: '20261124203000' });
  });

  it('trusts a result only from the payment platform, and then only what queryOrder confirms', async () => {
    const { api } = fakeApi({ outTradeNo: 'o1', transactionId: '4200001', totalFee: 12900, tradeState: 'SUCCESS', timeEnd: '20261124203500', subOpenid: 'u' });
    const pay = new CloudPay(api, config, seededRandom());
    const body = JSON.stringify({ outTradeNo: 'o1', resultCode: 'SUCCESS', returnCode: 'SUCCESS', subMchId: '1600000001', totalFee: 1 });
    await expect(pay.parseNotification({ headers: {}, body, invokedBy: 'wx_client' })).rejects.toBeInstanceOf(NotificationRejected);
    await expect(pay.parseNotification({ headers: {}, body })).rejects.toBeInstanceOf(NotificationRejected);
    // the claimed totalFee is ignored: the platform's record says 12900
    expect(await pay.parseNotification({ headers: {}, body, invokedBy: PAY_CALLBACK_SOURCE })).toEqual({
      transactionId: '4200001',
      orderId: 'o1',
      amountFen: 12900,
      state: 'SUCCESS',
      paidAt: Date.UTC(2026, 10, 24, 12, 35, 0),
      payerOpenid: 'u',
    });
    const other = JSON.stringify({ outTradeNo: 'o1', resultCode: 'SUCCESS', subMchId: '999' });
    await expect(pay.parseNotification({ headers: {}, body: other, invokedBy: PAY_CALLBACK_SOURCE })).rejects.toBeInstanceOf(NotificationRejected);
  });

  it('never takes the platform as the caller from a header an HTTP request could carry', async () => {
    const { api, calls } = fakeApi({ outTradeNo: 'o1', transactionId: '4200001', totalFee: 12900, tradeState: 'SUCCESS', timeEnd: '20261124203500' });
    const pay = new CloudPay(api, config, seededRandom());
    const body = JSON.stringify({ outTradeNo: 'o1', resultCode: 'SUCCESS', returnCode: 'SUCCESS', subMchId: '1600000001' });
    for (const headers of [{ 'x-wx-source': PAY_CALLBACK_SOURCE }, { 'x-tcb-source': PAY_CALLBACK_SOURCE }, { source: PAY_CALLBACK_SOURCE }]) {
      await expect(pay.parseNotification({ headers, body })).rejects.toThrow('not called by the payment platform');
    }
    expect(calls).toEqual([]);
  });

  it('the payNotify entry reads the caller from the invocation context only', () => {
    const event = { outTradeNo: 'o1', resultCode: 'SUCCESS', returnCode: 'SUCCESS', subMchId: '1600000001' };
    const context = (source: string) => ({ environ: `TCB_SOURCE=${source};WX_CONTEXT_KEYS=TCB_SOURCE` });
    expect(cloudPayNotification(event, context(PAY_CALLBACK_SOURCE))).toEqual({ headers: {}, body: JSON.stringify(event), invokedBy: PAY_CALLBACK_SOURCE });
    expect(cloudPayNotification(event, context('wx_client')).invokedBy).toBe('wx_client');
    // the event's own claims name no caller
    expect(cloudPayNotification({ ...event, SOURCE: PAY_CALLBACK_SOURCE, TCB_SOURCE: PAY_CALLBACK_SOURCE }, {}).invokedBy).toBeUndefined();
  });

  it('queries, closes and refunds (refunds settle later)', async () => {
    const { api, calls } = fakeApi({ outTradeNo: 'o2', tradeState: 'NOTPAY', totalFee: 100 });
    const pay = new CloudPay(api, config, seededRandom());
    expect(await pay.query('missing')).toBeNull();
    expect((await pay.query('o2'))?.state).toBe('NOTPAY');
    await pay.close('o2');
    expect(await pay.refund({ orderId: 'o2', refundId: 'Ro2', amountFen: 100, totalFen: 100, reason: 'x' })).toEqual({ refundId: 'Ro2', orderId: 'o2', state: 'PROCESSING' });
    expect(calls.map((c) => c[0])).toEqual(['queryOrder', 'queryOrder', 'closeOrder', 'refund']);
    expect(await pay.queryRefund('Ro2', 'o2')).toEqual({ refundId: 'Ro2', orderId: 'o2', state: 'SUCCESS' });
    expect(await pay.queryRefund('Rmissing', 'o2')).toBeNull();
  });

  it('takes a refund callback only from the platform, and lets the platform\'s record decide its state', async () => {
    const { api } = fakeApi({});
    const pay = new CloudPay(api, config, seededRandom());
    const body = JSON.stringify({ subMchId: config.subMchId, outTradeNo: 'o2', outRefundNo: 'Ro2', refundStatus: 'PROCESSING', successTime: '2026-12-04 10:00:00' });
    await expect(pay.parseNotification({ headers: {}, body })).rejects.toBeInstanceOf(NotificationRejected);
    expect(await pay.parseNotification({ headers: {}, body, invokedBy: PAY_CALLBACK_SOURCE })).toEqual({
      kind: 'refund',
      refundId: 'Ro2',
      orderId: 'o2',
      state: 'SUCCESS',
      settledAt: Date.UTC(2026, 11, 4, 2, 0, 0),
    });
  });
});
