/**
 * The `wx` the page tests run against: in-memory storage, navigation and toasts recorded, and
 * backend calls (wx.request in local mode, wx.cloud.callFunction in cloud mode) routed to a
 * backend the test sets: usually the real kernel on a fresh SQLite file (see useRuntime).
 */
import type { TestRuntime } from '../../helpers/runtime';
import { UPLOAD_RULES, type UploadPurpose } from '../../../cloudfunctions/core/ports';

export interface BackendCall {
  transport: 'request' | 'cloud';
  fn: string;
  action: string;
  data: unknown;
  requestId?: string;
  openid: string | null;
  url?: string;
}

/** A reply for an intercepted call: an ApiResult body, or a transport failure. */
export type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } } | 'network' | { http: number; body: unknown };
export type Responder = (call: BackendCall) => Reply | Promise<Reply>;
export type Backend = (call: BackendCall) => Promise<unknown>;

interface Interceptor {
  fn: string;
  action: string;
  responder: Responder;
  times: number;
}

export type Answer = Record<string, unknown> | { fail: string };

/** What a `wx.onNeedPrivacyAuthorization` listener's resolve is called with. */
export type PrivacyAnswer = { event: 'agree'; buttonId?: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };
type PrivacyListener = (resolve: (answer: PrivacyAnswer) => void, info: { referrer: string }) => void;

/** The privacy APIs the app calls: each waits for the user's privacy consent (see privacyGate). */
export const PRIVACY_APIS: readonly string[] = ['chooseAddress', 'saveImageToPhotosAlbum', 'setClipboardData', 'getClipboardData'];

export interface Recorded {
  api: string;
  args: unknown;
}

class WxMock {
  storage = new Map<string, string>();
  calls: BackendCall[] = [];
  recorded: Recorded[] = [];
  backend: Backend | null = null;
  interceptors: Interceptor[] = [];
  /** the OPENID the cloud transport reports (WeChat fills it from the session) */
  cloudOpenid = 'demo-shopper';
  app: IAppOption = { globalData: { attribution: null } };
  /** what wx.requestSubscribeMessage answers: template → answer for each asked id ('fail': the dialog fails) */
  subscribeAnswer: 'accept' | 'reject' | 'ban' | 'filter' | 'fail' = 'accept';
  /** the state wx.reserveChannelsLive reports ('fail': the dialog fails) */
  channelsState: number | 'fail' = 6;
  /** queued answers for dialogs and sheets (showModal, chooseAddress, requestPayment), see `answer` */
  answers = new Map<string, Answer[]>();
  /** whether the user has agreed to the privacy policy; until then privacy APIs wait for the app's pop-up */
  privacyAgreed = true;
  privacyListener: PrivacyListener | null = null;
  /** the ids of agreePrivacyAuthorization buttons the user tapped (WeChat checks the one resolve names) */
  agreeButtons = new Set<string>();
  /** temporary files the user picked (chooseAvatar, chooseMedia): path → bytes, what wx.uploadFile sends */
  tempFiles = new Map<string, Buffer>();
  /** what POST /files answers for an upload (useRuntime: the runtime's storage, as the local server does) */
  uploader: ((purpose: string, bytes: Buffer, openid: string | null) => { status: number; body: unknown }) | null = null;
  private pending = 0;

  reset() {
    this.storage.clear();
    this.tempFiles.clear();
    this.uploader = null;
    this.calls = [];
    this.recorded = [];
    this.backend = null;
    this.interceptors = [];
    this.cloudOpenid = 'demo-shopper';
    this.app = { globalData: { attribution: null } };
    this.subscribeAnswer = 'accept';
    this.channelsState = 6;
    this.answers.clear();
    this.privacyAgreed = true;
    this.privacyListener = null;
    this.agreeButtons.clear();
  }

  /** The user taps a `<button open-type="agreePrivacyAuthorization">`: agreed, as WeChat records it. */
  tapAgreeButton(id: string) {
    this.agreeButtons.add(id);
    this.privacyAgreed = true;
  }

  /**
   * Queues what the next call of `api` answers: fields for its success result ({ confirm: true }
   * for showModal, an address for chooseAddress) or { fail: errMsg }. Unanswered calls succeed
   * with just their errMsg.
   */
  answer(api: string, answer: Answer) {
    const queue = this.answers.get(api) ?? [];
    queue.push(answer);
    this.answers.set(api, queue);
  }

  /** every wx API call of that name, in order */
  of(api: string): unknown[] {
    return this.recorded.filter((r) => r.api === api).map((r) => r.args);
  }

  /** backend calls to `fn.action` */
  callsTo(fn: string, action?: string): BackendCall[] {
    return this.calls.filter((c) => c.fn === fn && (action === undefined || c.action === action));
  }

  /** Answers the next `times` calls to `fn.action` (all of them when times is Infinity) with `responder`. */
  intercept(fn: string, action: string, responder: Responder | Reply, times = Infinity) {
    const r: Responder = typeof responder === 'function' ? responder : () => responder;
    this.interceptors.push({ fn, action, responder: r, times });
  }

  /** Waits until every backend call has answered and the pages have handled the answers. */
  async settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.pending === 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.pending === 0) return;
      }
    }
    throw new Error('backend calls did not settle');
  }

  async dispatch(call: BackendCall): Promise<{ reply: Reply }> {
    this.calls.push(call);
    this.pending++;
    try {
      const i = this.interceptors.findIndex((x) => x.fn === call.fn && x.action === call.action && x.times > 0);
      if (i >= 0) {
        const interceptor = this.interceptors[i];
        interceptor.times--;
        return { reply: await interceptor.responder(call) };
      }
      if (!this.backend) return { reply: 'network' };
      return { reply: (await this.backend(call)) as Reply };
    } finally {
      // let the page's handlers run before the call counts as answered
      setTimeout(() => this.pending--, 0);
    }
  }

  record(api: string, args: unknown) {
    this.recorded.push({ api, args });
  }
}

export const mp = new WxMock();

/**
 * Routes every call to the real kernel, as the local server would; POST /dev/pay (recorded as
 * fn 'dev', action 'pay') has the runtime's simulated WeChat Pay settle the order, answered as
 * scripts/local/server.ts answers it.
 */
export function useRuntime(rt: TestRuntime) {
  mp.uploader = (purpose, bytes, openid) => {
    if (!openid) return { status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'X-WX-OPENID is required' } } };
    if (!Object.hasOwn(UPLOAD_RULES, purpose)) return { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message: 'purpose' } } };
    const saved = rt.storage.save(purpose as UploadPurpose, bytes);
    return saved.ok ? { status: 200, body: { ok: true, fileId: saved.fileId } } : { status: 400, body: { ok: false, error: { code: 'FILE_INVALID', message: saved.reason } } };
  };
  mp.backend = async (call) => {
    if (call.fn === 'dev' && call.action === 'pay') {
      const a = await rt.devPay(String((call.data as { orderId?: unknown } | null)?.orderId ?? ''));
      return { http: a.status === 204 ? 200 : a.status, body: { ok: a.status === 204, notification: { status: a.status, body: a.body } } };
    }
    return rt.call(call.fn, { action: call.action, data: call.data, ...(call.requestId ? { requestId: call.requestId } : {}) }, call.openid);
  };
}

type Callbacks<S> = { success?: (res: S) => void; fail?: (err: { errMsg: string }) => void; complete?: () => void };

function finish<S>(opts: Callbacks<S>, outcome: { ok: true; res: S } | { ok: false; errMsg: string }) {
  if (outcome.ok) opts.success?.(outcome.res);
  else opts.fail?.({ errMsg: outcome.errMsg });
  opts.complete?.();
}

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/**
 * WeChat's privacy check before a privacy API runs: agreed (or no listener: the platform's own
 * pop-up, taken as agreed) it goes on at once; otherwise the app's listener gets a resolve and the
 * API waits — `agree` naming a tapped agree button lets it go on, anything else fails it with
 * "privacy permission is not authorized". Every resolve call is recorded as `privacyResolve`.
 */
export function privacyGate(api: string, go: (denied?: string) => void) {
  if (!PRIVACY_APIS.includes(api) || mp.privacyAgreed || !mp.privacyListener) return go();
  mp.record('needPrivacyAuthorization', { referrer: api });
  let done = false;
  mp.privacyListener(
    (answer) => {
      mp.record('privacyResolve', answer);
      if (done || answer.event === 'exposureAuthorization') return;
      done = true;
      if (answer.event === 'agree' && answer.buttonId && mp.agreeButtons.has(answer.buttonId)) {
        mp.privacyAgreed = true;
        go();
      } else go(`${api}:fail privacy permission is not authorized`);
    },
    { referrer: api },
  );
}

function recorder(api: string) {
  return (opts: Callbacks<{ errMsg: string }> & Record<string, unknown> = {}) => {
    const { success, fail, complete, ...args } = opts;
    mp.record(api, args);
    privacyGate(api, (denied) => {
      const answer = denied ? { fail: denied } : mp.answers.get(api)?.shift();
      const outcome =
        answer && 'fail' in answer && typeof answer.fail === 'string'
          ? { ok: false as const, errMsg: answer.fail }
          : { ok: true as const, res: { errMsg: `${api}:ok`, ...(answer ?? {}) } };
      setTimeout(() => finish({ success, fail, complete }, outcome), 0);
    });
  };
}

function request(opts: Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }> & {
  url: string;
  data?: unknown;
  header?: Record<string, string>;
  method?: string;
}) {
  const m = /\/api\/([A-Za-z0-9_-]+)$/.exec(opts.url);
  if (/\/dev\/pay$/.test(opts.url)) return devRequest(opts);
  const body = (typeof opts.data === 'string' ? JSON.parse(opts.data) : clone(opts.data)) as {
    action: string;
    data: unknown;
    requestId?: string;
  };
  const header = opts.header ?? {};
  const openid = header['X-WX-OPENID'] ?? null;
  const call: BackendCall = { transport: 'request', fn: m?.[1] ?? '', action: body?.action, data: body?.data, openid, url: opts.url };
  if (body?.requestId) call.requestId = body.requestId;
  void mp.dispatch(call).then(({ reply }) => {
    if (reply === 'network') return finish(opts, { ok: false, errMsg: 'request:fail' });
    if ('http' in reply) return finish(opts, { ok: true, res: { statusCode: reply.http, data: clone(reply.body), header: {} } });
    finish(opts, { ok: true, res: { statusCode: 200, data: clone(reply), header: {} } });
  });
  return { abort: () => undefined };
}

/** POST {localBaseUrl}/dev/pay {orderId}: the local runtime's simulated payment (not an API envelope). */
function devRequest(opts: Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }> & { url: string; data?: unknown; header?: Record<string, string> }) {
  const data = typeof opts.data === 'string' ? JSON.parse(opts.data) : clone(opts.data);
  const call: BackendCall = { transport: 'request', fn: 'dev', action: 'pay', data, openid: opts.header?.['X-WX-OPENID'] ?? null, url: opts.url };
  void mp.dispatch(call).then(({ reply }) => {
    if (reply === 'network') return finish(opts, { ok: false, errMsg: 'request:fail' });
    if ('http' in reply) return finish(opts, { ok: true, res: { statusCode: reply.http, data: clone(reply.body), header: {} } });
    finish(opts, { ok: true, res: { statusCode: 200, data: clone(reply), header: {} } });
  });
  return { abort: () => undefined };
}

function callFunction(opts: Callbacks<{ result: unknown; errMsg: string }> & { name: string; data?: { action: string; data: unknown; requestId?: string } }) {
  const body = clone(opts.data);
  const call: BackendCall = { transport: 'cloud', fn: opts.name, action: body?.action ?? '', data: body?.data, openid: mp.cloudOpenid };
  if (body?.requestId) call.requestId = body.requestId;
  void mp.dispatch(call).then(({ reply }) => {
    if (reply === 'network') return finish(opts, { ok: false, errMsg: 'cloud.callFunction:fail' });
    const result = 'http' in reply ? reply.body : reply;
    finish(opts, { ok: true, res: { result: clone(result), errMsg: 'cloud.callFunction:ok' } });
  });
}

/** wx.uploadFile to the local runtime's POST /files, answered as scripts/local/server.ts answers it. */
function uploadFile(opts: Callbacks<{ statusCode: number; data: string }> & { url: string; filePath: string; name: string; header?: Record<string, string> }) {
  mp.record('uploadFile', { url: opts.url, filePath: opts.filePath, name: opts.name });
  const bytes = mp.tempFiles.get(opts.filePath);
  const purpose = new URL(opts.url).searchParams.get('purpose') ?? '';
  setTimeout(() => {
    if (!bytes) return finish(opts, { ok: false, errMsg: 'uploadFile:fail file not found' });
    if (!mp.uploader) return finish(opts, { ok: false, errMsg: 'uploadFile:fail no server' });
    const answer = mp.uploader(purpose, bytes, opts.header?.['X-WX-OPENID'] ?? null);
    finish(opts, { ok: true, res: { statusCode: answer.status, data: JSON.stringify(answer.body) } });
  }, 0);
}

export const wxMock = {
  request,
  uploadFile,
  cloud: {
    init: (options: unknown) => mp.record('cloud.init', options),
    callFunction,
  },
  getStorageSync(key: string): unknown {
    const raw = mp.storage.get(key);
    return raw === undefined ? '' : JSON.parse(raw);
  },
  setStorageSync(key: string, value: unknown) {
    mp.storage.set(key, JSON.stringify(value));
  },
  removeStorageSync(key: string) {
    mp.storage.delete(key);
  },
  clearStorageSync() {
    mp.storage.clear();
  },
  showToast: recorder('showToast'),
  showModal: recorder('showModal'),
  chooseAddress: recorder('chooseAddress'),
  requestPayment: recorder('requestPayment'),
  showLoading: recorder('showLoading'),
  hideLoading: recorder('hideLoading'),
  navigateTo: recorder('navigateTo'),
  redirectTo: recorder('redirectTo'),
  switchTab: recorder('switchTab'),
  reLaunch: recorder('reLaunch'),
  navigateBack: recorder('navigateBack'),
  stopPullDownRefresh: recorder('stopPullDownRefresh'),
  previewImage: recorder('previewImage'),
  setNavigationBarTitle: recorder('setNavigationBarTitle'),
  setClipboardData: recorder('setClipboardData'),
  openChannelsLive: recorder('openChannelsLive'),
  openBusinessView: recorder('openBusinessView'),
  downloadFile: recorder('downloadFile'),
  shareFileMessage: recorder('shareFileMessage'),
  openCustomerServiceChat: recorder('openCustomerServiceChat'),
  openPrivacyContract: recorder('openPrivacyContract'),
  onNeedPrivacyAuthorization(listener: PrivacyListener) {
    mp.record('onNeedPrivacyAuthorization', {});
    mp.privacyListener = listener;
  },
  getPrivacySetting(opts: Callbacks<{ errMsg: string; needAuthorization: boolean; privacyContractName: string }>) {
    mp.record('getPrivacySetting', {});
    const res = { errMsg: 'getPrivacySetting:ok', needAuthorization: !mp.privacyAgreed, privacyContractName: '《直播好物小程序隐私保护指引》' };
    setTimeout(() => finish(opts, { ok: true, res }), 0);
  },
  requestSubscribeMessage(opts: Callbacks<Record<string, string>> & { tmplIds: string[] }) {
    const { success, fail, complete, ...args } = opts;
    mp.record('requestSubscribeMessage', args);
    const answer = mp.subscribeAnswer;
    const res: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of opts.tmplIds) res[id] = answer;
    setTimeout(() => finish({ success, fail, complete }, answer === 'fail' ? { ok: false, errMsg: 'requestSubscribeMessage:fail' } : { ok: true, res }), 0);
  },
  reserveChannelsLive(opts: Callbacks<{ errMsg: string; state: number }> & { noticeId: string }) {
    const { success, fail, complete, ...args } = opts;
    mp.record('reserveChannelsLive', args);
    const state = mp.channelsState;
    setTimeout(
      () => finish({ success, fail, complete }, state === 'fail' ? { ok: false, errMsg: 'reserveChannelsLive:fail' } : { ok: true, res: { errMsg: 'reserveChannelsLive:ok', state } }),
      0,
    );
  },
};
