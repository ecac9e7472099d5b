import type { AddressConfirm } from '../components/address-sheet/index';
import { addressOption, type AddressOption } from '../components/address-sheet/utils';
import { listAddresses, saveAddress } from '../services/addresses';
import { chooseWechatAddress } from '../utils/wechat-address';
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

    /**
     * The address WeChat keeps: saved to the book, then listed and selected in the sheet. Refused
     * (the privacy consent), the shopper is told to add one in the address book instead.
     */
    async onAddressWechat() {
      const chosen = await chooseWechatAddress();
      if (!chosen.ok) {
        if (chosen.reason === 'privacy') wx.showToast({ title: '未同意隐私保护指引，无法读取微信地址，可在"我的-收货地址"手动添加', icon: 'none' });
        else if (chosen.reason === 'failed') wx.showToast({ title: '无法获取微信地址，请在订单结算页添加', icon: 'none' });
        return;
      }
      try {
        await this.loadAddressOptions(await saveAddress(chosen.fields));
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },
  },
});
