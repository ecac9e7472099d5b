/** button: WeChat's look by type/size/plain, disabled (no tap), loading, hover, and every open-type the pages use. */
import { dialog, toast } from '../overlays';
import { agreeButtonTapped } from '../privacy';
import { sharePage } from '../router';
import { bindHover, defineBuiltin, host, type BuiltinThis } from './base';

const REFLECTED = ['type', 'size', 'plain', 'disabled', 'loading'] as const;

async function openType(self: BuiltinThis, type: string): Promise<void> {
  const target = { id: self._exparserNode.id, dataset: self._exparserNode.dataset };
  switch (type) {
    case 'share':
      await sharePage('button', target);
      return;
    case 'contact': {
      const title = String(self.data.sendMessageTitle || '');
      await dialog({ title: '客服会话', content: `打开与商家客服的会话${title ? `（消息卡片：${title}）` : ''}。预览中不连接客服。`, buttons: [{ text: '知道了', value: 'ok', primary: true }] });
      self.triggerEvent('contact', { errMsg: 'enterContact:ok', path: String(self.data.sendMessagePath || ''), query: {} });
      return;
    }
    case 'getPhoneNumber':
    case 'getRealtimePhoneNumber': {
      const ok = await dialog({ title: '手机号授权', content: '允许使用预览手机号 138****0000？', buttons: [{ text: '拒绝', value: 'no' }, { text: '允许', value: 'yes', primary: true }] });
      const event = type === 'getPhoneNumber' ? 'getphonenumber' : 'getrealtimephonenumber';
      self.triggerEvent(event, ok === 'yes' ? { errMsg: `${type}:ok`, code: 'preview-phone-code' } : { errMsg: `${type}:fail user deny` });
      return;
    }
    case 'chooseAvatar':
      self.triggerEvent('chooseavatar', { avatarUrl: `${location.origin}/assets/avatar.svg` });
      return;
    case 'getUserInfo':
      self.triggerEvent('getuserinfo', { errMsg: 'getUserInfo:ok', userInfo: { nickName: '预览用户', avatarUrl: '' } });
      return;
    case 'openSetting':
      self.triggerEvent('opensetting', { authSetting: {} });
      return;
    case 'agreePrivacyAuthorization':
      // WeChat records the agreement on the tap, then the button's event fires
      agreeButtonTapped(String(self._exparserNode.id || ''));
      self.triggerEvent('agreeprivacyauthorization', {});
      return;
    case 'feedback':
    case 'launchApp':
      toast({ title: `open-type="${type}" 在预览中不可用`, icon: 'none' });
      return;
    default:
  }
}

export function registerButton(): void {
  defineBuiltin('button', {
    properties: {
      size: { type: String, value: 'default' },
      type: { type: String, value: 'default' },
      plain: Boolean,
      disabled: Boolean,
      loading: Boolean,
      formType: String,
      openType: String,
      hoverClass: { type: String, value: 'button-hover' },
      hoverStopPropagation: Boolean,
      hoverStartTime: { type: Number, value: 20 },
      hoverStayTime: { type: Number, value: 70 },
      lang: String,
      sessionFrom: String,
      sendMessageTitle: String,
      sendMessagePath: String,
      sendMessageImg: String,
      appParameter: String,
      showMessageCard: Boolean,
    },
    observers: {
      [REFLECTED.join(', ')](this: BuiltinThis, ...values: unknown[]) {
        const el = host(this);
        REFLECTED.forEach((name, i) => {
          const v = values[i];
          if (v === false || v === '' || v === undefined || v === null) el.removeAttribute(name);
          else el.setAttribute(name, v === true ? '' : String(v));
        });
        let spinner = el.querySelector(':scope > .wx-button-loading');
        if (values[4] && !spinner) {
          spinner = document.createElement('i');
          spinner.className = 'wx-button-loading';
          el.prepend(spinner);
        } else if (!values[4] && spinner) spinner.remove();
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        const el = host(this);
        el.setAttribute('role', 'button');
        bindHover(this, 'button-hover');
        this._exparserNode.addListener('tap', () => {
          if (this.data.disabled) return;
          const type = String(this.data.openType || '');
          if (type) void openType(this, type);
        });
      },
    },
  });
}
