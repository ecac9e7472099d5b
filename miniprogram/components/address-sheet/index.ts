import { preselect, type AddressOption } from './utils';

/** `confirm` detail: the chosen address. */
export interface AddressConfirm {
  addressId: string;
}

/**
 * A bottom sheet to choose where something ships (a reward, a prize) from the address book, or to
 * take the address WeChat keeps. It reports `confirm {addressId}`, `cancel` and `wechat`; loading
 * the book and saving a WeChat address are the page's (behaviors/address-choice.ts).
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    show: { type: Boolean, value: false },
    title: { type: String, value: '选择收货地址' },
    /** loading | ready | error */
    state: { type: String, value: 'loading' },
    addresses: { type: Array, value: [] as AddressOption[] },
    /** the address to preselect (falls back to the default) */
    value: { type: String, value: '' },
    confirmText: { type: String, value: '确定' },
  },
  data: {
    selected: '',
  },
  observers: {
    'addresses, value'(addresses: AddressOption[], value: string) {
      const selected = preselect(addresses, value || this.data.selected);
      if (selected !== this.data.selected) this.setData({ selected });
    },
  },
  methods: {
    onPick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id !== this.data.selected) this.setData({ selected: id });
    },
    onConfirm() {
      if (!this.data.selected) return;
      const detail: AddressConfirm = { addressId: this.data.selected };
      this.triggerEvent('confirm', detail);
    },
    onCancel() {
      this.triggerEvent('cancel', {});
    },
    onWechat() {
      this.triggerEvent('wechat', {});
    },
    onRetry() {
      this.triggerEvent('retry', {});
    },
    /** taps inside the panel stay there (the mask closes the sheet) */
    noop() {},
  },
});
