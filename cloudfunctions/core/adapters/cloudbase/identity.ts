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

/** Where the invocation came from (wx_client, wx_paycallback, wx_trigger, …), as CloudBase reports it. */
export function cloudSource(context: unknown): string | null {
  try {
    const wx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]) as unknown as Record<string, unknown>;
    const source = wx.SOURCE ?? wx.TCB_SOURCE ?? wx.WX_SOURCE;
    return typeof source === 'string' ? source : null;
  } catch {
    return null;
  }
}
