import type { CustomerProfile, CustomerRow, CustomerTag, ExportProgress, InputFor } from '../../typings/contract/index';
import type { Page } from './admin';
import { call, newRequestId } from './call';

/** The customer screens (function `admin`): the list, a profile, manual tags, points adjustments. */

export interface CustomerPage extends Page<CustomerRow> {
  /** a phone or tag filter matched more customers than it looks at */
  capped: boolean;
}

export const listCustomers = (query: InputFor<'admin', 'listCustomers'> = {}): Promise<CustomerPage> => call('admin', 'listCustomers', query);

export const getCustomer = (userId: string): Promise<CustomerProfile> => call('admin', 'getCustomer', { userId });

export const addCustomerTag = (userId: string, tag: string, requestId = newRequestId()): Promise<{ added: boolean; tags: CustomerTag[] }> =>
  call('admin', 'addCustomerTag', { userId, tag }, { requestId });

export const removeCustomerTag = (userId: string, tag: string, requestId = newRequestId()): Promise<{ removed: boolean; tags: CustomerTag[] }> =>
  call('admin', 'removeCustomerTag', { userId, tag }, { requestId });

/** `requestId` is required: the same id is sent again when the same adjustment is retried. */
export const adjustPoints = (input: InputFor<'admin', 'adjustPoints'>, requestId: string): Promise<{ points: number; entryId: string }> =>
  call('admin', 'adjustPoints', input, { requestId });

// CSV exports (orders and customers)

export const startExport = (input: InputFor<'admin', 'startExport'>, requestId = newRequestId()): Promise<ExportProgress> =>
  call('admin', 'startExport', input, { requestId });

export const exportStep = (exportId: string): Promise<ExportProgress> => call('admin', 'exportStep', { exportId });
