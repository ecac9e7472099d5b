/** What an HTTP endpoint the platforms call (payment notifications, WeCom callbacks) answers. */
export interface HttpAnswer {
  status: number;
  body: string;
}
