import type { AfterSaleSettings } from '../../typings/contract';
import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach, openPage } from './helpers/fresh-runtime';
import { find, input, load, page, tap, text, texts, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp } from './helpers/wx';

/** 售后与收货设置 and a product's own 售后时限 on 商品与库存. */
const RETURN_TO = { name: '退货组', phone: '0571-88880000', address: '浙江省杭州市余杭区仓前街道 9 号' };

describe('after-sale settings screens', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    for (const name of ['aftersale-settings', 'products']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  freshRuntimeEach((r) => (rt = r));

  const open = (name: string, openid = 'demo-staff'): Promise<Rendered> => openPage(ids[name], openid);
  const settings = async () => {
    const r = await rt.as('demo-staff')<AfterSaleSettings>('admin', 'getAfterSaleSettings', {});
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  };
  const toast = () => (mp.of('showToast') as Array<{ title: string }>).at(-1)?.title;

  it('shows the defaults, checks the form before calling, saves only what changed, and a retry saves once', async () => {
    const comp = await open('aftersale-settings');
    expect(mp.callsTo('admin', 'getAfterSaleSettings')).toHaveLength(1);
    expect(page(comp).data.form).toEqual({ name: '', phone: '', address: '', afterSaleDays: '7', autoCompleteDays: '7' });
    expect(text(comp, '.settings__updated')).toBe('尚未保存，正在使用默认设置');

    // nothing changed: nothing sent
    await tap(comp, '.settings__save');
    expect(mp.callsTo('admin', 'setAfterSaleSettings')).toHaveLength(0);
    expect(toast()).toBe('没有需要保存的修改');

    input(comp, '.settings__after-sale-days', '31');
    await tap(comp, '.settings__save');
    expect(text(comp, '.settings__error')).toBe('售后时限为 1–30 天');
    input(comp, '.settings__after-sale-days', '15');
    input(comp, '.settings__name', RETURN_TO.name);
    await tap(comp, '.settings__save');
    expect(text(comp, '.settings__error')).toBe('请填写正确的联系电话');
    expect(mp.callsTo('admin', 'setAfterSaleSettings')).toHaveLength(0);
    input(comp, '.settings__phone', RETURN_TO.phone);
    input(comp, '.settings__address', RETURN_TO.address);
    input(comp, '.settings__auto-complete-days', '3');

    // the answer is lost: the retry is the same request
    mp.intercept('admin', 'setAfterSaleSettings', 'network', 1);
    await tap(comp, '.settings__save');
    await mp.settle();
    await tap(comp, '.settings__save');
    await mp.settle();
    const sent = mp.callsTo('admin', 'setAfterSaleSettings');
    expect(sent).toHaveLength(2);
    expect(sent[1].requestId).toBe(sent[0].requestId);
    expect(sent[1].data).toEqual({ returnAddress: RETURN_TO, afterSaleDays: 15, autoCompleteDays: 3 });
    expect(toast()).toBe('已保存');
    expect(await settings()).toMatchObject({ returnAddress: RETURN_TO, afterSaleDays: 15, autoCompleteDays: 3 });
    expect(text(comp, '.settings__updated')).toMatch(/^上次保存 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // clearing the address sends only that
    await tap(comp, '.settings__clear');
    await tap(comp, '.settings__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'setAfterSaleSettings').at(-1)!.data).toEqual({ returnAddress: null });
    expect((await settings()).returnAddress).toBeNull();
  });

  it('customer service reads the settings and cannot change them', async () => {
    await makeStaff(rt, 'cs-9', 'cs');
    const comp = await open('aftersale-settings', 'cs-9');
    expect(page(comp).data.state).toBe('ready');
    expect(find(comp, '.settings__save')).toHaveLength(0);
    expect(text(comp, '.settings__readonly')).toBe('只有店主和运营可以修改这些设置');
  });

  it('a shopper is sent back', async () => {
    const comp = await open('aftersale-settings', 'demo-shopper');
    expect(page(comp).data.state).toBe('denied');
  });

  it('sets a product\'s own window, none, and back to the shop\'s', async () => {
    const comp = await open('products');
    expect(texts(comp, '.product__after-sale')[0]).toBe('售后：按店铺设置 ›');
    await tap(comp, '.product__after-sale', { 'data-index': '0' });
    await tap(comp, '.window__mode', { 'data-mode': 'days' });
    input(comp, '.window__days', '0');
    await tap(comp, '.window__save');
    expect(text(comp, '.window__error')).toBe('请输入 1–30 天');
    expect(mp.callsTo('admin', 'updateProduct')).toHaveLength(0);
    input(comp, '.window__days', '15');
    await tap(comp, '.window__save');
    await mp.settle();
    const productId = (page(comp).data.products as Array<{ _id: string }>)[0]._id;
    expect(mp.callsTo('admin', 'updateProduct').map((c) => c.data)).toEqual([{ productId, afterSaleDays: 15 }]);
    expect(texts(comp, '.product__after-sale')[0]).toBe('售后：签收后 15 天内可退换 ›');
    expect(find(comp, '.window')).toHaveLength(0);

    await tap(comp, '.product__after-sale', { 'data-index': '0' });
    expect(page(comp).data.windowEdit).toMatchObject({ mode: 'days', days: '15' });
    await tap(comp, '.window__mode', { 'data-mode': 'none' });
    await tap(comp, '.window__save');
    await mp.settle();
    expect(texts(comp, '.product__after-sale')[0]).toBe('售后：签收后不支持退换 ›');
    await tap(comp, '.product__after-sale', { 'data-index': '0' });
    await tap(comp, '.window__mode', { 'data-mode': 'shop' });
    await tap(comp, '.window__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'updateProduct').map((c) => c.data).slice(1)).toEqual([
      { productId, afterSaleDays: 0 },
      { productId, afterSaleDays: null },
    ]);
    expect(texts(comp, '.product__after-sale')[0]).toBe('售后：按店铺设置 ›');
    expect((await rt.db.collection('products').get(productId))!.afterSaleDays).toBeNull();
  });
});
