import { load, mount, page, tap, text, texts } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';
import type { TestRuntime } from '../helpers/runtime';

describe('address book page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/addresses/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(openid = 'demo-shopper') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }
  const book = (openid = 'demo-shopper') => rt.db.collection('addresses').find({ userId: openid });
  const fill = async (comp: ReturnType<typeof mount>, fields: Record<string, unknown>) => {
    const form = page(comp).selectComponent('.addresses__address-form') as unknown as { setData(d: Record<string, unknown>): void };
    form.setData(fields);
  };

  it('lists the book default first with the phone masked', async () => {
    const comp = await open();
    expect(texts(comp, '.address__name').length).toBeGreaterThan(0);
    expect(texts(comp, '.address__default')).toEqual(['默认']);
    expect(texts(comp, '.address__phone').every((p) => /^1\d{2}\*{4}\d{4}$/.test(p))).toBe(true);
  });

  it('a new shopper sees the empty state, adds an address by hand and it becomes the default', async () => {
    const comp = await open('fresh');
    expect(text(comp, '.addresses__empty >>> .state__text')).toBe('还没有收货地址');
    await tap(comp, '.addresses__add');
    expect(page(comp).data.form).toEqual({});
    await fill(comp, { userName: '钱七', telNumber: '13912345678', region: ['江苏省', '南京市', '鼓楼区'], regionText: '江苏省 南京市 鼓楼区', detailInfo: '中山路 1 号' });
    await tap(comp, '.addresses__form >>> .form__save');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress').map((c) => c.data)).toEqual([
      { userName: '钱七', telNumber: '13912345678', provinceName: '江苏省', cityName: '南京市', countyName: '鼓楼区', detailInfo: '中山路 1 号', isDefault: true },
    ]);
    expect(page(comp).data.form).toBeNull();
    expect(texts(comp, '.address__phone')).toEqual(['139****5678']);
    expect(texts(comp, '.address__default')).toEqual(['默认']);
    expect(await book('fresh')).toHaveLength(1);
  });

  it('refuses a bad form without calling the server', async () => {
    const comp = await open('fresh');
    await tap(comp, '.addresses__add');
    await fill(comp, { userName: '钱七', telNumber: '123', region: ['江苏省', '南京市', '鼓楼区'], detailInfo: '中山路 1 号' });
    await tap(comp, '.addresses__form >>> .form__save');
    expect(text(comp, '.addresses__form >>> .form__error')).toBe('请填写正确的手机号');
    expect(mp.callsTo('mall', 'saveAddress')).toEqual([]);
  });

  it('sets another address as default, and deletes one only after asking', async () => {
    await rt.as('two')('mall', 'saveAddress', { userName: '甲', telNumber: '13800000001', provinceName: '北京市', cityName: '北京市', countyName: '朝阳区', detailInfo: '一号', isDefault: true });
    await rt.as('two')('mall', 'saveAddress', { userName: '乙', telNumber: '13800000002', provinceName: '北京市', cityName: '北京市', countyName: '海淀区', detailInfo: '二号' });
    const comp = await open('two');
    expect(texts(comp, '.address__name')).toEqual(['甲', '乙']);
    await tap(comp, '.address__set-default');
    await mp.settle();
    expect(texts(comp, '.address__name')).toEqual(['乙', '甲']);
    expect((await book('two')).find((a) => a.userName === '乙')).toBeDefined();

    await tap(comp, '.address__delete', { 'data-id': (page(comp).data.addresses as Array<{ _id: string }>)[1]._id });
    await mp.settle();
    expect(mp.of('showModal').at(-1)).toMatchObject({ title: '删除地址', confirmText: '删除' });
    expect(mp.callsTo('mall', 'deleteAddress')).toEqual([]);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.address__delete', { 'data-id': (page(comp).data.addresses as Array<{ _id: string }>)[1]._id });
    await mp.settle();
    expect(mp.callsTo('mall', 'deleteAddress')).toHaveLength(1);
    expect(texts(comp, '.address__name')).toEqual(['乙']);
  });

  it('imports the address WeChat keeps', async () => {
    const comp = await open('fresh');
    mp.answer('chooseAddress', { userName: '孙八', telNumber: '13700000000', provinceName: '广东省', cityName: '广州市', countyName: '天河区', detailInfo: '体育西路 3 号', errMsg: 'chooseAddress:ok' });
    await tap(comp, '.addresses__wechat');
    await mp.settle();
    expect(texts(comp, '.address__name')).toEqual(['孙八']);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已导入微信地址', icon: 'success' });
  });
});
