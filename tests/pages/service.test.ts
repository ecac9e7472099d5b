import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../miniprogram/config';
import { load, mount, page, tap, text } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

describe('联系客服 on the product, order and 我的 pages', () => {
  const ids: Record<string, string> = {};
  /** the config the service button was registered with (the first page's module registry) */
  let config: AppConfig;
  beforeAll(() => {
    for (const name of ['product', 'order', 'me']) {
      jest.resetModules();
      ids[name] = load(`pages/${name}/index`);
      if (name === 'product') config = (require('../../miniprogram/config') as { config: AppConfig }).config;
    }
  });
  freshRuntimeEach(() => undefined);
  afterEach(() => {
    config.customerService.wecomUrl = '';
    config.customerService.corpId = '';
  });

  async function open(name: string, options: Record<string, string> = {}) {
    const comp = mount(ids[name]);
    const p = page(comp) as unknown as { onLoad?(o: Record<string, string>): void; onShow?(): void };
    if (p.onLoad) p.onLoad(options);
    else p.onShow?.();
    await mp.settle();
    return comp;
  }
  type Service = { data: { wecom: boolean; sessionFrom: string; cardPath: string; cardTitle: string } };
  const service = (comp: ReturnType<typeof mount>, host: string) => page(comp).selectComponent(`${host} .service-button`) as unknown as Service;

  it('opens the mini program’s customer-service chat with where the shopper asks from and the page as a card', async () => {
    const product = await open('product', { id: 'p-foundation' });
    expect(text(product, '.actions__service >>> .service__label')).toBe('客服');
    expect(service(product, '.actions__service').data).toMatchObject({ wecom: false, sessionFrom: 'product:p-foundation', cardPath: '/pages/product/index?id=p-foundation', cardTitle: '柔雾持妆粉底液' });

    const order = await open('order', { id: 'demo-order-2' });
    expect(service(order, '.timeline__service').data).toMatchObject({ wecom: false, sessionFrom: 'order:demo-order-2', cardPath: '/pages/order/index?id=demo-order-2' });

    const me = await open('me');
    expect(service(me, '.links__service').data).toMatchObject({ wecom: false, sessionFrom: 'me' });
    expect(text(me, '.links__service >>> .service__label')).toBe('联系客服');
  });

  it('renders the contact button in the mini program’s own way: open-type="contact" with the session and card', () => {
    const wxml = fs.readFileSync(path.join(__dirname, '../../miniprogram/components/service-button/index.wxml'), 'utf8');
    expect(wxml).toContain('open-type="contact"');
    expect(wxml).toContain('session-from="{{sessionFrom}}"');
    expect(wxml).toContain('send-message-path="{{cardPath}}"');
  });

  it('opens the shop’s WeCom 微信客服 when the shop configured one', async () => {
    config.customerService.wecomUrl = 'https://work.weixin.qq.com/kfid/kfc0123456789';
    config.customerService.corpId = 'ww0123456789abcdef';
    const comp = await open('product', { id: 'p-foundation' });
    expect(service(comp, '.actions__service').data.wecom).toBe(true);
    await tap(comp, '.actions__service >>> .service');
    expect(mp.of('openCustomerServiceChat')).toEqual([{ extInfo: { url: 'https://work.weixin.qq.com/kfid/kfc0123456789' }, corpId: 'ww0123456789abcdef' }]);
  });
});
