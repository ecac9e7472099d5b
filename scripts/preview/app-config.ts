/**
 * What the browser preview needs to know about this app, handed to its runtime as data by the
 * build (the runtime in runtime/ knows no app):
 * - the origin the mini program calls in local mode (miniprogram/config.ts), served by the preview's own;
 * - the development identities the side panel offers: the local server trusts X-WX-OPENID, and the
 *   mini program keeps the identity in its storage under the key miniprogram/services/identity.ts reads;
 * - deep links into the seeded demo shop (scripts/seed);
 * - wx.cloud.callFunction as the local server's POST /api/<function>;
 * - wx.requestPayment settled by the local server's WeChat Pay simulator: POST /dev/pay with the
 *   payment's package, whose prepay id the simulator issued (scripts/local/server.ts);
 * - the privacy policy's name, and the identities that agreed to it before.
 */
import { config } from '../../miniprogram/config';
import { DEFAULT_DEV_OPENID, DEV_OPENID_KEY } from '../../miniprogram/services/identity';
import type { AppPreviewConfig } from './runtime/manifest';

const LIVE_CARD_LINK = '/pages/product/index?id=p-foundation&live=live-tonight&card=card-1';

export const APP_PREVIEW: AppPreviewConfig = {
  intro: '本地运行时渲染 miniprogram/ 的真实页面（WXML 经官方 wcc 编译、WXSS 经 wcsc、组件框架为 exparser）。与真机的差别见 docs/PREVIEW.md。',
  localBaseUrl: config.localBaseUrl,
  identity: {
    title: '身份（X-WX-OPENID）',
    storageKey: DEV_OPENID_KEY,
    header: 'X-WX-OPENID',
    fallback: DEFAULT_DEV_OPENID,
    // the local runtime's rule for the header (cloudfunctions/core/entry/local.ts)
    pattern: '^[A-Za-z0-9_-]{1,64}$',
    options: [
      { id: 'demo-shopper', label: '顾客', note: '演示会员 小美' },
      { id: 'demo-promoter', label: '推广员', note: '新用户：在推广员页申请' },
      { id: 'demo-staff', label: '店员', note: '店主 阿宁，可进后台' },
    ],
  },
  examplePath: LIVE_CARD_LINK,
  links: [
    { label: '直播卡片深链（直播价）', hash: `#${LIVE_CARD_LINK}` },
    { label: '今晚的直播间', hash: '#/pages/live/room/index?live=live-tonight' },
    { label: '直播预约页', hash: '#/pages/live/detail/index?live=live-tonight' },
    { label: '后台首页（店员）', hash: '#/admin/pages/index/index' },
  ],
  functionUrl: '/api/{name}',
  paymentConfirmUrl: '/dev/pay',
  // the seeded member and staff have used the shop before; any other openid is a new user the pop-up asks
  privacy: { contractName: '《直播好物小程序隐私保护指引》', agreedBefore: ['demo-shopper', 'demo-staff'] },
};
