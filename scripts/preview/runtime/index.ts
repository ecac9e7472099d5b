/**
 * The preview's browser entry: installs `wx` and the constructors, registers the built-ins, runs
 * the mini program's modules (app.ts first), and opens the page in the location hash.
 */
import './styles/builtins.css';
import './styles/shell.css';
import utils from 'j-component/src/tool/utils';
import JSelectorQuery from 'j-component/src/tool/selectorquery';
import { registerBuiltins } from './builtins';
import type { Manifest, ModuleEntry } from './manifest';
import { setLocalBase } from './origin';
import { mountOverlays } from './overlays';
import { getAppInstance, installConstructors, loadErrors, loadModules } from './registry';
import { currentPage, installRouter, openHash, pageCallers, sharesMade } from './router';
import { SelectorQuery } from './selector-query';
import { mountShell, showLoadErrors } from './shell';
import { bindEvents } from './events';
import { createWx, downloadsMade, launchOptions, networkLog } from './wx';

const BASE_WIDTH = 750;

/** Inline styles from templates ("width: {{w}}rpx"): WeChat's rpx rule for the frame width. */
function patchRpx(frameWidth: number): void {
  utils.transformRpx = (style: string) =>
    String(style).replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => {
      const v = Number(n);
      if (v === 0) return '0px';
      const px = Math.floor((v / BASE_WIDTH) * frameWidth + 1e-4);
      return `${px === 0 ? 0.5 : px}px`;
    });
}

/** Components' own this.createSelectorQuery() (j-component's) answers through the preview's, which knows canvas nodes. */
function patchComponentQueries(): void {
  type Item = { selector: string; exparserNode: unknown; isSelectSingle: boolean; fields: Record<string, unknown> };
  type JQuery = { _queue: Item[]; _queueCallback: Array<((res: unknown) => void) | null>; select(s: string): { constructor: { prototype: Record<string, unknown> } } };
  const proto = JSelectorQuery.prototype as unknown as Record<string, unknown>;
  proto.exec = function exec(this: JQuery, callback?: (res: unknown[]) => void) {
    const query = new SelectorQuery(null);
    this._queue.forEach((item, i) =>
      query.push({
        root: item.exparserNode === 0 ? null : (item.exparserNode as never),
        selector: item.selector,
        single: item.isSelectSingle,
        viewport: item.exparserNode === 0,
        fields: item.fields,
        callback: this._queueCallback[i] ?? undefined,
      }),
    );
    this._queue = [];
    this._queueCallback = [];
    query.exec(callback);
    return this;
  };
  const sample = new (JSelectorQuery as unknown as new (c: unknown) => JQuery)(null);
  const nodesRef = sample.select('x').constructor.prototype;
  nodesRef.node = function node(this: { _selectorQuery: { _push: (...a: unknown[]) => unknown }; _selector: string; _exparserNode: unknown; _isSelectSingle: boolean }, cb?: (res: unknown) => void) {
    return this._selectorQuery._push(this._selector, this._exparserNode, this._isSelectSingle, { node: true }, cb);
  };
}

export function boot(manifest: Manifest, modules: ModuleEntry[], appScript: () => unknown): void {
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.wx = createWx();
  globals.getCurrentPages = pageCallers;
  globals.__wxConfig = { envVersion: 'develop', platform: 'devtools', pages: manifest.pages };
  setLocalBase(manifest.localBaseUrl);
  patchRpx(manifest.frameWidth);
  patchComponentQueries();
  installConstructors();
  registerBuiltins();

  const shell = mountShell(manifest, document.getElementById('preview') ?? document.body);
  mountOverlays(shell.overlays);
  installRouter(manifest, modules, shell);
  bindEvents(shell.stack);

  loadModules(modules, appScript);
  showLoadErrors(shell.errors, loadErrors);
  const app = getAppInstance();
  const launch = launchOptions();
  for (const hook of ['onLaunch', 'onShow']) {
    const fn = app?.[hook];
    if (typeof fn === 'function') {
      try {
        (fn as (o: unknown) => void).call(app, launch);
      } catch (e) {
        console.error(`[preview] App ${hook} threw`, e);
      }
    }
  }
  openHash(location.hash);

  // for tests and the curious: what the preview did that a page cannot show
  globals.__preview = {
    ready: true,
    route: () => currentPage()?.route ?? null,
    query: () => currentPage()?.query ?? null,
    data: () => JSON.parse(JSON.stringify(currentPage()?.caller.data ?? null)) as unknown,
    stack: () => pageCallers().map((c) => c.route),
    shares: sharesMade,
    downloads: downloadsMade,
    network: networkLog,
    loadErrors: () => Object.fromEntries(loadErrors),
  };
}
