import type { Db } from '../../cloudfunctions/core/ports';
import { STALE_AUDIT_INTENT_MS } from '../../cloudfunctions/core/kernel/audit';
import { purchaseCountId } from '../../cloudfunctions/core/schema';
import { CLOSED, ENDED, linePaidFen, STALE_CHECKOUT_MS } from '../../cloudfunctions/core/modules/orders';
import { holdKey, returnKey, soldKey } from '../../cloudfunctions/core/modules/catalog';
import { STALE_ISSUE_MS } from '../../cloudfunctions/core/modules/coupons';
import { STALE_REDEMPTION_MS } from '../../cloudfunctions/core/modules/points';

/**
 * What must hold between collections whatever happened to the calls that wrote them (crashes,
 * retries, concurrent callers), each checked from the records alone. A violation names the
 * invariant, the record and what was found.
 */
export interface Violation {
  invariant: InvariantName;
  id: string;
  found: string;
}

export const INVARIANTS = {
  'points.balance': 'each member account’s balance is the sum of its ledger entries, and never negative',
  'coupons.issued': 'each coupon template’s issued count is the number of its coupons that were issued (not pending), and no coupon is left pending longer than a call can take',
  'coupons.slots': 'each per-user claim counter is the number of that user’s issued coupons of the template',
  'rewards.redeemed': 'each reward’s redeemed count is the number of its completed redemptions, each took its points once, and none is left pending longer than a call can take',
  'payments.once': 'an order is paid by at most one payment, every paid order had its payment effects run once, and its sales count is finished (none left open longer than a call can take, no product keeps the sales mark of a finished count)',
  'stock.nonNegative': 'no SKU or reward stock below zero',
  'orders.purchaseLimits': 'each per-user purchase counter is what that user’s open orders took of the SKU, never above its limit',
  'stock.returned': 'every order closed unpaid has its stock back (none left owing longer than a call can take), and no SKU keeps the return mark of an order whose stock is back',
  'checkout.settled': 'every checkout settles: none is left open longer than a call can take, and every stock hold on a SKU belongs to an open checkout',
  'aftersale.locks': 'each open after-sale application holds its order line, each held line names an open application, and no line’s refunds pass what it was paid',
  'reviews.stats': 'each product’s review counts are its visible reviews: how many, how many with photos, their stars',
  'audit.intents': 'every staff write has its audit: no intent is left older than a call can take',
} as const;
export type InvariantName = keyof typeof INVARIANTS;

const PAID = new Set(['paid', 'shipped', 'completed', 'refunding', 'refunded']);
const CLOSED_STATES = new Set<string>(CLOSED);

const tally = <T>(rows: T[], key: (r: T) => string, amount: (r: T) => number = () => 1) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + amount(r));
  return m;
};

export async function checkInvariants(db: Db, now: number): Promise<Violation[]> {
  const out: Violation[] = [];
  const report = (invariant: InvariantName, id: string, found: string) => out.push({ invariant, id, found });

  const [accounts, entries] = await Promise.all([db.collection('member_accounts').find({}), db.collection('points_entries').find({})]);
  const ledger = tally(entries, (e) => e.userId, (e) => e.delta);
  for (const a of accounts) {
    const sum = ledger.get(a._id) ?? 0;
    if (a.points !== sum || a.points < 0) report('points.balance', a._id, `balance ${a.points}, ledger sum ${sum}`);
  }
  const accountIds = new Set(accounts.map((a) => a._id));
  for (const [userId, sum] of ledger) if (!accountIds.has(userId) && sum !== 0) report('points.balance', userId, `no account, ledger sum ${sum}`);

  const [templates, coupons, counters] = await Promise.all([
    db.collection('coupon_templates').find({}),
    db.collection('coupons').find({}),
    db.collection('coupon_claims').find({}),
  ]);
  const issued = coupons.filter((c) => c.status !== 'pending');
  for (const c of coupons.filter((c) => c.status === 'pending' && c.claimedAt < now - STALE_ISSUE_MS)) {
    report('coupons.issued', c._id, `pending since ${new Date(c.claimedAt).toISOString()}`);
  }
  const byTemplate = tally(issued, (c) => c.templateId);
  for (const t of templates) {
    const n = byTemplate.get(t._id) ?? 0;
    if (t.issued !== n) report('coupons.issued', t._id, `issued ${t.issued}, coupons ${n}`);
  }
  const byUser = tally(issued, (c) => `${c.templateId}:${c.userId}`);
  for (const c of counters) {
    const n = byUser.get(`${c.templateId}:${c.userId}`) ?? 0;
    if (c.count !== n) report('coupons.slots', c._id, `counter ${c.count}, coupons ${n}`);
  }

  const [rewards, redemptions] = await Promise.all([db.collection('rewards').find({}), db.collection('redemptions').find({})]);
  const given = redemptions.filter((r) => r.state === 'done');
  for (const r of redemptions.filter((r) => r.state === 'pending' && r.createdAt < now - STALE_REDEMPTION_MS)) {
    report('rewards.redeemed', r._id, `pending since ${new Date(r.createdAt).toISOString()}`);
  }
  const byReward = tally(given, (r) => r.rewardId);
  for (const r of rewards) {
    const n = byReward.get(r._id) ?? 0;
    if (r.redeemed !== n) report('rewards.redeemed', r._id, `redeemed ${r.redeemed}, redemptions ${n}`);
    if (r.stock < 0) report('stock.nonNegative', `reward ${r._id}`, `stock ${r.stock}`);
  }
  const entryById = new Map(entries.map((e) => [e._id, e]));
  for (const r of given) {
    const spent = entryById.get(`redeem:${r._id}`)?.delta ?? 0;
    const undone = entryById.get(`redeem_undo:${r._id}`)?.delta ?? 0;
    if (spent + undone !== -r.pointsSpent) report('rewards.redeemed', r._id, `took ${-(spent + undone)} points for a ${r.pointsSpent}-point reward`);
  }

  const [orders, payments] = await Promise.all([db.collection('orders').find({}), db.collection('payments').find({})]);
  const paymentsOf = tally(
    payments.filter((p) => !p.orphan),
    (p) => p.orderId,
  );
  for (const o of orders) {
    const n = paymentsOf.get(o._id) ?? 0;
    if (n > 1) report('payments.once', o._id, `${n} payments`);
    if (PAID.has(o.status) && o.paidEffectsAt == null) report('payments.once', o._id, `${o.status} without its payment effects`);
    if (o.salesOpen && (o.paidEffectsAt ?? 0) < now - STALE_CHECKOUT_MS) report('payments.once', o._id, `sales count open since ${new Date(o.paidEffectsAt ?? 0).toISOString()}`);
  }
  const counting = new Set(orders.filter((o) => o.salesOpen).map((o) => soldKey(o._id).slice('sold.'.length)));
  for (const p of await db.collection('products').find({})) {
    for (const key of Object.keys(p.sold ?? {})) if (!counting.has(key)) report('payments.once', `product ${p._id}`, `sales mark ${key} of a finished count`);
  }

  for (const s of await db.collection('skus').find({ stock: { $lt: 0 } })) report('stock.nonNegative', `sku ${s._id}`, `stock ${s.stock}`);

  const owing = new Set<string>();
  for (const o of orders.filter((o) => o.stockReturnOpen)) {
    owing.add(returnKey(o._id).slice('returns.'.length));
    const what = o.stockReturnedAt === null ? 'stock not back' : 'return marks not cleared';
    if ((o.closedAt ?? 0) < now - STALE_CHECKOUT_MS) report('stock.returned', o._id, `${o.status} since ${new Date(o.closedAt ?? 0).toISOString()}, ${what}`);
  }
  for (const o of orders.filter((o) => (o.status === 'cancelled' || o.status === 'expired') && o.stockReturnedAt === null && !o.stockReturnOpen)) {
    report('stock.returned', o._id, `${o.status} with its stock not back and no return open`);
  }
  for (const s of await db.collection('skus').find({})) {
    for (const key of Object.keys(s.returns ?? {})) if (!owing.has(key)) report('stock.returned', `sku ${s._id}`, `return mark ${key} of an order whose stock is back`);
  }

  const open = orders.filter((o) => !CLOSED_STATES.has(o.status)).flatMap((o) => (o.limitedLines ?? []).map((l) => ({ ...l, userId: o.userId })));
  const held = tally(open, (l) => purchaseCountId(l.userId, l.skuId), (l) => l.quantity);
  const counts = await db.collection('purchase_counts').find({});
  const limits = new Map((await db.collection('skus').find({ _id: { $in: [...new Set(counts.map((c) => c.skuId))] } })).map((s) => [s._id, s.perUserLimit]));
  for (const c of counts) {
    const n = held.get(c._id) ?? 0;
    const limit = limits.get(c.skuId);
    if (c.count !== n) report('orders.purchaseLimits', c._id, `counter ${c.count}, open orders ${n}`);
    else if (limit && c.count > limit) report('orders.purchaseLimits', c._id, `holds ${c.count} of a ${limit}-per-shopper SKU`);
  }
  const counted = new Set(counts.map((c) => c._id));
  for (const [id, n] of held) if (!counted.has(id) && n > 0) report('orders.purchaseLimits', id, `no counter, open orders ${n}`);

  const afterSales = await db.collection('after_sales').find({});
  const afterSaleById = new Map(afterSales.map((a) => [a._id, a]));
  const orderById = new Map(orders.map((o) => [o._id, o]));
  for (const a of afterSales.filter((a) => !ENDED.includes(a.state))) {
    const held = orderById.get(a.orderId)?.afterSales?.[a.skuId];
    if (held !== a._id) report('aftersale.locks', a._id, `open (${a.state}) but its line is held by ${held ?? 'nothing'}`);
  }
  for (const o of orders) {
    for (const [skuId, id] of Object.entries(o.afterSales ?? {})) {
      if (!id) continue;
      const a = afterSaleById.get(id);
      if (!a || ENDED.includes(a.state) || a.skuId !== skuId) report('aftersale.locks', `${o._id}:${skuId}`, `held by ${id}, ${a ? a.state : 'missing'}`);
    }
    const paid = linePaidFen(o);
    for (const r of o.refunded?.lines ?? []) {
      const i = o.lines.findIndex((l) => l.skuId === r.skuId);
      if (i < 0 || r.amountFen > paid[i] || r.quantity > o.lines[i].quantity) report('aftersale.locks', `${o._id}:${r.skuId}`, `refunded ${r.quantity} units, ${r.amountFen} fen of a line paid ${paid[i] ?? 0}`);
    }
  }

  const visible = (await db.collection('reviews').find({ state: 'visible' })).reduce((m, r) => {
    const t = m.get(r.productId) ?? { count: 0, withPhotos: 0, ratingSum: 0 };
    m.set(r.productId, { count: t.count + 1, withPhotos: t.withPhotos + (r.hasPhotos ? 1 : 0), ratingSum: t.ratingSum + r.rating });
    return m;
  }, new Map<string, { count: number; withPhotos: number; ratingSum: number }>());
  const stats = await db.collection('review_stats').find({});
  for (const s of stats) {
    const t = visible.get(s._id) ?? { count: 0, withPhotos: 0, ratingSum: 0 };
    if (s.count !== t.count || s.withPhotos !== t.withPhotos || s.ratingSum !== t.ratingSum) report('reviews.stats', s._id, `counts ${s.count}/${s.withPhotos}/${s.ratingSum}, visible reviews ${t.count}/${t.withPhotos}/${t.ratingSum}`);
  }
  for (const [productId, t] of visible) if (!stats.some((s) => s._id === productId)) report('reviews.stats', productId, `no counts, ${t.count} visible reviews`);

  const checkouts = await db.collection('checkout_intents').find({});
  for (const c of checkouts.filter((c) => c.createdAt < now - STALE_CHECKOUT_MS)) {
    report('checkout.settled', c._id, `open since ${new Date(c.createdAt).toISOString()}${c.placedAt !== null ? ', order written' : ''}`);
  }
  const openHolds = new Set(checkouts.map((c) => holdKey(c._id).slice('holds.'.length)));
  for (const s of await db.collection('skus').find({})) {
    for (const key of Object.keys(s.holds ?? {})) if (!openHolds.has(key)) report('checkout.settled', `sku ${s._id}`, `hold ${key} of no open checkout`);
  }

  for (const i of await db.collection('audit_intents').find({ createdAt: { $lt: now - STALE_AUDIT_INTENT_MS } })) {
    report('audit.intents', i._id, `${i.fn}.${i.action} by ${i.actor} at ${new Date(i.createdAt).toISOString()} has no audit`);
  }
  return out;
}
