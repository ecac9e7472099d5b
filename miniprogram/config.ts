/**
 * The one place the backend is chosen.
 * - local: `npm start` on this machine; calls go over HTTP with a dev identity header.
 *   DevTools must have "do not verify request domains" on (project.config.json urlCheck: false).
 * - cloud: CloudBase functions through wx.cloud, identity from the WeChat context.
 */
export interface AppConfig {
  mode: 'local' | 'cloud';
  localBaseUrl: string;
  cloudEnv: string;
  /**
   * Subscribe-message template ids the client asks consent for, by purpose. They must equal the
   * server's (cloudfunctions/core/modules/messaging/templates.ts: TPL_* in the cloud, the local
   * defaults here); each accepted consent allows the server one send.
   */
  subscribeTemplates: {
    liveStart: string;
    raffleResult: string;
    orderUpdate: string;
    marketing: string;
  };
}

export const config: AppConfig = {
  mode: 'local',
  localBaseUrl: 'http://127.0.0.1:8787',
  cloudEnv: '',
  subscribeTemplates: {
    liveStart: 'local-tpl-live-start',
    raffleResult: 'local-tpl-raffle-result',
    orderUpdate: 'local-tpl-order-update',
    marketing: 'local-tpl-marketing',
  },
};
