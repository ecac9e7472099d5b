/**
 * The main flows through the real pages, in headless Chromium against the local runtime (fresh
 * database, the seed's demo shop, a clock the test moves), as a shopper, a promoter and a staff
 * member would go through them. Saves a screenshot of each main page into docs/screenshots/.
 *
 * One runtime for the file, its clock moved forward: the invite flow happens before tonight's live
 * starts (invitations count until then), the purchase during it, the dashboard after.
 */
import type { Page } from 'playwright-core';
import { hasChromium, CHROMIUM, launchChromium, openPreview, startE2eRuntime, MINUTE, type E2eBrowser, type E2eRuntime } from './harness';
import { answer, onPage, pageData, screenshot, tap, tapText, toastText, top } from './ui';

const SHOPPER = 'demo-shopper';
const PROMOTER = 'demo-promoter';
const FRIEND = 'e2e-friend';
const STAFF = 'demo-staff';

const STEP_TIMEOUT = 120_000;

/** Switches the dev identity from the preview's side panel (the app re-launches on the same page). */
async function switchUser(page: Page, openid: string): Promise<void> {
  const radio = page.locator(`.pv-identity input[data-identity="${openid}"]`);
  await page.locator('.pv-identity .pv-input').fill(openid);
  const click = (await radio.count()) ? radio.check() : page.locator('.pv-identity .pv-button').click();
  await Promise.all([page.waitForEvent('load'), click]);
  await page.waitForFunction('window.__preview && window.__preview.ready');
  await page.locator('.pv-identity__current', { hasText: openid }).waitFor();
}

/** Opens a page path through the side panel's form, as a shared link would: the app launches on it. */
async function openPath(page: Page, path: string): Promise<void> {
  await page.locator('.pv-open__url').fill(path);
  await Promise.all([page.waitForEvent('load'), page.locator('.pv-open button[type=submit]').click()]);
  await page.waitForFunction('window.__preview && window.__preview.ready');
}

if (!hasChromium()) {
  describe('end-to-end flows in headless Chromium', () => {
    it('are skipped on this machine', () => {
      console.log(`e2e skipped: ${CHROMIUM} not installed (Debian: apt-get install -y chromium; .ci/run installs it)`);
      expect(hasChromium()).toBe(false);
    });
  });
} else {
  describe('end-to-end flows in headless Chromium', () => {
    let rt: E2eRuntime;
    let chromium: E2eBrowser;
    let page: Page;
    let errors: string[];
    /** the order the live-card flow pays, for the dashboard flow */
    let paid: { orderId: string; payableText: string } | null = null;

    beforeAll(async () => {
      rt = await startE2eRuntime();
      chromium = await launchChromium();
    }, STEP_TIMEOUT);

    afterAll(async () => {
      await chromium?.close();
      await rt?.close();
    });

    afterEach(async () => {
      // no page may throw or log an error along a flow
      expect(errors).toEqual([]);
      await page?.close();
    });

    it('reserving through an invite code moves the inviter\'s invite task', async () => {
      rt.clock.set(rt.tonight.startAt - 8 * 60 * MINUTE); // 12:00, before the live
      ({ page, errors } = await openPreview(chromium.context, rt, '#/pages/live/detail/index?live=live-tonight', PROMOTER));

      // the promoter opens the invite task from the live's page, and shares it
      await onPage(page, 'pages/live/detail/index', '预约直播，开播提醒');
      await tapText(page, '邀请好友预约');
      await onPage(page, 'pages/invite/index', '位好友已预约');
      expect((await top(page).locator('.progress__row').innerText()).replace(/\s+/g, '')).toBe('0/3位好友已预约');
      await tapText(page, '分享给好友');
      const shared = page.locator('.pv-panel--share .pv-share__path');
      const path = (await shared.innerText()).trim();
      expect(path).toMatch(/^\/pages\/live\/detail\/index\?live=live-tonight&code=[A-Za-z0-9]+/);
      await page.getByRole('button', { name: '关闭' }).click();

      // a friend opens the shared path and reserves: subscribe consent, then the Channels reservation
      await switchUser(page, FRIEND);
      await openPath(page, path);
      await onPage(page, 'pages/live/detail/index', '预约直播，开播提醒');
      await tapText(page, '预约直播，开播提醒');
      const consent = await answer(page, '允许', 'subscribe');
      expect(consent).toContain('local-tpl-live-start');
      await answer(page, '预约', 'channels');
      await top(page).getByText('已预约 · 取消预约').waitFor();

      // the promoter's task counts the friend
      await switchUser(page, PROMOTER);
      await openPath(page, '/pages/invite/index?live=live-tonight');
      await onPage(page, 'pages/invite/index', '位好友已预约');
      await top(page).locator('.progress__row', { hasText: '1' }).waitFor();
      expect((await top(page).locator('.progress__row').innerText()).replace(/\s+/g, '')).toBe('1/3位好友已预约');
      expect(await top(page).locator('.invitees__row').count()).toBe(1);
    }, STEP_TIMEOUT);

    it('a live card lands on the live price; the live coupon, an order and the payment earn points', async () => {
      rt.clock.set(rt.tonight.startAt + 30 * MINUTE); // 20:30, the live is on
      const before = await rt.runtime.call('points', { action: 'balance', data: {} }, SHOPPER);
      if (!before.ok) throw new Error('points.balance failed');
      const pointsBefore = (before.data as { balance: number }).balance;

      ({ page, errors } = await openPreview(chromium.context, rt, '#/pages/home/index', SHOPPER));
      await onPage(page, 'pages/home/index', '全部分类');
      await screenshot(page, 'home');

      // the companion live room: claim the live-only coupon, then tap a product card
      await openPath(page, '/pages/live/room/index?live=live-tonight');
      await onPage(page, 'pages/live/room/index', '直播间专享券');
      await tapText(page, '领取', '.coupons');
      // the claim asks for 活动通知 in the same tap; the coupon is claimed whatever the answer
      const asked = await answer(page, '允许', 'subscribe');
      expect(asked).toContain('local-tpl-marketing');
      expect(await toastText(page)).toContain('领取成功');
      await screenshot(page, 'live-room');
      await tap(top(page).locator('[class~="room-card--rc"]', { hasText: '柔雾持妆粉底液' }).getByText('去抢购'));

      // the product at the live price, attributed to the card
      await onPage(page, 'pages/product/index', '直播价');
      expect(await route(page)).toBe('pages/product/index');
      const product = await pageData(page);
      expect(product.live).toMatchObject({ livePriceFen: 12900 });
      expect(await top(page).locator('.summary__price').innerText()).toContain('129.00');
      await tapText(page, '01 象牙白');
      await tapText(page, '加入购物车');
      expect(await toastText(page)).toContain('已加入购物车');
      await screenshot(page, 'product-live-price');
      await tapText(page, '立即购买');

      // checkout: the WeChat address, the live coupon applied, the order, the simulated payment
      await onPage(page, 'pages/checkout/index', '提交订单');
      await tapText(page, '使用微信地址');
      await answer(page, '使用该地址', 'address');
      await top(page).getByText('张三').first().waitFor();
      await top(page).locator('.breakdown__discount', { hasText: '直播间专享' }).waitFor();
      const checkout = await pageData(page);
      expect(checkout.payableText).toBe('¥89.00'); // 129.00 − 50.00 coupon + 10.00 shipping
      await screenshot(page, 'checkout');
      await tapText(page, '提交订单');
      // 订单状态通知 is asked in the submit tap, before the order goes
      expect(await answer(page, '允许', 'subscribe')).toContain('local-tpl-order-update');
      expect(await answer(page, '支付', 'modal')).toContain('¥89.00');
      await onPage(page, 'pages/pay-result/index', '支付成功');
      const result = await pageData(page);
      expect(result.payableText).toBe('¥89.00');

      // the order, paid and attributed to the live
      await tapText(page, '查看订单');
      await onPage(page, 'pages/order/index', '待发货');
      const order = await pageData(page);
      const orderId = String((order.order as { _id?: string } | undefined)?._id ?? (await page.evaluate('window.__preview.query().id')));
      paid = { orderId, payableText: '¥89.00' };
      await screenshot(page, 'order');

      // points earned, shown in the member center
      const after = await rt.runtime.call('points', { action: 'balance', data: {} }, SHOPPER);
      if (!after.ok) throw new Error('points.balance failed');
      const pointsAfter = (after.data as { balance: number }).balance;
      expect(pointsAfter).toBeGreaterThan(pointsBefore);
      await openPath(page, '/pages/me/index');
      await onPage(page, 'pages/me/index', '积分');
      await top(page).locator('.member__points .member__stat-value', { hasText: String(pointsAfter) }).waitFor();
      await screenshot(page, 'member-center');

      // the cart keeps the line added at the live price
      await page.locator('.pv-tab', { hasText: '购物车' }).click();
      await onPage(page, 'pages/cart/index', '柔雾持妆粉底液');
      await screenshot(page, 'cart');
    }, STEP_TIMEOUT);

    it('a new shopper claims a coupon in the coupon centre, and keeps an address book', async () => {
      rt.clock.set(rt.tonight.startAt - 6 * 60 * MINUTE);
      ({ page, errors } = await openPreview(chromium.context, rt, '#/pages/me/index', 'e2e-newcomer'));
      await onPage(page, 'pages/me/index', '领券中心');
      await tapText(page, '领券中心');
      await onPage(page, 'pages/coupon-center/index', '立即领取');
      // the new-member coupon granted on arrival is shown, and a shop coupon claims once
      await top(page).getByText('新人').first().waitFor();
      const before = await rt.runtime.db.collection('coupons').count({ userId: 'e2e-newcomer' });
      await tapText(page, '立即领取');
      await top(page).getByText('已领 1 张').first().waitFor();
      expect(await rt.runtime.db.collection('coupons').count({ userId: 'e2e-newcomer' })).toBe(before + 1);
      await screenshot(page, 'coupon-center');

      await openPath(page, '/pages/addresses/index');
      await onPage(page, 'pages/addresses/index', '还没有收货地址');
      await rt.runtime.call('mall', { action: 'saveAddress', data: { userName: '周九', telNumber: '13600001234', provinceName: '四川省', cityName: '成都市', countyName: '武侯区', detailInfo: '天府大道 9 号', isDefault: true } }, 'e2e-newcomer');
      await rt.runtime.call('mall', { action: 'saveAddress', data: { userName: '周九', telNumber: '13600001234', provinceName: '四川省', cityName: '成都市', countyName: '锦江区', detailInfo: '春熙路 1 号' } }, 'e2e-newcomer');
      await openPath(page, '/pages/addresses/index');
      await onPage(page, 'pages/addresses/index', '天府大道 9 号');
      await top(page).getByText('136****1234').first().waitFor();
      await screenshot(page, 'addresses');
    }, STEP_TIMEOUT);

    it('privacy pop-up → agree → address chosen', async () => {
      const NEW_USER = 'e2e-privacy';
      ({ page, errors } = await openPreview(chromium.context, rt, '#/pages/addresses/index', NEW_USER));
      await onPage(page, 'pages/addresses/index', '还没有收货地址');
      const before = await page.evaluate('wx.getPrivacySetting()');
      expect(before).toMatchObject({ needAuthorization: true, privacyContractName: '《直播好物小程序隐私保护指引》' });

      // a new user opens the form and imports the WeChat address: WeChat holds it for the app's pop-up
      await tapText(page, '新增收货地址');
      await tapText(page, '从微信导入');
      const popup = top(page).locator('.privacy__dialog');
      await popup.waitFor();
      expect(await popup.innerText()).toContain('《直播好物小程序隐私保护指引》');
      expect(await page.locator('.pv-dialog--address').count()).toBe(0);
      await screenshot(page, 'privacy');

      // agreeing lets chooseAddress go on: WeChat's address sheet, and the chosen address fills the form
      await tap(top(page).getByText('同意并继续'));
      await answer(page, '使用该地址', 'address');
      await top(page).locator('.form__notice', { hasText: '已填入微信地址' }).waitFor();
      expect(await popup.count()).toBe(0);
      expect(await top(page).locator('.form__name input').inputValue()).toBe('张三');
      expect(await top(page).locator('.form__detail input').inputValue()).toBe('体育西路 103 号维多利广场 A 座 1001');
      expect(await page.evaluate('wx.getPrivacySetting()')).toMatchObject({ needAuthorization: false });

      await tapText(page, '保存地址');
      await top(page).locator('.address__name', { hasText: '张三' }).waitFor();
      const book = await rt.runtime.db.collection('addresses').find({ userId: NEW_USER });
      expect(book.map((a) => [a.userName, a.countyName])).toEqual([['张三', '天河区']]);
    }, STEP_TIMEOUT);

    it('search → product → favorite: a keyword finds the product, 收藏 keeps it and 我的收藏 lists it', async () => {
      rt.clock.set(rt.tonight.startAt - 5 * 60 * MINUTE);
      ({ page, errors } = await openPreview(chromium.context, rt, '#/pages/home/index', SHOPPER));
      await onPage(page, 'pages/home/index', '搜索商品');
      await tapText(page, '搜索商品');
      await onPage(page, 'pages/search/index', '热门搜索');

      // typing suggests titles; the keyboard's search lists the results, 综合 first
      const box = top(page).locator('.bar__input input');
      await box.fill('粉底');
      await top(page).locator('.suggestion', { hasText: '柔雾持妆粉底液' }).waitFor();
      await box.press('Enter');
      await top(page).locator('.sort--active', { hasText: '综合' }).waitFor();
      await top(page).locator('.result', { hasText: '柔雾持妆粉底液' }).waitFor();
      const results = await pageData(page);
      expect((results.results as Array<{ title: string }>)[0].title).toBe('柔雾持妆粉底液');
      await screenshot(page, 'search');

      // the product: 收藏 lights the star
      await tap(top(page).locator('.result', { hasText: '柔雾持妆粉底液' }));
      await onPage(page, 'pages/product/index', '商品详情');
      await tap(top(page).locator('.actions__favorite'));
      expect(await toastText(page)).toContain('收藏成功');
      await top(page).locator('.actions__favorite', { hasText: '已收藏' }).waitFor();
      expect(await rt.runtime.db.collection('favorites').count({ userId: SHOPPER, productId: 'p-foundation' })).toBe(1);

      // back home, 我的 → 我的收藏 lists it first
      await openPath(page, '/pages/home/index');
      await page.locator('.pv-tab', { hasText: '我的' }).click();
      await onPage(page, 'pages/me/index', '我的收藏');
      await tapText(page, '我的收藏');
      await onPage(page, 'pages/favorites/index', '柔雾持妆粉底液');
      const favorites = await pageData(page);
      expect((favorites.rows as Array<{ title: string }>)[0].title).toBe('柔雾持妆粉底液');
      await screenshot(page, 'favorites');
    }, STEP_TIMEOUT);

    it('staff open the dashboard and the order list and see that order', async () => {
      if (!paid) throw new Error('the live-card flow did not pay an order');
      rt.clock.set(rt.tonight.startAt + 45 * MINUTE);
      ({ page, errors } = await openPreview(chromium.context, rt, '#/admin/pages/index/index', STAFF));
      await onPage(page, 'admin/pages/index/index', '数据看板');
      await tapText(page, '数据看板');
      await onPage(page, 'admin/pages/dashboard/index', '转化漏斗');
      await top(page).locator('.live-option', { hasText: '底妆专场' }).first().waitFor();
      const dashboard = await pageData(page);
      expect(dashboard.liveId).toBe('live-tonight');
      const metrics = (await top(page).locator('.metrics').innerText()).replace(/\s+/g, ' ');
      expect(metrics).toContain('89.00');
      await screenshot(page, 'dashboard');

      await openPath(page, '/admin/pages/orders/index');
      await onPage(page, 'admin/pages/orders/index', paid.orderId);
      const row = top(page).locator('.order', { hasText: paid.orderId });
      expect(await row.locator('.order__payable').innerText()).toBe(paid.payableText);
    }, STEP_TIMEOUT);

    it("the platform's payment sheet (cloud mode's path) settles a prepaid order through the local simulator", async () => {
      const shopper = (action: string, data: unknown) => rt.runtime.call('mall', { action, data }, SHOPPER);
      const address = await shopper('saveAddress', { userName: '李四', telNumber: '13900002222', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 2 号' });
      if (!address.ok) throw new Error('mall.saveAddress failed');
      const created = await shopper('createOrder', { items: [{ skuId: 'p-serum-1', quantity: 1 }], addressId: (address.data as { addressId: string }).addressId });
      if (!created.ok) throw new Error('mall.createOrder failed');
      const orderId = (created.data as { orderId: string }).orderId;

      ({ page, errors } = await openPreview(chromium.context, rt, `#/pages/order/index?id=${orderId}`, SHOPPER));
      // as services/payment.ts does in cloud mode: mall.prepay through wx.cloud, then wx.requestPayment
      const paying = page.evaluate(`(async () => {
        const prepay = await wx.cloud.callFunction({ name: 'mall', data: { action: 'prepay', data: { orderId: ${JSON.stringify(orderId)} } } });
        await wx.requestPayment(prepay.result.data);
        return 'paid';
      })()`);
      expect(await answer(page, '支付', 'payment')).toContain('prepay_id=');
      expect(await paying).toBe('paid');
      expect((await rt.runtime.db.collection('orders').get(orderId))?.status).toBe('paid');
    }, STEP_TIMEOUT);
  });
}

const route = (page: Page): Promise<string> => page.evaluate('window.__preview.route()');
