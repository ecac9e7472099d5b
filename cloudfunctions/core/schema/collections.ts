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
  name: fields.map((f) => f.replace('-', '').replace(/\./g, '_')).join('_'),
  fields: fields.map(asc),
  unique: false,
});
export const unique = (...fields: string[]): IndexSpec => ({ ...index(...fields), name: `uniq_${index(...fields).name}`, unique: true });

const spec = (name: string, about: string, ...indexes: IndexSpec[]): CollectionSpec => ({ name, about, indexes });

export const COLLECTIONS: CollectionSpec[] = [
  spec('users', 'one document per WeChat user, `_id` = openid', index('createdAt'), index('lastSeenAt')),
  spec('staff', 'merchant staff, `_id` = openid, with role'),
  spec('visits', 'one per user and Shanghai day with any call, `_id` = userId:YYYY-MM-DD', index('userId', 'day'), index('day')),
  spec('staff_invites', 'one-time staff invitation codes, `_id` = the code', index('-createdAt')),
  spec('requests', 'idempotency records of write calls, `_id` = fn:action:openid:requestId', index('createdAt')),
  spec('audit', 'staff writes with before/after', index('-createdAt'), index('entity', 'entityId', '-createdAt')),
  spec('categories', 'product categories', index('sort')),
  spec('banners', 'home page banners', index('sort')),
  spec('products', 'products (SPU)', index('categoryId', 'status', '-sales'), index('status', '-sales')),
  spec('skus', 'sellable units with price and stock', index('productId')),
  spec('lives', 'live sessions with their product cards', index('startAt'), index('endAt')),
  spec('cart_items', 'cart lines, `_id` = userId:skuId', index('userId', '-updatedAt')),
  spec('addresses', 'shipping address book', index('userId', '-createdAt')),
  spec('orders', 'orders with their lines, price, address and source', index('userId', '-createdAt'), index('userId', 'status', '-createdAt'), index('status', 'expiresAt'), index('-createdAt'), index('source.liveId', 'userId'), index('paidAt')),
  spec('payments', 'verified payment results, `_id` = platform transaction id', index('orderId')),
  spec('reservations', 'live reservations (预约), `_id` = liveId:userId', index('liveId', 'status', 'remindedAt'), index('userId', '-createdAt'), index('inviteCode', 'liveId'), index('createdAt')),
  spec('consent_credits', 'one-time subscribe consents per user and template, `_id` = userId:templateId'),
  spec('outbox', 'every message decided: sent, skipped (with reason), deferred or failed; `_id` = idempotency key', index('status', 'notBefore'), index('userId', 'channel', '-createdAt'), index('-createdAt'), index('source', 'status')),
  spec('event_batches', 'client event batches already counted, `_id` = userId:batchId', index('createdAt')),
  spec('live_stats', 'per-user per-live aggregates, `_id` = liveId:userId', index('liveId', '-watchMinutes'), index('userId')),
  spec('wecom_joins', 'WeCom add-contact and group-join events per live, `_id` = type:liveId:externalUserId', index('liveId', 'type'), index('liveId', 'userId'), index('externalUserId', 'type'), index('userId')),
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
  spec('slots', 'per-owner caps taken by conditional update: cart lines, addresses, open questions'),
  spec('settings', 'merchant settings documents by name (referral, …)'),
  spec('interests', 'per-user category interest from views and taps, `_id` = userId:categoryId', index('categoryId', '-score'), index('userId')),
  spec('coupon_templates', 'coupon templates: rule, scope, stock (`issued < totalStock`), per-user limit, windows', index('liveId', '-createdAt'), index('-createdAt')),
  spec('coupons', 'coupons in wallets, with their order lock; grants have `_id` = g + hash of the grant key', index('userId', 'status', 'validTo'), index('userId', 'status', '-usedAt'), index('status', 'lockedAt'), index('orderId'), index('templateId')),
  spec('coupon_claims', 'per-user claim counters, `_id` = templateId:userId', index('userId')),
  spec('member_accounts', 'points balance, per-year earnings for expiry, tier; `_id` = openid', index('expiredThrough'), index('tier')),
  spec('points_entries', 'the points ledger, `_id` = idempotency key (earn:<orderId>, refund:<orderId>, redeem:<id>, expire:<user>:<year>)', index('userId', '-createdAt')),
  spec('rewards', 'the points store', index('status', 'sort')),
  spec('redemptions', 'rewards redeemed, with the coupon, privilege or shipment they gave', index('userId', '-createdAt'), index('rewardId'), index('shipping.status', '-createdAt')),
  spec('privileges', 'privileges held for a time (live priority, new-product trial), `_id` = redemption id', index('userId', 'until')),
  spec('raffles', 'raffles tied to a live: kind, prizes per draw, draw schedule', index('liveId', 'createdAt'), index('-createdAt')),
  spec('raffle_slots', 'one draw of a raffle with its seed, commitment and winners, `_id` = raffleId-slot', index('raffleId', 'slot'), index('state', 'drawAt')),
  spec('raffle_entries', 'one entry per user and draw, `_id` = slotId:userId; `entryId` is the public id', unique('entryId'), index('slotId', 'entryId'), index('userId', '-createdAt'), index('raffleId', 'userId')),
  spec('raffle_prizes', 'prize units won, with grant and delivery, `_id` = slotId-unit', index('raffleId', 'slot', 'unit'), index('slotId', 'unit'), index('raffleId', 'userId'), index('status', 'claimBy')),
  spec('raffle_wins', 'prizes won per raffle and user, `_id` = raffleId:userId', index('raffleId', 'count')),
  spec('item_assoc', 'item-to-item co-purchase associations, `_id` = productId: its related products with support, confidence and lift', index('computedAt')),
  spec('jobs', 'resumable jobs: cursor, progress and lease, `_id` = postlive:<liveId> | assoc | tags:sweep', index('kind', 'status')),
  spec('user_events', 'events SOP rules start from, `_id` = idempotency key (cart:<user>:<sku>:<at>, paid:<orderId>, reserve:<liveId>:<user>, tag:<user>:<tag>:<at>)', index('processedAt', 'at'), index('userId', 'type', '-at')),
  spec('tag_rules', 'tag rules: a JSON rule tree over per-user facts, ttl, enabled', index('enabled')),
  spec('user_tags', 'tags users hold, `_id` = userId:tag, with source, time and expiry', index('tag', '-addedAt'), index('userId'), index('expiresAt'), index('source')),
  spec('sop_rules', 'SOP rules: trigger, condition, delay, action, cooldown', index('enabled')),
  spec('sop_tasks', 'persisted SOP steps, `_id` = <ruleId|source>:<event key>; run at least once, actions idempotent', index('status', 'dueAt'), index('status', 'leaseUntil'), index('ruleId', 'status'), index('userId', '-dueAt')),
  spec('sop_counters', 'per-user caps and cooldowns: `day:<userId>:<YYYYMMDD>` and `rule:<ruleId>:<userId>`'),
  spec('staff_tasks', 'follow-up tasks for staff made by SOP rules', index('status', '-createdAt'), index('userId')),
];

export const COLLECTION_NAMES = new Set(COLLECTIONS.map((c) => c.name));
