import { config } from '../config';
import { requestSubscribe, type ConsentAnswer } from './channels';

type Purpose = keyof typeof config.subscribeTemplates;

/**
 * Where the mall asks for subscribe consents, and for which templates: always in the shopper's own
 * tap on the thing the message is about, never on page load. One dialog lists at most three
 * templates (WeChat's limit); the 活动通知 template rides along where a shopper shows interest in a
 * live (reserving, entering its raffle, claiming its coupon), so the post-live follow-up can reach
 * them; 订单状态通知 is asked where an order is submitted and where an after-sale is applied for.
 * 我的 › 消息提醒 asks for any one template on its own; staff bank new-order alerts on the staff home.
 */
export const CONSENT_MOMENTS = {
  reserve: ['liveStart', 'marketing'],
  raffleEntry: ['raffleResult', 'marketing'],
  couponClaim: ['marketing'],
  restock: ['restock'],
  submitOrder: ['orderUpdate'],
  afterSale: ['orderUpdate'],
  /** staff: 新订单提醒 on the staff home */
  newOrderAlert: ['newOrder'],
} as const satisfies Record<string, readonly Purpose[]>;

export type ConsentMoment = keyof typeof CONSENT_MOMENTS;

export const consentTemplates = (moment: ConsentMoment): string[] => CONSENT_MOMENTS[moment].map((p) => config.subscribeTemplates[p]);

/** Asks for the moment's templates; call it synchronously inside the tap handler. */
export const askConsents = (moment: ConsentMoment): Promise<Record<string, ConsentAnswer>> => requestSubscribe(consentTemplates(moment));

/** Whether the shopper accepted the template for `purpose` in these answers. */
export const accepted = (answers: Record<string, ConsentAnswer>, purpose: Purpose): boolean => answers[config.subscribeTemplates[purpose]] === 'accept';
