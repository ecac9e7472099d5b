import fs from 'node:fs';
import path from 'node:path';
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

/** The component a usingComponents entry in `fromJson` names, as a root-relative path without extension. */
function resolveComponent(fromJson: string, target: string): string {
  const abs = target.startsWith('/') ? path.join(MINIPROGRAM_ROOT, target) : path.resolve(path.dirname(fromJson), target);
  return path.relative(MINIPROGRAM_ROOT, abs).split(path.sep).join('/');
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
        for (const ext of PARTS) {
          if (!fs.existsSync(path.join(MINIPROGRAM_ROOT, `${component}${ext}`))) problems.push(`${rel}: <${tag}> → ${component}${ext} missing`);
        }
        const json = path.join(MINIPROGRAM_ROOT, `${component}.json`);
        if (fs.existsSync(json) && readJson(json).component !== true) problems.push(`${rel}: <${tag}> → ${component} is not a component`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(5);
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

  it("keeps the main package and the admin subpackage within WeChat's 2 MB limit each", () => {
    const LIMIT = 2 * 1024 * 1024;
    const size = (files: string[]) => files.reduce((n, f) => n + fs.statSync(path.join(MINIPROGRAM_ROOT, f)).size, 0);
    const all = ['.ts', '.wxml', '.wxss', '.json', '.wxs'].flatMap((ext) => filesWith(MINIPROGRAM_ROOT, ext));
    const roots = (app.subPackages ?? []).map((p) => `${p.root}/`);
    const main = size(all.filter((f) => !roots.some((r) => f.startsWith(r))));
    const admin = size(all.filter((f) => f.startsWith('admin/')));
    expect({ main: main < LIMIT, admin: admin < LIMIT }).toEqual({ main: true, admin: true });
    expect(main).toBeGreaterThan(admin);
  });

  it('points DevTools at the mini program and the built functions', () => {
    const project = readJson(path.resolve(MINIPROGRAM_ROOT, '../project.config.json')) as {
      compileType: string;
      miniprogramRoot: string;
      cloudfunctionRoot: string;
      setting: { useCompilerPlugins: string[]; urlCheck: boolean; es6: boolean };
    };
    expect(project.compileType).toBe('miniprogram');
    expect(project.miniprogramRoot).toBe('miniprogram/');
    expect(project.cloudfunctionRoot).toBe('dist/cloudfunctions/');
    expect(project.setting).toEqual(expect.objectContaining({ useCompilerPlugins: ['typescript'], urlCheck: false, es6: true }));
  });
});
