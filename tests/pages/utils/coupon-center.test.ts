import type { ClaimableCoupon, MyCoupon } from '../../../typings/contract/index';
import { centerCard, validityText, welcomeCard } from '../../../miniprogram/pages/coupon-center/utils';
import { couponHints } from '../../../miniprogram/pages/product/utils';

/** 2026-11-24 10:00 Shanghai */
const T0 = Date.UTC(2026, 10, 24, 2, 0, 0);
const DAY = 24 * 3600_000;

const claimable = (over: Partial<ClaimableCoupon> = {}): ClaimableCoupon => ({
  templateId: 't1',
  title: '满 199 减 30',
  rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] },
  scope: { productIds: [], categoryIds: [] },
  stackable: false,
  eligibility: 'anyone',
  liveId: null,
  claimStart: null,
  claimEnd: null,
  validDays: 30,
  validFrom: null,
  validTo: null,
  totalStock: 100,
  remaining: 40,
  perUserLimit: 1,
  claimed: 0,
  claimable: true,
  reason: null,
  early: false,
  ...over,
});

describe('coupon centre wording', () => {
  it('reads a card open to claim in full', () => {
    expect(centerCard(claimable())).toEqual({
      templateId: 't1',
      title: '满 199 减 30',
      face: '¥30.00',
      ruleText: '满¥199.00减¥30.00',
      scopeText: '全场通用',
      validText: '领取后 30 天内有效',
      claimedText: '',
      action: 'claim',
      actionText: '立即领取',
      off: false,
    });
  });

  it('gives each refusal its button: 去使用 once all are held, else greyed with the reason', () => {
    const button = (over: Partial<ClaimableCoupon>) => {
      const c = centerCard(claimable({ claimable: false, ...over }));
      return [c.action, c.actionText, c.off, c.claimedText];
    };
    expect(button({ reason: 'limit_reached', claimed: 1 })).toEqual(['use', '去使用', false, '已领取']);
    expect(button({ reason: 'limit_reached', claimed: 2, perUserLimit: 2 })).toEqual(['use', '去使用', false, '已领 2 张']);
    expect(button({ reason: 'sold_out', remaining: 0 })).toEqual(['none', '已抢光', true, '']);
    // 2026-11-25 20:00 Shanghai
    expect(button({ reason: 'not_started', claimStart: T0 + DAY + 10 * 3600_000 })).toEqual(['none', '11-25 20:00 开抢', true, '']);
    expect(button({ reason: 'ended' })).toEqual(['none', '已结束', true, '']);
    expect(button({ reason: 'not_eligible' })).toEqual(['none', '暂不可领', true, '']);
  });

  it('reads validity as days after the claim, or the fixed dates', () => {
    expect(validityText({ validDays: 7, validFrom: null, validTo: null })).toBe('领取后 7 天内有效');
    expect(validityText({ validDays: null, validFrom: T0, validTo: T0 + 6 * DAY })).toBe('2026-11-24 至 2026-11-30');
    expect(validityText({ validDays: null, validFrom: null, validTo: T0 + 6 * DAY })).toBe('2026-11-30 前有效');
  });

  it('reads the new-member coupon as in the wallet, used or expired', () => {
    const mine: MyCoupon = {
      _id: 'g1',
      templateId: 'tpl-welcome',
      title: '新人无门槛券',
      rule: { kind: 'no_threshold', valueFen: 1000 },
      scope: { productIds: [], categoryIds: [] },
      stackable: false,
      status: 'available',
      validFrom: T0,
      validTo: T0 + 7 * DAY,
      claimedAt: T0,
      usedAt: null,
      orderId: null,
      source: 'grant',
    };
    expect(welcomeCard(mine)).toEqual({
      couponId: 'g1',
      title: '新人无门槛券',
      face: '¥10.00',
      ruleText: '无门槛减¥10.00',
      validText: '2026-11-24 至 2026-12-01',
      usable: true,
      stateText: '已放入卡包',
    });
    expect([welcomeCard({ ...mine, status: 'used' }).stateText, welcomeCard({ ...mine, status: 'expired' }).usable]).toEqual(['已使用', false]);
  });
});

describe("the product page's coupon hints", () => {
  it('lists coupons still to claim first, then those held, never sold out or closed ones, at most three', () => {
    const items = [
      claimable({ templateId: 'held', rule: { kind: 'discount', percentOff: 20, capFen: null, thresholdFen: 0 }, claimable: false, reason: 'limit_reached', claimed: 1 }),
      claimable({ templateId: 'gone', claimable: false, reason: 'sold_out' }),
      claimable({ templateId: 'soon', claimable: false, reason: 'not_started' }),
      claimable({ templateId: 'open', rule: { kind: 'no_threshold', valueFen: 500 } }),
    ];
    expect(couponHints(items)).toEqual(['无门槛减¥5.00', '8折']);
    expect(couponHints([...items, claimable(), claimable(), claimable()])).toEqual(['无门槛减¥5.00', '满¥199.00减¥30.00', '满¥199.00减¥30.00']);
  });
});
