import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildMiniprogramNpm, isNpmPath, packageOf, resolveComponent } from '../../scripts/mp-npm';

/** A throwaway mini program root with the given page JSON files. */
function miniProgram(pages: Record<string, object>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-npm-'));
  for (const [rel, json] of Object.entries(pages)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), JSON.stringify(json));
  }
  return root;
}

const shipped = (root: string) => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(path.relative(path.join(root, 'miniprogram_npm'), path.join(dir, e.name)).split(path.sep).join('/'));
    }
  };
  walk(path.join(root, 'miniprogram_npm'));
  return out.sort();
};

describe('building miniprogram_npm (scripts/mp-npm.ts)', () => {
  const roots: string[] = [];
  afterEach(() => {
    while (roots.length) fs.rmSync(roots.pop()!, { recursive: true, force: true });
  });

  it('copies only the components used, with the modules, WXS and styles they need, as DevTools lays them out', () => {
    const root = miniProgram({ 'pages/a/index.json': { usingComponents: { 'van-stepper': '@vant/weapp/stepper/index', own: '/components/own/index' } } });
    roots.push(root);
    const result = buildMiniprogramNpm(root);
    expect(result.packages).toEqual([{ name: '@vant/weapp', components: ['stepper'], files: expect.any(Number), bytes: expect.any(Number) }]);
    const files = shipped(root);
    expect(files).toEqual(
      expect.arrayContaining([
        '@vant/weapp/stepper/index.js',
        '@vant/weapp/stepper/index.json',
        '@vant/weapp/stepper/index.wxml',
        '@vant/weapp/stepper/index.wxss',
        '@vant/weapp/stepper/index.wxs',
        '@vant/weapp/common/component.js',
        '@vant/weapp/common/index.wxss',
        '@vant/weapp/mixins/basic.js',
        '@vant/weapp/wxs/utils.wxs',
        '@vant/weapp/wxs/bem.wxs',
      ]),
    );
    expect(files.some((f) => f.startsWith('@vant/weapp/button/') || f.endsWith('.d.ts'))).toBe(false);
  });

  it('follows nested components and the partners of relations', () => {
    const root = miniProgram({ 'components/x/index.json': { component: true, usingComponents: { 'van-checkbox': '@vant/weapp/checkbox/index' } } });
    roots.push(root);
    buildMiniprogramNpm(root);
    const dirs = [...new Set(shipped(root).map((f) => f.split('/')[2]))].filter((d) => !['common', 'mixins', 'wxs'].includes(d));
    expect(dirs.sort()).toEqual(['checkbox', 'checkbox-group', 'icon', 'info']);
  });

  it('rebuilds from scratch, dropping what is no longer used', () => {
    const root = miniProgram({ 'pages/a/index.json': { usingComponents: { 'van-tag': '@vant/weapp/tag/index' } } });
    roots.push(root);
    fs.mkdirSync(path.join(root, 'miniprogram_npm/@vant/weapp/stale'), { recursive: true });
    fs.writeFileSync(path.join(root, 'miniprogram_npm/@vant/weapp/stale/index.js'), '');
    buildMiniprogramNpm(root);
    expect(shipped(root).some((f) => f.includes('stale'))).toBe(false);
  });

  it('fails on a component the package does not have', () => {
    const root = miniProgram({ 'pages/a/index.json': { usingComponents: { 'van-nope': '@vant/weapp/nope/index' } } });
    roots.push(root);
    expect(() => buildMiniprogramNpm(root)).toThrow(/no component nope/);
  });

  it('resolves usingComponents the way DevTools does', () => {
    const root = miniProgram({
      'pages/a/index.json': {},
      'components/own/index.json': { component: true },
      'miniprogram_npm/@vant/weapp/tag/index.json': { component: true },
      'pages/a/miniprogram_npm/@vant/weapp/tag/index.json': { component: true },
    });
    roots.push(root);
    const from = path.join(root, 'pages/a/index.json');
    expect(resolveComponent(root, from, '/components/own/index')).toBe(path.join(root, 'components/own/index'));
    expect(resolveComponent(root, from, '../../components/own/index')).toBe(path.join(root, 'components/own/index'));
    // the nearest miniprogram_npm up from the declaring file wins
    expect(resolveComponent(root, from, '@vant/weapp/tag/index')).toBe(path.join(root, 'pages/a/miniprogram_npm/@vant/weapp/tag/index'));
    expect(resolveComponent(root, path.join(root, 'components/own/index.json'), '@vant/weapp/tag/index')).toBe(path.join(root, 'miniprogram_npm/@vant/weapp/tag/index'));
    expect(resolveComponent(root, from, '@vant/weapp/none/index')).toBeNull();
    expect([isNpmPath('@vant/weapp/tag/index'), isNpmPath('/components/x/index'), isNpmPath('./x/index'), isNpmPath('plugin://p/x')]).toEqual([true, false, false, false]);
    expect([packageOf('@vant/weapp/tag/index'), packageOf('dayjs/esm/index')]).toEqual(['@vant/weapp', 'dayjs']);
  });
});
