/**
 * The preview's browser entry: installs `wx` and the constructors, registers the built-ins, runs
 * the mini program's modules (app.ts first), and opens the page in the location hash.
 */
import './styles/builtins.css';
import './styles/shell.css';
import { registerBuiltins } from './builtins';
import { configureIdentity } from './identity';
import type { Manifest, ModuleEntry } from './manifest';
import { setLocalBase } from './origin';
import { mountOverlays } from './overlays';
import { getAppInstance, installConstructors, loadErrors, loadModules } from './registry';
import { currentPage, installRouter, openHash, pageCallers, sharesMade } from './router';
import { SelectorQuery } from './selector-query';
import { mountShell, showLoadErrors } from './shell';
import { bindEvents } from './events';
import { configureWx, createWx, downloadsMade, launchOptions, networkLog } from './wx';

/**
 * Starts the preview: `wx` and the constructors, the built-ins, the shell around the phone, every
 * module (app first), App's onLaunch/onShow, then the page in the location hash.
 */
export function boot(manifest: Manifest, modules: ModuleEntry[], appScript: () => unknown): void {
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.wx = createWx();
  globals.getCurrentPages = pageCallers;
  globals.__wxConfig = { envVersion: 'develop', platform: 'devtools', pages: manifest.pages };
  setLocalBase(manifest.app.localBaseUrl ?? '');
  configureIdentity(manifest.app.identity);
  configureWx(manifest.app);
  installConstructors({ frameWidth: manifest.frameWidth, selectorQuery: (node) => new SelectorQuery(node) });
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
