/** What the build hands the browser runtime about the mini program (JSON, plus module loaders). */

export interface WindowStyle {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: 'black' | 'white';
  navigationStyle?: 'default' | 'custom';
  backgroundColor?: string;
  enablePullDownRefresh?: boolean;
  onReachBottomDistance?: number;
}

export interface TabBar {
  color?: string;
  selectedColor?: string;
  backgroundColor?: string;
  borderStyle?: string;
  list: Array<{ pagePath: string; text: string }>;
}

export interface ModuleManifest {
  path: string;
  kind: 'page' | 'component';
  id: string;
  tagName: string;
  classPrefix: string;
  json: Record<string, unknown>;
  usingComponents: Record<string, string>;
}

/** A development identity the app's local server accepts, offered by the side panel. */
export interface DevIdentity {
  id: string;
  label: string;
  note?: string;
}

/** How the app tells callers apart in development, and whom the side panel offers to be. */
export interface IdentityConfig {
  /** the side panel's heading for the switcher */
  title: string;
  /** the storage key (wx.getStorageSync) the mini program reads its identity from; the switcher writes it */
  storageKey: string;
  /** the request header wx.cloud.callFunction carries the identity in */
  header: string;
  /** the identity in use while none is stored */
  fallback: string;
  /** a regular expression (its source) a typed identity must match */
  pattern: string;
  /** the identities offered; any other that matches `pattern` can be typed */
  options: DevIdentity[];
}

/** A deep link the side panel lists: `hash` is `#/<page>?<query>`. */
export interface PreviewLink {
  label: string;
  hash: string;
}

/**
 * What the app side tells the preview, as data: the runtime itself knows no app. Every field is
 * optional; without one the preview does what it would for any mini program.
 */
export interface AppPreviewConfig {
  /** the side panel's introduction */
  intro?: string;
  /** the origin the mini program calls in local mode, rewritten to the preview's own */
  localBaseUrl?: string;
  identity?: IdentityConfig;
  /** deep links listed under the open-page form */
  links?: PreviewLink[];
  /** the open-page form's example path (default: the first page with no query) */
  examplePath?: string;
  /** where wx.cloud.callFunction posts its data, `{name}` standing for the function's name */
  functionUrl?: string;
  /**
   * Where wx.requestPayment's parameters (timeStamp, nonceStr, package, signType, paySign) are
   * posted as JSON once the payment dialog is confirmed: the app's local payment simulator, whose
   * 200 answer means paid. Without it the payment dialog can only be cancelled.
   */
  paymentConfirmUrl?: string;
  /**
   * WeChat's privacy check (runtime/privacy.ts): the name `wx.getPrivacySetting` gives the policy,
   * and the identities that agreed to it before (any other is a new user whom the app must ask).
   */
  privacy?: { contractName?: string; agreedBefore?: string[] };
}

export interface Manifest {
  pages: string[];
  subPackageOf: Record<string, string>;
  window: WindowStyle;
  tabBar: TabBar | null;
  modules: ModuleManifest[];
  /** the app side's configuration of the preview */
  app: AppPreviewConfig;
  /** the frame's CSS width: 750rpx */
  frameWidth: number;
  frameHeight: number;
  builtAt: number;
}

export interface ModuleEntry extends ModuleManifest {
  load: () => unknown;
}
