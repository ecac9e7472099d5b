import type { Address } from '../../../typings/contract/index';

/** How the address book reads. Pure. */
export interface AddressRow {
  _id: string;
  userName: string;
  /** 138****1111: the book shows the phone masked, the form edits it whole */
  phoneText: string;
  regionText: string;
  detailInfo: string;
  isDefault: boolean;
}

export const maskPhone = (tel: string): string => (/^1\d{10}$/.test(tel) ? `${tel.slice(0, 3)}****${tel.slice(7)}` : tel);

export function addressRow(a: Address): AddressRow {
  return {
    _id: a._id,
    userName: a.userName,
    phoneText: maskPhone(a.telNumber),
    regionText: `${a.provinceName} ${a.cityName} ${a.countyName}`,
    detailInfo: a.detailInfo,
    isDefault: a.isDefault,
  };
}

/** The default first, then as the server lists them. */
export const addressRows = (items: Address[]): AddressRow[] => [...items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault)).map(addressRow);
