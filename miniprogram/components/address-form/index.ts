import type { Address } from '../../../typings/contract/index';
import type { AddressFields } from '../../services/addresses';
import { ADDRESS_DETAIL_MAX_CHARS, ADDRESS_NAME_MAX_CHARS } from '../../utils/generated/limits';
import { chooseWechatAddress, wechatAddressRefusal } from '../../utils/wechat-address';
import { addressProblem } from './utils';

/** `save` detail: the filled form, and the address it edits (absent for a new one). */
export interface AddressFormSave {
  addressId?: string;
  fields: AddressFields;
}

/** The address being edited, as the page passes it; null for a new address. */
export type AddressFormInput = Omit<Address, 'isDefault'>;

const EMPTY = { userName: '', telNumber: '', region: [] as string[], detailInfo: '' };

/**
 * Adds or edits an address by hand: name, phone, region (the system region picker) and street, or
 * (with `importable`) filled from the address WeChat keeps (从微信导入), which the shopper checks
 * before saving; when WeChat cannot give it (privacy consent refused) the form says so and stays
 * open for typing. Checks the fields as the server would and reports `save` or `cancel`; saving is the page's.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    address: { type: Object, value: null as AddressFormInput | null },
    saving: { type: Boolean, value: false },
    /** offers 从微信导入 */
    importable: { type: Boolean, value: false },
  },
  data: { ...EMPTY, regionText: '', error: '', notice: '', importing: false, nameMax: ADDRESS_NAME_MAX_CHARS, detailMax: ADDRESS_DETAIL_MAX_CHARS },
  lifetimes: {
    attached() {
      this.fill(this.data.address as AddressFormInput | null);
    },
  },
  observers: {
    address(address: AddressFormInput | null) {
      this.fill(address);
    },
  },
  methods: {
    fill(a: AddressFormInput | null) {
      const region = a ? [a.provinceName, a.cityName, a.countyName] : [];
      this.setData({
        userName: a?.userName ?? '',
        telNumber: a?.telNumber ?? '',
        region,
        regionText: region.join(' '),
        detailInfo: a?.detailInfo ?? '',
        error: '',
        notice: '',
      });
    },

    /** 从微信导入: the chosen address fills the form; a refusal is said and typing goes on. */
    async onImportWechat() {
      if (this.data.importing) return;
      this.setData({ importing: true, notice: '' });
      const chosen = await chooseWechatAddress();
      if (chosen.ok) {
        const { fields } = chosen;
        const region = [fields.provinceName, fields.cityName, fields.countyName];
        this.setData({ importing: false, userName: fields.userName, telNumber: fields.telNumber, region, regionText: region.join(' '), detailInfo: fields.detailInfo, error: '', notice: '已填入微信地址，请核对后保存' });
      } else {
        this.setData({ importing: false, notice: wechatAddressRefusal(chosen.reason) });
      }
    },

    onField(e: { detail: string; currentTarget: { dataset: { field: 'userName' | 'telNumber' | 'detailInfo' } } }) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [field]: String(e.detail ?? ''), error: '' });
    },

    onRegion(e: WechatMiniprogram.PickerChange) {
      const region = (e.detail.value as string[]).slice(0, 3);
      this.setData({ region, regionText: region.join(' '), error: '' });
    },

    onSave() {
      if (this.data.saving) return;
      const [provinceName = '', cityName = '', countyName = ''] = this.data.region;
      const fields: AddressFields = {
        userName: this.data.userName.trim(),
        telNumber: this.data.telNumber.trim(),
        provinceName,
        cityName,
        countyName,
        detailInfo: this.data.detailInfo.trim(),
      };
      const error = addressProblem(fields);
      if (error) {
        this.setData({ error });
        return;
      }
      const address = this.data.address as AddressFormInput | null;
      const detail: AddressFormSave = address ? { addressId: address._id, fields } : { fields };
      this.triggerEvent('save', detail);
    },

    onCancel() {
      this.triggerEvent('cancel', {});
    },
  },
});
