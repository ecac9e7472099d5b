/**
 * Mini program globals as the Node-side type check (tsconfig.node.json) sees the mini program
 * modules that page tests import. The mini program itself is checked strictly against
 * miniprogram-api-typings by tsconfig.json; those typings redeclare `require` and `module` for the
 * WeChat runtime, so they are kept out of the Node program, and `wx` here declares only what
 * those modules call (tests/pages/helpers/wx.ts implements it).
 */
interface MiniProgramFail {
  errMsg: string;
}

interface MiniProgramWx {
  request(options: {
    url: string;
    method?: string;
    data?: unknown;
    header?: Record<string, string>;
    timeout?: number;
    success?: (res: { statusCode: number; data: unknown }) => void;
    fail?: (err: MiniProgramFail) => void;
  }): unknown;
  cloud: {
    init(options: { env?: string; traceUser?: boolean }): void;
    callFunction(options: {
      name: string;
      data?: object;
      success?: (res: { result: unknown }) => void;
      fail?: (err: MiniProgramFail) => void;
    }): unknown;
    uploadFile(options: { cloudPath: string; filePath: string; success?: (res: { fileID: string }) => void; fail?: (err: MiniProgramFail) => void }): unknown;
  };
  uploadFile(options: {
    url: string;
    filePath: string;
    name: string;
    header?: Record<string, string>;
    success?: (res: { statusCode: number; data: string }) => void;
    fail?: (err: MiniProgramFail) => void;
  }): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  showModal(options: {
    title: string;
    content?: string;
    confirmText?: string;
    cancelText?: string;
    success?: (res: { confirm: boolean; cancel: boolean }) => void;
    fail?: (err: MiniProgramFail) => void;
  }): void;
  requestPayment(options: {
    timeStamp: string;
    nonceStr: string;
    package: string;
    signType: 'RSA' | 'MD5' | 'HMAC-SHA256';
    paySign: string;
    success?: () => void;
    fail?: (err: MiniProgramFail) => void;
  }): void;
  navigateTo(options: { url: string; fail?: (err: MiniProgramFail) => void }): void;
  /** the listener gets WeChat's resolve (see miniprogram/utils/privacy.ts) */
  onNeedPrivacyAuthorization(listener: (resolve: never) => void): void;
  getPrivacySetting(options: {
    success?: (res: { needAuthorization: boolean; privacyContractName: string }) => void;
    fail?: (err: MiniProgramFail) => void;
  }): void;
}

declare const wx: MiniProgramWx;

interface IAppOption {
  globalData: {
    attribution: import('../../miniprogram/utils/attribution').Attribution | null;
  };
}

/** The two framework globals the attribution behavior module calls at load and in its methods. */
declare function Behavior<T extends { methods?: Record<string, (this: object, ...args: never[]) => unknown> }>(definition: T): string;
declare function getApp<T = IAppOption>(): T;
