import type { PaymentParams } from '../../typings/contract/index';
import { config } from '../config';
import { confirmDialog } from '../utils/dialog';
import { formatYuan } from '../utils/money';
import { ApiFailure, call, failureCode, type FailureCode } from './call';

/**
 * Paying an order. Cloud mode: mall.prepay signs a WeChat Pay JSAPI order and wx.requestPayment
 * shows the real sheet. Local mode: the same prepay, then a confirm dialog stands in for the sheet
 * and the runtime's dev endpoint has the simulated WeChat Pay send its signed notification, so the
 * order is settled by the same path a real payment takes.
 *
 * "paid" means the platform took the money; the order turns paid when the notification lands,
 * which the result page polls for.
 */
export type PayOutcome = { status: 'paid' } | { status: 'cancelled' } | { status: 'failed'; code: FailureCode; message: string };

const failed = (e: unknown): PayOutcome => ({
  status: 'failed',
  code: failureCode(e),
  message: e instanceof Error ? e.message : String(e),
});

export const prepay = (orderId: string): Promise<PaymentParams> => call('mall', 'prepay', { orderId });

function requestPayment(params: PaymentParams): Promise<PayOutcome> {
  return new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: () => resolve({ status: 'paid' }),
      fail: (err) => {
        const errMsg = err?.errMsg ?? '';
        if (/cancel/i.test(errMsg)) resolve({ status: 'cancelled' });
        else resolve({ status: 'failed', code: 'PAYMENT_UNAVAILABLE', message: errMsg || 'requestPayment:fail' });
      },
    });
  });
}

/** POST /dev/pay on the local runtime: the simulator settles the order through /pay/notify. */
function devPay(orderId: string): Promise<PayOutcome> {
  return new Promise((resolve) => {
    wx.request({
      url: `${config.localBaseUrl}/dev/pay`,
      method: 'POST',
      data: { orderId },
      header: { 'content-type': 'application/json' },
      success: (res) => {
        const body = res.data as { ok?: unknown; notification?: { status?: number; body?: string } } | null;
        if (res.statusCode === 200 && body?.ok === true) resolve({ status: 'paid' });
        else resolve(failed(new ApiFailure('BAD_RESPONSE', `dev/pay HTTP ${res.statusCode} ${body?.notification?.body ?? ''}`.trim())));
      },
      fail: (err) => resolve(failed(new ApiFailure('NETWORK', err.errMsg || 'network failure'))),
    });
  });
}

/** Pays `orderId` (its payable amount is shown by the local simulator's dialog). Never throws. */
export async function pay(orderId: string, payableFen: number): Promise<PayOutcome> {
  let params: PaymentParams;
  try {
    params = await prepay(orderId);
  } catch (e) {
    return failed(e);
  }
  if (config.mode === 'cloud') return requestPayment(params);
  const ok = await confirmDialog({ title: '模拟微信支付', content: `支付 ${formatYuan(payableFen)}？`, confirmText: '支付' });
  if (!ok) return { status: 'cancelled' };
  return devPay(orderId);
}
