import { z } from 'zod';
import { def, id, text } from './common';
import { tagKey } from './crm';
import { orderFilterFields } from './staff';

/**
 * CSV exports for staff (导出): orders and customers, read a page per step so a long export never
 * outruns a cloud function call, then made into one UTF-8 file with a BOM (Excel opens Chinese).
 */

export const EXPORT_KINDS = ['orders', 'customers'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportProgress {
  exportId: string;
  kind: ExportKind;
  status: 'running' | 'done';
  rows: number;
  /** rows matching when it started */
  total: number;
  fileName: string;
  /** once done: where the file downloads from (in the cloud a temporary URL, fetched again on each call) */
  url: string | null;
  createdAt: number;
  finishedAt: number | null;
}

const OrdersExport = z.object({ kind: z.literal('orders'), ...orderFilterFields() }).strict();

const CustomersExport = z.object({ kind: z.literal('customers'), q: text(30).optional(), tag: tagKey().optional() }).strict();

export const exportAdmin = {
  /** starts an export of what the filters match now; answers its progress */
  startExport: def<ExportProgress>()(z.discriminatedUnion('kind', [OrdersExport, CustomersExport])),
  /** reads the next page of an export the caller started (the file once the last page is read) */
  exportStep: def<ExportProgress>()(z.object({ exportId: id() }).strict()),
};
