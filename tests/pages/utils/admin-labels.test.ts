import { entityText, messageSourceText, shortOpenid } from '../../../miniprogram/admin/utils/labels';

describe('staff screen labels', () => {
  it('name audited records and message reasons in Chinese, keeping ids, and leave unknown ones as they are', () => {
    expect(entityText('order_settings')).toBe('售后与收货设置');
    expect(entityText('sku')).toBe('商品规格');
    expect(entityText('something_new')).toBe('something_new');
    expect(messageSourceText('order:O123')).toBe('订单 O123');
    expect(messageSourceText('postlive:live-1:repeat')).toBe('直播后跟进 live-1:repeat');
    expect(messageSourceText('newmember')).toBe('新人礼');
    expect(messageSourceText('elsewhere:1')).toBe('elsewhere:1');
  });

  it('shorten long openids but keep short dev ones whole', () => {
    expect(shortOpenid('oAbCdEfGhIjKlMnOpQrStUvWx')).toBe('oAbCdE…UvWx');
    expect(shortOpenid('demo-staff')).toBe('demo-staff');
  });
});
