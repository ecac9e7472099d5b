/**
 * Every collection, its indexes and its unique keys, declared once.
 * The SQLite adapter creates them at start; `npm run export:indexes` writes them out for CloudBase.
 */
export type IndexField = [field: string, direction: 'asc' | 'desc'];
export interface IndexSpec {
  name: string;
  fields: IndexField[];
  unique: boolean;
}
export interface CollectionSpec {
  name: string;
  /** what the collection holds, for docs and the CloudBase export */
  about: string;
  indexes: IndexSpec[];
}

export const asc = (f: string): IndexField => (f.startsWith('-') ? [f.slice(1), 'desc'] : [f, 'asc']);
export const index = (...fields: string[]): IndexSpec => ({
  name: fields.map((f) => f.replace('-', '')).join('_'),
  fields: fields.map(asc),
  unique: false,
});
export const unique = (...fields: string[]): IndexSpec => ({ ...index(...fields), name: `uniq_${index(...fields).name}`, unique: true });

const spec = (name: string, about: string, ...indexes: IndexSpec[]): CollectionSpec => ({ name, about, indexes });

export const COLLECTIONS: CollectionSpec[] = [
  spec('users', 'one document per WeChat user, `_id` = openid', index('createdAt'), index('lastSeenAt')),
  spec('staff', 'merchant staff, `_id` = openid, with role'),
  spec('requests', 'idempotency records of write calls, `_id` = fn:action:openid:requestId', index('createdAt')),
  spec('audit', 'staff writes with before/after', index('-createdAt'), index('entity', 'entityId', '-createdAt')),
  spec('categories', 'product categories', index('sort')),
  spec('banners', 'home page banners', index('sort')),
  spec('products', 'products (SPU)', index('categoryId', 'status', '-sales'), index('status', '-sales')),
  spec('skus', 'sellable units with price and stock', index('productId')),
  spec('lives', 'live sessions with their product cards', index('startAt'), index('endAt')),
  spec('cart_items', 'cart lines, `_id` = userId:skuId', index('userId', '-updatedAt')),
  spec('addresses', 'shipping address book', index('userId', '-createdAt')),
  spec('orders', 'orders with their lines, price, address and source', index('userId', '-createdAt'), index('userId', 'status', '-createdAt'), index('status', 'expiresAt'), index('-createdAt')),
  spec('payments', 'verified payment results, `_id` = platform transaction id', index('orderId')),
  spec('reservations', 'live reservations (预约), `_id` = liveId:userId', index('liveId', 'status', 'remindedAt'), index('userId', '-createdAt'), index('inviteCode', 'liveId')),
  spec('consent_credits', 'one-time subscribe consents per user and template, `_id` = userId:templateId'),
  spec('outbox', 'every message decided: sent, skipped (with reason), deferred or failed; `_id` = idempotency key', index('status', 'notBefore'), index('userId', 'channel', '-createdAt'), index('-createdAt')),
  spec('event_batches', 'client event batches already counted, `_id` = userId:batchId', index('createdAt')),
  spec('live_stats', 'per-user per-live aggregates, `_id` = liveId:userId', index('liveId', '-watchMinutes'), index('userId')),
  spec('wecom_joins', 'WeCom add-contact and group-join events per live, `_id` = type:liveId:externalUserId', index('liveId', 'type'), index('liveId', 'userId')),
  spec('broadcasts', 'staff pushes shown on open companion pages until they expire', index('liveId', '-createdAt')),
  spec('questions', 'viewer questions during a live', index('liveId', 'status', '-createdAt'), index('liveId', 'userId')),
  spec('clips', 'highlight clips staff add after a live', index('liveId', 'createdAt')),
  spec('posts', 'content feed posts (a live digest is `_id` = digest-<liveId>)', index('-publishedAt')),
  spec('share_codes', 'share codes (`_id` = the code) with inviter and target', unique('inviterId', 'target')),
  spec('referral_bindings', 'first-touch inviter bindings, `_id` = invitee openid', index('inviterId', '-createdAt'), index('-createdAt')),
  spec('fission_tasks', 'invite-to-unlock tasks with gift stock', index('liveId', '-createdAt'), index('-createdAt')),
  spec('fission_claims', 'fission gifts claimed, `_id` = taskId:inviterId', index('taskId')),
  spec('promoters', 'opted-in promoters, `_id` = openid'),
  spec('promoter_rewards', 'promoter rewards per live and invitee, `_id` = promoter:liveId:promoterId:inviteeId', index('liveId', 'status'), index('promoterId')),
  spec('promoter_days', 'rewarded invitees per promoter per Shanghai day, `_id` = promoterId:YYYY-MM-DD'),
  spec('settings', 'merchant settings documents by name (referral, …)'),
  spec('interests', 'per-user category interest from views and taps, `_id` = userId:categoryId', index('categoryId', '-score'), index('userId')),
  spec('coupon_templates', 'coupon templates: rule, scope, stock (`issued < totalStock`), per-user limit, windows', index('liveId', '-createdAt'), index('-createdAt')),
  spec('coupons', 'coupons in wallets, with their order lock; grants have `_id` = g + hash of the grant key', index('userId', 'status', 'validTo'), index('userId', 'status', '-usedAt'), index('status', 'lockedAt'), index('orderId'), index('templateId')),
  spec('coupon_claims', 'per-user claim counters, `_id` = templateId:userId', index('userId')),
  spec('member_accounts', 'points balance, per-year earnings for expiry, tier; `_id` = openid', index('expiredThrough'), index('tier')),
  spec('points_entries', 'the points ledger, `_id` = idempotency key (earn:<orderId>, refund:<orderId>, redeem:<id>, expire:<user>:<year>)', index('userId', '-createdAt')),
  spec('rewards', 'the points store', index('status', 'sort')),
  spec('redemptions', 'rewards redeemed, with the coupon, privilege or shipment they gave', index('userId', '-createdAt'), index('rewardId')),
  spec('privileges', 'privileges held for a time (live priority, new-product trial), `_id` = redemption id', index('userId', 'until')),
];

export const COLLECTION_NAMES = new Set(COLLECTIONS.map((c) => c.name));
