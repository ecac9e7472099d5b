import type { AddressConfirm } from '../components/address-sheet/index';
import { addressOption, type AddressOption } from '../components/address-sheet/utils';
import { listAddresses, saveAddress, addressFields } from '../services/addresses';
import { errorText } from '../utils/errors';
import { instanceState } from '../utils/instance-state';

type SheetState = 'loading' | 'ready' | 'error';

const local = instanceState(() => ({ resolve: null as ((addressId: string | null) => void) | null, token: 0 }));

/**
 * Asking where something ships (a product reward, a goods prize): `chooseShippingAddress` opens
 * the address sheet (components/address-sheet) over the page and resolves the chosen address id,
 * or null when the shopper closes it. The page renders
 * `<address-sheet show="{{addressSheet.show}}" … />` bound to the handlers below.
 */
export const addressChoiceBehavior = Behavior({
  data: {
    addressSheet: {
      show: false,
      title: '',
      confirmText: '',
      state: 'loading' as SheetState,
      addresses: [] as AddressOption[],
      value: '',
    },
  },
  lifetimes: {
    detached() {
      const state = local(this);
      state.resolve?.(null);
      state.resolve = null;
    },
  },
  methods: {
    chooseShippingAddress(title: string, confirmText = '确定'): Promise<string | null> {
      const state = local(this);
      state.resolve?.(null);
      const chosen = new Promise<string | null>((resolve) => {
        state.resolve = resolve;
      });
      this.setData({ addressSheet: { show: true, title, confirmText, state: 'loading', addresses: [], value: '' } });
      void this.loadAddressOptions();
      return chosen;
    },

    async loadAddressOptions(select = ''): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      try {
        const addresses = (await listAddresses()).map(addressOption);
        if (token !== state.token) return;
        this.setData({ 'addressSheet.state': 'ready', 'addressSheet.addresses': addresses, 'addressSheet.value': select });
      } catch {
        if (token === state.token) this.setData({ 'addressSheet.state': 'error' });
      }
    },

    finishAddressChoice(addressId: string | null) {
      const state = local(this);
      const resolve = state.resolve;
      state.resolve = null;
      state.token++;
      this.setData({ 'addressSheet.show': false });
      resolve?.(addressId);
    },

    onAddressConfirm(e: WechatMiniprogram.CustomEvent<AddressConfirm>) {
      this.finishAddressChoice(e.detail.addressId);
    },

    onAddressCancel() {
      this.finishAddressChoice(null);
    },

    onAddressRetry() {
      this.setData({ 'addressSheet.state': 'loading' });
      void this.loadAddressOptions();
    },

    /** The address WeChat keeps: saved to the book, then listed and selected in the sheet. */
    onAddressWechat() {
      wx.chooseAddress({
        success: (res) => {
          void saveAddress(addressFields(res))
            .then((addressId) => this.loadAddressOptions(addressId))
            .catch((e: unknown) => wx.showToast({ title: errorText(e), icon: 'none' }));
        },
        fail: (err) => {
          if (!/cancel/i.test(err.errMsg)) wx.showToast({ title: '无法获取微信地址，请在订单结算页添加', icon: 'none' });
        },
      });
    },
  },
});
