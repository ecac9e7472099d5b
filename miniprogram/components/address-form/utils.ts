import type { AddressFields } from '../../services/addresses';
import { ADDRESS_DETAIL_MAX_CHARS, ADDRESS_NAME_MAX_CHARS } from '../../utils/generated/limits';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{3,4}-\d{3,4}-\d{3,4})$/;

/** What is wrong with an address form, as the server would refuse it; '' when it can be saved. */
export function addressProblem(f: AddressFields): string {
  if (!f.userName.trim()) return '请填写收货人';
  if (f.userName.trim().length > ADDRESS_NAME_MAX_CHARS) return `收货人最多 ${ADDRESS_NAME_MAX_CHARS} 个字`;
  if (!PHONE.test(f.telNumber.trim())) return '请填写正确的手机号';
  if (!f.provinceName || !f.cityName || !f.countyName) return '请选择所在地区';
  if (!f.detailInfo.trim()) return '请填写详细地址';
  if (f.detailInfo.trim().length > ADDRESS_DETAIL_MAX_CHARS) return `详细地址最多 ${ADDRESS_DETAIL_MAX_CHARS} 个字`;
  return '';
}
