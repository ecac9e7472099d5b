/**
 * Builds the browser preview of the mini program into dist/preview/ (served at / by the local
 * runtime): every page and component's WXML compiled by the official wcc (wxml.js), WXSS by the
 * official wcsc with rpx filled for the frame width (mp.css), and one esbuild bundle (preview.js,
 * preview.css) holding exparser / j-component, the built-ins, the `wx` shim and the pages' own
 * TypeScript. What the preview must know of this app (identities, links, where functions and
 * payments go) comes from app-config.ts, handed to the runtime in the manifest. Nothing here
 * reaches the cloud function bundles (scripts/build.ts builds those).
 *
 * `npm start` builds it before serving; `tsx scripts/preview/build.ts` builds it alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { APP_PREVIEW } from './app-config';
import { collectApp, type AppModel, type ModuleInfo } from './collect';
import type { AppPreviewConfig, Manifest } from './runtime/manifest';
import { PREVIEW_DIR } from './serve';
import { compileWxss, componentCss, renderSheet, scopeToPage } from './wxss';

// untyped package; loaded with require as tests/compile/compilers.ts does
const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs(root: string, options?: { maxBuffer?: number }): string };

/** wcc writes the whole app's templates to stdout, well past Node's 1 MB default buffer. */
const WCC_MAX_BUFFER = 64 * 1024 * 1024;

/** This repository's mini program. */
const DEFAULT_ROOT = path.resolve(__dirname, '../../miniprogram');

export const FRAME_WIDTH = 375;
export const FRAME_HEIGHT = 812;

export { PREVIEW_DIR };

export interface PreviewBuildOptions {
  /** the mini program root (default miniprogram/) */
  root?: string;
  outDir?: string;
  /** the app side's configuration of the preview (default: app-config.ts for the default root, none for another) */
  app?: AppPreviewConfig;
}

export interface PreviewBuildResult {
  outDir: string;
  ms: number;
  pages: number;
  components: number;
  bytes: Record<string, number>;
}

const json = (value: unknown) => JSON.stringify(value);

function manifestOf(model: AppModel, app: AppPreviewConfig): Manifest {
  return {
    pages: model.pages,
    subPackageOf: model.subPackageOf,
    window: (model.app.window ?? {}) as Manifest['window'],
    tabBar: model.app.tabBar ?? null,
    modules: model.modules.map(({ path: p, kind, id, tagName, classPrefix, json: j, usingComponents }) => ({ path: p, kind, id, tagName, classPrefix, json: j, usingComponents })),
    app,
    frameWidth: FRAME_WIDTH,
    frameHeight: FRAME_HEIGHT,
    builtAt: Date.now(),
  };
}

/** The bundle's entry: the manifest, and a loader per module so each runs when the registry asks. */
function entrySource(model: AppModel, manifest: Manifest): string {
  const loaders = model.modules.map((m: ModuleInfo) => `  ${json(m.path)}: () => require(${json(m.script)}),`).join('\n');
  const appScript = ['app.ts', 'app.js'].map((f) => path.join(model.root, f)).find((f) => fs.existsSync(f));
  return [
    "import { boot } from './runtime/index';",
    `const manifest = ${json(manifest)};`,
    `const loaders = {\n${loaders}\n};`,
    'const modules = manifest.modules.map((m) => ({ ...m, load: loaders[m.path] }));',
    `boot(manifest, modules, () => ${appScript ? `require(${json(appScript)})` : 'undefined'});`,
  ].join('\n');
}

/**
 * Vant's icon font comes from a CDN in WeChat; the preview works offline, so the same font is
 * taken from @vant/icons (which ships it inline) when that package is installed.
 */
function localIconFont(css: string): string {
  let font: string;
  try {
    const less = fs.readFileSync(require.resolve('@vant/icons/src/encode-woff2.less'), 'utf8');
    font = /url\('(data:font\/woff2[^']+)'\)/.exec(less)?.[1] ?? '';
  } catch {
    return css;
  }
  if (!font) return css;
  return css.replace(/src:url\(\/\/at\.alicdn\.com[^)]*\) format\("woff2"\)(,url\(\/\/at\.alicdn\.com[^)]*\) format\("woff"\))?/g, `src:url(${font}) format("woff2")`);
}

/** Every page and component stylesheet, scoped and prefixed; app.wxss applies to every page. */
function stylesheet(model: AppModel): string {
  const compiled = compileWxss(model.root);
  const parts: string[] = [`/* app.wxss */\n${scopeToPage(renderSheet(compiled, 'app.wxss', '', FRAME_WIDTH), '.wx-page')}`];
  // :host is the component's own element
  const tags = new Map(model.modules.map((m) => [m.path, m.tagName]));
  const hosts = compiled.hosts.map((sheet) => renderSheet(compiled, sheet, '', FRAME_WIDTH)).join('');
  parts.push(`/* :host rules */\n${hosts.replace(/\[is="([^"]+)"\]/g, (all, value: string) => tags.get(value) ?? all)}`);
  for (const m of model.modules.filter((x) => x.kind === 'component')) {
    parts.push(`/* ${m.path}.wxss */\n${componentCss(renderSheet(compiled, `${m.path}.wxss`, m.classPrefix, FRAME_WIDTH))}`);
  }
  for (const m of model.modules.filter((x) => x.kind === 'page')) {
    const scope = `.wx-page[data-route="${m.path}"]`;
    parts.push(`/* ${m.path}.wxss */\n${scope} > ${m.tagName} { display: block; }\n${scopeToPage(renderSheet(compiled, `${m.path}.wxss`, '', FRAME_WIDTH), scope)}`);
  }
  return localIconFont(parts.join('\n'));
}

const html = (title: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/preview/preview.css">
<link rel="stylesheet" href="/preview/mp.css">
</head>
<body>
<div id="preview"></div>
<script src="/preview/wxml.js"></script>
<script src="/preview/preview.js"></script>
</body>
</html>
`;

export async function buildPreview(options: PreviewBuildOptions = {}): Promise<PreviewBuildResult> {
  const started = Date.now();
  const root = path.resolve(options.root ?? DEFAULT_ROOT);
  const outDir = path.resolve(options.outDir ?? PREVIEW_DIR);
  const model = collectApp(root);
  const manifest = manifestOf(model, options.app ?? (root === DEFAULT_ROOT ? APP_PREVIEW : {}));
  fs.mkdirSync(outDir, { recursive: true });

  // wcc's output is sloppy-mode script that defines the global $gwx: shipped as its own <script>
  fs.writeFileSync(path.join(outDir, 'wxml.js'), `${wxmlToJs(root, { maxBuffer: WCC_MAX_BUFFER }).replace(/\n\s*return \$gwx;\s*$/, '\n')}\n`);
  fs.writeFileSync(path.join(outDir, 'mp.css'), stylesheet(model));
  const result = await build({
    stdin: { contents: entrySource(model, manifest), resolveDir: __dirname, sourcefile: 'preview-entry.js', loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome100',
    outfile: path.join(outDir, 'preview.js'),
    sourcemap: 'linked',
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'));
  fs.writeFileSync(path.join(outDir, 'index.html'), html(`${manifest.window.navigationBarTitleText ?? '小程序'} · 预览`));

  const bytes: Record<string, number> = {};
  for (const f of fs.readdirSync(outDir)) bytes[f] = fs.statSync(path.join(outDir, f)).size;
  return {
    outDir,
    ms: Date.now() - started,
    pages: model.pages.length,
    components: model.modules.filter((m) => m.kind === 'component').length,
    bytes,
  };
}

if (require.main === module) {
  buildPreview()
    .then((r) => console.log(`preview: ${r.pages} pages, ${r.components} components → ${path.relative(process.cwd(), r.outDir)} in ${r.ms} ms`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
