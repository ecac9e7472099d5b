import { addressFields, type AddressFields } from '../services/addresses';
import { isPrivacyDenied } from './privacy';

/**
 * The address WeChat keeps (wx.chooseAddress), as a promise that never rejects. The API asks no
 * permission of its own any more; what can stop it is the privacy consent (the app's pop-up):
 * `privacy` then, and the caller lets the shopper type the address instead.
 */
export type WechatAddress = { ok: true; fields: AddressFields } | { ok: false; reason: 'cancel' | 'privacy' | 'failed' };

export function chooseWechatAddress(): Promise<WechatAddress> {
  return new Promise((resolve) => {
    wx.chooseAddress({
      success: (res) => resolve({ ok: true, fields: addressFields(res) }),
      fail: (err) => {
        const errMsg = err.errMsg || '';
        resolve({ ok: false, reason: isPrivacyDenied(errMsg) ? 'privacy' : /cancel/i.test(errMsg) ? 'cancel' : 'failed' });
      },
    });
  });
}

/** What the shopper is told when the WeChat address could not be read ('' for their own cancel). */
export function wechatAddressRefusal(reason: 'cancel' | 'privacy' | 'failed'): string {
  if (reason === 'privacy') return '未同意隐私保护指引，无法读取微信地址，请手动填写';
  if (reason === 'failed') return '无法获取微信地址，请手动填写';
  return '';
}
