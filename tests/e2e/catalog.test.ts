/**
 * Setting up the shop through the real admin pages in headless Chromium: staff make a top-level
 * category and a sub-category under it, a product in it with two spec groups, two uploaded images
 * and a SKU per combination, put it on sale, and give it a home banner; a shopper then finds it
 * under the sub-category, picks a spec on its page, and sees the banner on the home page.
 * Screenshots go to docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { describeInChromium } from './harness';
import { answer, onPage, pageData, screenshot, tap, tapText, top } from './ui';

const STAFF = 'demo-staff';
const SHOPPER = 'catalog-shopper';
const STEP_TIMEOUT = 120_000;
const TITLE = '水润修护唇膏';

describeInChromium('setting up the catalogue in headless Chromium', (s) => {
  let page: Page;

  async function addSamplePhoto(within: string): Promise<void> {
    const picker = top(page).locator(within);
    const before = await picker.locator('.photo-picker--photos__thumb').count();
    await tap(picker.locator('.photo-picker--photos__add'));
    await answer(page, '示例照片', 'media');
    await picker.locator('.photo-picker--photos__thumb').nth(before).waitFor();
    await picker.locator('.photo-picker--photos__add--busy').waitFor({ state: 'detached' });
  }

  const fill = async (selector: string, value: string) => {
    const box = top(page).locator(selector).first();
    await box.scrollIntoViewIfNeeded();
    await box.fill(value);
  };

  it('a category, a product with two spec groups and images, and a banner, then the shopper finds them', async () => {
    // 分类管理: 唇部护理 at the top, 润唇膏 under it
    page = await s.open('#/admin/pages/categories/index', STAFF);
    await onPage(page, 'admin/pages/categories/index', '护肤');
    await tapText(page, '新建一级分类');
    await fill('.edit__name input', '唇部护理');
    await tap(top(page).locator('.edit__save'));
    await top(page).locator('.category__name', { hasText: '唇部护理' }).waitFor();
    await tap(top(page).locator('.category', { hasText: '唇部护理' }).locator('.category__add-sub'));
    await fill('.edit__name input', '润唇膏');
    await tap(top(page).locator('.edit__save'));
    await top(page).locator('.category--sub', { hasText: '润唇膏' }).waitFor();
    await screenshot(page, 'admin-categories');
    const categories = await s.rt.runtime.db.collection('categories').find({});
    const lip = categories.find((c) => c.name === '唇部护理')!;
    const balm = categories.find((c) => c.name === '润唇膏')!;
    expect(balm.parentId).toBe(lip._id);
    await page.close();

    // 商品与库存 → 新建商品: two images, 色号 × 规格, a price and stock for each of the four
    page = await s.open('#/admin/pages/products/index', STAFF);
    await onPage(page, 'admin/pages/products/index', '新建商品');
    await tapText(page, '新建商品');
    await onPage(page, 'admin/pages/product-edit/index', '基本信息');
    await fill('.edit__title input', TITLE);
    await fill('.edit__subtitle input', '植物油脂 · 无色保湿');
    await tap(top(page).locator('.edit__category'));
    await page.locator('.pv-dialog--picker select').selectOption({ label: '唇部护理 / 润唇膏' });
    await answer(page, '确定', 'picker');
    await top(page).locator('.edit__category', { hasText: '唇部护理 / 润唇膏' }).waitFor();
    await addSamplePhoto('.edit__images');
    await addSamplePhoto('.edit__images');
    await fill('.group__new input', '色号');
    await tapText(page, '添加规格');
    const group = (i: number) => top(page).locator('.group').nth(i);
    for (const v of ['01 裸粉', '02 豆沙']) {
      await group(0).locator('.group__input input').fill(v);
      await tap(group(0).locator('.group__add-value'));
    }
    await fill('.group__new input', '规格');
    await tapText(page, '添加规格');
    for (const v of ['单支', '双支装']) {
      await group(1).locator('.group__input input').fill(v);
      await tap(group(1).locator('.group__add-value'));
    }
    expect(await top(page).locator('.sku-row__spec').allInnerTexts()).toEqual(['01 裸粉 / 单支', '01 裸粉 / 双支装', '02 豆沙 / 单支', '02 豆沙 / 双支装']);
    await fill('.batch__price input', '59');
    await fill('.batch__stock input', '20');
    await tapText(page, '批量填写');
    // the two-pack costs more
    for (const i of [1, 3]) await top(page).locator('.sku-row').nth(i).locator('.sku-row__price input').fill('109');
    const rows = (await pageData(page)).form as { rows: Array<{ price: string; stock: string }> };
    expect(rows.rows.map((r) => [r.price, r.stock])).toEqual([['59', '20'], ['109', '20'], ['59', '20'], ['109', '20']]);
    await screenshot(page, 'admin-product-edit', '.specs');
    await tapText(page, '上架销售');
    await page.waitForFunction(`(window.__preview.route() === 'admin/pages/product-edit/index') && !!(window.__preview.data().editing)`, undefined, { timeout: 10_000 });
    const [product] = await s.rt.runtime.db.collection('products').find({ title: TITLE });
    expect(product).toMatchObject({ status: 'on_sale', categoryId: balm._id, topCategoryId: lip._id, specNames: ['色号', '规格'], priceFen: 5900 });
    expect(product!.images).toHaveLength(2);
    const skus = await s.rt.runtime.db.collection('skus').find({ productId: product!._id });
    expect(skus.map((s) => [s.specs.色号, s.specs.规格, s.priceFen, s.stock]).sort()).toEqual([
      ['01 裸粉', '单支', 5900, 20],
      ['01 裸粉', '双支装', 10900, 20],
      ['02 豆沙', '单支', 5900, 20],
      ['02 豆沙', '双支装', 10900, 20],
    ]);
    // the saved product opens in its editor, the images served by the runtime
    await top(page).locator('.edit__images .photo-picker--photos__thumb').nth(1).waitFor();
    expect(await top(page).locator('.edit__save').count()).toBe(1);
    await page.close();

    // 首页轮播: a banner with its own image, opening the new product
    page = await s.open('#/admin/pages/banners/index', STAFF);
    await onPage(page, 'admin/pages/banners/index', '新建轮播图');
    await tapText(page, '新建轮播图');
    await addSamplePhoto('.edit__image');
    await fill('.edit__title input', '润唇膏上新');
    await tap(top(page).locator('.edit__target', { hasText: '商品' }));
    await fill('.find__input input', '修护唇膏');
    await tap(top(page).locator('.find__go'));
    await tap(top(page).locator('.find__item', { hasText: TITLE }));
    await top(page).locator('.edit__product', { hasText: TITLE }).waitFor();
    await tap(top(page).locator('.edit__save'));
    await top(page).locator('.banner__title', { hasText: '润唇膏上新' }).waitFor();
    await tap(top(page).locator('.banner', { hasText: '润唇膏上新' }).locator('.banner__up'));
    await page.waitForFunction(`(window.__preview.data().banners || [])[1] && window.__preview.data().banners[1].title === '润唇膏上新'`, undefined, { timeout: 10_000 });
    await screenshot(page, 'admin-banners');
    await page.close();

    // the shopper: the banner on the home page, the product under 唇部护理 › 润唇膏, its specs
    page = await s.open('#/pages/home/index', SHOPPER);
    await onPage(page, 'pages/home/index');
    await page.waitForFunction(`(window.__preview.data().banners || []).some((b) => b.title === '润唇膏上新')`, undefined, { timeout: 10_000 });
    await page.close();
    page = await s.open(`#/pages/category/index?id=${balm._id}`, SHOPPER);
    await onPage(page, 'pages/category/index', TITLE);
    expect(await top(page).locator('.subs__item').allInnerTexts()).toEqual(['全部', '润唇膏']);
    expect(await top(page).locator('.subs__item--on').innerText()).toBe('润唇膏');
    await screenshot(page, 'category-subs');
    await tap(top(page).locator('.product', { hasText: TITLE }));
    await onPage(page, 'pages/product/index', '双支装');
    await tapText(page, '02 豆沙');
    await tapText(page, '双支装');
    await top(page).getByText('109').first().waitFor();
    await screenshot(page, 'product-new');
  }, STEP_TIMEOUT * 2);
});
