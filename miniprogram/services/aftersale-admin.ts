import type { AfterSaleSettings, AfterSaleState, ReturnAddress, StaffAfterSale } from '../../typings/contract/index';
import type { Page } from './admin';
import { call, newRequestId } from './call';

/**
 * After-sale (售后), the staff side (function `admin`): the queue, one application, and the moves
 * staff make on it. Reads need `staff.read`; approving, receiving and refunding again need
 * `orders.refund`; rejecting and asking for more need `orders.fulfil`.
 */

/** What the queue is narrowed to: one state, `open` (what staff still have to act on), or nothing (all). */
export type AfterSaleQueue = AfterSaleState | 'open' | '';

export interface Waybill {
  company: string;
  number: string;
}

/** A page of applications, newest move first. */
export const staffListAfterSales = (queue: AfterSaleQueue, page = 1): Promise<Page<StaffAfterSale>> =>
  call('admin', 'staffListAfterSales', queue ? { state: queue, page } : { page });

export const staffGetAfterSale = (afterSaleId: string): Promise<StaffAfterSale> => call('admin', 'staffGetAfterSale', { afterSaleId });

/** A refund: the refund is asked of the platform. A return or exchange: the shopper is given `returnAddress`. */
export const approveAfterSale = (afterSaleId: string, returnAddress?: ReturnAddress, requestId = newRequestId()): Promise<StaffAfterSale> =>
  call('admin', 'approveAfterSale', returnAddress ? { afterSaleId, returnAddress } : { afterSaleId }, { requestId });

/** Rejects the application with the reason the shopper sees. */
export const rejectAfterSale = (afterSaleId: string, note: string, requestId = newRequestId()): Promise<StaffAfterSale> =>
  call('admin', 'rejectAfterSale', { afterSaleId, note }, { requestId });

/** Asks the shopper for more (photos, a description): the application waits for their answer. */
export const askAfterSaleInfo = (afterSaleId: string, note: string, requestId = newRequestId()): Promise<StaffAfterSale> =>
  call('admin', 'rejectAfterSale', { afterSaleId, note, ask: true }, { requestId });

/** The goods came back: a return is refunded; an exchange needs the replacement's waybill (`reship`). */
export const receiveReturn = (afterSaleId: string, reship?: Waybill, requestId = newRequestId()): Promise<StaffAfterSale> =>
  call('admin', 'receiveReturn', reship ? { afterSaleId, reship } : { afterSaleId }, { requestId });

/** A refund the platform closed is asked for again. */
export const retryAfterSaleRefund = (afterSaleId: string, requestId = newRequestId()): Promise<StaffAfterSale> =>
  call('admin', 'retryAfterSaleRefund', { afterSaleId }, { requestId });

/** 售后与收货设置: the return address approvals offer, the after-sale window and the auto-complete days. */
export const getAfterSaleSettings = (): Promise<AfterSaleSettings> => call('admin', 'getAfterSaleSettings', {});

export interface AfterSaleSettingsChange {
  /** null removes the address */
  returnAddress?: ReturnAddress | null;
  afterSaleDays?: number;
  autoCompleteDays?: number;
}

/** Saves what changes (needs orders.refund); a retry of the same save must pass the same requestId. */
export const setAfterSaleSettings = (change: AfterSaleSettingsChange, requestId = newRequestId()): Promise<AfterSaleSettings> =>
  call('admin', 'setAfterSaleSettings', change, { requestId });
