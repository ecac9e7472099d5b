import type { CouponTemplateDoc } from '../../cloudfunctions/core/schema';
import { COMEBACK_TEMPLATE } from '../../cloudfunctions/core/modules/postlive/offers';
import { rebuildAssociations } from '../../cloudfunctions/core/modules/recommend/build';
import type { SopRuleDoc } from '../../cloudfunctions/core/schema';
import { evaluateTags } from '../../cloudfunctions/core/modules/tags/engine';
import type { TagRuleDoc } from '../../cloudfunctions/core/schema';
import { DAY } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';

/**
 * After the live: the coupons the post-live follow-up grants, the seeded tag rules ("core fan",
 * "hesitant viewer") evaluated over the demo users, the seeded SOP rules ("cart unpaid 24 h →
 * reminder"), and the association table built from the demo orders.
 */
export const TAG_RULE_CORE_FAN = 'tag-core-fan';
export const TAG_RULE_HESITANT = 'tag-hesitant';
export const SOP_CART_UNPAID = 'sop-cart-unpaid-24h';
export const SOP_HESITANT_FOLLOW_UP = 'sop-hesitant-follow-up';

const TEMPLATES: Array<Pick<CouponTemplateDoc, '_id' | 'title' | 'rule' | 'totalStock' | 'validDays'>> = [
  { _id: COMEBACK_TEMPLATE, title: '直播回放专享 满199减30', rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] }, totalStock: 200_000, validDays: 3 },
  { _id: 'tpl-newmember-d3', title: '新人礼第 3 天：10 元无门槛', rule: { kind: 'no_threshold', valueFen: 1000 }, totalStock: 100_000, validDays: 7 },
  { _id: 'tpl-newmember-d7', title: '新人礼第 7 天：满199减40', rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 4000 }] }, totalStock: 100_000, validDays: 14 },
];

export function seedTagRules(now: number, staff: string): TagRuleDoc[] {
  const base = { enabled: true, createdBy: staff, createdAt: now - DAY, updatedAt: now - DAY };
  return [
    {
      ...base,
      _id: TAG_RULE_CORE_FAN,
      tag: 'core_fan',
      label: '核心粉丝',
      // many interactions while watching: taps, comments, add-to-cart, consults
      expr: { op: 'all', of: [{ op: 'gte', fact: 'interactions', value: 5 }, { op: 'gte', fact: 'watch_minutes', value: 30 }] },
      ttlDays: 30,
      removeWhenFalse: false,
    },
    {
      ...base,
      createdAt: now - DAY + 1,
      _id: TAG_RULE_HESITANT,
      tag: 'hesitant_viewer',
      label: '看了很久未付款',
      expr: { op: 'all', of: [{ op: 'gte', fact: 'watch_minutes', value: 30 }, { op: 'is', fact: 'cart_unpaid', value: true }] },
      ttlDays: 3,
      removeWhenFalse: true,
    },
  ];
}

export function seedSopRules(now: number, staff: string): SopRuleDoc[] {
  const base = { enabled: true, createdBy: staff, createdAt: now - DAY, updatedAt: now - DAY, delayMinutes: 0 };
  return [
    {
      ...base,
      _id: SOP_CART_UNPAID,
      name: '加购 24 小时未付款提醒',
      trigger: { kind: 'time_after_event', event: 'cart_add', minutes: 24 * 60 },
      condition: { op: 'gte', fact: 'cart_unpaid_hours', value: 24 },
      action: { kind: 'subscribe', title: '购物车提醒', text: '你加购的宝贝还在等你', page: 'pages/cart/index' },
      cooldownHours: 72,
    },
    {
      ...base,
      createdAt: now - DAY + 1,
      _id: SOP_HESITANT_FOLLOW_UP,
      name: '犹豫观众一对一跟进',
      trigger: { kind: 'tag_added', tag: 'hesitant_viewer' },
      condition: null,
      action: { kind: 'staff_task', title: '看播 30 分钟以上且未付款：私聊跟进' },
      cooldownHours: 168,
    },
  ];
}

export async function seedAfterLive(ports: Ports, o: { staff: string }): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();
  for (const t of TEMPLATES) {
    await db.collection('coupon_templates').insert({
      ...t,
      scope: { productIds: [], categoryIds: [] },
      stackable: false,
      eligibility: 'system',
      liveId: null,
      issued: 0,
      perUserLimit: 1,
      claimStart: null,
      claimEnd: null,
      validFrom: null,
      validTo: null,
      createdBy: o.staff,
      createdAt: now - DAY,
    });
  }
  for (const rule of seedTagRules(now, o.staff)) await db.collection('tag_rules').insert(rule);
  for (const rule of seedSopRules(now, o.staff)) await db.collection('sop_rules').insert(rule);
  const users = await db.collection('users').find({});
  await evaluateTags(db, users.map((u) => u._id), now);
  await rebuildAssociations(db, now);
}
