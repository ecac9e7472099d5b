import type { Address } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** The shopper's address book (function `mall`), default first. */
export const listAddresses = async (): Promise<Address[]> => (await call('mall', 'listAddresses', {})).items;

/** The fields wx.chooseAddress returns and the form edits. */
export type AddressFields = Omit<Address, '_id' | 'isDefault'> & { isDefault?: boolean };

/** The fields of an address (a book entry, or what wx.chooseAddress answered), as the book stores them. */
export const addressFields = (res: Omit<Address, '_id' | 'isDefault'>): AddressFields => ({
  userName: res.userName,
  telNumber: res.telNumber,
  provinceName: res.provinceName,
  cityName: res.cityName,
  countyName: res.countyName,
  detailInfo: res.detailInfo,
});

/** Saves a new address, or updates `addressId`; resolves with its id. */
export const saveAddress = async (fields: AddressFields, addressId?: string, requestId = newRequestId()): Promise<string> =>
  (await call('mall', 'saveAddress', addressId ? { ...fields, addressId } : fields, { requestId })).addressId;

export const deleteAddress = async (addressId: string, requestId = newRequestId()): Promise<boolean> =>
  (await call('mall', 'deleteAddress', { addressId }, { requestId })).deleted;
