import type Database from 'better-sqlite3';

/**
 * Hand-written baselines that do what one kernel call does to the database — the same reads and
 * writes, in the same order, on the same tables and indexes, with documents of the same size — as
 * prepared better-sqlite3 statements in one transaction per call, with no kernel: no validation,
 * no query building, no ports, no async. `kernel / same` is what everything but the database costs.
 *
 * The sequences follow `ROUNDTRIPS_TRACE` of the action as the bench calls it: createOrder by a
 * shopper seen a moment ago (one line, no coupon), claim by a shopper on their first call (the user
 * record, the day's visit and the new-member coupon come first).
 */

type Doc = Record<string, unknown> & { _id: string };

const parse = (row: unknown): Doc | null => (row ? (JSON.parse((row as { doc: string }).doc) as Doc) : null);

/** a document the kernel wrote, as the shape (and size) the baseline writes */
function sample(raw: Database.Database, table: string, where = '1 = 1', ...params: unknown[]): Doc {
  const doc = parse(raw.prepare(`SELECT doc FROM c_${table} WHERE ${where} LIMIT 1`).get(...params));
  if (!doc) throw new Error(`same-effects: no ${table} document to copy`);
  return doc;
}

export interface OrderBaseline {
  users: string[];
  addresses: Map<string, string>;
  skuId: string;
  productId: string;
  /** the SKU's stock is set to this before the run */
  stock: number;
}

/** createOrder's reads and writes `n` times; returns how many orders took stock */
export function sameOrders(raw: Database.Database, n: number, o: OrderBaseline, now: () => number): number {
  const order = sample(raw, 'orders');
  raw.prepare(`UPDATE c_skus SET doc = json_set(doc, '$.stock', ?) WHERE _id = ?`).run(o.stock, o.skuId);
  const q = {
    user: raw.prepare(`SELECT doc FROM c_users WHERE _id = ?`),
    requestIn: raw.prepare(`INSERT INTO c_requests (_id, doc) VALUES (?, ?)`),
    address: raw.prepare(`SELECT doc FROM c_addresses WHERE _id = ?`),
    skus: raw.prepare(`SELECT doc FROM c_skus WHERE _id IN (?) ORDER BY _id ASC`),
    products: raw.prepare(`SELECT doc FROM c_products WHERE _id IN (?) ORDER BY _id ASC`),
    history: raw.prepare(
      `SELECT doc FROM c_orders WHERE json_extract(doc, '$.userId') = ? AND json_extract(doc, '$.status') IN ('paid', 'shipped', 'completed') ORDER BY json_extract(doc, '$.createdAt') DESC, _id ASC LIMIT 200`,
    ),
    coupons: raw.prepare(
      `SELECT doc FROM c_coupons WHERE json_extract(doc, '$.userId') = ? AND json_extract(doc, '$.status') IN ('available', 'locked') AND json_extract(doc, '$.validTo') >= ? ORDER BY json_extract(doc, '$.validTo') ASC, _id ASC LIMIT 100`,
    ),
    binding: raw.prepare(`SELECT doc FROM c_referral_bindings WHERE _id = ?`),
    intentIn: raw.prepare(`INSERT INTO c_checkout_intents (_id, doc) VALUES (?, ?)`),
    take: raw.prepare(
      `UPDATE c_skus SET doc = json_set(doc, '$.stock', json_extract(doc, '$.stock') - 1, '$.holds.' || ?, 1)
       WHERE _id = ? AND json_extract(doc, '$.status') = 'on_sale' AND json_extract(doc, '$.stock') >= 1`,
    ),
    intentGet: raw.prepare(`SELECT doc FROM c_checkout_intents WHERE _id = ?`),
    intentSet: raw.prepare(`UPDATE c_checkout_intents SET doc = ? WHERE _id = ?`),
    orderIn: raw.prepare(`INSERT INTO c_orders (_id, doc) VALUES (?, ?)`),
    release: raw.prepare(`UPDATE c_skus SET doc = json_remove(doc, '$.holds.' || ?) WHERE _id = ? AND json_extract(doc, '$.holds.' || ?) > 0`),
    intentOut: raw.prepare(`DELETE FROM c_checkout_intents WHERE _id = ?`),
    requestGet: raw.prepare(`SELECT doc FROM c_requests WHERE _id = ?`),
    requestSet: raw.prepare(`UPDATE c_requests SET doc = ? WHERE _id = ?`),
  };
  const one = raw.transaction((i: number): boolean => {
    const at = now();
    const userId = o.users[i % o.users.length];
    const id = `same-order-${i}`;
    parse(q.user.get(userId));
    const requestId = `mall:createOrder:${userId}:same-${i}`;
    q.requestIn.run(requestId, JSON.stringify({ _id: requestId, hash: '0'.repeat(64), state: 'pending', result: null, createdAt: at }));
    const address = parse(q.address.get(o.addresses.get(userId)));
    q.skus.all(o.skuId).map(parse);
    q.products.all(o.productId).map(parse);
    // the products bought in paid orders (what `related` coupons look for)
    q.history.all(userId).map(parse);
    q.coupons.all(userId, at).map(parse);
    parse(q.binding.get(userId));
    const lines = [{ skuId: o.skuId, quantity: 1 }];
    q.intentIn.run(id, JSON.stringify({ _id: id, userId, lines, couponIds: [], createdAt: at, placedAt: null, abandonedAt: null }));
    if (!q.take.run(`h_${id}`, o.skuId).changes) {
      q.intentOut.run(id);
      return false;
    }
    const placed = parse(q.intentGet.get(id))!;
    q.intentSet.run(JSON.stringify({ ...placed, placedAt: at }), id);
    q.orderIn.run(id, JSON.stringify({ ...order, _id: id, userId, address, createdAt: at, status: 'created' }));
    q.release.run(`h_${id}`, o.skuId, `h_${id}`);
    q.intentOut.run(id);
    const record = parse(q.requestGet.get(requestId))!;
    q.requestSet.run(JSON.stringify({ ...record, state: 'done', result: { ok: true, data: { orderId: id, payableFen: 0, status: 'created' } } }), requestId);
    return true;
  });
  let placed = 0;
  for (let i = 0; i < n; i++) if (one(i)) placed++;
  return placed;
}

export interface ClaimBaseline {
  templateId: string;
  welcomeTemplateId: string;
  stock: number;
}

/** claim's reads and writes for `n` first-time shoppers; returns how many coupons were issued */
export function sameClaims(raw: Database.Database, n: number, o: ClaimBaseline, now: () => number): number {
  const user = sample(raw, 'users', `_id LIKE 'bench-%'`);
  const coupon = sample(raw, 'coupons', `json_extract(doc, '$.userId') LIKE 'bench-%'`);
  const claim = sample(raw, 'coupon_claims', `json_extract(doc, '$.userId') LIKE 'bench-%'`);
  const request = sample(raw, 'requests', `_id LIKE 'coupons:claim:%'`);
  raw.prepare(`UPDATE c_coupon_templates SET doc = json_set(doc, '$.issued', 0, '$.totalStock', ?) WHERE _id = ?`).run(o.stock, o.templateId);
  const q = {
    userGet: raw.prepare(`SELECT doc FROM c_users WHERE _id = ?`),
    userIn: raw.prepare(`INSERT INTO c_users (_id, doc) VALUES (?, ?)`),
    visitDay: raw.prepare(`UPDATE c_users SET doc = json_set(doc, '$.lastVisitDay', ?) WHERE _id = ? AND json_extract(doc, '$.lastVisitDay') IS NOT ?`),
    visitIn: raw.prepare(`INSERT INTO c_visits (_id, doc) VALUES (?, ?)`),
    couponGet: raw.prepare(`SELECT doc FROM c_coupons WHERE _id = ?`),
    templateGet: raw.prepare(`SELECT doc FROM c_coupon_templates WHERE _id = ?`),
    couponIn: raw.prepare(`INSERT INTO c_coupons (_id, doc) VALUES (?, ?)`),
    claimIn: raw.prepare(`INSERT INTO c_coupon_claims (_id, doc) VALUES (?, ?)`),
    take: raw.prepare(
      `UPDATE c_coupon_templates SET doc = json_set(doc, '$.issued', json_extract(doc, '$.issued') + 1)
       WHERE _id = ? AND json_extract(doc, '$.issued') < json_extract(doc, '$.totalStock')`,
    ),
    activate: raw.prepare(`UPDATE c_coupons SET doc = json_set(doc, '$.status', 'available') WHERE _id = ? AND json_extract(doc, '$.status') = 'pending'`),
    welcomed: raw.prepare(`UPDATE c_users SET doc = json_set(doc, '$.welcome', 'done') WHERE _id = ? AND json_extract(doc, '$.welcome') = 'pending'`),
    requestIn: raw.prepare(`INSERT INTO c_requests (_id, doc) VALUES (?, ?)`),
    rateInc: raw.prepare(`UPDATE c_rate_windows SET doc = json_set(doc, '$.count', json_extract(doc, '$.count') + 1) WHERE _id = ? AND json_extract(doc, '$.count') < ?`),
    rateIn: raw.prepare(`INSERT INTO c_rate_windows (_id, doc) VALUES (?, ?)`),
    requestSet: raw.prepare(`UPDATE c_requests SET doc = ? WHERE _id = ?`),
  };
  const issue = (templateId: string, couponId: string, userId: string, at: number): boolean => {
    parse(q.templateGet.get(templateId));
    q.couponIn.run(couponId, JSON.stringify({ ...coupon, _id: couponId, userId, templateId, status: 'pending', claimedAt: at }));
    q.claimIn.run(`${templateId}:${userId}`, JSON.stringify({ ...claim, _id: `${templateId}:${userId}`, userId, count: 1 }));
    if (!q.take.run(templateId).changes) return false;
    q.activate.run(couponId);
    return true;
  };
  const one = raw.transaction((i: number): boolean => {
    const at = now();
    const userId = `same-${i}`;
    // the first call: the user record, the day's visit, the new-member coupon
    parse(q.userGet.get(userId));
    q.userIn.run(userId, JSON.stringify({ ...user, _id: userId, openid: userId, createdAt: at, lastSeenAt: at, welcome: 'pending' }));
    const day = new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
    q.visitDay.run(day, userId, day);
    q.visitIn.run(`${userId}:${day}`, JSON.stringify({ _id: `${userId}:${day}`, userId, day, at }));
    parse(q.couponGet.get(`welcome-${userId}`));
    issue(o.welcomeTemplateId, `welcome-${userId}`, userId, at);
    q.welcomed.run(userId);
    // the claim: its request record, the caller's rate window, the claim itself
    const requestId = `coupons:claim:${userId}:same-${i}`;
    q.requestIn.run(requestId, JSON.stringify({ ...request, _id: requestId, state: 'pending', result: null, createdAt: at }));
    const windowId = `coupons.claim:${userId}:${Math.floor(at / 60_000)}`;
    if (!q.rateInc.run(windowId, 1_000).changes) q.rateIn.run(windowId, JSON.stringify({ _id: windowId, count: 1, until: at + 60_000 }));
    const couponId = `same-coupon-${i}`;
    const issued = issue(o.templateId, couponId, userId, at);
    q.requestSet.run(JSON.stringify({ ...request, _id: requestId, state: 'done', result: { ok: issued, data: { couponId } } }), requestId);
    return issued;
  });
  let issued = 0;
  for (let i = 0; i < n; i++) if (one(i)) issued++;
  return issued;
}
