/**
 * The development identity used in local mode: the runtime trusts the X-WX-OPENID header, so a
 * developer can act as the demo shopper, the demo staff member or anyone else. Cloud mode ignores
 * it: there the identity is the WeChat user's OPENID.
 */
export const DEV_OPENID_KEY = 'devOpenid';
export const DEFAULT_DEV_OPENID = 'demo-shopper';
export const DEV_IDENTITIES = [
  { openid: 'demo-shopper', label: '演示顾客' },
  { openid: 'demo-staff', label: '演示店员' },
] as const;

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export const isValidOpenid = (value: unknown): value is string => typeof value === 'string' && OPENID.test(value);

export function getDevOpenid(): string {
  const stored: unknown = wx.getStorageSync(DEV_OPENID_KEY);
  return isValidOpenid(stored) ? stored : DEFAULT_DEV_OPENID;
}

/** Stores a new dev identity; returns false (and stores nothing) when the value is not openid-shaped. */
export function setDevOpenid(openid: string): boolean {
  const value = openid.trim();
  if (!isValidOpenid(value)) return false;
  wx.setStorageSync(DEV_OPENID_KEY, value);
  return true;
}
