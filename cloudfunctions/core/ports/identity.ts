/** Who is calling: taken from the runtime (WeChat context, local dev header), never from request data. */
export interface Caller {
  openid: string;
  unionid?: string;
}

export interface Identity<Event, Context> {
  resolve(event: Event, context: Context): Caller | null;
}

/**
 * What WeChat tells the shop about a user beyond who is calling. Cloud: the
 * phonenumber.getPhoneNumber API (/wxa/business/getuserphonenumber) by cloud call; local: a
 * simulator that issues single-use codes as the platform does.
 */
export interface IdentityPort {
  /** the phone behind a getPhoneNumber button's `code` (single use, 5 minutes), or null when WeChat refuses the code */
  phoneNumber(code: string): Promise<{ phone: string; countryCode: string } | null>;
}
