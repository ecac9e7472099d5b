import { WecomCallbackRejected, type WecomPort } from '../ports/wecom';

/** The WeCom port when the deployment has no WeCom credentials: no links, every callback refused. */
export const unconfiguredWecom: WecomPort = {
  contactWay: async () => {
    throw new Error('WeCom is not configured: set the WECOM_* variables');
  },
  groupJoinWay: async () => {
    throw new Error('WeCom is not configured: set the WECOM_* variables');
  },
  verifyUrl: () => {
    throw new WecomCallbackRejected('WeCom is not configured');
  },
  parseCallback: () => {
    throw new WecomCallbackRejected('WeCom is not configured');
  },
  resolveExternalUser: async () => null,
  liveWatchStats: async () => [],
};
