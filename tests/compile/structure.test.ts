import fs from 'node:fs';
import path from 'node:path';
import { closure, NPM_DIR, npmUses, packageBuildDir, packageOf, resolveComponent as resolveDevTools } from '../../scripts/mp-npm';
import { MINIPROGRAM_ROOT, filesWith } from './compilers';

/** What DevTools checks on opening the project: every declared page and component exists whole. */
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string }> };
  usingComponents?: Record<string, string>;
  sitemapLocation?: string;
}

const app = readJson(path.join(MINIPROGRAM_ROOT, 'app.json')) as unknown as AppJson;
const allPages = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
const PARTS = ['.ts', '.wxml', '.wxss', '.json'];

/**
 * The component a usingComponents entry in `fromJson` names, as a root-relative path without
 * extension, resolved as DevTools does (npm paths through miniprogram_npm); null when nothing is there.
 */
function resolveComponent(fromJson: string, target: string): string | null {
  const abs = resolveDevTools(MINIPROGRAM_ROOT, fromJson, target);
  return abs ? path.relative(MINIPROGRAM_ROOT, abs).split(path.sep).join('/') : null;
}

/** npm components ship built JavaScript; ours are TypeScript that DevTools compiles. */
const partsOf = (component: string) => (component.startsWith(`${NPM_DIR}/`) ? ['.js', '.wxml', '.wxss', '.json'] : PARTS);

/** Every file under a folder, root-relative. */
function allFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(full));
    else out.push(path.relative(MINIPROGRAM_ROOT, full).split(path.sep).join('/'));
  }
  return out.sort();
}

describe('mini program structure', () => {
  it('has the app files', () => {
    for (const f of ['app.ts', 'app.json', 'app.wxss', 'sitemap.json']) expect(fs.existsSync(path.join(MINIPROGRAM_ROOT, f))).toBe(true);
    expect(app.sitemapLocation).toBe('sitemap.json');
  });

  it('opens on home, with the four tabs in order', () => {
    expect(app.pages[0]).toBe('pages/home/index');
    expect(app.tabBar?.list.map((t) => [t.pagePath, t.text])).toEqual([
      ['pages/home/index', '首页'],
      ['pages/live/index', '直播'],
      ['pages/cart/index', '购物车'],
      ['pages/me/index', '我的'],
    ]);
    for (const tab of app.tabBar!.list) expect(app.pages).toContain(tab.pagePath);
  });

  it('keeps staff pages in the admin subpackage only', () => {
    expect(app.subPackages).toEqual([expect.objectContaining({ root: 'admin', pages: expect.arrayContaining(['pages/index/index', 'pages/live-console/index']) })]);
    expect(app.pages.some((p) => p.startsWith('admin/'))).toBe(false);
  });

  it('knows the tab pages where it navigates (utils/nav.ts mirrors app.json)', () => {
    const nav = fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'utils/nav.ts'), 'utf8');
    const listed = /TAB_PAGES = \[([^\]]*)\]/.exec(nav)![1].match(/'[^']+'/g)!.map((s) => s.slice(2, -1));
    expect(listed).toEqual(app.tabBar!.list.map((t) => t.pagePath));
  });

  it.each(allPages)('page %s has its four files', (page) => {
    for (const ext of PARTS) expect(fs.existsSync(path.join(MINIPROGRAM_ROOT, `${page}${ext}`))).toBe(true);
  });

  it('has no page files that app.json does not list', () => {
    const declared = new Set(allPages);
    const pageFiles = filesWith(MINIPROGRAM_ROOT, '.wxml')
      .map((f) => f.replace(/\.wxml$/, ''))
      .filter((f) => !readJson(path.join(MINIPROGRAM_ROOT, `${f}.json`)).component);
    expect(pageFiles.filter((f) => !declared.has(f))).toEqual([]);
  });

  it('resolves every usingComponents entry to a whole component', () => {
    const jsonFiles = filesWith(MINIPROGRAM_ROOT, '.json').filter((f) => f !== 'sitemap.json');
    const problems: string[] = [];
    let checked = 0;
    for (const rel of jsonFiles) {
      const file = path.join(MINIPROGRAM_ROOT, rel);
      const using = (readJson(file).usingComponents ?? {}) as Record<string, string>;
      for (const [tag, target] of Object.entries(using)) {
        checked++;
        const component = resolveComponent(file, target);
        if (!component) {
          problems.push(`${rel}: <${tag}> → ${target} not found${target.startsWith('@') ? ' (run `npm run mp:npm`)' : ''}`);
          continue;
        }
        for (const ext of partsOf(component)) {
          if (!fs.existsSync(path.join(MINIPROGRAM_ROOT, `${component}${ext}`))) problems.push(`${rel}: <${tag}> → ${component}${ext} missing`);
        }
        const json = path.join(MINIPROGRAM_ROOT, `${component}.json`);
        if (fs.existsSync(json) && readJson(json).component !== true) problems.push(`${rel}: <${tag}> → ${component} is not a component`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(5);
  });

  it('declares in requiredPrivateInfos every private-info API it calls (WeChat refuses them otherwise)', () => {
    const PRIVATE = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress'];
    const called = new Set<string>();
    for (const rel of filesWith(MINIPROGRAM_ROOT, '.ts')) {
      const source = fs.readFileSync(path.join(MINIPROGRAM_ROOT, rel), 'utf8');
      for (const api of PRIVATE) if (new RegExp(`\\bwx\\.${api}\\(`).test(source)) called.add(api);
    }
    expect(called.has('chooseAddress')).toBe(true);
    const declared = (readJson(path.join(MINIPROGRAM_ROOT, 'app.json')).requiredPrivateInfos ?? []) as string[];
    expect([...called].filter((api) => !declared.includes(api))).toEqual([]);
  });

  it('puts the privacy pop-up on every shopper page whose code calls a privacy API (WeChat holds the call until the user answers it)', () => {
    const PRIVACY_APIS = ['chooseAddress', 'saveImageToPhotosAlbum', 'setClipboardData', 'getClipboardData', 'getUserProfile', 'chooseImage', 'chooseMedia', 'getLocation'];
    /** the TypeScript a page runs: its own, what it imports (not types only), its components' and theirs */
    const runs = (entry: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(entry) || !fs.existsSync(path.join(MINIPROGRAM_ROOT, `${entry}.ts`))) return seen;
      seen.add(entry);
      const source = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${entry}.ts`), 'utf8');
      for (const m of source.matchAll(/^import\s+(?!type\s)[^'"]*from\s+'(\.[^']+)'/gm)) {
        runs(path.relative(MINIPROGRAM_ROOT, path.resolve(path.dirname(path.join(MINIPROGRAM_ROOT, entry)), m[1])).split(path.sep).join('/'), seen);
      }
      const json = path.join(MINIPROGRAM_ROOT, `${entry}.json`);
      const using = fs.existsSync(json) ? ((readJson(json).usingComponents ?? {}) as Record<string, string>) : {};
      for (const target of Object.values(using)) {
        const component = resolveComponent(json, target);
        if (component && !component.startsWith(`${NPM_DIR}/`)) runs(component, seen);
      }
      return seen;
    };
    const missing: string[] = [];
    let calling = 0;
    for (const pagePath of app.pages) {
      const calls = [...runs(pagePath)].filter((f) => {
        const source = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${f}.ts`), 'utf8');
        return PRIVACY_APIS.some((api) => new RegExp(`\\bwx\\.${api}\\(`).test(source));
      });
      if (!calls.length) continue;
      calling++;
      const json = readJson(path.join(MINIPROGRAM_ROOT, `${pagePath}.json`));
      const wxml = fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${pagePath}.wxml`), 'utf8');
      const using = (json.usingComponents ?? {}) as Record<string, string>;
      if (using['privacy-popup'] !== '/components/privacy-popup/index' || !wxml.includes('<privacy-popup')) missing.push(`${pagePath} (calls through ${calls.join(', ')})`);
    }
    expect(missing).toEqual([]);
    expect(calling).toBeGreaterThanOrEqual(7);
  });

  it('imports nothing at run time from outside miniprogram/ (DevTools packages only that folder)', () => {
    const problems: string[] = [];
    for (const rel of filesWith(MINIPROGRAM_ROOT, '.ts')) {
      const source = fs.readFileSync(path.join(MINIPROGRAM_ROOT, rel), 'utf8');
      for (const m of source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, typeOnly, spec] = m;
        const target = path.resolve(path.dirname(path.join(MINIPROGRAM_ROOT, rel)), spec);
        const outside = spec.startsWith('.') && !target.startsWith(MINIPROGRAM_ROOT + path.sep);
        if ((outside || !spec.startsWith('.')) && !typeOnly) problems.push(`${rel}: ${m[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ships in miniprogram_npm exactly the npm components used and what they need, built from the package', () => {
    const uses = npmUses(MINIPROGRAM_ROOT);
    expect(uses.length).toBeGreaterThan(0);
    const expected: string[] = [];
    for (const pkg of [...new Set(uses.map((u) => packageOf(u.target)))]) {
      const components = [...new Set(uses.filter((u) => packageOf(u.target) === pkg).map((u) => u.target.slice(pkg.length + 1)))];
      const buildDir = packageBuildDir(pkg);
      for (const f of closure(buildDir, components)) {
        expected.push(`${NPM_DIR}/${pkg}/${f}`);
        const shipped = path.join(MINIPROGRAM_ROOT, NPM_DIR, pkg, f);
        if (fs.existsSync(shipped)) expect([f, fs.readFileSync(shipped, 'utf8')]).toEqual([f, fs.readFileSync(path.join(buildDir, f), 'utf8')]);
      }
    }
    expect(allFiles(path.join(MINIPROGRAM_ROOT, NPM_DIR))).toEqual(expected.sort());
  });

  it("keeps the main package and the admin subpackage within WeChat's 2 MB limit each", () => {
    const LIMIT = 2 * 1024 * 1024;
    const size = (files: string[]) => files.reduce((n, f) => n + fs.statSync(path.join(MINIPROGRAM_ROOT, f)).size, 0);
    const all = ['.ts', '.wxml', '.wxss', '.json', '.wxs'].flatMap((ext) => filesWith(MINIPROGRAM_ROOT, ext));
    const roots = (app.subPackages ?? []).map((p) => `${p.root}/`);
    // npm components ship in the main package (miniprogram_npm at the root)
    const npm = size(allFiles(path.join(MINIPROGRAM_ROOT, NPM_DIR)));
    const main = size(all.filter((f) => !roots.some((r) => f.startsWith(r)))) + npm;
    const admin = size(all.filter((f) => f.startsWith('admin/')));
    expect({ main: main < LIMIT, admin: admin < LIMIT }).toEqual({ main: true, admin: true });
    expect(main).toBeGreaterThan(admin);
    // the UI kit stays a small part of it: only the components used are shipped
    expect(npm).toBeLessThan(400 * 1024);
  });

  it('points DevTools at the mini program and the built functions', () => {
    const project = readJson(path.resolve(MINIPROGRAM_ROOT, '../project.config.json')) as {
      compileType: string;
      miniprogramRoot: string;
      cloudfunctionRoot: string;
      setting: { useCompilerPlugins: string[]; urlCheck: boolean; es6: boolean; packNpmManually: boolean; packNpmRelationList: unknown[] };
    };
    expect(project.compileType).toBe('miniprogram');
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(project.cloudfunctionRoot).toBe('dist/cloudfunctions/');
    expect(project.setting).toEqual(expect.objectContaining({ useCompilerPlugins: ['typescript'], urlCheck: false, es6: true }));
    // miniprogram_npm is built by scripts/mp-npm.ts; DevTools' "Build npm" must not repack the root package.json
    expect(project.setting).toEqual(expect.objectContaining({ packNpmManually: true, packNpmRelationList: [] }));
  });
});
