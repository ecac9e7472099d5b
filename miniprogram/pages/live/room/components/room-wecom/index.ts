import { copyText } from '../../../../../utils/clipboard';

/**
 * 加企业微信: the live's WeCom entries (add the host as a contact, join the fan group), each a link
 * the viewer copies to open in WeChat. Shows nothing when the live has neither.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** the add-contact link, '' for none */
    contact: { type: String, value: '' },
    /** the fan-group link, '' for none */
    group: { type: String, value: '' },
  },
  methods: {
    onCopy(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { which: 'contact' | 'group' }>) {
      const url = e.currentTarget.dataset.which === 'group' ? this.data.group : this.data.contact;
      if (url) void copyText(url);
    },
  },
});
