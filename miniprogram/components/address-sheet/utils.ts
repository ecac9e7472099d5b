import type { Address } from '../../../typings/contract/index';

/** An address as the sheet lists it. */
export interface AddressOption {
  _id: string;
  name: string;
  tel: string;
  text: string;
  isDefault: boolean;
}

export const addressOption = (a: Address): AddressOption => ({
  _id: a._id,
  name: a.userName,
  tel: a.telNumber,
  text: `${a.provinceName} ${a.cityName} ${a.countyName} ${a.detailInfo}`,
  isDefault: a.isDefault,
});

/** The address to preselect: `wanted` while it is listed, else the default (listed first), else none. */
export const preselect = (options: readonly AddressOption[], wanted: string): string =>
  options.some((o) => o._id === wanted) ? wanted : (options.find((o) => o.isDefault) ?? options[0])?._id ?? '';
