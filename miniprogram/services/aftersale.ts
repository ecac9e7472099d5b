import type { AfterSale, AfterSaleKind, AfterSaleOptions } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** After-sale (售后, function `mall`): what a line allows, the shopper's applications, and their moves. */
export const afterSaleOptions = (orderId: string, skuId: string): Promise<AfterSaleOptions> => call('mall', 'afterSaleOptions', { orderId, skuId });

export interface ApplyInput {
  orderId: string;
  skuId: string;
  kind: AfterSaleKind;
  quantity: number;
  reason: string;
  note?: string;
  /** file ids from uploadImage(path, 'aftersale') */
  photos?: string[];
}

/** Applies about one line; a retry of the same attempt must pass the same requestId. */
export const applyAfterSale = (input: ApplyInput, requestId = newRequestId()): Promise<AfterSale> => call('mall', 'applyAfterSale', input, { requestId });

export const listAfterSales = (page: number): Promise<{ items: AfterSale[]; total: number }> => call('mall', 'listAfterSales', { page });

export const getAfterSale = (afterSaleId: string): Promise<AfterSale> => call('mall', 'getAfterSale', { afterSaleId });

export const cancelAfterSale = (afterSaleId: string, requestId = newRequestId()): Promise<AfterSale> =>
  call('mall', 'cancelAfterSale', { afterSaleId }, { requestId });

/** What the shop asked for: a note and/or photos (file ids). */
export const supplementAfterSale = (afterSaleId: string, more: { note?: string; photos?: string[] }, requestId = newRequestId()): Promise<AfterSale> =>
  call('mall', 'supplementAfterSale', { afterSaleId, ...more }, { requestId });

/** The waybill of the goods sent back. */
export const submitReturnTracking = (afterSaleId: string, tracking: { company: string; number: string }, requestId = newRequestId()): Promise<AfterSale> =>
  call('mall', 'submitReturnTracking', { afterSaleId, tracking }, { requestId });
