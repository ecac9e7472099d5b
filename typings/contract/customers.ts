import { z } from 'zod';
import { def, id, page, text } from './common';
import { tagKey } from './crm';
import { MAX_POINTS_ADJUSTMENT } from './limits';
import type { OrderStatus } from './orders';
import type { PointsSource, TierId } from './points';

/**
 * Customers (顾客) as staff read them: the list with search and tag filter, one customer's profile,
 * manual tags and points adjustments. People show by a masked nickname and a masked phone; the
 * `userId` is the handle the screens pass back and never show.
 */


export interface CustomerTag {
  tag: string;
  /** the tag rule's name for it, else the key */
  label: string;
  /** `rule` (a tag rule), `sop` (an SOP action) or `staff` (added by hand: staff may remove it) */
  source: 'rule' | 'sop' | 'staff';
  expiresAt: number;
}

export interface CustomerRow {
  userId: string;
  /** masked (小*红) */
  nickname: string;
  /** the default address's phone, masked (138****5678), or null */
  phone: string | null;
  tier: TierId;
  tierName: string;
  points: number;
  /** orders paid and not wholly refunded */
  paidOrders: number;
  /** paid, less what was refunded */
  netSpentFen: number;
  lastPaidAt: number | null;
  tags: CustomerTag[];
  joinedAt: number;
  lastSeenAt: number;
}

export interface CustomerProfile extends CustomerRow {
  spend: { paidFen: number; refundedFen: number; netFen: number };
  orders: Array<{ orderId: string; status: OrderStatus; title: string; payableFen: number; refundedFen: number; createdAt: number }>;
  /** the newest ledger entries */
  ledger: Array<{ delta: number; source: PointsSource; label: string; createdAt: number }>;
  /** the lives watched, newest first */
  lives: Array<{ liveId: string; title: string; startAt: number; watchMinutes: number; cardTaps: number }>;
  referral: { inviter: string | null; boundAt: number | null; invitees: number };
  /** one-time subscribe consents banked per shopper template */
  consents: Array<{ templateId: string; title: string; credits: number }>;
  /** the newest messages decided for them */
  messages: Array<{ messageId: string; channel: 'subscribe' | 'sms'; kind: string; status: string; reason: string | null; createdAt: number }>;
}

export const customerAdmin = {
  /**
   * Customers, the most recently seen first. `q` is part of a nickname, or the last 4 digits of a
   * phone in their address book; `tag` a tag they hold now.
   */
  listCustomers: def<{ items: CustomerRow[]; total: number; capped: boolean }>()(
    z.object({ q: text(30).optional(), tag: tagKey().optional(), page: page().optional() }).strict(),
  ),
  getCustomer: def<CustomerProfile>()(z.object({ userId: id() }).strict()),
  /** adds a manual tag (a tag the customer holds already stays as it is: `added` false) */
  addCustomerTag: def<{ added: boolean; tags: CustomerTag[] }>()(
    z.object({ userId: id(), tag: tagKey(), days: z.number().int().min(1).max(3650).optional() }).strict(),
  ),
  /** removes a manual tag; a rule's tag is changed through its rule */
  removeCustomerTag: def<{ removed: boolean; tags: CustomerTag[] }>()(z.object({ userId: id(), tag: tagKey() }).strict()),
  /** adds (delta > 0) or takes (delta < 0) points with a reason, as one ledger entry; needs a requestId */
  adjustPoints: def<{ points: number; entryId: string }>()(
    z
      .object({
        userId: id(),
        delta: z
          .number()
          .int()
          .min(-MAX_POINTS_ADJUSTMENT)
          .max(MAX_POINTS_ADJUSTMENT)
          .refine((n) => n !== 0, 'must not be 0'),
        reason: text(40, 1),
      })
      .strict(),
  ),
};
