import { instanceState } from '../../utils/instance-state';
import { agreePrivacy, attachPopup, DEFAULT_CONTRACT_NAME, disagreePrivacy, PRIVACY_PAGE, privacyContractName, setPopupVisible, type PrivacyPopup } from '../../utils/privacy';

/** The agree button's id: WeChat checks this button was tapped before the waiting API goes on. */
export const AGREE_BUTTON_ID = 'privacy-agree';

const local = instanceState(() => ({ popup: null as PrivacyPopup | null, leave: null as (() => void) | null }));

/**
 * 用户隐私保护提示: the pop-up WeChat's privacy check asks for (see utils/privacy.ts). Put one on
 * every page that calls a privacy API; it shows itself when a call on its page waits for consent.
 * Reports `decided { agreed }` after the user answers.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  data: { show: false, contractName: DEFAULT_CONTRACT_NAME },
  lifetimes: {
    attached() {
      const state = local(this);
      const popup: PrivacyPopup = {
        open: () => {
          this.setData({ show: true });
          void privacyContractName().then((contractName) => {
            if (contractName !== this.data.contractName) this.setData({ contractName });
          });
        },
        close: () => {
          if (this.data.show) this.setData({ show: false });
        },
      };
      state.popup = popup;
      state.leave = attachPopup(popup);
    },
    detached() {
      const state = local(this);
      state.leave?.();
      state.leave = null;
      state.popup = null;
    },
  },
  pageLifetimes: {
    show() {
      const popup = local(this).popup;
      if (popup) setPopupVisible(popup, true);
    },
    hide() {
      const popup = local(this).popup;
      if (popup) setPopupVisible(popup, false);
    },
  },
  methods: {
    /** The policy as the shop filled it in on the platform. */
    onOpenContract() {
      wx.openPrivacyContract({ fail: () => wx.navigateTo({ url: PRIVACY_PAGE }) });
    },

    /** The shop's own policy page; the question waits and comes back with this page. */
    onOpenPolicy() {
      wx.navigateTo({ url: PRIVACY_PAGE });
    },

    onAgree() {
      agreePrivacy(AGREE_BUTTON_ID);
      this.triggerEvent('decided', { agreed: true });
    },

    onDisagree() {
      disagreePrivacy();
      this.triggerEvent('decided', { agreed: false });
    },

    /** the mask keeps the page beneath from scrolling */
    noop() {},
  },
});
