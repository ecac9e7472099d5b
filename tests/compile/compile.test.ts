import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompileError, MINIPROGRAM_ROOT, compileWxml, compileWxmlFile, compileWxss, filesWith } from './compilers';

const wxml = filesWith(MINIPROGRAM_ROOT, '.wxml');
const wxss = filesWith(MINIPROGRAM_ROOT, '.wxss');

describe('official compilers over the mini program', () => {
  it('finds the pages, components and the staff subpackage', () => {
    expect(wxml).toEqual(expect.arrayContaining(['pages/home/index.wxml', 'admin/pages/index/index.wxml', 'components/price/index.wxml']));
    expect(wxss).toContain('app.wxss');
  });

  it('compiles every WXML file together with wcc, as DevTools does', () => {
    const js = compileWxml(MINIPROGRAM_ROOT, wxml);
    for (const file of wxml) expect(js).toContain(`'${file}'`);
  });

  it.each(wxml)('wcc compiles %s', (file) => {
    expect(compileWxmlFile(MINIPROGRAM_ROOT, file)).toContain('$gwx');
  });

  it.each(wxss)('wcsc compiles %s', (file) => {
    expect(() => compileWxss(MINIPROGRAM_ROOT, file)).not.toThrow();
  });
});

describe('the compile check fails on broken files and names them', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-compile-'));
    fs.cpSync(path.join(MINIPROGRAM_ROOT, 'pages/cart'), path.join(root, 'pages/broken'), { recursive: true });
    fs.cpSync(path.join(MINIPROGRAM_ROOT, 'components'), path.join(root, 'components'), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('passes on the unbroken copy', () => {
    expect(() => compileWxml(root, filesWith(root, '.wxml'))).not.toThrow();
    expect(() => compileWxss(root, 'pages/broken/index.wxss')).not.toThrow();
  });

  it('names the WXML file and line of an unclosed tag', () => {
    const file = path.join(root, 'pages/broken/index.wxml');
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n<view class="oops">\n`);
    const lines = fs.readFileSync(file, 'utf8').split('\n').length;
    expect(() => compileWxml(root, filesWith(root, '.wxml'))).toThrow(CompileError);
    expect(() => compileWxml(root, filesWith(root, '.wxml'))).toThrow(/pages\/broken\/index\.wxml:\d+:\d+/);
    expect(() => compileWxmlFile(root, 'pages/broken/index.wxml')).toThrow(new RegExp(`pages/broken/index\\.wxml:${lines - 1}:\\d+: end tag missing`));
  });

  it('names the WXML file of a mismatched end tag', () => {
    fs.writeFileSync(path.join(root, 'pages/broken/index.wxml'), '<view>\n  <text>a</view>\n</text>\n');
    expect(() => compileWxmlFile(root, 'pages/broken/index.wxml')).toThrow(/pages\/broken\/index\.wxml:2:\d+/);
  });

  it('names the WXSS file, line and column of a syntax error', () => {
    fs.writeFileSync(path.join(root, 'pages/broken/index.wxss'), '.a {\n  color: red;\n}\n.b { color: red; }}\n');
    expect(() => compileWxss(root, 'pages/broken/index.wxss')).toThrow(CompileError);
    expect(() => compileWxss(root, 'pages/broken/index.wxss')).toThrow(/pages\/broken\/index\.wxss\(4:\d+\)/);
  });

  it('compiles a WXSS import with its file, and names an import that is missing', () => {
    fs.mkdirSync(path.join(root, 'styles'));
    fs.writeFileSync(path.join(root, 'styles/shared.wxss'), '.shared { color: red; }\n');
    fs.writeFileSync(path.join(root, 'pages/broken/index.wxss'), "@import '../../styles/shared.wxss';\n.a { color: blue; }\n");
    expect(() => compileWxss(root, 'pages/broken/index.wxss')).not.toThrow();
    fs.rmSync(path.join(root, 'styles/shared.wxss'));
    expect(() => compileWxss(root, 'pages/broken/index.wxss')).toThrow(/styles\/shared\.wxss/);
  });
});
