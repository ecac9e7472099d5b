import type { OrderSource } from '../../typings/contract/index';
import { parseAttribution, type Attribution } from './attribution';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './generated/limits';

/**
 * The checkout page's address: the lines to buy and where the order came from, in the query, so
 * "buy now" and the cart open the same page the same way and a re-opened page still knows them.
 *   /pages/checkout/index?items=<skuId>:<qty>,<skuId>:<qty>&from=cart&live=..&card=..&code=..&share=..
 * The attribution keys are those parseEntry reads, so the checkout reads them with the same utility.
 */
export interface CheckoutItem {
  skuId: string;
  quantity: number;
}

export const CHECKOUT_PATH = '/pages/checkout/index';
export const MAX_CHECKOUT_LINES = MAX_ORDER_LINES;

const SKU = /^[A-Za-z0-9_-]{1,64}$/;

export function checkoutUrl(items: CheckoutItem[], options: { fromCart?: boolean; attribution?: Attribution | null } = {}): string {
  const query: string[] = [`items=${encodeURIComponent(items.map((i) => `${i.skuId}:${i.quantity}`).join(','))}`];
  if (options.fromCart) query.push('from=cart');
  const a = options.attribution;
  if (a?.liveId) query.push(`live=${encodeURIComponent(a.liveId)}`);
  if (a?.cardId) query.push(`card=${encodeURIComponent(a.cardId)}`);
  if (a?.inviteCode) query.push(`code=${encodeURIComponent(a.inviteCode)}`);
  if (a?.share) query.push(`share=${encodeURIComponent(a.share)}`);
  return `${CHECKOUT_PATH}?${query.join('&')}`;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The lines in `items`; empty when any part is malformed (nothing half-read reaches an order). */
export function parseCheckoutItems(raw: unknown): CheckoutItem[] {
  if (typeof raw !== 'string' || !raw) return [];
  const parts = decode(raw).split(',');
  if (parts.length > MAX_CHECKOUT_LINES) return [];
  const items: CheckoutItem[] = [];
  for (const part of parts) {
    const [skuId, qty, extra] = part.split(':');
    const quantity = Number(qty);
    if (extra !== undefined || !SKU.test(skuId ?? '') || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) return [];
    items.push({ skuId, quantity });
  }
  return items;
}

/**
 * The attribution an order carries: the page's own when it has one (a live card the lines came
 * from), keeping an invite or share code the session holds; else the session's; else organic.
 */
export function orderAttribution(own: Attribution, session: Attribution | null | undefined): Attribution {
  if (own.source === 'organic') return session ?? own;
  const merged: Attribution = { ...own };
  if (!merged.inviteCode && session?.inviteCode) merged.inviteCode = session.inviteCode;
  if (!merged.share && session?.share) merged.share = session.share;
  return merged;
}

/** invite and share codes are at most 32 characters (a wxacode scene's limit) */
const CODE_MAX = 32;

/** createOrder's `source` from an attribution (legacy custom params stay on the device). */
export function orderSource(a: Attribution): OrderSource {
  const source: OrderSource = { kind: a.source };
  if (a.liveId) source.liveId = a.liveId;
  if (a.cardId) source.cardId = a.cardId;
  if (a.inviteCode && a.inviteCode.length <= CODE_MAX) source.inviteCode = a.inviteCode;
  if (a.share && a.share.length <= CODE_MAX) source.shareCode = a.share;
  return source;
}

/** The checkout's order source from its page options and the session's attribution. */
export const checkoutSource = (options: Record<string, unknown> | null | undefined, session: Attribution | null | undefined): OrderSource =>
  orderSource(orderAttribution(parseAttribution(options), session));
