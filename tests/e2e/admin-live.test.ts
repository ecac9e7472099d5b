/**
 * Running lives and orders through the real admin pages in headless Chromium: staff create a live
 * with two product cards priced per SKU, give it a live-only coupon, edit it (reorder and reprice),
 * start it from 直播管理, then ship one order and refund one line of another with a reason. The
 * shopper's product page shows the card's live price. Screenshots go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { describeInChromium } from './harness';
import { answer, onPage, pageData, screenshot, tap, tapText, top } from './ui';

const STAFF = 'demo-staff';
const SHOPPER = 'demo-shopper';
const STEP_TIMEOUT = 120_000;
const TITLE = '唇妆专场：口红与腮红直播价';

describeInChromium('running lives and orders in headless Chromium', (s) => {
  let page: Page;

  const fill = async (selector: string, value: string) => {
    const box = top(page).locator(selector).first();
    await box.scrollIntoViewIfNeeded();
    await box.fill(value);
  };
  const card = (i: number) => top(page).locator('.card').nth(i);

  async function paidOrder(items: Array<{ skuId: string; quantity: number }>): Promise<string> {
    const { orderId } = await s.call<{ orderId: string }>('mall', 'createOrder', { items, addressId: `addr-${SHOPPER}` }, SHOPPER);
    expect((await s.rt.runtime.devPay(orderId)).status).toBe(204);
    return orderId;
  }

  it('a live with two cards and a live coupon is edited and started; one order ships, one line of another is refunded', async () => {
    // 直播管理 → 新建直播: two cards found by name, a live price on some SKUs, the lipstick as 引流款
    page = await s.open('#/admin/pages/lives/index', STAFF);
    await onPage(page, 'admin/pages/lives/index', '新建直播');
    await tapText(page, '新建直播');
    await onPage(page, 'admin/pages/live-edit/index', '直播信息');
    await fill('.edit__title input', TITLE);
    for (const name of ['丝绒哑光口红', '奶油腮红']) {
      await fill('.find__input input', name);
      await tap(top(page).locator('.find__go'));
      await tap(top(page).locator('.find__item', { hasText: name }));
    }
    expect(await top(page).locator('.card__title').allInnerTexts()).toEqual(['1. 丝绒哑光口红', '2. 奶油腮红']);
    await card(0).locator('.card__price input').first().fill('59');
    await tap(card(0).locator('.card__role', { hasText: '引流款' }));
    // the blush: only its first shade at a live price, the others sell at their regular price
    const blushPrices = card(1).locator('.card__price input');
    for (let i = 1; i < (await blushPrices.count()); i++) await blushPrices.nth(i).fill('');
    await blushPrices.first().fill('79');
    await fill('.edit__keywords input', '想要 链接 色号');
    await screenshot(page, 'admin-live-edit', '.cards');
    await tapText(page, '创建直播');
    await page.waitForFunction(`window.__preview.route() === 'admin/pages/live-edit/index' && !!window.__preview.data().editing`, undefined, { timeout: 10_000 });
    const [live] = await s.rt.runtime.db.collection('lives').find({ title: TITLE });
    expect(live!.cards.map((c) => [c.cardId, c.productId, c.role])).toEqual([
      ['card-1', 'p-lipstick', 'traffic'],
      ['card-2', 'p-blush', null],
    ]);
    expect(Object.values(live!.cards[1]!.skuPrices!)).toEqual([7900]);
    expect(live!.keywords).toEqual(['想要', '链接', '色号']);

    // edited: the blush first, its live price down to 75
    await tap(card(1).locator('.card__up'));
    await card(0).locator('.card__price input').first().fill('75');
    await tapText(page, '保存');
    await page.waitForFunction(`(window.__preview.data().form || {}).cards && window.__preview.data().form.cards[0].skus[0].live === '75.00'`, undefined, { timeout: 10_000 });
    const edited = (await s.rt.runtime.db.collection('lives').get(live!._id))!;
    expect(edited.cards.map((c) => [c.cardId, c.productId, c.livePriceFen])).toEqual([
      ['card-2', 'p-blush', 7500],
      ['card-1', 'p-lipstick', 5900],
    ]);
    await page.close();

    // 优惠券模板: a live-only coupon for this live's viewers
    page = await s.open('#/admin/pages/coupons/index', STAFF);
    await onPage(page, 'admin/pages/coupons/index', TITLE);
    await fill('.form__title input', '唇妆专场 10 元券');
    await fill('.form__value input', '10');
    await tap(top(page).locator('.form__live', { hasText: TITLE }));
    await tap(top(page).locator('.form__eligibility', { hasText: '预约用户' }));
    await tap(top(page).locator('.form__submit'));
    await page.waitForFunction(`(window.__preview.data().created || []).some((c) => c.title === '唇妆专场 10 元券')`, undefined, { timeout: 10_000 });
    const [coupon] = await s.rt.runtime.db.collection('coupon_templates').find({ title: '唇妆专场 10 元券' });
    expect(coupon).toMatchObject({ liveId: live!._id, eligibility: 'reservers' });
    await page.close();

    // 直播管理: 开播 now, before its time
    page = await s.open('#/admin/pages/lives/index', STAFF);
    await onPage(page, 'admin/pages/lives/index', TITLE);
    await tap(top(page).locator('.live', { hasText: TITLE }).locator('.live__start'));
    expect(await answer(page, '确定')).toContain('现在开播');
    await top(page).locator('.live', { hasText: TITLE }).locator('.live__state', { hasText: '直播中' }).waitFor();
    await screenshot(page, 'admin-lives');
    await page.close();
    expect((await s.call<{ state: string }>('live', 'get', { liveId: live!._id }, SHOPPER)).state).toBe('live');

    // the shopper's landing from the blush card shows its live price
    page = await s.open(`#/pages/product/index?id=p-blush&live=${live!._id}&card=card-2`, SHOPPER);
    await onPage(page, 'pages/product/index', '75');
    await screenshot(page, 'product-live-card');
    await page.close();

    // orders: one shipped with its courier and number, one line of another refunded with a reason
    const toShip = await paidOrder([{ skuId: 'p-brow-1', quantity: 1 }]);
    const toRefund = await paidOrder([{ skuId: 'p-lipbalm-1', quantity: 1 }, { skuId: 'p-serum-1', quantity: 1 }]);
    page = await s.open(`#/admin/pages/order-detail/index?id=${toShip}`, STAFF);
    await onPage(page, 'admin/pages/order-detail/index', '买家与收货信息');
    await tap(top(page).locator('.actions__ship'));
    await tap(top(page).locator('.ship__courier', { hasText: '顺丰速运' }));
    await fill('.ship__tracking input', 'SF1700000001');
    await screenshot(page, 'admin-order-ship', '.ship');
    await tap(top(page).locator('.ship__confirm'));
    await top(page).locator('.head__status', { hasText: '已发货' }).waitFor();
    expect((await s.rt.runtime.db.collection('orders').get(toShip))!.status).toBe('shipped');
    await page.close();

    page = await s.open(`#/admin/pages/order-detail/index?id=${toRefund}`, STAFF);
    await onPage(page, 'admin/pages/order-detail/index', '买家与收货信息');
    await tap(top(page).locator('.actions__refund'));
    // the serum line stays: only the lip balm is refunded
    const lines = (await pageData(page)).refunding as { lines: Array<{ skuId: string }> };
    const serum = lines.lines.findIndex((l) => l.skuId === 'p-serum-1');
    await tap(top(page).locator('.refund-sheet__minus').nth(serum));
    await tap(top(page).locator('.refund-sheet__reason-chip', { hasText: '缺货无法发货' }));
    await screenshot(page, 'admin-order-refund', '.refund-sheet');
    await tap(top(page).locator('.refund-sheet__confirm'));
    expect(await answer(page, '退款')).toContain('润唇膏');
    await top(page).locator('.refund__row', { hasText: '部分退款' }).first().waitFor();
    const refunded = (await s.rt.runtime.db.collection('orders').get(toRefund))!;
    expect(refunded.status).toBe('paid');
    expect(refunded.refund).toMatchObject({ reason: '缺货无法发货' });
  }, STEP_TIMEOUT * 2);

  it('the live console pushes a notice whose group copy shows, and marks a card role', async () => {
    page = await s.open('#/admin/pages/live-console/index?live=live-tonight', STAFF);
    await onPage(page, 'admin/pages/live-console/index', '推送到直播间');
    await tap(top(page).locator('.console-push--kind', { hasText: '公告' }));
    await top(page).locator('.console-push--push__text input').fill('整点抽奖马上开始');
    await tap(top(page).locator('.console-push--push__send'));
    await top(page).locator('.console-push--copy__text', { hasText: '整点抽奖马上开始' }).waitFor();
    const shown = await s.call<{ items: Array<{ kind: string; text: string }> }>('live', 'broadcasts', { liveId: 'live-tonight' }, SHOPPER);
    expect(shown.items.map((b) => [b.kind, b.text])).toEqual([['notice', '整点抽奖马上开始']]);
    await screenshot(page, 'admin-live-console');
    const row = top(page).locator('.console-roles--role-row', { hasText: '轻盈定妆散粉' });
    await tap(row.locator('.console-roles--role', { hasText: '信任款' }));
    await row.locator('.console-roles--role.console-roles--chip--on', { hasText: '信任款' }).waitFor();
    const live = (await s.rt.runtime.db.collection('lives').get('live-tonight'))!;
    expect(live.cards.find((c) => c.productId === 'p-powder')?.role).toBe('trust');
    await page.close();
  }, STEP_TIMEOUT);

  it('a customer is found by name, tagged by hand and given points with a reason', async () => {
    page = await s.open('#/admin/pages/customers/index', STAFF);
    await onPage(page, 'admin/pages/customers/index', '位顾客');
    await top(page).locator('.search__input input').fill('小美');
    await tap(top(page).locator('.search__go'));
    await top(page).locator('.search__summary', { hasText: '小美' }).waitFor();
    // 导出 CSV of what the list shows, then 发送到聊天
    await tap(top(page).locator('.export-button--export__start'));
    const file = top(page).locator('.export-button--export__file');
    await file.waitFor();
    expect(await file.innerText()).toMatch(/^已导出 \d+ 行 · customers-\d{8}-[0-9a-f]{16}\.csv$/);
    await screenshot(page, 'admin-customers');
    const [job] = await s.rt.runtime.db.collection('exports').find({});
    const got = await fetch(`${s.rt.url}/files/exports/${job!.fileName}`);
    expect(got.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await got.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('昵称,手机,等级,积分,有效订单,实付（扣除退款）,最近下单,标签,加入时间,最近访问');
    await tap(top(page).locator('.export-button--export__send'));
    expect(await answer(page, '发送')).toContain(job!.fileName);
    await tap(top(page).locator('.customer', { hasText: '138****8000' }));
    await onPage(page, 'admin/pages/customer/index', '消费');
    const before = (await s.rt.runtime.db.collection('member_accounts').get(SHOPPER))!.points;
    await top(page).locator('.tag-new__input input').fill('vip_care');
    await tap(top(page).locator('.tag-new__add'));
    await top(page).locator('.tag__label', { hasText: 'vip_care' }).waitFor();
    await top(page).locator('.adjust__amount input').fill('200');
    await top(page).locator('.adjust__reason input').fill('直播间口误补发');
    await tap(top(page).locator('.adjust__submit'));
    expect(await answer(page, '补发')).toContain('补发 200 积分');
    await top(page).locator('.entry__label', { hasText: '店铺补发：直播间口误补发' }).waitFor();
    expect((await s.rt.runtime.db.collection('member_accounts').get(SHOPPER))!.points).toBe(before + 200);
    expect(await s.rt.runtime.db.collection('user_tags').get(`${SHOPPER}:vip_care`)).toMatchObject({ source: 'staff' });
    await screenshot(page, 'admin-customer');
    await page.close();
  }, STEP_TIMEOUT);

  it('a coupon template is edited after claims, and a product gets a new shade with its SKU', async () => {
    page = await s.open('#/admin/pages/coupons/index', STAFF);
    await onPage(page, 'admin/pages/coupons/index', '券模板');
    const first = top(page).locator('.created').first();
    await tap(first.locator('.created__edit'));
    await top(page).locator('.edit__stock input').fill('2000');
    await screenshot(page, 'admin-coupon-edit', '.edit');
    await tap(top(page).locator('.edit__save'));
    await first.locator('.created__summary', { hasText: '/2000' }).waitFor();
    await page.close();

    page = await s.open('#/admin/pages/product-edit/index?id=p-lipstick', STAFF);
    await onPage(page, 'admin/pages/product-edit/index', '规格与库存');
    await top(page).locator('.group__input input').first().fill('#20 奶茶');
    await tap(top(page).locator('.group__add-value').first());
    await top(page).locator('.added-row__price input').fill('89');
    await top(page).locator('.added-row__stock input').fill('50');
    await screenshot(page, 'admin-spec-add', '.specs');
    await tap(top(page).locator('.added__save'));
    await top(page).locator('.sku-row__spec', { hasText: '#20 奶茶' }).waitFor();
    const skus = await s.rt.runtime.db.collection('skus').find({ productId: 'p-lipstick' });
    expect(skus.find((k) => k.specs['色号'] === '#20 奶茶')).toMatchObject({ priceFen: 8900, stock: 50, status: 'on_sale' });
    await page.close();
  }, STEP_TIMEOUT);
});
