/**
 * Every collection, its indexes and its unique keys, declared once.
 * The SQLite adapter creates them at start; `npm run export:indexes` writes them out for CloudBase.
 */
import type { CollectionName } from './docs';

/** Who owns a collection: a module under modules/, or the kernel. */
export type Owner =
  | 'kernel'
  | 'catalog'
  | 'messaging'
  | 'wecom'
  | 'live'
  | 'coupons'
  | 'points'
  | 'referral'
  | 'orders'
  | 'payments'
  | 'tags'
  | 'raffle'
  | 'recommend'
  | 'staff'
  | 'sop'
  | 'reviews';

export type IndexField = [field: string, direction: 'asc' | 'desc'];
export interface IndexSpec {
  name: string;
  fields: IndexField[];
  unique: boolean;
  /**
   * a unique key kept only among documents that have every key field (MongoDB's partial index with
   * `$exists`); without it a document missing a field holds the key `null`, as MongoDB counts it
   */
  partial?: boolean;
}
/** What an adapter needs to create a collection. */
export interface TableSpec {
  name: string;
  indexes: IndexSpec[];
}
export interface CollectionSpec extends TableSpec {
  name: CollectionName;
  /** the one module (or the kernel) that reads and writes it */
  owner: Owner;
  /** what the collection holds, for docs and the CloudBase export */
  about: string;
  indexes: IndexSpec[];
}

export const asc = (f: string): IndexField => (f.startsWith('-') ? [f.slice(1), 'desc'] : [f, 'asc']);
export const index = (...fields: string[]): IndexSpec => ({
  name: fields.map((f) => f.replace('-', '').replace(/\./g, '_')).join('_'),
  fields: fields.map(asc),
  unique: false,
});
export const unique = (...fields: string[]): IndexSpec => ({ ...index(...fields), name: `uniq_${index(...fields).name}`, unique: true });
/** A unique key only where every key field is present (see IndexSpec.partial). */
export const uniqueWherePresent = (...fields: string[]): IndexSpec => ({ ...unique(...fields), partial: true });

const spec = (name: CollectionName, owner: Owner, about: string, ...indexes: IndexSpec[]): CollectionSpec => ({ name, owner, about, indexes });

export const COLLECTIONS: CollectionSpec[] = [
  spec('users', 'kernel', 'one document per WeChat user, `_id` = openid', index('createdAt'), index('lastSeenAt')),
  spec('staff', 'staff', 'merchant staff, `_id` = openid, with role'),
  spec('rate_windows', 'kernel', 'per-caller call counts of rate-limited actions, `_id` = fn.action:openid:windowStart', index('until')),
  spec('visits', 'kernel', 'one per user and Shanghai day with any call, `_id` = userId:YYYY-MM-DD', index('userId', 'day'), index('day')),
  spec('staff_invites', 'staff', 'one-time staff invitation codes, `_id` = the code', index('-createdAt')),
  spec('requests', 'kernel', 'idempotency records of write calls, `_id` = fn:action:openid:requestId', index('createdAt')),
  spec('audit', 'kernel', 'staff writes with before/after', index('-createdAt'), index('entity', 'entityId', '-createdAt')),
  spec('exports', 'kernel', 'CSV exports staff started: filters, progress, the file once made; `_id` = export id', index('createdBy', '-createdAt'), index('createdAt')),
  spec('export_chunks', 'kernel', 'an export\'s CSV lines one page at a time until the file is made, `_id` = exportId:seq', index('exportId', 'seq')),
  spec('audit_intents', 'kernel', 'staff writes in flight, completed into audit entries (by the call or by repairAudits)', index('createdAt')),
  spec('categories', 'catalog', 'product categories, two levels (`parentId` null at the top)', index('sort'), index('parentId', 'sort')),
  spec('banners', 'catalog', 'home page banners', index('sort')),
  spec('products', 'catalog', 'products (SPU)', index('categoryId', 'status', '-sales'), index('topCategoryId', 'status', '-sales'), index('status', '-sales'), index('status', 'priceFen')),
  spec('skus', 'catalog', 'sellable units with price and stock', index('productId'), index('restockWatch', 'stock')),
  spec('restock_subscriptions', 'catalog', 'shoppers waiting for a sold-out SKU (到货提醒), `_id` = skuId:userId', index('skuId', 'status', 'createdAt'), index('userId', 'status')),
  spec('favorites', 'catalog', '收藏: products a shopper keeps, `_id` = userId:productId', index('userId', '-createdAt')),
  spec('browse_history', 'catalog', '足迹: each product a shopper viewed with its latest view, at most 100 per shopper, `_id` = userId:productId', index('userId', '-viewedAt')),
  spec('lives', 'live', 'live sessions with their product cards', index('startAt'), index('endAt'), index('startedAt')),
  spec('cart_items', 'orders', 'cart lines, `_id` = userId:skuId', index('userId', '-updatedAt')),
  spec('addresses', 'orders', 'shipping address book', index('userId', '-createdAt')),
  spec('orders', 'orders', 'orders with their lines, price, address and source', index('userId', '-createdAt'), index('userId', 'status', '-createdAt'), index('status', 'expiresAt'), index('-createdAt'), index('source.liveId', 'userId'), index('paidAt'), index('status', '-createdAt'), index('source.liveId', '-createdAt'), index('search.phoneTail', '-createdAt'), index('refund.state', 'refund.requestedAt'), index('status', 'shippedAt'), index('stockReturnOpen', 'closedAt'), index('salesOpen', 'paidEffectsAt')),
  spec('order_settings', 'orders', 'the shop\'s after-sale and receipt settings (售后与收货设置), one document `aftersale`'),
  spec('after_sales', 'orders', 'after-sale applications, one line of an order each', index('userId', '-createdAt'), index('staffOpen', '-updatedAt'), index('state', '-updatedAt'), index('-updatedAt'), index('orderId'), index('-returnAddressAt')),
  spec('reviews', 'reviews', 'one review per order line, `_id` = RV<orderId>-<skuId>', index('productId', 'state', '-createdAt'), index('productId', 'state', 'hasPhotos', '-createdAt'), index('userId', '-createdAt'), index('state', '-createdAt')),
  spec('review_stats', 'reviews', "a product's visible reviews counted, `_id` = productId"),
  spec('review_settings', 'reviews', "the shop's 评价积分 rule, one document `points`"),
  spec('media_checks', 'reviews', 'images with the content-security check, `_id` = its trace id', index('createdAt')),
  spec('checkout_intents', 'orders', 'checkouts in flight, `_id` = the order id; settled by the call or by repairCheckouts', index('createdAt')),
  spec('purchase_counts', 'orders', 'how much of each per-user-limited SKU a shopper holds in orders not cancelled, expired or refunded, `_id` = userId:skuId', index('userId')),
  spec('payments', 'payments', 'verified payment results, `_id` = platform transaction id', index('orderId')),
  spec('reservations', 'live', 'live reservations (预约), `_id` = liveId:userId', index('liveId', 'status', 'remindedAt'), index('userId', '-createdAt'), index('inviteCode', 'liveId'), index('createdAt')),
  spec('consent_credits', 'messaging', 'one-time subscribe consents per user and template, `_id` = userId:templateId', index('userId')),
  spec('sms_contacts', 'messaging', 'a member\'s SMS opt-out (退订) and the phone they gave through WeChat quick verification, `_id` = userId'),
  spec('outbox', 'messaging', 'every message decided: sent, skipped (with reason), deferred or failed; `_id` = idempotency key', index('status', 'notBefore'), index('userId', 'channel', '-createdAt'), index('-createdAt'), index('source', 'status')),
  spec('event_batches', 'live', 'client event batches already counted, `_id` = userId:batchId', index('createdAt')),
  spec('live_stats', 'live', 'per-user per-live aggregates, `_id` = liveId:userId', index('liveId', '-watchMinutes'), index('userId')),
  spec('wecom_welcomes', 'wecom', 'welcome codes of add-contact events, each taken once, `_id` = the WelcomeCode', index('createdAt'), index('status', 'createdAt')),
  spec('wecom_joins', 'wecom', 'WeCom add-contact and group-join events per live, `_id` = type:liveId:externalUserId', index('liveId', 'type'), index('liveId', 'userId'), index('externalUserId', 'type'), index('userId')),
  spec('broadcasts', 'live', 'staff pushes shown on open companion pages until they expire', index('liveId', '-createdAt')),
  spec('questions', 'live', 'viewer questions during a live', index('liveId', 'status', '-createdAt'), index('liveId', 'userId')),
  spec('clips', 'live', 'highlight clips staff add after a live', index('liveId', 'createdAt')),
  spec('posts', 'live', 'content feed posts (a live digest is `_id` = digest-<liveId>)', index('-publishedAt')),
  spec('share_codes', 'referral', 'share codes (`_id` = the code) with inviter and target', unique('inviterId', 'target')),
  spec('referral_bindings', 'referral', 'first-touch inviter bindings, `_id` = invitee openid', index('inviterId', '-createdAt'), index('-createdAt')),
  spec('fission_tasks', 'referral', 'invite-to-unlock tasks with gift stock', index('liveId', '-createdAt'), index('-createdAt')),
  spec('fission_claims', 'referral', 'fission gifts claimed, `_id` = taskId:inviterId', index('taskId')),
  spec('promoters', 'referral', 'opted-in promoters, `_id` = openid'),
  spec('promoter_rewards', 'referral', 'promoter rewards per live and invitee, `_id` = promoter:liveId:promoterId:inviteeId', index('liveId', 'status'), index('promoterId')),
  spec('promoter_days', 'referral', 'rewarded invitees per promoter per Shanghai day, `_id` = promoterId:YYYY-MM-DD'),
  spec('slots', 'kernel', 'counters taken by conditional update: per-owner caps (cart lines, addresses, open questions) and the shop\'s owner count (`owners`)', index('dirty', 'updatedAt')),
  spec('settings', 'referral', 'merchant settings documents by name (referral, …)'),
  spec('interests', 'live', 'per-user category interest from views and taps, `_id` = userId:categoryId', index('categoryId', '-score'), index('userId')),
  spec('coupon_templates', 'coupons', 'coupon templates: rule, scope, stock (`issued < totalStock`), per-user limit, windows', index('liveId', '-createdAt'), index('-createdAt')),
  spec('coupons', 'coupons', 'coupons in wallets, with their order lock; grants have `_id` = g + hash of the grant key', index('userId', 'status', 'validTo'), index('userId', 'status', '-usedAt'), index('status', 'lockedAt'), index('status', 'claimedAt'), index('orderId'), index('templateId', 'status')),
  spec('coupon_claims', 'coupons', 'per-user claim counters, `_id` = templateId:userId', index('userId')),
  spec('member_accounts', 'points', 'points balance, per-year earnings for expiry, tier; `_id` = openid', index('expiredThrough'), index('tier')),
  spec('points_entries', 'points', 'the points ledger, `_id` = idempotency key (earn:<orderId>, refund:<orderId>, redeem:<id>, expire:<user>:<year>)', index('userId', '-createdAt')),
  spec('rewards', 'points', 'the points store', index('status', 'sort')),
  spec('redemptions', 'points', 'rewards redeemed, with the coupon, privilege or shipment they gave', index('userId', '-createdAt'), index('rewardId', 'state'), index('shipping.status', '-createdAt'), index('state', 'createdAt')),
  spec('privileges', 'points', 'privileges held for a time (live priority, new-product trial), `_id` = redemption id', index('userId', 'until')),
  spec('raffles', 'raffle', 'raffles tied to a live: kind, prizes per draw, draw schedule', index('liveId', 'createdAt'), index('-createdAt')),
  spec('raffle_slots', 'raffle', 'one draw of a raffle with its seed, commitment and winners, `_id` = raffleId-slot', index('raffleId', 'slot'), index('state', 'drawAt')),
  spec('raffle_entries', 'raffle', 'one entry per user and draw, `_id` = slotId:userId; `entryId` is the public id', unique('entryId'), index('slotId', 'entryId'), index('userId', '-createdAt'), index('raffleId', 'userId')),
  spec('raffle_prizes', 'raffle', 'prize units won, with grant and delivery, `_id` = slotId-unit', index('raffleId', 'slot', 'unit'), index('slotId', 'unit'), index('raffleId', 'userId'), index('status', 'claimBy')),
  spec('raffle_wins', 'raffle', 'prizes won per raffle and user, `_id` = raffleId:userId', index('raffleId', 'count')),
  spec('item_assoc', 'recommend', 'item-to-item co-purchase associations, `_id` = productId: its related products with support, confidence and lift', index('computedAt')),
  spec('jobs', 'kernel', 'resumable jobs: cursor, progress and lease, `_id` = postlive:<liveId> | assoc | tags:sweep', index('kind', 'status')),
  spec('user_events', 'kernel', 'events SOP rules start from, `_id` = idempotency key (cart:<user>:<sku>:<at>, paid:<orderId>, reserve:<liveId>:<user>, tag:<user>:<tag>:<at>)', index('processedAt', 'at'), index('userId', 'type', '-at')),
  spec('tag_rules', 'tags', 'tag rules: a JSON rule tree over per-user facts, ttl, enabled', index('enabled')),
  spec('user_tags', 'tags', 'tags users hold, `_id` = userId:tag, with source, time and expiry', index('tag', '-addedAt'), index('userId'), index('expiresAt'), index('source')),
  spec('sop_rules', 'sop', 'SOP rules: trigger, condition, delay, action, cooldown', index('enabled')),
  spec('sop_tasks', 'sop', 'persisted SOP steps, `_id` = <ruleId|source>:<event key>; run at least once, actions idempotent', index('status', 'dueAt'), index('status', 'leaseUntil'), index('ruleId', 'status'), index('userId', '-dueAt')),
  spec('sop_counters', 'sop', 'per-user caps and cooldowns: `day:<userId>:<YYYYMMDD>` and `rule:<ruleId>:<userId>`'),
  spec('staff_tasks', 'sop', 'follow-up tasks for staff made by SOP rules', index('status', '-createdAt'), index('userId')),
];

export const COLLECTION_NAMES: ReadonlySet<string> = new Set(COLLECTIONS.map((c) => c.name));

/** The owner of each collection, by name. */
export const OWNER_OF: ReadonlyMap<string, Owner> = new Map(COLLECTIONS.map((c) => [c.name, c.owner]));
