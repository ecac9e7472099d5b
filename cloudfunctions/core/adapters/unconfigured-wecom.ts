import { WecomCallbackRejected, type WecomPort } from '../ports/wecom';

const notConfigured = async (): Promise<never> => {
  throw new Error('WeCom is not configured: set the WECOM_* variables');
};

/** The WeCom port when the deployment has no WeCom credentials: no links, every callback refused. */
export const unconfiguredWecom: WecomPort = {
  contactWay: notConfigured,
  groupJoinWay: notConfigured,
  verifyUrl: () => {
    throw new WecomCallbackRejected('WeCom is not configured');
  },
  parseCallback: () => {
    throw new WecomCallbackRejected('WeCom is not configured');
  },
  resolveExternalUser: async () => null,
  groupChat: notConfigured,
  sendWelcome: notConfigured,
  liveWatchStats: async () => [],
};
