import tcb from '@cloudbase/node-sdk';
import type { Caller } from '../../ports';

/**
 * The caller as CloudBase injects it into a function called from the mini program
 * (WX_OPENID / WX_UNIONID in the invocation context). No identity → null.
 */
export function cloudCaller(context: unknown): Caller | null {
  let wx: ReturnType<typeof tcb.getCloudbaseContext>;
  try {
    wx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  } catch {
    return null;
  }
  const openid = wx.WX_OPENID;
  if (!openid) return null;
  return wx.WX_UNIONID ? { openid, unionid: wx.WX_UNIONID } : { openid };
}
