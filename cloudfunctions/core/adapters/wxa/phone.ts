import type { IdentityPort } from '../../ports/identity';
import type { WxaCall } from './shipping';

export const PHONE_API = '/wxa/business/getuserphonenumber';
/** errcode of a code WeChat does not take: unknown, used, or older than 5 minutes */
export const INVALID_CODE = 40029;

/** The Identity port's phone lookup on phonenumber.getPhoneNumber: `{ code }` → `phone_info`. */
export class WxaIdentity implements IdentityPort {
  constructor(private readonly call: WxaCall) {}

  async phoneNumber(code: string): Promise<{ phone: string; countryCode: string } | null> {
    const res = await this.call(PHONE_API, { code });
    const errcode = Number(res.errcode ?? 0);
    if (errcode === INVALID_CODE) return null;
    if (errcode !== 0) throw new Error(`getuserphonenumber: ${errcode} ${String(res.errmsg ?? '')}`);
    const info = res.phone_info as { purePhoneNumber?: string; countryCode?: string } | undefined;
    if (!info?.purePhoneNumber) throw new Error('getuserphonenumber answered without phone_info');
    return { phone: info.purePhoneNumber, countryCode: info.countryCode ?? '86' };
  }
}
