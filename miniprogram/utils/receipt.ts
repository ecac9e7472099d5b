import type { ReceiptConfirm } from '../../typings/contract/index';
import { confirmDialog } from './dialog';

/** How WeChat's 确认收货 component ended: confirmed, closed by the buyer, failed, or not in this WeChat. */
export type ReceiptOutcome = 'success' | 'cancel' | 'fail' | 'unsupported';

interface BusinessViewResult {
  errMsg: string;
  extraData?: { status?: string; errormsg?: string };
}

interface BusinessViewApi {
  openBusinessView?(options: {
    businessType: string;
    extraData: ReceiptConfirm;
    success?(res: BusinessViewResult): void;
    fail?(err: { errMsg: string }): void;
  }): void;
}

/**
 * Opens WeChat's 确认收货 component (base library ≥ 2.6.0) for a payment under 发货信息管理. Its answer
 * only says what the buyer did; the server learns the truth from WeChat (get_order).
 */
export function confirmInWechat(extraData: ReceiptConfirm): Promise<ReceiptOutcome> {
  const api = wx as unknown as BusinessViewApi;
  if (typeof api.openBusinessView !== 'function') return Promise.resolve('unsupported');
  return new Promise((resolve) => {
    api.openBusinessView!({
      businessType: 'weappOrderConfirm',
      extraData,
      success: (res) => {
        const status = res.extraData?.status;
        resolve(status === 'success' ? 'success' : status === 'cancel' ? 'cancel' : 'fail');
      },
      fail: () => resolve('fail'),
    });
  });
}

/**
 * Asks the buyer to confirm receipt: in WeChat's component when the payment is under 发货信息管理
 * (that is what releases the shop's funds), else — or when the component cannot open — with the
 * shop's own dialog. True when the buyer confirmed; closing the component is a "no".
 */
export async function askReceipt(extraData: ReceiptConfirm | null): Promise<boolean> {
  if (extraData) {
    const outcome = await confirmInWechat(extraData);
    if (outcome === 'success') return true;
    if (outcome === 'cancel') return false;
  }
  return confirmDialog({ title: '确认收货', content: '确认已收到商品？', confirmText: '确认收货' });
}
