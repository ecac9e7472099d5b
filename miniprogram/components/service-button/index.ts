import { config } from '../../config';

/**
 * 联系客服, one way everywhere: the mini program's own customer-service messages
 * (`open-type="contact"`, with `session-from` telling staff where the shopper came from and the
 * page as a message card), or the shop's WeCom 微信客服 when it is configured.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    label: { type: String, value: '联系客服' },
    /** a vant icon above the label (the product page's action bar) */
    icon: { type: String, value: '' },
    /** where the shopper asks from, e.g. `product:p-1` or `order:o-1` */
    sessionFrom: { type: String, value: '' },
    /** the message card: title, page path and image */
    cardTitle: { type: String, value: '' },
    cardPath: { type: String, value: '' },
    cardImage: { type: String, value: '' },
  },
  data: {
    wecom: false,
  },
  lifetimes: {
    attached() {
      this.setData({ wecom: !!(config.customerService.wecomUrl && config.customerService.corpId) });
    },
  },
  methods: {
    onOpenWecom() {
      const { wecomUrl, corpId } = config.customerService;
      wx.openCustomerServiceChat({
        extInfo: { url: wecomUrl },
        corpId,
        fail: () => wx.showToast({ title: '客服暂时无法打开，请稍后再试', icon: 'none' }),
      });
    },
  },
});
