/**
 * The end-to-end flows of tests/e2e/flows.test.ts, driven through WeChat DevTools with
 * miniprogram-automator: the real WeChat runtime on the real pages, against the local runtime
 * started here on config.localBaseUrl (DevTools needs "do not verify request domains", which
 * project.config.json sets). Platform sheets DevTools cannot answer by itself (subscribe consent,
 * the Channels reservation, the address picker, the pay confirmation) are answered with
 * mockWxMethod. Runs when WECHAT_DEVTOOLS_CLI names the DevTools command line tool.
 */
import path from 'node:path';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Element from 'miniprogram-automator/out/Element';
import type Page from 'miniprogram-automator/out/Page';
import { config } from '../../miniprogram/config';
import { startServer, type ServerHandle } from '../../scripts/local/server';
import { createLocalRuntime, type LocalRuntime } from '../../cloudfunctions/core/entry/local';
import { seedDemoShop, tonightWindow } from '../../scripts/seed/seed';
import { seededRandom } from '../helpers/runtime';
import { runningClock, SEED_AT, MINUTE, type RunningClock } from '../e2e/harness';
import fs from 'node:fs';
import os from 'node:os';

const CLI = process.env.WECHAT_DEVTOOLS_CLI ?? '';
const PROJECT = path.resolve(__dirname, '../..');
const TIMEOUT = 180_000;

const SHOPPER = 'demo-shopper';
const PROMOTER = 'demo-promoter';
const FRIEND = 'e2e-friend';
const STAFF = 'demo-staff';

if (!CLI) {
  describe('end-to-end flows in WeChat DevTools (miniprogram-automator)', () => {
    it('are skipped on this machine', () => {
      console.log('automator skipped: WECHAT_DEVTOOLS_CLI is not set (point it at the DevTools cli to run these flows in WeChat DevTools)');
      expect(CLI).toBe('');
    });
  });
} else {
  describe('end-to-end flows in WeChat DevTools (miniprogram-automator)', () => {
    let dir: string;
    let runtime: LocalRuntime;
    let clock: RunningClock;
    let server: ServerHandle;
    let mp: MiniProgram;
    const tonight = tonightWindow(SEED_AT);
    let paidOrder = '';

    /** Re-enters the mini program as `openid` on `url` (the dev identity is read on every call). */
    async function as(openid: string, url: string): Promise<Page> {
      await mp.callWxMethod('setStorageSync', 'devOpenid', openid);
      const page = await mp.reLaunch(url);
      if (!page) throw new Error(`DevTools did not open ${url}`);
      await page.waitFor(1500);
      return page;
    }

    /** Taps the first `selector` showing `text` in `scope`: the page, or a component (the page's own selectors stop at components). */
    async function tapText(scope: Page | Element, selector: string, text: string): Promise<void> {
      const found: Element[] = await scope.$$(selector);
      for (const el of found) {
        if ((await el.text()).includes(text)) return el.tap();
      }
      throw new Error(`no ${selector} shows "${text}"`);
    }

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-automator-'));
      clock = runningClock(SEED_AT);
      runtime = createLocalRuntime({ dbPath: path.join(dir, 'automator.db'), clock, random: seededRandom(7), log: () => undefined });
      await seedDemoShop(runtime.ports);
      // the mini program calls config.localBaseUrl: the runtime has to be there
      server = await startServer(runtime, Number(new URL(config.localBaseUrl).port));
      const automator = (require('miniprogram-automator') as typeof import('miniprogram-automator'));
      mp = await automator.launch({ cliPath: CLI, projectPath: PROJECT, trustProject: true });
      await mp.mockWxMethod('requestSubscribeMessage', { errMsg: 'requestSubscribeMessage:ok', [config.subscribeTemplates.liveStart]: 'accept' });
      await mp.mockWxMethod('reserveChannelsLive', { errMsg: 'reserveChannelsLive:ok', state: 6 });
      await mp.mockWxMethod('showModal', { errMsg: 'showModal:ok', confirm: true, cancel: false });
      await mp.mockWxMethod('chooseAddress', {
        errMsg: 'chooseAddress:ok',
        userName: '张三',
        postalCode: '510000',
        provinceName: '广东省',
        cityName: '广州市',
        countyName: '天河区',
        detailInfo: '体育西路 103 号维多利广场 A 座 1001',
        nationalCode: '440106',
        telNumber: '13800000000',
      });
    }, TIMEOUT);

    afterAll(async () => {
      await mp?.close();
      await server?.close();
      await runtime?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reserving through an invite code moves the inviter\'s invite task', async () => {
      clock.set(tonight.startAt - 8 * 60 * MINUTE);
      let page = await as(PROMOTER, '/pages/invite/index?live=live-tonight');
      expect(await page.data('progress.count')).toBe(0);
      const share = (await page.callMethod('onShareAppMessage')) as { path: string };
      expect(share.path).toMatch(/code=/);

      page = await as(FRIEND, share.path.startsWith('/') ? share.path : `/${share.path}`);
      await tapText(page, '.actions__reserve', '预约');
      await page.waitFor(1500);
      expect(await page.data('reserved')).toBe(true);

      page = await as(PROMOTER, '/pages/invite/index?live=live-tonight');
      expect(await page.data('progress.count')).toBe(1);
    }, TIMEOUT);

    it('a live card lands on the live price; the live coupon, an order and the payment earn points', async () => {
      clock.set(tonight.startAt + 30 * MINUTE);
      const before = await runtime.call('points', { action: 'balance', data: {} }, SHOPPER);
      if (!before.ok) throw new Error('points.balance failed');

      let page = await as(SHOPPER, '/pages/live/room/index?live=live-tonight');
      const coupons = await page.$('room-coupons');
      if (!coupons) throw new Error('the room shows no coupon strip');
      await tapText(coupons, '.coupon', '领取');
      await page.waitFor(1000);
      const cards = await page.$$('room-card');
      const buy = await cards[0].$('.rc__buy');
      await buy!.tap();
      await page.waitFor(1500);

      page = (await mp.currentPage())!;
      expect(page.path).toBe('pages/product/index');
      expect(await page.data('live.livePriceFen')).toBe(12900);
      await tapText(page, '.spec__value', '01 象牙白');
      await page.callMethod('onBuyTap');
      await page.waitFor(1500);

      page = (await mp.currentPage())!;
      expect(page.path).toBe('pages/checkout/index');
      await (await page.$('.address__wechat'))!.tap();
      await page.waitFor(1500);
      expect(await page.data('payableText')).toBe('¥89.00');
      await page.callMethod('onSubmit');
      await page.waitFor(3000);

      page = (await mp.currentPage())!;
      expect(page.path).toBe('pages/pay-result/index');
      expect(await page.data('state')).toBe('success');
      paidOrder = String(page.query.orderId ?? '');

      const after = await runtime.call('points', { action: 'balance', data: {} }, SHOPPER);
      if (!after.ok) throw new Error('points.balance failed');
      const balance = (after.data as { balance: number }).balance;
      expect(balance).toBeGreaterThan((before.data as { balance: number }).balance);
      page = await as(SHOPPER, '/pages/me/index');
      expect(await page.data('balance')).toBe(balance);
    }, TIMEOUT);

    it('staff open the dashboard and the order list and see that order', async () => {
      expect(paidOrder).not.toBe('');
      let page = await as(STAFF, '/admin/pages/dashboard/index');
      expect(await page.data('liveId')).toBe('live-tonight');
      expect(JSON.stringify(await page.data('cards'))).toContain('89.00');
      page = await as(STAFF, '/admin/pages/orders/index');
      const orders = (await page.data('orders')) as Array<{ _id: string; payableText: string }>;
      expect(orders.find((o) => o._id === paidOrder)?.payableText).toBe('¥89.00');
    }, TIMEOUT);
  });
}
