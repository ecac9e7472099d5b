import { load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { agreeInPopup, newPrivacyUser, popupShown, refuseInPopup } from './helpers/privacy';
import { mp } from './helpers/wx';
import { privacyPending } from '../../miniprogram/utils/privacy';

const WECHAT_ADDRESS = { userName: '张三', telNumber: '13800000000', provinceName: '广东省', cityName: '广州市', countyName: '天河区', detailInfo: '体育西路 103 号' };

describe('the privacy pop-up (用户隐私保护提示)', () => {
  let addresses: string;
  beforeAll(() => {
    addresses = load('pages/addresses/index');
  });
  freshRuntimeEach(() => undefined);

  async function openBook(openid = 'privacy-fresh') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(addresses);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  /** The address form's fields as the shopper reads them. */
  const formFields = (comp: Rendered) => {
    const form = page(comp).selectComponent('.addresses__address-form') as unknown as { data: Record<string, unknown> };
    const { userName, telNumber, regionText, detailInfo } = form.data;
    return { userName, telNumber, regionText, detailInfo };
  };

  async function importInForm(comp: Rendered) {
    await tap(comp, '.addresses__add');
    await tap(comp, '.addresses__form >>> .form__import');
    await mp.settle();
  }

  it('shows nothing to a user who has agreed: the address is read at once', async () => {
    mp.answer('chooseAddress', WECHAT_ADDRESS);
    const comp = await openBook();
    await importInForm(comp);
    expect(mp.of('needPrivacyAuthorization')).toEqual([]);
    expect(popupShown(comp)).toBe(false);
    expect(formFields(comp)).toEqual({ userName: '张三', telNumber: '13800000000', regionText: '广东省 广州市 天河区', detailInfo: '体育西路 103 号' });
  });

  it('a new user taps 从微信导入: the pop-up names the policy; agreeing lets WeChat give the address, which fills the form', async () => {
    newPrivacyUser();
    mp.answer('chooseAddress', WECHAT_ADDRESS);
    const comp = await openBook();
    expect(popupShown(comp)).toBe(false);
    await importInForm(comp);

    expect(mp.of('needPrivacyAuthorization')).toEqual([{ referrer: 'chooseAddress' }]);
    expect(popupShown(comp)).toBe(true);
    expect(text(comp, '.privacy-popup >>> .privacy__contract')).toBe('《直播好物小程序隐私保护指引》');
    expect(mp.of('privacyResolve')).toEqual([{ event: 'exposureAuthorization' }]);
    // nothing read yet: the address waits for the answer
    expect(formFields(comp).userName).toBe('');

    await agreeInPopup(comp);
    expect(mp.of('privacyResolve')).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(popupShown(comp)).toBe(false);
    expect(formFields(comp)).toEqual({ userName: '张三', telNumber: '13800000000', regionText: '广东省 广州市 天河区', detailInfo: '体育西路 103 号' });
    expect(text(comp, '.addresses__form >>> .form__notice')).toBe('已填入微信地址，请核对后保存');

    // saved as the shopper checked it
    await tap(comp, '.addresses__form >>> .form__save');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress').map((c) => c.data)).toEqual([{ ...WECHAT_ADDRESS, isDefault: true }]);
    expect(texts(comp, '.address__name')).toEqual(['张三']);

    // agreed once: the next import asks nothing
    mp.answer('chooseAddress', WECHAT_ADDRESS);
    await importInForm(comp);
    expect(mp.of('needPrivacyAuthorization')).toHaveLength(1);
  });

  it('refusing says so in the form, which stays open for typing the address', async () => {
    newPrivacyUser();
    const comp = await openBook();
    await importInForm(comp);
    await refuseInPopup(comp);
    expect(mp.of('privacyResolve').at(-1)).toEqual({ event: 'disagree' });
    expect(popupShown(comp)).toBe(false);
    expect(text(comp, '.addresses__form >>> .form__notice')).toBe('未同意隐私保护指引，无法读取微信地址，请手动填写');
    expect(mp.of('chooseAddress')).toHaveLength(1);
    expect(privacyPending()).toBe(false);

    const form = page(comp).selectComponent('.addresses__address-form') as unknown as { setData(d: Record<string, unknown>): void };
    form.setData({ userName: '钱七', telNumber: '13912345678', region: ['江苏省', '南京市', '鼓楼区'], regionText: '江苏省 南京市 鼓楼区', detailInfo: '中山路 1 号' });
    await tap(comp, '.addresses__form >>> .form__save');
    await mp.settle();
    expect(texts(comp, '.address__name')).toEqual(['钱七']);
  });

  it('refused from the bar’s 导入微信地址, the form opens to type the address instead', async () => {
    newPrivacyUser();
    const comp = await openBook();
    await tap(comp, '.addresses__wechat');
    await mp.settle();
    await refuseInPopup(comp);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '未同意隐私保护指引，无法读取微信地址，请手动填写', icon: 'none' });
    expect(page(comp).data.form).toEqual({});
    expect(mp.callsTo('mall', 'saveAddress')).toEqual([]);
  });

  it('opens the platform’s policy and the shop’s own privacy policy, and asks again when the shopper comes back', async () => {
    newPrivacyUser();
    const comp = await openBook();
    await importInForm(comp);
    await tap(comp, '.privacy-popup >>> .privacy__contract');
    expect(mp.of('openPrivacyContract')).toHaveLength(1);
    await tap(comp, '.privacy-popup >>> .privacy__policy');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/privacy/index' }]);

    // off to the policy page: the question waits, and shows again with the book
    (comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('hide');
    expect(popupShown(comp)).toBe(false);
    expect(privacyPending()).toBe(true);
    (comp as unknown as { triggerPageLifeTime(name: string): void }).triggerPageLifeTime('show');
    expect(popupShown(comp)).toBe(true);
    await agreeInPopup(comp);
    expect(privacyPending()).toBe(false);
  });

});
