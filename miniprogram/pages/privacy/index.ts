import { DEFAULT_CONTRACT_NAME, privacyContractName } from '../../utils/privacy';
import { POLICY_INTRO, POLICY_SECTIONS } from './utils';

/**
 * 隐私政策: the shop's own policy, and the platform's 隐私保护指引 a tap away. Opened with
 * `?consent=1` by a privacy request on a page without its own pop-up: the pop-up here takes the
 * answer, and the page goes back to where the request was made.
 */
Component({
  data: {
    intro: POLICY_INTRO,
    sections: POLICY_SECTIONS,
    contractName: DEFAULT_CONTRACT_NAME,
    consent: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.consent === '1') this.setData({ consent: true });
      void privacyContractName().then((contractName) => {
        if (contractName !== this.data.contractName) this.setData({ contractName });
      });
    },

    onOpenContract() {
      wx.openPrivacyContract({ fail: () => wx.showToast({ title: '暂时无法打开，请稍后再试', icon: 'none' }) });
    },

    /** Answered here for another page: back to it. */
    onDecided() {
      if (this.data.consent) wx.navigateBack({ delta: 1 });
    },
  },
});
