/**
 * `wx` for the preview, over the server the page is served from: requests go where the mini
 * program sends them (its local origin rewritten to the preview's), cloud.callFunction to the
 * app's configured function endpoint with the development identity, storage is localStorage, and
 * every platform dialog is drawn in the frame so a person or a test answers it. A confirmed
 * payment is posted to the app's configured payment simulator, as the platform would settle it.
 * An API the preview lacks answers `fail` with "not supported in the preview" rather than throwing.
 */
import { openChannelsLiveDialog, type ChannelsTarget } from './channels';
import { currentIdentity, identityHeaders } from './identity';
import type { AppPreviewConfig } from './manifest';
import { sameOrigin } from './origin';
import { configurePrivacy, onNeedPrivacyAuthorization, openPrivacyContract, privacySetting, requirePrivacy } from './privacy';
import { actionSheet, dialog, hideToast, panel, toast } from './overlays';
import {
  currentPage,
  navigate,
  pageCallers,
  pageScrollTo,
  setNavColor,
  setTabBadge,
  setTitle,
  startPullDownRefresh,
  stopPullDownRefresh,
} from './router';
import { SelectorQuery } from './selector-query';
import { storageClear, storageGet, storageHas, storageKeys, storageRemove, storageSet } from './storage';

type Callbacks = { success?: (res: unknown) => void; fail?: (err: { errMsg: string }) => void; complete?: (res: unknown) => void };
type Options = Callbacks & Record<string, unknown>;

export const FRAME = { width: 375, height: 812, statusBar: 44, navBar: 44, tabBar: 50 };

/**
 * Runs an async API the WeChat way: success/fail/complete callbacks, or a promise when none is given.
 * `work` resolves the success fields; a thrown Error's message is the errMsg.
 */
function api(name: string, work: (options: Options) => Promise<Record<string, unknown>> | Record<string, unknown>) {
  return (options: Options = {}) => {
    const run = Promise.resolve()
      .then(() => work(options))
      .then(
        (res) => ({ ok: true as const, res: { errMsg: `${name}:ok`, ...res } }),
        (e: unknown) => ({ ok: false as const, res: { errMsg: e instanceof Error && e.message.startsWith(`${name}:`) ? e.message : `${name}:fail ${e instanceof Error ? e.message : String(e)}` } }),
      );
    const hasCallbacks = !!(options.success || options.fail || options.complete);
    const outcome = run.then((o) => {
      try {
        if (o.ok) options.success?.(o.res);
        else options.fail?.(o.res);
        options.complete?.(o.res);
      } catch (e) {
        console.error(`[preview] wx.${name} callback threw`, e);
      }
      return o;
    });
    if (hasCallbacks) return undefined;
    return outcome.then((o) => (o.ok ? o.res : Promise.reject(o.res)));
  };
}

let app: AppPreviewConfig = {};

/** Takes the app side's configuration: where functions and payments go, the privacy policy's name. */
export function configureWx(config: AppPreviewConfig): void {
  app = config;
  configurePrivacy(config.privacy);
}

/** A privacy API (收货地址, 相册, 剪贴板, 用户信息): it runs once the user has agreed (./privacy.ts). */
function privateApi(name: string, work: (options: Options) => Promise<Record<string, unknown>> | Record<string, unknown>) {
  return api(name, async (o) => {
    await requirePrivacy(name);
    return work(o);
  });
}

// ---- network ----

export interface NetworkRecord {
  url: string;
  method: string;
  body: unknown;
  status: number;
}
const network: NetworkRecord[] = [];
export const networkLog = () => [...network];

async function httpRequest(options: Options): Promise<Record<string, unknown>> {
  const method = String(options.method ?? 'GET').toUpperCase();
  let url = sameOrigin(String(options.url ?? ''));
  const headers: Record<string, string> = { ...((options.header as Record<string, string>) ?? {}) };
  let body: string | undefined;
  const data = options.data;
  if (method === 'GET' || method === 'HEAD') {
    if (data && typeof data === 'object') {
      const qs = new URLSearchParams(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    }
  } else if (data !== undefined) {
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    if (typeof data === 'string') body = data;
    else if (type.includes('x-www-form-urlencoded')) body = new URLSearchParams(data as Record<string, string>).toString();
    else body = JSON.stringify(data);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), Number(options.timeout ?? 60000));
  try {
    const res = await fetch(url, { method, headers, body, signal: controller.signal });
    const text = await res.text();
    let parsed: unknown = text;
    if ((options.dataType ?? 'json') === 'json') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    network.push({ url, method, body: body ? (JSON.parse(body) as unknown) : null, status: res.status });
    const header: Record<string, string> = {};
    res.headers.forEach((v, k) => (header[k] = v));
    return { data: parsed, statusCode: res.status, header, cookies: [] };
  } finally {
    window.clearTimeout(timer);
  }
}

function request(options: Options) {
  const controller = { aborted: false };
  api('request', async (o) => {
    const res = await httpRequest(o);
    if (controller.aborted) throw new Error('request:fail abort');
    return res;
  })(options);
  return { abort: () => (controller.aborted = true), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
}

const callFunction = api('cloud.callFunction', async (o) => {
  if (!app.functionUrl) throw new Error('cloud.callFunction:fail the preview has no function endpoint for this app');
  const url = app.functionUrl.replace('{name}', encodeURIComponent(String(o.name ?? '')));
  const res = await httpRequest({ url, method: 'POST', data: o.data ?? {}, header: { 'content-type': 'application/json', ...identityHeaders() } });
  return { result: res.data, requestID: `preview-${Date.now()}` };
});

// ---- files: the album, and uploads to the app's server ----

/** A sample photo drawn on a canvas (a PNG), for choosing without a file at hand. */
function samplePhoto(n: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 240;
  canvas.height = 240;
  const g = canvas.getContext('2d')!;
  const hue = (n * 67) % 360;
  g.fillStyle = `hsl(${hue} 60% 80%)`;
  g.fillRect(0, 0, 240, 240);
  g.fillStyle = `hsl(${hue} 50% 35%)`;
  g.font = 'bold 28px sans-serif';
  g.fillText(`示例照片 ${n}`, 40, 130);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'));
}

let samples = 0;

/** wx.chooseMedia: the album as a sheet — files from this computer, or sample photos; cancel fails as WeChat's does. */
async function chooseMedia(o: Options): Promise<Record<string, unknown>> {
  const count = Math.max(1, Math.min(9, Number(o.count ?? 9)));
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.multiple = count > 1;
  input.className = 'pv-dialog__file';
  const choice = await dialog<'files' | 'sample' | null>({
    title: '从相册选择',
    content: `最多 ${count} 张`,
    body: input,
    buttons: [
      { text: '取消', value: null },
      { text: '示例照片', value: 'sample' },
      { text: '确定', value: 'files', primary: true },
    ],
    kind: 'media',
  });
  let blobs: Blob[] = [];
  if (choice === 'sample') blobs = [await samplePhoto(++samples)];
  if (choice === 'files') blobs = [...(input.files ?? [])].slice(0, count);
  if (!blobs.length) throw new Error('chooseMedia:fail cancel');
  return { type: 'image', tempFiles: blobs.map((b) => ({ tempFilePath: URL.createObjectURL(b), size: b.size, fileType: 'image' })) };
}

/** wx.uploadFile: the temp file as multipart/form-data to the app's server, with the identity header. */
async function uploadFile(o: Options): Promise<Record<string, unknown>> {
  const blob = await (await fetch(String(o.filePath ?? ''))).blob();
  const form = new FormData();
  for (const [k, v] of Object.entries((o.formData as Record<string, string>) ?? {})) form.append(k, v);
  form.append(String(o.name ?? 'file'), blob, `upload.${blob.type.split('/')[1] || 'bin'}`);
  const res = await fetch(sameOrigin(String(o.url ?? '')), { method: 'POST', body: form, headers: { ...((o.header as Record<string, string>) ?? {}), ...identityHeaders() } });
  return { statusCode: res.status, data: await res.text() };
}

// ---- dialogs the platform draws ----

const OK = [{ text: '确定', value: true, primary: true }];

async function showModal(o: Options): Promise<Record<string, unknown>> {
  const editable = !!o.editable;
  let input: HTMLTextAreaElement | null = null;
  if (editable) {
    input = document.createElement('textarea');
    input.className = 'pv-dialog__input';
    input.placeholder = String(o.placeholderText ?? '');
    input.value = String(o.content ?? '');
  }
  const buttons = [
    ...(o.showCancel === false ? [] : [{ text: String(o.cancelText ?? '取消'), value: false, color: String(o.cancelColor ?? '') || undefined }]),
    { text: String(o.confirmText ?? '确定'), value: true, primary: true, color: String(o.confirmColor ?? '') || undefined },
  ];
  const confirm = await dialog({ title: String(o.title ?? ''), content: editable ? undefined : String(o.content ?? ''), body: input ?? undefined, buttons, kind: 'modal' });
  return { confirm, cancel: !confirm, ...(editable ? { content: input!.value } : {}) };
}

async function requestSubscribeMessage(o: Options): Promise<Record<string, unknown>> {
  const ids = (o.tmplIds as string[]) ?? [];
  if (!ids.length) throw new Error('requestSubscribeMessage:fail TmplIds can\'t be empty');
  const body = document.createElement('div');
  body.className = 'pv-subscribe';
  const boxes = ids.map((id) => {
    const row = document.createElement('label');
    row.className = 'pv-subscribe__row';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.tmplId = id;
    const text = document.createElement('span');
    text.textContent = id;
    row.append(box, text);
    body.appendChild(row);
    return box;
  });
  const allow = await dialog({
    title: '订阅消息',
    content: '小程序想给你发送以下一次性订阅消息（每次允许可收到一条）',
    body,
    kind: 'subscribe',
    buttons: [
      { text: '取消', value: false },
      { text: '允许', value: true, primary: true },
    ],
  });
  const res: Record<string, unknown> = {};
  ids.forEach((id, i) => (res[id] = allow && boxes[i].checked ? 'accept' : 'reject'));
  return res;
}

/** The fields of wx.requestPayment that describe the payment, as the payment simulator receives them. */
const PAYMENT_FIELDS = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'] as const;

/**
 * The payment sheet: a dialog showing the payment package; paying posts the payment's fields to
 * the app's payment simulator (AppPreviewConfig.paymentConfirmUrl), whose 200 answer is success.
 */
async function requestPayment(o: Options): Promise<Record<string, unknown>> {
  const params = Object.fromEntries(PAYMENT_FIELDS.map((k) => [k, String(o[k] ?? '')]));
  if (!params.package) throw new Error('requestPayment:fail parameter error: package is required');
  const confirmUrl = app.paymentConfirmUrl;
  const pay = await dialog({
    title: '微信支付（模拟）',
    content: confirmUrl ? `${params.package}\n确认后由本地的支付模拟器结算` : `${params.package}\n预览没有可用的支付模拟器`,
    kind: 'payment',
    buttons: [
      { text: '取消', value: false },
      { text: '支付', value: true, primary: true },
    ],
  });
  if (!pay) throw new Error('requestPayment:fail cancel');
  if (!confirmUrl) throw new Error('requestPayment:fail no payment simulator in the preview');
  const res = await httpRequest({ url: confirmUrl, method: 'POST', data: params });
  if (res.statusCode !== 200) throw new Error(`requestPayment:fail the payment simulator answered ${String(res.statusCode)}`);
  return {};
}

async function reserveChannelsLive(o: Options): Promise<Record<string, unknown>> {
  const yes = await dialog({
    title: '预约视频号直播',
    content: `直播预告 ${String(o.noticeId ?? '')}\n开播时会提醒你`,
    kind: 'channels',
    buttons: [
      { text: '取消', value: false },
      { text: '预约', value: true, primary: true },
    ],
  });
  // WeChat's states: 6 reserved, 5 cancelled by the user
  return { state: yes ? 6 : 5 };
}

/** A fixed test address, offered on a sheet like WeChat's address picker. */
export const TEST_ADDRESS = {
  userName: '张三',
  postalCode: '510000',
  provinceName: '广东省',
  cityName: '广州市',
  countyName: '天河区',
  streetName: '',
  detailInfo: '体育西路 103 号维多利广场 A 座 1001',
  detailInfoNew: '体育西路 103 号维多利广场 A 座 1001',
  nationalCode: '440106',
  telNumber: '13800000000',
};

async function chooseAddress(): Promise<Record<string, unknown>> {
  const a = TEST_ADDRESS;
  const use = await dialog({
    title: '选择收货地址',
    content: `${a.userName} ${a.telNumber}\n${a.provinceName}${a.cityName}${a.countyName}${a.detailInfo}`,
    kind: 'address',
    buttons: [
      { text: '取消', value: false },
      { text: '使用该地址', value: true, primary: true },
    ],
  });
  if (!use) throw new Error('chooseAddress:fail cancel');
  return { ...a };
}

const downloads: Array<{ filePath: string; name: string }> = [];
export const downloadsMade = () => [...downloads];

function download(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  downloads.push({ filePath: href, name });
}

async function canvasToTempFilePath(o: Options): Promise<Record<string, unknown>> {
  const canvas = o.canvas as HTMLCanvasElement | undefined;
  if (!canvas || typeof canvas.toBlob !== 'function') throw new Error('canvasToTempFilePath:fail canvas is required (type="2d" canvas node)');
  const type = o.fileType === 'jpg' ? 'image/jpeg' : 'image/png';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, Number(o.quality ?? 1)));
  if (!blob) throw new Error('canvasToTempFilePath:fail empty canvas');
  return { tempFilePath: URL.createObjectURL(blob) };
}

async function previewImage(o: Options): Promise<Record<string, unknown>> {
  const urls = (o.urls as string[]) ?? [];
  const body = document.createElement('div');
  body.className = 'pv-preview-image';
  const img = document.createElement('img');
  img.src = sameOrigin(String(o.current ?? urls[0] ?? ''));
  body.appendChild(img);
  await panel('图片', body, 'image');
  return {};
}

function systemInfo(): Record<string, unknown> {
  const page = currentPage();
  const tab = !!document.querySelector('.pv-phone--tab');
  const windowHeight = FRAME.height - FRAME.statusBar - (page?.style.navigationStyle === 'custom' ? -FRAME.statusBar : FRAME.navBar) - (tab ? FRAME.tabBar : 0);
  return {
    brand: 'preview',
    model: 'Browser preview',
    pixelRatio: window.devicePixelRatio || 2,
    screenWidth: FRAME.width,
    screenHeight: FRAME.height,
    windowWidth: FRAME.width,
    windowHeight,
    statusBarHeight: FRAME.statusBar,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Browser',
    platform: 'devtools',
    SDKVersion: '3.4.0',
    theme: 'light',
    safeArea: { left: 0, right: FRAME.width, top: FRAME.statusBar, bottom: FRAME.height, width: FRAME.width, height: FRAME.height - FRAME.statusBar },
    benchmarkLevel: 1,
  };
}

function animation(): Record<string, unknown> {
  const steps: unknown[] = [];
  const chain: Record<string, unknown> = {};
  const names = 'opacity backgroundColor width height top left bottom right rotate rotateX rotateY rotateZ rotate3d scale scaleX scaleY scaleZ scale3d translate translateX translateY translateZ translate3d skew skewX skewY matrix matrix3d'.split(' ');
  for (const n of names) chain[n] = () => chain;
  chain.step = () => chain;
  chain.export = () => ({ actions: steps.splice(0) });
  return chain;
}

/** The launch options of this visit: the page and query in the hash. */
export function launchOptions(): Record<string, unknown> {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const query: Record<string, string> = {};
  for (const part of search.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1);
  }
  return { path: path || '', query, scene: 1001, referrerInfo: {}, shareTicket: undefined };
}

const noop = () => undefined;
const ok = (name: string) => api(name, () => ({}));

const wxImpl: Record<string, unknown> = {
  request,
  cloud: {
    init: noop,
    callFunction,
    database: () => {
      throw new Error('wx.cloud.database is not in the preview: pages call services, which call functions');
    },
  },
  // storage
  getStorageSync: (key: string) => storageGet(key),
  setStorageSync: (key: string, value: unknown) => storageSet(key, value),
  removeStorageSync: (key: string) => storageRemove(key),
  clearStorageSync: () => storageClear(),
  getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
  getStorage: api('getStorage', (o) => {
    const v = storageGet(String(o.key));
    if (v === '' && !storageHas(String(o.key))) throw new Error('getStorage:fail data not found');
    return { data: v };
  }),
  setStorage: api('setStorage', (o) => {
    storageSet(String(o.key), o.data);
    return {};
  }),
  removeStorage: api('removeStorage', (o) => {
    storageRemove(String(o.key));
    return {};
  }),
  clearStorage: api('clearStorage', () => {
    storageClear();
    return {};
  }),
  // interaction
  showToast: api('showToast', (o) => {
    toast({ title: String(o.title ?? ''), icon: String(o.icon ?? 'success'), duration: Number(o.duration ?? 1500), mask: !!o.mask });
    return {};
  }),
  hideToast: api('hideToast', () => {
    hideToast();
    return {};
  }),
  showLoading: api('showLoading', (o) => {
    toast({ title: String(o.title ?? ''), loading: true, mask: !!o.mask });
    return {};
  }),
  hideLoading: api('hideLoading', () => {
    hideToast();
    return {};
  }),
  showModal: api('showModal', showModal),
  showActionSheet: api('showActionSheet', async (o) => {
    const i = await actionSheet({ itemList: (o.itemList as string[]) ?? [], itemColor: o.itemColor as string | undefined, alertText: o.alertText as string | undefined });
    if (i < 0) throw new Error('showActionSheet:fail cancel');
    return { tapIndex: i };
  }),
  // routing
  navigateTo: api('navigateTo', async (o) => {
    await navigate('navigateTo', { url: String(o.url ?? '') });
    return { eventChannel: { emit: noop, on: noop, once: noop, off: noop } };
  }),
  redirectTo: api('redirectTo', async (o) => (await navigate('redirectTo', { url: String(o.url ?? '') }), {})),
  navigateBack: api('navigateBack', async (o) => (await navigate('navigateBack', { delta: Number(o.delta ?? 1) }), {})),
  switchTab: api('switchTab', async (o) => (await navigate('switchTab', { url: String(o.url ?? '') }), {})),
  reLaunch: api('reLaunch', async (o) => (await navigate('reLaunch', { url: String(o.url ?? '') }), {})),
  // navigation bar, tab bar, page
  setNavigationBarTitle: api('setNavigationBarTitle', (o) => (setTitle(String(o.title ?? '')), {})),
  setNavigationBarColor: api('setNavigationBarColor', (o) => (setNavColor(String(o.frontColor ?? '#000000'), String(o.backgroundColor ?? '#ffffff')), {})),
  showNavigationBarLoading: ok('showNavigationBarLoading'),
  hideNavigationBarLoading: ok('hideNavigationBarLoading'),
  hideHomeButton: ok('hideHomeButton'),
  setBackgroundColor: ok('setBackgroundColor'),
  setBackgroundTextStyle: ok('setBackgroundTextStyle'),
  setTabBarBadge: api('setTabBarBadge', (o) => (setTabBadge(Number(o.index), String(o.text ?? '')), {})),
  removeTabBarBadge: api('removeTabBarBadge', (o) => (setTabBadge(Number(o.index), null), {})),
  showTabBarRedDot: api('showTabBarRedDot', (o) => (setTabBadge(Number(o.index), ''), {})),
  hideTabBarRedDot: api('hideTabBarRedDot', (o) => (setTabBadge(Number(o.index), null), {})),
  showTabBar: ok('showTabBar'),
  hideTabBar: ok('hideTabBar'),
  startPullDownRefresh: api('startPullDownRefresh', () => (startPullDownRefresh(), {})),
  stopPullDownRefresh: api('stopPullDownRefresh', () => (stopPullDownRefresh(), {})),
  pageScrollTo: api('pageScrollTo', (o) => (pageScrollTo(o as { scrollTop?: number; selector?: string; duration?: number }), {})),
  // platform sheets
  requestSubscribeMessage: api('requestSubscribeMessage', requestSubscribeMessage),
  requestPayment: api('requestPayment', requestPayment),
  reserveChannelsLive: api('reserveChannelsLive', reserveChannelsLive),
  openChannelsLive: api('openChannelsLive', async (o) => (await openChannelsLiveDialog(o as ChannelsTarget), {})),
  openChannelsActivity: api('openChannelsActivity', async (o) => (await openChannelsLiveDialog(o as ChannelsTarget), {})),
  openChannelsUserProfile: api('openChannelsUserProfile', async (o) => (await openChannelsLiveDialog(o as ChannelsTarget), {})),
  chooseAddress: privateApi('chooseAddress', chooseAddress),
  showShareMenu: ok('showShareMenu'),
  hideShareMenu: ok('hideShareMenu'),
  updateShareMenu: ok('updateShareMenu'),
  setClipboardData: privateApi('setClipboardData', async (o) => {
    clipboard = String(o.data ?? '');
    await navigator.clipboard?.writeText(clipboard).catch(() => undefined);
    toast({ title: '内容已复制', icon: 'none' });
    return {};
  }),
  getClipboardData: privateApi('getClipboardData', () => ({ data: clipboard })),
  saveImageToPhotosAlbum: privateApi('saveImageToPhotosAlbum', (o) => {
    download(String(o.filePath ?? ''), `image-${Date.now()}.png`);
    toast({ title: '已保存到相册（已下载）', icon: 'none' });
    return {};
  }),
  canvasToTempFilePath: api('canvasToTempFilePath', canvasToTempFilePath),
  previewImage: api('previewImage', previewImage),
  chooseMedia: api('chooseMedia', chooseMedia),
  uploadFile: api('uploadFile', uploadFile),
  getImageInfo: api('getImageInfo', async (o) => {
    const img = new Image();
    img.src = sameOrigin(String(o.src ?? ''));
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight, path: img.src, type: 'png', orientation: 'up' };
  }),
  downloadFile: api('downloadFile', async (o) => {
    const res = await fetch(sameOrigin(String(o.url ?? '')));
    return { statusCode: res.status, tempFilePath: URL.createObjectURL(await res.blob()) };
  }),
  // 发送给朋友: the preview has no chats, so the file is saved as a browser download after the same prompt
  shareFileMessage: api('shareFileMessage', async (o) => {
    const fileName = String(o.fileName ?? 'file');
    const yes = await dialog({ title: '发送给朋友', content: fileName, buttons: [{ text: '取消', value: false }, { text: '发送', value: true, primary: true }] });
    if (!yes) throw new Error('shareFileMessage:fail cancel');
    const a = document.createElement('a');
    a.href = String(o.filePath ?? '');
    a.download = fileName;
    a.click();
    return {};
  }),
  makePhoneCall: api('makePhoneCall', async (o) => {
    await dialog({ title: '拨打电话', content: String(o.phoneNumber ?? ''), buttons: OK });
    return {};
  }),
  openCustomerServiceChat: api('openCustomerServiceChat', async () => {
    await dialog({ title: '客服会话', content: '预览中不连接企业微信客服。', buttons: OK });
    return {};
  }),
  getUserProfile: privateApi('getUserProfile', async (o) => {
    const yes = await dialog({ title: '获取你的昵称、头像', content: String(o.desc ?? ''), buttons: [{ text: '拒绝', value: false }, { text: '允许', value: true, primary: true }] });
    if (!yes) throw new Error('getUserProfile:fail auth deny');
    return { userInfo: { nickName: '预览用户', avatarUrl: '', gender: 0, language: 'zh_CN' } };
  }),
  login: api('login', () => ({ code: `preview-${currentIdentity() ?? 'user'}` })),
  checkSession: ok('checkSession'),
  getSetting: api('getSetting', () => ({ authSetting: {}, subscriptionsSetting: { mainSwitch: true, itemSettings: {} } })),
  openSetting: api('openSetting', () => ({ authSetting: {} })),
  // privacy (用户隐私保护指引)
  onNeedPrivacyAuthorization,
  getPrivacySetting: api('getPrivacySetting', privacySetting),
  openPrivacyContract: api('openPrivacyContract', async () => (await openPrivacyContract(), {})),
  requirePrivacyAuthorize: api('requirePrivacyAuthorize', async () => (await requirePrivacy('requirePrivacyAuthorize'), {})),
  authorize: ok('authorize'),
  vibrateShort: ok('vibrateShort'),
  vibrateLong: ok('vibrateLong'),
  setKeepScreenOn: ok('setKeepScreenOn'),
  getNetworkType: api('getNetworkType', () => ({ networkType: 'wifi' })),
  onNetworkStatusChange: noop,
  offNetworkStatusChange: noop,
  onAppShow: noop,
  offAppShow: noop,
  onAppHide: noop,
  offAppHide: noop,
  onError: noop,
  reportEvent: noop,
  reportAnalytics: noop,
  loadFontFace: ok('loadFontFace'),
  // system
  getSystemInfoSync: systemInfo,
  getSystemInfo: api('getSystemInfo', systemInfo),
  getWindowInfo: systemInfo,
  getDeviceInfo: systemInfo,
  getAppBaseInfo: systemInfo,
  getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
  getAppAuthorizeSetting: () => ({}),
  getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 50, right: 368, bottom: 82, left: 281 }),
  getAccountInfoSync: () => ({ miniProgram: { appId: 'preview', envVersion: 'develop', version: '' }, plugin: {} }),
  getLaunchOptionsSync: launchOptions,
  getEnterOptionsSync: launchOptions,
  getUpdateManager: () => ({ onCheckForUpdate: noop, onUpdateReady: noop, onUpdateFailed: noop, applyUpdate: noop }),
  canIUse: () => true,
  nextTick: (fn: () => void) => window.setTimeout(fn, 0),
  createSelectorQuery: () => new SelectorQuery(currentPage()?.node ?? null),
  createAnimation: animation,
  createCanvasContext: () => {
    throw new Error('wx.createCanvasContext (the legacy canvas) is not in the preview: use <canvas type="2d">');
  },
  env: { USER_DATA_PATH: 'preview://usr' },
  getCurrentPages: () => pageCallers(),
};

let clipboard = '';

const warned = new Set<string>();

/** `wx`: the implemented APIs, and for anything else a function that fails plainly. */
export function createWx(): Record<string, unknown> {
  return new Proxy(wxImpl, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (options: Options = {}) => {
        if (!warned.has(prop)) {
          warned.add(prop);
          console.warn(`[preview] wx.${prop} is not in the preview`);
        }
        const res = { errMsg: `${prop}:fail not supported in the preview` };
        options.fail?.(res);
        options.complete?.(res);
        return options.success || options.fail || options.complete ? undefined : Promise.reject(res);
      };
    },
    has: (target, prop) => prop in target,
  });
}
