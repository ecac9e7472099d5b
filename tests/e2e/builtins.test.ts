/**
 * The preview's runtime on a small fixture mini program (tests/e2e/fixtures/builtins): each
 * built-in component, events (bind / catch / dataset / disabled), a custom component with
 * properties, events, external classes, :host and its own selector query, rpx, the page stack, the tab bar, navigation
 * bar titles, a subpackage page opened by a deep link, WeChat's dialogs and the payment sheet
 * settling through the payment simulator the build names.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { buildPreview } from '../../scripts/preview/build';
import { previewFile } from '../../scripts/preview/serve';
import { CHROMIUM, hasChromium, launchChromium, type E2eBrowser } from './harness';
import { answer, onPage, tap, top } from './ui';

const FIXTURE = path.join(__dirname, 'fixtures/builtins');
const PIC = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e8356d"/></svg>';

jest.setTimeout(30_000);

// browser globals the callbacks below use when they run in the page (the Node type check has no DOM)
declare const getComputedStyle: (el: unknown) => Record<string, string>;
declare const location: { hash: string };
type Canvas2d = { getContext(type: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } };

const text = async (page: Page, selector: string) => (await top(page).locator(selector).innerText()).trim();

if (!hasChromium()) {
  describe('preview runtime in headless Chromium', () => {
    it('is skipped on this machine', () => {
      console.log(`e2e skipped: ${CHROMIUM} not installed (Debian: apt-get install -y chromium; .ci/run installs it)`);
      expect(hasChromium()).toBe(false);
    });
  });
} else {
  describe('preview runtime in headless Chromium', () => {
    let outDir: string;
    let server: http.Server;
    let url: string;
    let chromium: E2eBrowser;
    let page: Page;
    let errors: string[];
    /** what the fixture's payment simulator was posted */
    const payments: Array<Record<string, string>> = [];

    beforeAll(async () => {
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-fixture-'));
      await buildPreview({ root: FIXTURE, outDir, app: { paymentConfirmUrl: '/fixture/pay' } });
      server = http.createServer((req, res) => {
        const pathname = new URL(req.url ?? '/', 'http://x').pathname;
        if (pathname === '/fixture/pay' && req.method === 'POST') {
          let body = '';
          req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          req.on('end', () => {
            payments.push(JSON.parse(body) as Record<string, string>);
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"ok":true}');
          });
          return;
        }
        if (pathname === '/fixture/pic.svg') {
          res.writeHead(200, { 'content-type': 'image/svg+xml' });
          res.end(PIC);
          return;
        }
        const file = previewFile(pathname, outDir);
        res.writeHead(file?.status ?? 404, { 'content-type': file?.type ?? 'text/plain' });
        res.end(file?.body ?? 'not found');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      chromium = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await chromium?.close();
      await new Promise((resolve) => server?.close(resolve));
      if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      page = await chromium.context.newPage();
      errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${url}/#/pages/index/index`);
      await page.waitForFunction('window.__preview && window.__preview.ready');
      await onPage(page, 'pages/index/index', 'bubbles');
    });

    afterEach(async () => {
      expect(errors).toEqual([]);
      await page.close();
    });

    it('scales rpx to the frame (750rpx = 375px), in WXSS and in inline styles', async () => {
      const box = await top(page).locator('#rpx').boundingBox();
      expect(box).toMatchObject({ width: 375, height: 50 });
      expect(await top(page).locator('#rpx').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(232, 53, 109)');
    });

    it('dispatches tap through exparser: bubbling with dataset, catch stopping it, no tap on a disabled button', async () => {
      await tap(top(page).locator('#inner'));
      await top(page).locator('#taps', { hasText: 'outer=1 inner=1' }).waitFor();
      expect(await text(page, '#taps')).toBe('outer=1 inner=1 caught=0 target=inner');
      await tap(top(page).locator('#caught'));
      await top(page).locator('#taps', { hasText: 'caught=1' }).waitFor();
      expect(await text(page, '#taps')).toBe('outer=1 inner=1 caught=1 target=inner');
      await tap(top(page).locator('#disabled'));
      expect(await top(page).locator('#disabled').getAttribute('disabled')).toBe('');
    });

    it('input and textarea send input events with the value and follow setData', async () => {
      await top(page).locator('#name input').fill('小美');
      await top(page).locator('#echo', { hasText: 'echo=小美' }).waitFor();
      await top(page).locator('#note textarea').fill('line');
      expect(await page.evaluate('window.__preview.data().note')).toBe('line');
    });

    it('image loads its src with the mode as object-fit and reports its size', async () => {
      await top(page).locator('#picsize', { hasText: 'pic=40x20' }).waitFor();
      expect(await top(page).locator('#pic img').evaluate((el) => getComputedStyle(el).objectFit)).toBe('cover');
    });

    it('swiper lays out its items, shows dots, follows `current` and reports a drag', async () => {
      const swiper = top(page).locator('#swiper');
      await swiper.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      expect(await swiper.locator('.wx-swiper-dot').count()).toBe(3);
      const box = (await swiper.boundingBox())!;
      await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      await top(page).locator('#slide', { hasText: 'slide=1' }).waitFor();
      const visible = await swiper.locator('wx-swiper-item[aria-hidden=false]').innerText();
      expect(visible.trim()).toBe('b');
    });

    it('scroll-view scrolls and reports reaching its end', async () => {
      await top(page).locator('#scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await top(page).locator('#lower', { hasText: 'lower=1' }).waitFor();
    });

    it('picker opens a sheet and reports the chosen index', async () => {
      await tap(top(page).locator('#picker'));
      await page.locator('.pv-dialog--picker select').selectOption('2');
      await answer(page, '确定', 'picker');
      await top(page).locator('#picker', { hasText: 'color=blue' }).waitFor();
    });

    it('canvas type=2d gives its node to a selector query, drawn like an HTML canvas', async () => {
      await top(page).locator('#drawn', { hasText: 'drawn=true' }).waitFor();
      const pixel = await top(page).locator('#canvas canvas').evaluate((el) => Array.from((el as unknown as Canvas2d).getContext('2d').getImageData(5, 5, 1, 1).data));
      expect(pixel).toEqual([0, 128, 255, 255]);
    });

    it('a custom component takes properties, external classes and :host, and emits events', async () => {
      const counter = top(page).locator('#counter');
      expect(await counter.evaluate((el) => getComputedStyle(el).display)).toBe('block');
      await tap(counter.locator('wx-view'));
      await top(page).locator('#counted', { hasText: 'counted=2' }).waitFor();
      expect(await counter.locator('wx-view').evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).letterSpacing])).toEqual(['rgb(0, 0, 255)', '1px']);
    });

    it("a component's own createSelectorQuery answers from the preview's query, canvas nodes included", async () => {
      await top(page).locator('#counter', { hasText: 'queried=function/20' }).waitFor();
    });

    it('share opens the share sheet with the path onShareAppMessage returns, as a link', async () => {
      await tap(top(page).locator('#share'));
      const link = page.locator('.pv-panel--share .pv-share__path');
      expect((await link.innerText()).trim()).toBe('/pages/other/index?from=share');
      expect(await link.getAttribute('href')).toBe('#/pages/other/index?from=share');
    });

    it('showModal is a dialog whose answer reaches the page', async () => {
      await tap(top(page).locator('#modal'));
      expect(await answer(page, '确定', 'modal')).toContain('fixture modal');
      await top(page).locator('#modal', { hasText: 'modal=yes' }).waitFor();
    });

    it('navigator and the page stack: titles from page json and setNavigationBarTitle, back, switchTab, the tab bar', async () => {
      expect(await page.locator('.pv-nav__title').innerText()).toBe('Built-ins');
      expect(await page.locator('.pv-tab').allInnerTexts()).toEqual(['Built-ins', 'Second']);
      await tap(top(page).locator('#go'));
      await onPage(page, 'pages/other/index', 'from=index');
      expect(await page.locator('.pv-nav__title').innerText()).toBe('Other from index');
      expect(await page.locator('.pv-tabbar').isHidden()).toBe(true);
      expect(await page.evaluate('location.hash')).toBe('#/pages/other/index?from=index');
      await tap(top(page).locator('#back'));
      await onPage(page, 'pages/index/index');
      await page.locator('.pv-tab', { hasText: 'Second' }).click();
      await onPage(page, 'pages/tab2/index', 'second tab');
      expect(await page.evaluate('window.__preview.stack()')).toEqual(['pages/tab2/index']);
    });

    it('a deep link opens a subpackage page with its options as a fresh launch', async () => {
      await Promise.all([page.waitForEvent('load'), page.evaluate(() => (location.hash = '#/sub/pages/deep/index?x=42'))]);
      await page.waitForFunction('window.__preview && window.__preview.ready');
      await onPage(page, 'sub/pages/deep/index', 'deep x=42 stack=1');
      expect(await page.locator('.pv-nav__title').innerText()).toBe('Deep');
      expect(await page.evaluate('getApp().globalData.launched')).toBe('sub/pages/deep/index');
    });

    it("requestPayment is a payment dialog; paying posts the payment's fields to the app's simulator", async () => {
      await tap(top(page).locator('#pay'));
      expect(await answer(page, '取消', 'payment')).toContain('prepay_id=wx-fixture-1');
      await top(page).locator('#pay', { hasText: 'pay=requestPayment:fail cancel' }).waitFor();
      expect(payments).toEqual([]);
      await tap(top(page).locator('#pay'));
      await answer(page, '支付', 'payment');
      await top(page).locator('#pay', { hasText: 'pay=ok' }).waitFor();
      expect(payments).toEqual([{ timeStamp: '1700000000', nonceStr: 'fixture-nonce', package: 'prepay_id=wx-fixture-1', signType: 'RSA', paySign: 'fixture-sign' }]);
    });

    it('the side panel offers no identities when the app configures none', async () => {
      expect(await page.locator('.pv-identity').count()).toBe(0);
      expect(await page.locator('.pv-open__url').getAttribute('placeholder')).toBe('/pages/index/index');
    });

    it('channel-live is a placeholder that opens the Channels dialog', async () => {
      await tap(top(page).locator('#channel'));
      expect(await answer(page, '好的', 'channels')).toContain('sphFixture');
    });
  });
}
