import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPreview } from '../../scripts/preview/build';
import { previewFile } from '../../scripts/preview/serve';

const FIXTURE = path.join(__dirname, '../e2e/fixtures/builtins');

describe('the preview build', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-build-'));
    await buildPreview({ root: FIXTURE, outDir });
  }, 60_000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('writes the page, the wcc templates, the stylesheets and one bundle', () => {
    expect(fs.readdirSync(outDir).sort()).toEqual(['index.html', 'mp.css', 'preview.css', 'preview.css.map', 'preview.js', 'preview.js.map', 'wxml.js']);
    expect(fs.readFileSync(path.join(outDir, 'wxml.js'), 'utf8')).toMatch(/\$gwx=function\(path,global\)/);
    const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html.indexOf('/preview/wxml.js')).toBeLessThan(html.indexOf('/preview/preview.js'));
  });

  it('bundles the framework, the built-ins and every page and component script, and nothing of the server', () => {
    const js = fs.readFileSync(path.join(outDir, 'preview.js'), 'utf8');
    for (const part of ['node_modules/miniprogram-exparser', 'node_modules/j-component', 'scripts/preview/runtime/builtins', 'fixtures/builtins/pages/index/index.js', 'fixtures/builtins/components/counter/index.js', 'fixtures/builtins/sub/pages/deep/index.js']) {
      expect(js).toContain(part);
    }
    for (const server of ['cloudfunctions/core', 'better-sqlite3', '@cloudbase/node-sdk']) expect(js).not.toContain(server);
  });

  it('scopes page styles to their page and prefixes component classes', () => {
    const css = fs.readFileSync(path.join(outDir, 'mp.css'), 'utf8');
    expect(css).toContain(':where(.wx-page[data-route="pages/index/index"]) .rpx{ width: 375px;');
    expect(css).toContain('.mp-counter--counter{ color: rgb(0, 0, 255); }');
    expect(css).toContain('mp-counter{display: block;}');
  });
});

describe('serving the preview', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-serve-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'preview.js'), '1');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers / with the page and /preview/* with its files', () => {
    expect(previewFile('/', dir)).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(previewFile('/preview/preview.js', dir)).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
  });

  it('leaves other paths to the API and refuses paths out of its folder', () => {
    expect(previewFile('/api/mall', dir)).toBeNull();
    expect(previewFile('/health', dir)).toBeNull();
    expect(previewFile('/preview/../package.json', dir)?.status).toBe(404);
    expect(previewFile('/preview/nothing.js', dir)?.status).toBe(404);
  });

  it('says how to build it when it is not built', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-empty-'));
    expect(previewFile('/', empty)).toMatchObject({ status: 404, body: expect.stringContaining('npm start') });
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
