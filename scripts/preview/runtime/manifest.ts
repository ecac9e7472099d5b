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

export interface Manifest {
  pages: string[];
  subPackageOf: Record<string, string>;
  window: WindowStyle;
  tabBar: TabBar | null;
  modules: ModuleManifest[];
  /** the origin the mini program's config calls in local mode (rewritten to the preview's own) */
  localBaseUrl: string;
  /** the frame's CSS width: 750rpx */
  frameWidth: number;
  frameHeight: number;
  builtAt: number;
}

export interface ModuleEntry extends ModuleManifest {
  load: () => unknown;
}
