import { smsRequest } from '../../cloudfunctions/core/adapters/cloudbase/messaging';
import { SMS_CONTENT_MAX, smsContent, smsPath } from '../../cloudfunctions/core/modules/messaging/sms';

describe('CloudBase marketing SMS', () => {
  it('keeps our part only: no 【】 signature, no opt-out line, one line', () => {
    expect(smsContent('【美妆直播间】今晚20:00开播，回复T退订')).toBe('今晚20:00开播');
    expect(smsContent('今晚 20:00\n开播  回 T 退订。')).toBe('今晚 20:00 开播');
    expect(smsContent('退订回T')).toBe('');
  });

  it('cuts to the platform’s 30 characters, counting Chinese characters one each', () => {
    const long = '柔雾持妆粉底液今晚二十点开播直播价一百二十九元限量三百件先到先得快来看看吧';
    const cut = smsContent(long);
    expect([...cut]).toHaveLength(SMS_CONTENT_MAX);
    expect(cut.endsWith('…')).toBe(true);
    const exact = '一'.repeat(SMS_CONTENT_MAX);
    expect(smsContent(exact)).toBe(exact);
  });

  it('links through the static website page that opens the mini program page', () => {
    expect(smsPath('/pages/live/detail/index?id=live-1')).toBe('/sms/index.html?page=%2Fpages%2Flive%2Fdetail%2Findex%3Fid%3Dlive-1');
    expect(smsPath(null)).toBe('/sms/index.html');
  });

  it('sends the documented /tcb/sendsms body', () => {
    expect(smsRequest('env-1', { phone: '13700001111', content: '今晚20:00开播', path: '/sms/index.html' })).toEqual({
      env: 'env-1',
      phone_number_list: ['+8613700001111'],
      sms_type: 'Marketing',
      content: '今晚20:00开播',
      path: '/sms/index.html',
      use_short_name: false,
    });
  });
});
