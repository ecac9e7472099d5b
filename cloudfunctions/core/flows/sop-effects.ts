import { HOUR } from '../kernel/time';
import type { Db } from '../ports';
import type { SopTaskDoc, UserDoc } from '../schema';
import { grantCoupon } from '../modules/coupons';
import { boundPhone, send, templateId } from '../modules/messaging';
import { defaultAddress } from '../modules/orders';
import { earnPoints } from '../modules/points';
import { actionKey, openStaffTask, type SopDeps, type SopEffects, type SopResult } from '../modules/sop';
import { addTag, evaluate, factsUsed, isLive, loadFacts } from '../modules/tags';

/**
 * SOP effects: what a due step reads and does outside the sop module. The condition is evaluated on
 * the user's facts and live tags (tags); the action sends a message (messaging), grants a coupon
 * (coupons) or points (points), adds a tag (tags) or opens a staff task (sop). Each is idempotent on
 * `sop:<taskId>`, so nothing needs compensating: a step run twice acts once.
 */
/** Where a member's SMS goes: the phone they bound through WeChat, else their default address's. */
export async function smsPhone(db: Db, userId: string, known?: UserDoc): Promise<string | null> {
  return (await boundPhone(db, userId)) ?? (await defaultAddress(db, userId, known))?.telNumber ?? null;
}

async function conditionHolds(db: Db, task: SopTaskDoc, now: number): Promise<boolean> {
  if (!task.condition) return true;
  const facts = await loadFacts(db, [task.userId], now, factsUsed([task.condition]));
  const held = await db.collection('user_tags').find({ userId: task.userId });
  return evaluate(task.condition, facts.get(task.userId)!, new Set(held.filter((t) => isLive(t, now)).map((t) => t.tag)));
}

async function message(deps: SopDeps, req: Parameters<typeof send>[1]): Promise<SopResult> {
  const status = await send(deps, req);
  const doc = await deps.db.collection('outbox').get(req.key);
  return { status: 'done', outcome: status === 'duplicate' ? doc?.status ?? 'duplicate' : status, reason: doc?.reason ?? null };
}

/** Performs the step's action; idempotent on `sop:<taskId>`. */
async function act(deps: SopDeps, task: SopTaskDoc): Promise<SopResult> {
  const { db, now } = deps;
  const key = actionKey(task);
  const a = task.action;
  switch (a.kind) {
    case 'subscribe':
      return message(deps, {
        key,
        channel: 'subscribe',
        kind: 'marketing',
        userId: task.userId,
        template: templateId('marketing'),
        // the marketing template's three keywords: what, the text, and where the tap leads
        params: { thing1: a.title, thing2: a.text, thing3: '点击查看详情' },
        page: a.page,
        source: task.source,
      });
    case 'sms':
      return message(deps, {
        key,
        channel: 'sms',
        kind: 'marketing',
        userId: task.userId,
        template: 'sop_sms',
        params: { ruleId: task.ruleId ?? '' },
        content: a.text,
        phone: await smsPhone(db, task.userId),
        source: task.source,
      });
    case 'grant_coupon': {
      const { couponId } = await grantCoupon(db, { templateId: a.templateId, userId: task.userId, key, now });
      return { status: 'done', outcome: `coupon:${couponId}`, reason: null };
    }
    case 'grant_points': {
      const added = await earnPoints(db, { userId: task.userId, key, amount: a.points, source: 'grant', ref: task.ruleId ?? task.source, label: a.label, now });
      return { status: 'done', outcome: added ? `points:+${a.points}` : 'points:already', reason: null };
    }
    case 'add_tag': {
      const added = await addTag(db, { userId: task.userId, tag: a.tag, source: task.source, expiresAt: now + a.ttlDays * 24 * HOUR, now });
      return { status: 'done', outcome: added ? 'tag:added' : 'tag:held', reason: null };
    }
    case 'staff_task': {
      const _id = await openStaffTask(db, task, a.title, now);
      return { status: 'done', outcome: `staff_task:${_id}`, reason: null };
    }
  }
}


export const sopEffects: SopEffects = { conditionHolds, act };
