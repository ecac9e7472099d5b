import type { CustomerProfile, CustomerRow, CustomerTag } from '../../../typings/contract';
import { CUSTOMERS_PAGE, MANUAL_TAG_DAYS } from '../../../typings/contract/limits';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { maskName, maskPhone } from '../kernel/mask';
import { defaultNickname } from '../kernel/users';
import type { Db, Query } from '../ports';
import { TEMPLATES, templateId, creditsByTemplate, type TemplatePurpose } from '../modules/messaging';
import { PAID_STATUSES, refundedFenOf } from '../modules/orders';
import { adjustPoints, tierById } from '../modules/points';
import { addManualTag, heldTags, heldTagsOf, removeManualTag, STAFF_TAG_SOURCE } from '../modules/tags';
import type { MemberAccountDoc, OrderDoc, UserDoc, UserTagDoc } from '../schema';

/**
 * The customer screens (顾客): the list and one customer's profile read users with their orders,
 * points, tags, watch history, referral binding, consents and messages; manual tags go through
 * the tags module and points adjustments through the points ledger. People show by a masked
 * nickname and phone.
 */

/** A phone-tail or tag filter looks at this many matching customers at most. */
export const CUSTOMER_FILTER_CAP = 1000;
const PROFILE_ORDERS = 10;
const PROFILE_LEDGER = 20;
const PROFILE_LIVES = 10;
const PROFILE_MESSAGES = 10;

/** Orders with a payment: bought, or bought and refunded in part or whole. */
const WITH_PAYMENT = [...PAID_STATUSES, 'refunding', 'refunded'];

const sourceKind = (source: string): CustomerTag['source'] => (source === STAFF_TAG_SOURCE ? 'staff' : source.startsWith('sop:') ? 'sop' : 'rule');

async function tagLabels(db: Db): Promise<Map<string, string>> {
  return new Map((await db.collection('tag_rules').find({})).map((r) => [r.tag, r.label]));
}

const tagView = (t: UserTagDoc, labels: Map<string, string>): CustomerTag => ({
  tag: t.tag,
  label: labels.get(t.tag) ?? t.tag,
  source: sourceKind(t.source),
  expiresAt: t.expiresAt,
});

interface Spend {
  paidOrders: number;
  paidFen: number;
  refundedFen: number;
  lastPaidAt: number | null;
}

function spendOf(orders: OrderDoc[]): Spend {
  const s: Spend = { paidOrders: 0, paidFen: 0, refundedFen: 0, lastPaidAt: null };
  for (const o of orders) {
    if (o.paidAt === null) continue;
    s.paidFen += o.price.payableFen;
    s.refundedFen += refundedFenOf(o);
    if ((PAID_STATUSES as readonly string[]).includes(o.status)) s.paidOrders++;
    s.lastPaidAt = Math.max(s.lastPaidAt ?? 0, o.paidAt);
  }
  return s;
}

/** Masked phones per user: the phone given through WeChat, else the default address's. */
async function phonesOf(db: Db, users: UserDoc[]): Promise<Map<string, string>> {
  const ids = users.map((u) => u._id);
  const addressIds = users.map((u) => u.defaultAddressId).filter((a): a is string => !!a);
  const [contacts, addresses] = await Promise.all([
    ids.length ? db.collection('sms_contacts').find({ _id: { $in: ids } }) : [],
    addressIds.length ? db.collection('addresses').find({ _id: { $in: addressIds } }) : [],
  ]);
  const phones = new Map<string, string>();
  for (const a of addresses) phones.set(a.userId, maskPhone(a.telNumber));
  for (const c of contacts) if (c.phone) phones.set(c._id, maskPhone(c.phone));
  return phones;
}

function rowOf(u: UserDoc, account: MemberAccountDoc | undefined, spend: Spend, tags: CustomerTag[], phone: string | null): CustomerRow {
  const tier = tierById(account?.tier ?? 'regular');
  return {
    userId: u._id,
    nickname: maskName(u.nickname || defaultNickname(u._id), 'ends'),
    phone,
    tier: tier.id,
    tierName: tier.name,
    points: account?.points ?? 0,
    paidOrders: spend.paidOrders,
    netSpentFen: spend.paidFen - spend.refundedFen,
    lastPaidAt: spend.lastPaidAt,
    tags,
    joinedAt: u.createdAt,
    lastSeenAt: u.lastSeenAt,
  };
}

export async function rowsOf(db: Db, users: UserDoc[], now: number): Promise<CustomerRow[]> {
  return (await rowsWithSpend(db, users, now)).map((r) => r.row);
}

/** The rows, each with the spend it was made from. */
async function rowsWithSpend(db: Db, users: UserDoc[], now: number): Promise<Array<{ row: CustomerRow; spend: Spend }>> {
  if (!users.length) return [];
  const ids = users.map((u) => u._id);
  const [accounts, orders, tags, labels, phones] = await Promise.all([
    db.collection('member_accounts').find({ _id: { $in: ids } }),
    db.collection('orders').find({ userId: { $in: ids }, status: { $in: WITH_PAYMENT } }),
    heldTagsOf(db, ids, now),
    tagLabels(db),
    phonesOf(db, users),
  ]);
  const account = new Map(accounts.map((a) => [a._id, a]));
  const ordersOf = new Map<string, OrderDoc[]>(ids.map((id) => [id, []]));
  for (const o of orders) ordersOf.get(o.userId)?.push(o);
  return users.map((u) => {
    const spend = spendOf(ordersOf.get(u._id)!);
    return { row: rowOf(u, account.get(u._id), spend, (tags.get(u._id) ?? []).map((t) => tagView(t, labels)), phones.get(u._id) ?? null), spend };
  });
}

/** The ids a phone tail or a tag narrows the list to (null: no such filter), and whether the cap cut them. */
async function narrowedTo(db: Db, q: string, tag: string | undefined, now: number): Promise<{ ids: string[] | null; capped: boolean }> {
  let ids: string[] | null = null;
  let capped = false;
  const narrow = (found: string[]) => {
    const unique = [...new Set(found)];
    ids = ids === null ? unique : ids.filter((id) => unique.includes(id));
  };
  if (/^\d{4}$/.test(q)) {
    const [addresses, contacts] = await Promise.all([
      db.collection('addresses').find({ telNumber: { $contains: q } }, { limit: CUSTOMER_FILTER_CAP + 1 }),
      db.collection('sms_contacts').find({ phone: { $contains: q } }, { limit: CUSTOMER_FILTER_CAP + 1 }),
    ]);
    capped ||= addresses.length > CUSTOMER_FILTER_CAP || contacts.length > CUSTOMER_FILTER_CAP;
    narrow([...addresses.filter((a) => a.telNumber.endsWith(q)).map((a) => a.userId), ...contacts.filter((c) => c.phone?.endsWith(q)).map((c) => c._id)]);
  }
  if (tag) {
    const held = await db.collection('user_tags').find({ tag, expiresAt: { $gt: now } }, { sort: [['addedAt', 'desc']], limit: CUSTOMER_FILTER_CAP + 1 });
    capped ||= held.length > CUSTOMER_FILTER_CAP;
    narrow(held.slice(0, CUSTOMER_FILTER_CAP).map((t) => t.userId));
  }
  return { ids, capped };
}

/** The users the list's search and tag filter match (null: none can), and whether a cap cut them. */
export async function customerQuery(db: Db, q: string, tag: string | undefined, now: number): Promise<{ query: Query | null; capped: boolean }> {
  const { ids, capped } = await narrowedTo(db, q, tag, now);
  if (ids !== null && !(ids as string[]).length) return { query: null, capped };
  const query: Query = {};
  if (ids !== null) query._id = { $in: ids };
  if (q && !/^\d{4}$/.test(q)) query.nickname = { $contains: q };
  return { query, capped };
}

async function loadCustomer(db: Db, userId: string): Promise<UserDoc> {
  const user = await db.collection('users').get(userId);
  return user ?? fail('CUSTOMER_NOT_FOUND', undefined, 'userId');
}

async function tagsNow(db: Db, userId: string, now: number): Promise<CustomerTag[]> {
  const [held, labels] = await Promise.all([heldTags(db, userId, now), tagLabels(db)]);
  return held.map((t) => tagView(t, labels));
}

const shopperTemplates = () => (Object.keys(TEMPLATES) as TemplatePurpose[]).filter((p) => TEMPLATES[p].audience === 'shopper' && TEMPLATES[p].usedBy.length > 0);

async function profileOf(db: Db, user: UserDoc, now: number): Promise<CustomerProfile> {
  const userId = user._id;
  const templates = shopperTemplates().map((p) => ({ templateId: templateId(p), title: TEMPLATES[p].title }));
  const [[first], orders, ledger, stats, binding, invitees, credits, messages] = await Promise.all([
    rowsWithSpend(db, [user], now),
    db.collection('orders').find({ userId }, { sort: [['createdAt', 'desc']], limit: PROFILE_ORDERS }),
    db.collection('points_entries').find({ userId }, { sort: [['createdAt', 'desc']], limit: PROFILE_LEDGER }),
    db.collection('live_stats').find({ userId }, { limit: 100 }),
    db.collection('referral_bindings').get(userId),
    db.collection('referral_bindings').count({ inviterId: userId }),
    creditsByTemplate(db, userId, templates.map((t) => t.templateId)),
    db.collection('outbox').find({ userId }, { sort: [['createdAt', 'desc']], limit: PROFILE_MESSAGES }),
  ]);
  const [lives, inviter] = await Promise.all([
    stats.length ? db.collection('lives').find({ _id: { $in: stats.map((s) => s.liveId) } }) : [],
    binding ? db.collection('users').get(binding.inviterId) : null,
  ]);
  const liveOf = new Map(lives.map((l) => [l._id, l]));
  const { row, spend } = first;
  return {
    ...row,
    spend: { paidFen: spend.paidFen, refundedFen: spend.refundedFen, netFen: spend.paidFen - spend.refundedFen },
    orders: orders.map((o) => ({
      orderId: o._id,
      status: o.status,
      title: o.lines.map((l) => l.title).join('、'),
      payableFen: o.price.payableFen,
      refundedFen: refundedFenOf(o),
      createdAt: o.createdAt,
    })),
    ledger: ledger.map((e) => ({ delta: e.delta, source: e.source, label: e.label, createdAt: e.createdAt })),
    lives: stats
      .filter((s) => liveOf.has(s.liveId))
      .map((s) => ({ liveId: s.liveId, title: liveOf.get(s.liveId)!.title, startAt: liveOf.get(s.liveId)!.startAt, watchMinutes: s.watchMinutes, cardTaps: s.cardTaps }))
      .sort((a, b) => b.startAt - a.startAt)
      .slice(0, PROFILE_LIVES),
    referral: {
      inviter: binding ? maskName(inviter?.nickname || defaultNickname(binding.inviterId), 'ends') : null,
      boundAt: binding?.createdAt ?? null,
      invitees,
    },
    consents: templates.map((t) => ({ ...t, credits: credits[t.templateId] ?? 0 })),
    messages: messages.map((m) => ({ messageId: m._id, channel: m.channel, kind: m.kind, status: m.status, reason: m.reason, createdAt: m.createdAt })),
  };
}

export const customerActions = bind<'admin'>()({
  listCustomers: {
    staff: 'customers.read',
    handler: async ({ db, now }, { q, tag, page = 1 }) => {
      const text = q?.trim() ?? '';
      const { query, capped } = await customerQuery(db, text, tag, now);
      if (!query) return { items: [], total: 0, capped };
      const users = db.collection('users');
      const [total, docs] = await Promise.all([
        users.count(query),
        users.find(query, { sort: [['lastSeenAt', 'desc']], skip: (page - 1) * CUSTOMERS_PAGE, limit: CUSTOMERS_PAGE }),
      ]);
      return { items: await rowsOf(db, docs, now), total, capped };
    },
  },

  getCustomer: {
    staff: 'customers.read',
    handler: async ({ db, now }, { userId }) => profileOf(db, await loadCustomer(db, userId), now),
  },

  addCustomerTag: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, { userId, tag, days = MANUAL_TAG_DAYS }) => {
      await loadCustomer(ctx.db, userId);
      const added = await addManualTag(ctx.db, { userId, tag, days, now: ctx.now });
      const tags = await tagsNow(ctx.db, userId, ctx.now);
      if (added) ctx.audit({ entity: 'user_tag', entityId: `${userId}:${tag}`, before: null, after: tags.find((t) => t.tag === tag) ?? null });
      return { added, tags };
    },
  },

  removeCustomerTag: {
    staff: 'crm.write',
    write: true,
    handler: async (ctx, { userId, tag }) => {
      await loadCustomer(ctx.db, userId);
      const before = (await tagsNow(ctx.db, userId, ctx.now)).find((t) => t.tag === tag) ?? null;
      const outcome = await removeManualTag(ctx.db, userId, tag, ctx.now);
      if (outcome === 'not_manual') return fail('TAG_NOT_MANUAL', undefined, 'tag');
      if (outcome === 'removed') ctx.audit({ entity: 'user_tag', entityId: `${userId}:${tag}`, before, after: null });
      return { removed: outcome === 'removed', tags: await tagsNow(ctx.db, userId, ctx.now) };
    },
  },

  adjustPoints: {
    staff: 'points.adjust',
    write: true,
    handler: async (ctx, { userId, delta, reason }) => {
      const why = reason.trim();
      if (!why) return fail('INVALID_INPUT', 'a reason is required', 'reason');
      // the entry is keyed by the call, so a retry of the same call adds nothing more
      if (!ctx.requestId) return fail('REQUEST_ID_REQUIRED');
      await loadCustomer(ctx.db, userId);
      const entryId = `adjust:${ctx.caller.openid}:${ctx.requestId}`;
      const before = (await ctx.db.collection('member_accounts').get(userId))?.points ?? 0;
      const points = await adjustPoints(ctx.db, { userId, key: entryId, delta, ref: ctx.caller.openid, label: `${delta > 0 ? '店铺补发' : '店铺扣减'}：${why}`, now: ctx.now });
      ctx.audit({ entity: 'member_account', entityId: userId, before: { points: before }, after: { points, delta, reason: why, entryId } });
      return { points, entryId };
    },
  },
});
