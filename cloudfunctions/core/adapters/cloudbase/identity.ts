import tcb from '@cloudbase/node-sdk';
import type { Caller } from '../../ports';

/** The caller as CloudBase injects it into a function called from the mini program. */
export function cloudCaller(context: unknown): Caller | null {
  const wx = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]);
  const openid = wx.WX_OPENID;
  if (!openid) return null;
  return wx.WX_UNIONID ? { openid, unionid: wx.WX_UNIONID } : { openid };
}
