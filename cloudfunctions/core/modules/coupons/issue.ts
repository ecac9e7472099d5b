import { fail } from '../../kernel/errors';
import { sha256 } from '../../kernel/stable-json';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { claimCounterId, type CouponDoc, type CouponTemplateDoc } from '../../schema';
import { couponValidity } from './rules';

/**
 * Issuing a coupon: the one path shared by shopper claims and system grants.
 * 1. the coupon document, `pending` (the intent: a crash after it is found and settled by
 *    `repairIssues`);
 * 2. the per-user slot: insert the counter at 1, or `count < perUserLimit` → +1 (COUPON_LIMIT_REACHED);
 * 3. the stock: `issued < totalStock` → +1 (COUPON_SOLD_OUT), giving the slot back if refused;
 * 4. the coupon `pending` → `available`: the commit point.
 * Each step is one conditional update whose changed count decides; nothing is read-then-written.
 * A refused step gives back what the earlier ones took. A process killed between steps leaves a
 * pending coupon: the repair removes it and counts the template's `issued` and the user's slot again
 * from the coupons themselves (a grant is then issued again under its key).
 */
const templates = (db: Db) => db.collection('coupon_templates');
const claims = (db: Db) => db.collection('coupon_claims');
const coupons = (db: Db) => db.collection('coupons');

async function takeSlot(db: Db, t: CouponTemplateDoc, userId: string): Promise<void> {
  const _id = claimCounterId(t._id, userId);
  try {
    await claims(db).insert({ _id, templateId: t._id, userId, count: 1 });
    return;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  if (!(await claims(db).update({ _id, count: { $lt: t.perUserLimit } }, { $inc: { count: 1 } }))) fail('COUPON_LIMIT_REACHED');
}

const giveSlotBack = (db: Db, t: CouponTemplateDoc, userId: string) =>
  claims(db).update({ _id: claimCounterId(t._id, userId) }, { $inc: { count: -1 } });

const giveStockBack = (db: Db, t: CouponTemplateDoc) => templates(db).update({ _id: t._id }, { $inc: { issued: -1 } });

/**
 * Takes a per-user slot, then a unit of stock (giving the slot back if that is refused). A shopper's
 * claim also needs the template not stopped, in the same conditional update.
 */
async function takeSlotAndStock(db: Db, t: CouponTemplateDoc, userId: string, claim: boolean): Promise<void> {
  await takeSlot(db, t, userId);
  // the stock the condition compares with is named in it too: a stock edit between the read and
  // this update (a cut below what the read saw) makes the update miss, and the fresh stock is tried
  let stock = t.totalStock;
  for (let attempt = 0; attempt < 3; attempt++) {
    const query = claim ? { _id: t._id, totalStock: stock, issued: { $lt: stock }, stoppedAt: null } : { _id: t._id, totalStock: stock, issued: { $lt: stock } };
    if (await templates(db).update(query, { $inc: { issued: 1 } })) return;
    const now = await templates(db).get(t._id);
    if (!now || now.totalStock === stock || now.issued >= now.totalStock || (claim && now.stoppedAt != null)) break;
    stock = now.totalStock;
  }
  await giveSlotBack(db, t, userId);
  if (claim && (await templates(db).get(t._id))?.stoppedAt != null) fail('COUPON_ENDED');
  fail('COUPON_SOLD_OUT');
}

function couponDoc(t: CouponTemplateDoc, userId: string, couponId: string, now: number, grantKey: string | null): CouponDoc {
  return {
    _id: couponId,
    templateId: t._id,
    userId,
    title: t.title,
    rule: t.rule,
    scope: t.scope,
    stackable: t.stackable,
    status: 'pending',
    orderId: null,
    lockedAt: null,
    usedAt: null,
    ...couponValidity(t, now),
    claimedAt: now,
    source: grantKey === null ? 'claim' : 'grant',
    grantKey,
  };
}

/** Steps 2–4 for a pending coupon already written; on a refusal the pending coupon goes again. */
async function settleIssue(db: Db, t: CouponTemplateDoc, doc: CouponDoc, claim: boolean): Promise<CouponDoc> {
  try {
    await takeSlotAndStock(db, t, doc.userId, claim);
  } catch (e) {
    await coupons(db).remove({ _id: doc._id, status: 'pending' });
    throw e;
  }
  let flipped: number;
  try {
    flipped = await coupons(db).update({ _id: doc._id, status: 'pending' }, { $set: { status: 'available' } });
  } catch (e) {
    await giveStockBack(db, t);
    await giveSlotBack(db, t, doc.userId);
    await coupons(db).remove({ _id: doc._id, status: 'pending' });
    throw e;
  }
  // gone only if the repair took this call for dead and counted without it: nothing to give back
  if (!flipped) throw new Error(`coupon ${doc._id} was settled by the repair`);
  return { ...doc, status: 'available' };
}

/** A shopper's claim: the pending coupon, slot, stock, then available; throws COUPON_LIMIT_REACHED / COUPON_SOLD_OUT / COUPON_ENDED. */
export async function issueCoupon(db: Db, t: CouponTemplateDoc, userId: string, o: { couponId: string; now: number }): Promise<CouponDoc> {
  // a fast refusal once all are gone; the conditional update is what decides
  if (t.issued >= t.totalStock) fail('COUPON_SOLD_OUT');
  const doc = couponDoc(t, userId, o.couponId, o.now, null);
  await coupons(db).insert(doc);
  return settleIssue(db, t, doc, true);
}

/** A grant's coupon id, derived from its idempotency key so a repeat lands on the same document. */
export const grantCouponId = (key: string) => `g${sha256(key).slice(0, 40)}`;

export interface Grant {
  templateId: string;
  userId: string;
  /** idempotency key, e.g. `newmember:<userId>`, `raffle:<drawId>:<userId>`, `redeem:<redemptionId>` */
  key: string;
  now: number;
}

/**
 * A coupon given by the system (new-member pack, post-live, raffle prize, fission gift, rewards
 * store), through the same slot-and-stock path as a claim but without the claim window, live and
 * eligibility checks. Idempotent by key: the key is claimed first, as a `pending` coupon whose id
 * derives from it, so a repeat (even at the same moment) returns that coupon and takes nothing;
 * if the slot or stock is refused the pending coupon goes again. One a crash left pending is issued
 * by `repairIssues`.
 * Throws COUPON_NOT_FOUND, COUPON_ENDED (fixed validity over), COUPON_LIMIT_REACHED, COUPON_SOLD_OUT.
 */
export async function grantCoupon(db: Db, grant: Grant): Promise<{ couponId: string }> {
  const couponId = grantCouponId(grant.key);
  const existing = await coupons(db).get(couponId);
  if (existing) return sameGrant(existing, grant);
  const t = await templates(db).get(grant.templateId);
  if (!t) return fail('COUPON_NOT_FOUND', undefined, 'templateId');
  if (t.validTo !== null && grant.now > t.validTo) return fail('COUPON_ENDED');
  if (t.issued >= t.totalStock) return fail('COUPON_SOLD_OUT');
  const doc = couponDoc(t, grant.userId, couponId, grant.now, grant.key);
  try {
    await coupons(db).insert(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return sameGrant((await coupons(db).get(couponId))!, grant);
  }
  await settleIssue(db, t, doc, false);
  return { couponId };
}

function sameGrant(existing: CouponDoc, grant: Grant): { couponId: string } {
  if (existing.userId !== grant.userId || existing.templateId !== grant.templateId) {
    throw new Error(`grant key ${grant.key} was used for another user or template`);
  }
  return { couponId: existing._id };
}
