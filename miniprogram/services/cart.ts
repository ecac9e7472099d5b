import type { Cart } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** The shopper's cart on the server (function `mall`): every answer is the whole cart, priced now. */
export const getCart = (): Promise<Cart> => call('mall', 'getCart', {});

export interface AddToCartInput {
  skuId: string;
  quantity: number;
  /** a live card's attribution and price, when the product was opened from the card */
  liveId?: string;
  cardId?: string;
}

export const addToCart = (input: AddToCartInput, requestId = newRequestId()): Promise<Cart> => call('mall', 'addToCart', input, { requestId });

export const updateCartItem = (skuId: string, quantity: number, requestId = newRequestId()): Promise<Cart> =>
  call('mall', 'updateCartItem', { skuId, quantity }, { requestId });

export const removeCartItem = (skuId: string, requestId = newRequestId()): Promise<Cart> => call('mall', 'removeCartItem', { skuId }, { requestId });
