import { MAX_CONSENT_CREDITS } from '../../typings/contract/limits';
import { templateRows } from '../../miniprogram/pages/notifications/utils';
import { consentToast } from '../../miniprogram/utils/consent-text';
import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach, openPage } from './helpers/fresh-runtime';
import { load, page, tap, text, texts, type Rendered } from './helpers/render';
import { mp } from './helpers/wx';

const LIVE_START = 'local-tpl-live-start';
const MARKETING = 'local-tpl-marketing';

describe('消息提醒 page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/notifications/index');
  });
  freshRuntimeEach((r) => (rt = r));

  const open = (openid = 'demo-shopper') => openPage(id, openid);
  /** Each template row as the shopper reads it (the SMS row shares the title class, so it is left off). */
  const rows = (comp: Rendered) => {
    const credits = texts(comp, '.template__credits');
    const actions = texts(comp, '.template__action');
    return texts(comp, '.template .template__title').map((title, i) => ({ title, credits: credits[i], action: actions[i] }));
  };
  const ask = (comp: Rendered, templateId: string) => tap(comp, '.template__action', { 'data-id': templateId });
  const credits = async (openid: string, templateId: string) =>
    (await rt.db.collection('consent_credits').find({ userId: openid, templateId }))[0]?.credits ?? 0;

  it('lists each message the shop sends with its sends left, in one call', async () => {
    const comp = await open();
    expect(mp.callsTo('live', 'messageSettings')).toHaveLength(1);
    expect(mp.calls).toHaveLength(1);
    expect(rows(comp).map((r) => r.title)).toEqual(['直播开始提醒', '中奖结果通知', '订单状态通知', '活动通知', '到货提醒']);
    expect(rows(comp).every((r) => r.credits === '未开启' && r.action === '开启提醒')).toBe(true);
    expect(texts(comp, '.template__note')).toContain('直播后的专属优惠与活动');
  });

  it('asks in the tap itself, records an accepted prompt and shows one more send', async () => {
    const comp = await open();
    await ask(comp, MARKETING);
    expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: [MARKETING] }]);
    await mp.settle();
    expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { [MARKETING]: 'accept' } }]);
    expect(await credits('demo-shopper', MARKETING)).toBe(1);
    expect(rows(comp).find((r) => r.title === '活动通知')).toEqual({ title: '活动通知', credits: '可提醒 1 次', action: '再开启一次' });
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已开启，下次有消息会提醒你', icon: 'none' });

    await ask(comp, MARKETING);
    await mp.settle();
    expect(await credits('demo-shopper', MARKETING)).toBe(2);
    expect(rows(comp).find((r) => r.title === '活动通知')!.credits).toBe('可提醒 2 次');
  });

  it('records nothing for a refused prompt and says where a blocked one is switched back on', async () => {
    mp.subscribeAnswer = 'reject';
    const comp = await open();
    await ask(comp, LIVE_START);
    await mp.settle();
    expect(mp.callsTo('live', 'recordConsents')).toEqual([]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '你取消了本次提醒', icon: 'none' });

    mp.subscribeAnswer = 'ban';
    await ask(comp, LIVE_START);
    await mp.settle();
    expect(mp.callsTo('live', 'recordConsents')).toEqual([]);
    expect((mp.of('showToast').at(-1) as { title: string }).title).toContain('右上角「···」›设置›订阅消息');

    mp.subscribeAnswer = 'fail';
    await ask(comp, LIVE_START);
    await mp.settle();
    expect((mp.of('showToast').at(-1) as { title: string }).title).toBe('暂时无法开启，请稍后再试');
    expect(await credits('demo-shopper', LIVE_START)).toBe(0);
  });

  it('a template at the cap cannot be asked again', async () => {
    await Promise.all(
      Array.from({ length: MAX_CONSENT_CREDITS }, () => rt.as('demo-shopper')('live', 'recordConsents', { consents: { [LIVE_START]: 'accept' } })),
    );
    const comp = await open();
    expect(rows(comp)[0]).toEqual({ title: '直播开始提醒', credits: `已达上限 ${MAX_CONSENT_CREDITS} 次`, action: '再开启一次' });
    await ask(comp, LIVE_START);
    expect(mp.of('requestSubscribeMessage')).toEqual([]);
  });

  it('shows only the caller’s own credits', async () => {
    await rt.as('other-shopper')('live', 'recordConsents', { consents: { [MARKETING]: 'accept' } });
    const comp = await open();
    expect(rows(comp).find((r) => r.title === '活动通知')!.credits).toBe('未开启');
  });

  it('turns SMS off and on again through the switch, and keeps the choice', async () => {
    const comp = await open();
    comp.querySelector('.sms__switch')!.dispatchEvent('change', { detail: false });
    await mp.settle();
    expect(mp.callsTo('live', 'setSmsOptOut').map((c) => c.data)).toEqual([{ optOut: true }]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已退订短信', icon: 'none' });
    expect(await rt.db.collection('sms_contacts').get('demo-shopper')).toMatchObject({ optedOutAt: rt.clock.now() });

    const again = await open();
    expect(page(again).data.smsOn).toBe(false);
    again.querySelector('.sms__switch')!.dispatchEvent('change', { detail: true });
    await mp.settle();
    expect(mp.of('showToast').at(-1)).toEqual({ title: '已开启短信通知', icon: 'none' });
    expect((await rt.db.collection('sms_contacts').get('demo-shopper'))?.optedOutAt).toBeNull();
    expect(text(again, '.sms__text')).toContain('回 T 退订');
  });

  it('binds the SMS number through WeChat\'s phone button, and says when it was declined or expired', async () => {
    const comp = await open();
    expect(text(comp, '.phone__text')).toBe('未绑定，短信将发到默认收货地址的手机号');
    expect(text(comp, '.phone__bind')).toBe('绑定手机号');
    const button = () => comp.querySelector('.phone__bind')!;

    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    await mp.settle();
    expect(mp.callsTo('live', 'bindPhone')).toEqual([]);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '未获取手机号', icon: 'none' });

    const code = rt.phonesim.issue('13800008000');
    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code } });
    await mp.settle();
    expect(mp.callsTo('live', 'bindPhone').map((c) => c.data)).toEqual([{ code }]);
    expect(text(comp, '.phone__text')).toBe('138****8000');
    expect(text(comp, '.phone__bind')).toBe('更换');
    expect(await rt.db.collection('sms_contacts').get('demo-shopper')).toMatchObject({ phone: '13800008000', countryCode: '86' });

    // a code is good once
    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code } });
    await mp.settle();
    expect(mp.of('showToast').at(-1)).toEqual({ title: '手机号授权已失效，请重新点击获取', icon: 'none' });
    expect(page(await open()).data.phone).toBe('138****8000');
    expect(page(await open('demo-shopper-2')).data.phone).toBe('');
  });

  it('shows the error state with a retry when settings cannot load', async () => {
    mp.intercept('live', 'messageSettings', 'network', 1);
    const comp = await open();
    expect(page(comp).data.state).toBe('error');
    expect(rows(comp)).toEqual([]);
    await tap(comp, '.notifications__error >>> .state__action');
    await mp.settle();
    expect(page(comp).data.state).toBe('ready');
    expect(rows(comp)).toHaveLength(5);
  });

  it('words each row from its credits', () => {
    const t = (credits: number) => ({ templateId: 'x', title: 't', note: 'n', credits });
    expect(templateRows({ templates: [t(0), t(3), t(20)], maxCredits: 20, smsOptedOut: false, phone: null }).map((r) => [r.creditsText, r.actionText, r.full])).toEqual([
      ['未开启', '开启提醒', false],
      ['可提醒 3 次', '再开启一次', false],
      ['已达上限 20 次', '再开启一次', true],
    ]);
    expect(consentToast('filter')).toBe('该提醒暂不可用');
  });
});
