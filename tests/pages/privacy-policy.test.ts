import { load, mount, page, tap, text, texts } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { agreeInPopup, newPrivacyUser, popupShown } from './helpers/privacy';
import { mp } from './helpers/wx';
import { POLICY_SECTIONS } from '../../miniprogram/pages/privacy/utils';

describe('隐私政策 page', () => {
  let policy: string;
  beforeAll(() => {
    policy = load('pages/privacy/index');
  });
  freshRuntimeEach(() => undefined);

  it('a request on a page without a pop-up opens the policy page, whose pop-up answers it and goes back', async () => {
    newPrivacyUser();
    const answers: unknown[] = [];
    // a privacy API called where no pop-up is on screen (e.g. a staff page copying a code)
    mp.privacyListener!((answer) => answers.push(answer), { referrer: 'setClipboardData' });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/privacy/index?consent=1' }]);

    const comp = mount(policy);
    page(comp).onLoad({ consent: '1' });
    await mp.settle();
    expect(popupShown(comp)).toBe(true);
    await agreeInPopup(comp);
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
    expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
  });

  it('the policy page says what the mall collects, keeps and shares, and opens the platform’s policy', async () => {
    const comp = mount(policy);
    page(comp).onLoad({});
    await mp.settle();
    expect(texts(comp, '.section-title')).toEqual(POLICY_SECTIONS.map((s) => s.title));
    const all = texts(comp, '.policy__item').join('\n');
    for (const word of ['openid', '昵称与头像', '收货地址', '订单信息', '观看时长', '订阅消息', '手机号', '不少于三年', '联系客服']) expect(all).toContain(word);
    expect(text(comp, '.policy__contract')).toBe('查看平台展示的《直播好物小程序隐私保护指引》 ›');
    await tap(comp, '.policy__contract');
    expect(mp.of('openPrivacyContract')).toHaveLength(1);
    expect(popupShown(comp)).toBe(false);
    // opened by the shopper, not for a request: deciding nothing, going nowhere
    expect(mp.of('navigateBack')).toEqual([]);
  });
});
