/**
 * Reviews through the real pages in headless Chromium: a shopper reviews a received order's line
 * with stars, text and a photo; the content check passes the photo and asks a person about the
 * text; staff show it from the moderation queue with a reply; another shopper then finds it on the
 * product page and in 商品评价 with its photo. Screenshots go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { describeInChromium, MINUTE } from './harness';
import { answer, onPage, pageData, screenshot, tap, tapText, top } from './ui';

const SHOPPER = 'demo-shopper';
const STAFF = 'demo-staff';
const STRANGER = 'review-reader';
const STEP_TIMEOUT = 120_000;
// 私聊 makes the local content check (as WeChat's may) ask a person about the text
const FEELING = '颜色很自然，不晕妆，想私聊问问有没有新色号';

describeInChromium('reviews in headless Chromium', (s) => {
  let page: Page;


  async function receivedOrder(): Promise<string> {
    const { orderId } = await s.call<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 1 }], addressId: `addr-${SHOPPER}` }, SHOPPER);
    expect((await s.rt.runtime.devPay(orderId)).status).toBe(204);
    await s.call('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1400000002' }, STAFF);
    await s.call('mall', 'confirmReceipt', { orderId }, SHOPPER);
    return orderId;
  }

  it('a review with a photo appears to others after moderation', async () => {
    s.rt.clock.set(s.rt.tonight.startAt + 120 * MINUTE);
    const orderId = await receivedOrder();

    // the shopper: order → 评价晒单 → four stars, the text, a sample photo, 匿名 left off
    page = await s.open(`#/pages/order/index?id=${orderId}`, SHOPPER);
    await onPage(page, 'pages/order/index', '评价晒单');
    await tapText(page, '评价晒单');
    await onPage(page, 'pages/review/index', '商品评分');
    await tap(top(page).locator('.star').nth(3));
    await top(page).locator('.rating__text', { hasText: '好' }).waitFor();
    await top(page).locator('.form__text textarea').fill(FEELING);
    await tap(top(page).locator('.photo-picker--photos__add'));
    await answer(page, '示例照片', 'media');
    await top(page).locator('.photo-picker--photos__thumb').first().waitFor();
    await top(page).locator('.photo-picker--photos__add--busy').waitFor({ state: 'detached' });
    await screenshot(page, 'review-form');
    await tapText(page, '提交评价');
    await top(page).locator('.done__title', { hasText: '感谢你的评价' }).waitFor();
    expect(await top(page).locator('.notice').innerText()).toBe('图片审核中，通过后展示给其他顾客');
    // 我的评价: the author sees it waiting, with the points it earned
    await tapText(page, '查看我的评价');
    await onPage(page, 'pages/my-reviews/index', '审核中');
    expect(await top(page).locator('.mine__points').innerText()).toBe('+10 积分');
    await screenshot(page, 'my-reviews');
    await page.close();

    // WeChat's media check answers: the photo passes, the text still waits for a person
    expect(await s.rt.runtime.devMediaChecks()).toBe(1);
    const hidden = await s.call<{ total: number }>('mall', 'listReviews', { productId: 'p-brow' }, STRANGER);
    expect(hidden.total).toBe(0);

    // staff: 待审核 → 展示, with a reply
    page = await s.open('#/admin/pages/reviews/index', STAFF);
    await onPage(page, 'admin/pages/reviews/index', FEELING);
    await screenshot(page, 'admin-reviews');
    await tap(top(page).getByText('回复').first());
    await top(page).locator('textarea').first().fill('新色号下周上架，敬请关注');
    await tapText(page, '保存');
    await top(page).getByText('商家回复：新色号下周上架，敬请关注').waitFor();
    await tap(top(page).getByText('展示', { exact: true }).first());
    await top(page).getByText(FEELING).waitFor({ state: 'detached' });
    await page.close();

    // another shopper: the product page's 商品评价 after a scroll, then the list with the photo
    page = await s.open('#/pages/product/index?id=p-brow', STRANGER);
    await onPage(page, 'pages/product/index', '商品评价');
    await top(page).locator('.reviews-preview').scrollIntoViewIfNeeded();
    await top(page).locator('.reviews-preview__item', { hasText: '颜色很自然' }).waitFor();
    expect(await top(page).locator('.reviews-preview__title').innerText()).toContain('(1)');
    await screenshot(page, 'product-reviews', '.specs');
    await tap(top(page).locator('.reviews-preview__head'));
    await onPage(page, 'pages/reviews/index', '有图 1');
    expect(await top(page).locator('.review__photo').count()).toBe(1);
    expect(await top(page).locator('.review__reply').innerText()).toBe('商家回复：新色号下周上架，敬请关注');
    const data = await pageData(page);
    expect((data.items as unknown[]).length).toBe(1);
    await screenshot(page, 'reviews');
  }, STEP_TIMEOUT * 2);
});
