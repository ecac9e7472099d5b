import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectApp } from '../../scripts/preview/collect';

const FIXTURE = path.join(__dirname, '../e2e/fixtures/builtins');
const MINIPROGRAM = path.join(__dirname, '../../miniprogram');

describe('collecting the mini program', () => {
  it('lists main and subpackage pages in app.json order and knows each subpackage root', () => {
    const model = collectApp(FIXTURE);
    expect(model.pages).toEqual(['pages/index/index', 'pages/tab2/index', 'pages/other/index', 'sub/pages/deep/index']);
    expect(model.subPackageOf).toEqual({ 'sub/pages/deep/index': 'sub' });
  });

  it('orders components before the pages that use them, with unique element names and class prefixes', () => {
    const model = collectApp(FIXTURE);
    const order = model.modules.map((m) => m.path);
    expect(order.indexOf('components/counter/index')).toBeLessThan(order.indexOf('pages/index/index'));
    const counter = model.modules.find((m) => m.path === 'components/counter/index')!;
    const index = model.modules.find((m) => m.path === 'pages/index/index')!;
    expect({ tag: counter.tagName, prefix: counter.classPrefix, script: path.basename(counter.script) }).toEqual({ tag: 'mp-counter', prefix: 'mp-counter', script: 'index.js' });
    expect({ prefix: index.classPrefix, using: index.usingComponents }).toEqual({ prefix: '', using: { counter: counter.id } });
  });

  it('resolves every page and component of the real mini program, npm ones through miniprogram_npm', () => {
    const model = collectApp(MINIPROGRAM);
    const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as { pages: string[] };
    expect(model.pages.slice(0, app.pages.length)).toEqual(app.pages);
    const names = model.modules.filter((m) => m.kind === 'component').map((m) => m.tagName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.includes('-'))).toBe(true);
    expect(model.modules.some((m) => m.path.startsWith('miniprogram_npm/@vant/weapp/'))).toBe(true);
  });

  it('names the page and tag of a component it cannot find', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-'));
    fs.mkdirSync(path.join(root, 'pages/a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app.json'), JSON.stringify({ pages: ['pages/a/index'] }));
    fs.writeFileSync(path.join(root, 'pages/a/index.json'), JSON.stringify({ usingComponents: { 'x-y': '/components/missing/index' } }));
    fs.writeFileSync(path.join(root, 'pages/a/index.js'), 'Component({})');
    expect(() => collectApp(root)).toThrow('pages/a/index.json: <x-y> /components/missing/index not found');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
