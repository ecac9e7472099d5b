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
    /** 到货提醒: a sold-out SKU is back */
    restock: string;
    /** 新订单通知: staff only, asked on the staff home */
    newOrder: string;
  };
  /**
   * 客服: empty `wecomUrl` uses the mini program's own customer-service messages
   * (`<button open-type="contact">`); with the shop's WeCom 微信客服 link and corp id set,
   * `wx.openCustomerServiceChat` opens that instead.
   */
  customerService: {
    wecomUrl: string;
    corpId: string;
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
    restock: 'local-tpl-restock',
    newOrder: 'local-tpl-new-order',
  },
  customerService: {
    wecomUrl: '',
    corpId: '',
  },
};
