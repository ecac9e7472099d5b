import type { Address } from '../../../typings/contract/index';
import type { AddressFormInput, AddressFormSave } from '../../components/address-form/index';
import { pageLoadBehavior } from '../../behaviors/page-load';
import { addressFields, deleteAddress, listAddresses, saveAddress } from '../../services/addresses';
import { confirmDialog } from '../../utils/dialog';
import { errorText } from '../../utils/errors';
import { MAX_ADDRESSES } from '../../utils/generated/limits';
import { instanceState } from '../../utils/instance-state';
import { chooseWechatAddress, wechatAddressRefusal } from '../../utils/wechat-address';
import { addressRows, type AddressRow } from './utils';

type RowEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

const local = instanceState(() => ({ items: [] as Address[], busy: false }));


// back from the checkout or a form, the book is read again
const bookLoad = pageLoadBehavior({ quietWhenEmpty: true });

/**
 * 收货地址: the address book, default first. Add by hand (the shared address form) or from the
 * address WeChat keeps (wx.chooseAddress), edit, set as default, delete after asking.
 */
Component({
  behaviors: [bookLoad],
  data: {
    addresses: [] as AddressRow[],
    /** the address in the form: {} for a new one, null when the form is closed */
    form: null as (AddressFormInput | Record<string, never>) | null,
    saving: false,
    full: false,
    max: MAX_ADDRESSES,
  },
  methods: {
    fetch(): Promise<Address[]> {
      return listAddresses();
    },

    isEmpty(items: Address[]): boolean {
      return items.length === 0;
    },

    view(items: Address[]): Record<string, unknown> {
      local(this).items = items;
      return { addresses: addressRows(items), full: items.length >= MAX_ADDRESSES };
    },

    onAdd() {
      if (this.data.full) {
        wx.showToast({ title: `最多保存 ${MAX_ADDRESSES} 个收货地址`, icon: 'none' });
        return;
      }
      this.setData({ form: {} });
    },

    onEdit(e: RowEvent) {
      const a = local(this).items.find((x) => x._id === e.currentTarget.dataset.id);
      if (a) this.setData({ form: { _id: a._id, ...addressFields(a) } });
    },

    onCancelForm() {
      this.setData({ form: null });
    },

    async onSaveForm(e: WechatMiniprogram.CustomEvent<AddressFormSave>) {
      const { addressId, fields } = e.detail;
      const existing = addressId ? local(this).items.find((x) => x._id === addressId) : undefined;
      // editing keeps the default where it was; the first address becomes the default
      const isDefault = existing ? existing.isDefault : local(this).items.length === 0;
      if (await this.write(() => saveAddress({ ...fields, isDefault }, addressId), '已保存')) this.setData({ form: null });
    },

    async onSetDefault(e: RowEvent) {
      const a = local(this).items.find((x) => x._id === e.currentTarget.dataset.id);
      if (!a || a.isDefault) return;
      await this.write(() => saveAddress({ ...addressFields(a), isDefault: true }, a._id), '已设为默认');
    },

    async onDelete(e: RowEvent) {
      const id = e.currentTarget.dataset.id;
      if (local(this).busy) return;
      const sure = await confirmDialog({ title: '删除地址', content: '确定删除这个收货地址吗？', confirmText: '删除', cancelText: '再想想' });
      if (sure) await this.write(() => deleteAddress(id), '已删除');
    },

    /**
     * The address WeChat keeps, added to the book. When WeChat cannot give it (the privacy consent
     * refused), the form opens so the shopper types it instead.
     */
    async onImportWechat() {
      if (this.data.full) {
        wx.showToast({ title: `最多保存 ${MAX_ADDRESSES} 个收货地址`, icon: 'none' });
        return;
      }
      const chosen = await chooseWechatAddress();
      if (chosen.ok) {
        await this.write(() => saveAddress({ ...chosen.fields, isDefault: local(this).items.length === 0 }), '已导入微信地址');
        return;
      }
      if (chosen.reason === 'cancel') return;
      wx.showToast({ title: wechatAddressRefusal(chosen.reason), icon: 'none' });
      this.setData({ form: {} });
    },

    /** One write at a time; the book is read again after it, and its failure is said. */
    async write(run: () => Promise<unknown>, done: string): Promise<boolean> {
      const state = local(this);
      if (state.busy) return false;
      state.busy = true;
      this.setData({ saving: true });
      try {
        await run();
        wx.showToast({ title: done, icon: 'success' });
        await this.load(true);
        return true;
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
        return false;
      } finally {
        state.busy = false;
        this.setData({ saving: false });
      }
    },
  },
});
