/**
 * After-sale through the real pages in headless Chromium: a shopper asks to return one line of a
 * received order with two photos, staff approve with the return address, the shopper sends the
 * waybill, staff confirm the parcel and the refund settles; the shopper sees the refund and the
 * points taken back. Screenshots of each side go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { describeInChromium, MINUTE } from './harness';
import { answer, onPage, pageData, screenshot, tap, tapText, top } from './ui';

const SHOPPER = 'demo-shopper';
const STAFF = 'demo-staff';
const STEP_TIMEOUT = 120_000;

describeInChromium('after-sale in headless Chromium', (s) => {
  let page: Page;


  /** A paid, shipped and received order of two lines. */
  async function receivedOrder(): Promise<string> {
    const { orderId } = await s.call<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 2 }, { skuId: 'p-lipbalm-1', quantity: 1 }], addressId: `addr-${SHOPPER}` }, SHOPPER);
    expect((await s.rt.runtime.devPay(orderId)).status).toBe(204);
    await s.call('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1400000001' }, STAFF);
    await s.call('mall', 'confirmReceipt', { orderId }, SHOPPER);
    return orderId;
  }

  // a custom component's classes are scoped by its name in the preview, as WeChat scopes them
  async function addSamplePhoto(): Promise<void> {
    const before = await top(page).locator('.photo-picker--photos__thumb').count();
    await tap(top(page).locator('.photo-picker--photos__add'));
    await answer(page, '示例照片', 'media');
    await top(page).locator('.photo-picker--photos__thumb').nth(before).waitFor();
    await top(page).locator('.photo-picker--photos__add--busy').waitFor({ state: 'detached' });
  }

  it('a return of one line, from the shopper’s application to the refund, on both sides', async () => {
    s.rt.clock.set(s.rt.tonight.startAt + 120 * MINUTE);
    const orderId = await receivedOrder();
    const points0 = (await s.call<{ balance: number }>('points', 'balance', {}, SHOPPER)).balance;

    // the shopper: order → 申请售后 on the brow pencil line → 退货退款 with a reason, a note and two photos
    page = await s.open(`#/pages/order/index?id=${orderId}`, SHOPPER);
    await onPage(page, 'pages/order/index', '申请售后');
    await tap(top(page).getByText('申请售后').first());
    await onPage(page, 'pages/after-sale/apply/index', '售后类型');
    await tapText(page, '退货退款', '.kinds');
    await tap(top(page).locator('.reason'));
    await page.locator('.pv-dialog--picker select').selectOption({ label: '商品质量问题' });
    await answer(page, '确定', 'picker');
    await top(page).locator('.reason__value', { hasText: '商品质量问题' }).waitFor();
    await top(page).locator('.details__note textarea').fill('笔芯断了一支');
    await addSamplePhoto();
    await addSamplePhoto();
    expect(await top(page).locator('.photo-picker--photos__count').innerText()).toBe('2/6');
    await screenshot(page, 'after-sale-apply');
    await tapText(page, '提交申请');
    // 订单状态通知, asked in the same tap
    expect(await answer(page, '允许', 'subscribe')).toContain('local-tpl-order-update');
    await onPage(page, 'pages/after-sale/detail/index', '等待商家处理');
    const afterSaleId = String(((await pageData(page)).sale as { _id: string })._id);
    expect(await top(page).locator('.info__photo').count()).toBe(2);
    await page.close();

    // staff: the queue → the application → 同意 with the return address
    page = await s.open('#/admin/pages/after-sales/index', STAFF);
    await onPage(page, 'admin/pages/after-sales/index', '眉笔');
    await screenshot(page, 'admin-after-sales');
    await tap(top(page).locator('.after-sale').first());
    await onPage(page, 'admin/pages/after-sale/index', '商品质量问题');
    await tap(top(page).locator('.actions__approve'));
    await top(page).locator('.sheet__name input').fill('售后仓');
    await top(page).locator('.sheet__phone input').fill('021-55550000');
    await top(page).locator('.sheet__address input').fill('上海市青浦区华新镇 88 号 售后组');
    await tap(top(page).locator('.sheet__confirm'));
    await top(page).locator('.head__state', { hasText: '待买家寄回' }).waitFor();
    await page.close();

    // the shopper sends the parcel back with its waybill
    page = await s.open(`#/pages/after-sale/detail/index?id=${afterSaleId}`, SHOPPER);
    await onPage(page, 'pages/after-sale/detail/index', '售后仓');
    await top(page).locator('.waybill__company input').fill('中通快递');
    await top(page).locator('.waybill__number input').fill('7312345678901');
    await tapText(page, '提交运单号');
    await top(page).locator('.tracking__return', { hasText: '7312345678901' }).waitFor();
    await page.close();

    // staff confirm the parcel: the refund of the unit is asked of WeChat Pay
    page = await s.open(`#/admin/pages/after-sale/index?id=${afterSaleId}`, STAFF);
    await onPage(page, 'admin/pages/after-sale/index', '7312345678901');
    await tap(top(page).locator('.actions__receive'));
    await answer(page, '确认收货');
    await top(page).locator('.head__state', { hasText: '退款中' }).waitFor();
    s.rt.clock.set(s.rt.clock.now() + 2 * MINUTE);
    expect((await s.rt.runtime.devSettleRefunds({ now: true })).map((a) => a.status)).toEqual([204]);
    await page.reload();
    await page.waitForFunction('window.__preview && window.__preview.ready');
    await onPage(page, 'admin/pages/after-sale/index', '已退款');
    await screenshot(page, 'admin-after-sale');
    await page.close();

    // the shopper sees the refund and the points it took back
    const order = (await s.rt.runtime.db.collection('orders').get(orderId))!;
    const taken = order.refunded!.points;
    expect(taken).toBeGreaterThan(0);
    expect((await s.call<{ balance: number }>('points', 'balance', {}, SHOPPER)).balance).toBe(points0 - taken);
    page = await s.open(`#/pages/after-sale/detail/index?id=${afterSaleId}`, SHOPPER);
    await onPage(page, 'pages/after-sale/detail/index', '扣回积分');
    expect(await top(page).locator('.refund__points').innerText()).toContain(`${taken} 积分`);
    await screenshot(page, 'after-sale-refunded');
  }, STEP_TIMEOUT * 2);

  it('staff set the return address and the windows; the staff home banks a new-order alert', async () => {
    page = await s.open('#/admin/pages/aftersale-settings/index', STAFF);
    await onPage(page, 'admin/pages/aftersale-settings/index', '售后时限');
    await top(page).locator('.settings__name input').fill('退货组');
    await top(page).locator('.settings__phone input').fill('0571-88880000');
    await top(page).locator('.settings__address input').fill('浙江省杭州市余杭区仓前街道 9 号');
    await top(page).locator('.settings__after-sale-days input').fill('15');
    await tap(top(page).locator('.settings__save'));
    await top(page).locator('.settings__updated', { hasText: '上次保存' }).waitFor();
    await screenshot(page, 'admin-aftersale-settings');
    const saved = await s.call<{ afterSaleDays: number; returnAddress: { name: string } | null }>('admin', 'getAfterSaleSettings', {}, STAFF);
    expect([saved.afterSaleDays, saved.returnAddress?.name]).toEqual([15, '退货组']);
    await page.close();

    // a product of its own: no return after receipt
    page = await s.open('#/admin/pages/products/index', STAFF);
    await onPage(page, 'admin/pages/products/index', '售后：按店铺设置');
    await tap(top(page).locator('.product__after-sale').first());
    await tap(top(page).locator('.window__mode', { hasText: '不支持退换' }));
    await tap(top(page).locator('.window__save'));
    await top(page).locator('.product__after-sale', { hasText: '签收后不支持退换' }).first().waitFor();
    await screenshot(page, 'admin-products');
    await page.close();

    // the staff home offers 新订单提醒 to staff who ship
    page = await s.open('#/admin/pages/index/index', STAFF);
    await onPage(page, 'admin/pages/index/index', '新订单提醒');
    await tap(top(page).locator('.alert__action'));
    expect(await answer(page, '允许', 'subscribe')).toContain('local-tpl-new-order');
    await top(page).locator('.alert__text', { hasText: '还可提醒 1 笔订单' }).waitFor();
    await screenshot(page, 'admin-home');
  }, STEP_TIMEOUT);
});
