import type { Clock, Random } from '../../ports';
import { INVALID_CODE, PHONE_API } from '../wxa/phone';
import type { WxaCall } from '../wxa/shipping';

/** How long a getPhoneNumber code is good for (WeChat: 5 minutes, once). */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

/**
 * The local phonenumber.getPhoneNumber: `issue` plays the user tapping the quick-verification
 * button (the code the button's event carries); `call` answers as the platform does — the
 * documented phone_info once per code within 5 minutes, errcode 40029 otherwise.
 */
export class PhoneSimulator {
  private readonly codes = new Map<string, { phone: string; issuedAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly appId: string,
  ) {}

  issue(phone: string): string {
    const code = Buffer.from(this.random.bytes(16)).toString('hex');
    this.codes.set(code, { phone, issuedAt: this.clock.now() });
    return code;
  }

  readonly call: WxaCall = async (apiName, body) => {
    if (apiName !== PHONE_API) return { errcode: 40066, errmsg: 'invalid url' };
    const code = typeof body.code === 'string' ? body.code : '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    if (!issued || this.clock.now() - issued.issuedAt > PHONE_CODE_TTL_MS) return { errcode: INVALID_CODE, errmsg: 'invalid code' };
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: issued.phone,
        purePhoneNumber: issued.phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.clock.now() / 1000), appid: this.appId },
      },
    };
  };
}
