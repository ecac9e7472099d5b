/** Who is calling: taken from the runtime (WeChat context, local dev header), never from request data. */
export interface Caller {
  openid: string;
  unionid?: string;
}

export interface Identity<Event, Context> {
  resolve(event: Event, context: Context): Caller | null;
}
