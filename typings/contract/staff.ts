import { z } from 'zod';
import type { StaffRole } from './admin';
import { def, epochMs, fen, id, page, text } from './common';
import type { OrderStatus } from './orders';

/** Staff management, the audit trail and catalogue/order operations in the admin function. */
export interface StaffMember {
  openid: string;
  nickname: string;
  role: StaffRole;
  since: number;
}

export interface AuditEntry {
  _id: string;
  actor: string;
  role: StaffRole | null;
  fn: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /** 'unknown': the call was interrupted before it reported its changes (recorded by the repair) */
  outcome?: 'unknown';
  /** the request's input, given with an unknown outcome */
  input?: unknown;
  createdAt: number;
}

export interface StaffOrderRow {
  _id: string;
  userId: string;
  status: OrderStatus;
  payableFen: number;
  count: number;
  title: string;
  sourceKind: string;
  liveId: string | null;
  createdAt: number;
  paidAt: number | null;
}

export interface StaffSku {
  _id: string;
  specs: Record<string, string>;
  priceFen: number;
  stock: number;
  status: 'on_sale' | 'off_shelf';
  /** 每人限购, when set */
  perUserLimit: number | null;
}

export interface StaffProduct {
  _id: string;
  title: string;
  subtitle: string;
  categoryId: string;
  image: string;
  status: 'on_sale' | 'off_shelf';
  originalPriceFen: number;
  sales: number;
  skus: StaffSku[];
}

const role = () => z.enum(['owner', 'operator', 'cs']);
const inviteCode = () => z.string().min(8).max(16).regex(/^[A-Za-z0-9]+$/);

export const staffAdmin = {
  /** the owner makes a one-time code for a new staff member */
  inviteStaff: def<{ code: string; role: StaffRole; expiresAt: number }>()(z.object({ role: role() }).strict()),
  /** anyone holding a valid code becomes staff with its role; the code is spent */
  acceptStaffInvite: def<{ openid: string; role: StaffRole }>()(z.object({ code: inviteCode() }).strict()),
  listStaff: def<{ items: StaffMember[] }>()(z.object({}).strict()),
  setStaffRole: def<{ openid: string; role: StaffRole }>()(z.object({ openid: id(), role: role() }).strict()),
  removeStaff: def<{ removed: boolean }>()(z.object({ openid: id() }).strict()),
  listAudit: def<{ items: AuditEntry[]; total: number }>()(
    z.object({ entity: text(40).optional(), entityId: text(120).optional(), actor: id().optional(), page: page().optional() }).strict(),
  ),
  listStaffProducts: def<{ items: StaffProduct[]; total: number }>()(
    z.object({ keyword: text(40).optional(), status: z.enum(['on_sale', 'off_shelf']).optional(), page: page().optional() }).strict(),
  ),
  updateProduct: def<StaffProduct>()(
    z
      .object({
        productId: id(),
        title: text(60, 1).optional(),
        subtitle: text(60).optional(),
        status: z.enum(['on_sale', 'off_shelf']).optional(),
        originalPriceFen: fen().optional(),
      })
      .strict(),
  ),
  updateSku: def<StaffSku>()(
    z
      .object({
        skuId: id(),
        priceFen: fen().refine((n) => n > 0, 'price must be above zero').optional(),
        status: z.enum(['on_sale', 'off_shelf']).optional(),
        /** 每人限购: the most one shopper may hold; 0 removes the limit */
        perUserLimit: z.number().int().min(0).max(999).optional(),
      })
      .strict(),
  ),
  /** `set` the stock to a count, or `add` a signed quantity to it, atomically */
  adjustStock: def<StaffSku>()(
    z.object({ skuId: id(), mode: z.enum(['set', 'add']), quantity: z.number().int().min(-1_000_000).max(1_000_000) }).strict(),
  ),
  listAllOrders: def<{ items: StaffOrderRow[]; total: number }>()(
    z
      .object({
        status: z.enum(['created', 'paid', 'shipped', 'completed', 'cancelled', 'expired', 'refunding', 'refunded']).optional(),
        liveId: id().optional(),
        from: epochMs().optional(),
        to: epochMs().optional(),
        page: page().optional(),
      })
      .strict(),
  ),
};
