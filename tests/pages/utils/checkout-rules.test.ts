import type { CouponOption, CouponRule } from '../../../typings/contract';
import { afterFailure, attemptFor, isRetryable } from '../../../miniprogram/utils/attempt';
import { optionNote, ruleText } from '../../../miniprogram/utils/coupon-text';
import { addressProblem, couponStep, couponSummary, pickAddress, sameCoupons, stockNote } from '../../../miniprogram/pages/checkout/utils';
import type { Preview } from '../../../miniprogram/services/orders';

describe('submit attempts', () => {
  const ids = () => {
    let n = 0;
    return () => `r-${++n}`;
  };

  it('reuses the request id while the same data is retried after a failure that may not have landed', () => {
    const next = ids();
    const first = attemptFor(null, 'k1', next);
    expect(first).toEqual({ key: 'k1', requestId: 'r-1' });
    for (const code of ['NETWORK', 'BAD_RESPONSE', 'INTERNAL', 'REQUEST_IN_PROGRESS'] as const) {
      expect(isRetryable(code)).toBe(true);
      expect(attemptFor(afterFailure(first, code), 'k1', next)).toBe(first);
    }
  });

  it('starts a new attempt for new data, or after a refusal the server keeps against the id', () => {
    const next = ids();
    const first = attemptFor(null, 'k1', next);
    expect(attemptFor(first, 'k2', next)).toEqual({ key: 'k2', requestId: 'r-2' });
    for (const code of ['OUT_OF_STOCK', 'ADDRESS_NOT_FOUND', 'COUPON_NOT_APPLICABLE', 'IDEMPOTENCY_CONFLICT'] as const) {
      expect(afterFailure(first, code)).toBeNull();
    }
    expect(attemptFor(afterFailure(first, 'OUT_OF_STOCK'), 'k1', next)).toEqual({ key: 'k1', requestId: 'r-3' });
  });
});

describe('coupon wording', () => {
  it.each<[CouponRule, string]>([
    [{ kind: 'no_threshold', valueFen: 5000 }, '无门槛减¥50.00'],
    [{ kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }, { thresholdFen: 39900, valueFen: 8000 }] }, '满¥199.00减¥30.00，满¥399.00减¥80.00'],
    [{ kind: 'discount', percentOff: 20, capFen: 3000, thresholdFen: 0 }, '8折，最高减¥30.00'],
    [{ kind: 'discount', percentOff: 15, capFen: null, thresholdFen: 10000 }, '8.5折，满¥100.00可用'],
    [{ kind: 'related', percentOff: 20, capFen: null, thresholdFen: 0, boughtProductIds: ['p-foundation'] }, '回购8折'],
  ])('%j reads %s', (rule, text) => {
    expect(ruleText(rule)).toBe(text);
  });

  it('says why a coupon is out, or what choosing an applicable one does to the coupons chosen now', () => {
    const base = { applicable: false, reason: null, shortFen: null, joinConflict: null, replaces: [] } as Pick<CouponOption, 'applicable' | 'reason' | 'shortFen' | 'joinConflict' | 'replaces'>;
    expect(optionNote({ ...base, reason: 'below_threshold', shortFen: 3000 })).toBe('还差¥30.00可用');
    expect(optionNote({ ...base, reason: 'locked' })).toBe('已被未支付的订单占用');
    expect(optionNote({ ...base, reason: 'out_of_scope' })).toBe('所选商品不可用');
    expect(optionNote({ ...base, applicable: true, joinConflict: 'not_stackable', replaces: ['c1'] })).toBe('与已选券不可叠加，选用将替换');
    expect(optionNote({ ...base, applicable: true, joinConflict: 'same_template', replaces: ['c1'] })).toBe('同类券每单限用一张，选用将替换');
    expect(optionNote({ ...base, applicable: true, joinConflict: 'too_many', replaces: ['c1'] })).toBe('每单最多使用 3 张，选用将替换');
    expect(optionNote({ ...base, applicable: true, joinConflict: 'not_needed' })).toBe('已达最大优惠，无需再用');
    expect(optionNote({ ...base, applicable: true })).toBe('');
  });
});

describe('stock note', () => {
  it('says what is left only when the line wants more', () => {
    expect(stockNote(2, 5)).toBe('');
    expect(stockNote(2, 2)).toBe('');
    expect(stockNote(3, 1)).toBe('仅剩 1 件');
    expect(stockNote(1, 0)).toBe('已售罄');
    expect(stockNote(1, undefined)).toBe('');
  });
});

describe('checkout view rules', () => {
  const preview = (over: Partial<Preview['coupons']>, discounts: Preview['price']['discounts'] = []): Preview => ({
    lines: [],
    price: { goodsFen: 0, discountFen: 0, shippingFen: 0, payableFen: 0, discounts },
    coupons: { applied: [], suggested: [], suggestedFen: 0, options: [], ...over },
    stock: {},
    limits: {},
  });
  const option = (couponId: string, applicable: boolean) => ({ couponId, applicable }) as CouponOption;

  it('sums the coupon slot from the applied coupons only', () => {
    expect(couponSummary(preview({ applied: ['c1'] }, [{ source: 'member_price', label: '金卡价', amountFen: 500 }, { source: 'c1', label: '满减', amountFen: 3000 }]))).toBe('-¥30.00');
    expect(couponSummary(preview({ options: [option('c1', true), option('c2', true), option('c3', false)] }))).toBe('2 张可用');
    expect(couponSummary(preview({ options: [option('c3', false)] }))).toBe('暂无可用');
    expect(couponSummary(preview({}))).toBe('无优惠券');
  });

  describe('the next coupon stack after a tap', () => {
    const join = (couponId: string, joinConflict: CouponOption['joinConflict'] = null, replaces: string[] = [], applicable = true) =>
      ({ couponId, applicable, joinConflict, replaces }) as CouponOption;
    const coupons = (applied: string[], ...options: CouponOption[]) => preview({ applied, suggested: ['a', 'b'], options }).coupons;

    it('takes a tapped applied coupon out and leaves the others', () => {
      expect(couponStep(coupons(['a', 'b'], join('a'), join('b')), { kind: 'toggle', couponId: 'a' })).toEqual({ couponIds: ['b'], toast: '' });
    });

    it('adds one that joins as it is', () => {
      expect(couponStep(coupons(['a'], join('a'), join('b')), { kind: 'toggle', couponId: 'b' })).toEqual({ couponIds: ['a', 'b'], toast: '' });
    });

    it('adds one that conflicts in place of what it replaces, and says so', () => {
      const c = coupons(['a', 'b'], join('a'), join('b'), join('x', 'not_stackable', ['a']), join('y', 'same_template', ['b']), join('z', 'too_many', ['b']));
      expect(couponStep(c, { kind: 'toggle', couponId: 'x' })).toEqual({ couponIds: ['b', 'x'], toast: '已替换不可叠加的券' });
      expect(couponStep(c, { kind: 'toggle', couponId: 'y' })).toEqual({ couponIds: ['a', 'y'], toast: '已替换同类券' });
      expect(couponStep(c, { kind: 'toggle', couponId: 'z' })).toEqual({ couponIds: ['a', 'z'], toast: '每单最多使用 3 张，已替换优惠最少的券' });
    });

    it('changes nothing for one that would take nothing more, one that does not apply, or one not listed', () => {
      const c = coupons(['a'], join('a'), join('n', 'not_needed'), join('off', null, [], false));
      expect(couponStep(c, { kind: 'toggle', couponId: 'n' })).toEqual({ couponIds: null, toast: '已达最大优惠，无需再用' });
      expect(couponStep(c, { kind: 'toggle', couponId: 'off' })).toEqual({ couponIds: null, toast: '' });
      expect(couponStep(c, { kind: 'toggle', couponId: 'gone' })).toEqual({ couponIds: null, toast: '' });
    });

    it('sets the whole stack for no coupon and for the suggestion', () => {
      expect(couponStep(coupons(['a']), { kind: 'none' })).toEqual({ couponIds: [], toast: '' });
      expect(couponStep(coupons(['x']), { kind: 'suggested' })).toEqual({ couponIds: ['a', 'b'], toast: '' });
      expect(couponStep(preview({}).coupons, { kind: 'suggested' })).toEqual({ couponIds: null, toast: '' });
    });

    it('compares stacks whatever their order', () => {
      expect([sameCoupons(['a', 'b'], ['b', 'a']), sameCoupons(['a'], ['a', 'b']), sameCoupons([], [])]).toEqual([true, false, true]);
    });
  });

  it('keeps the chosen address while it exists, else the default', () => {
    const a = (id: string) => ({ _id: id }) as never;
    expect(pickAddress([a('d'), a('x')], 'x')).toBe('x');
    expect(pickAddress([a('d'), a('x')], 'gone')).toBe('d');
    expect(pickAddress([], 'x')).toBeNull();
  });

  it('checks an address form as the server would', () => {
    const ok = { userName: '王小二', telNumber: '13800138001', provinceName: '广东省', cityName: '深圳市', countyName: '南山区', detailInfo: '科技园 1 号' };
    expect(addressProblem(ok)).toBe('');
    expect(addressProblem({ ...ok, telNumber: '020-81167888' })).toBe('');
    expect(addressProblem({ ...ok, userName: ' ' })).toBe('请填写收货人');
    expect(addressProblem({ ...ok, telNumber: '12345' })).toBe('请填写正确的手机号');
    expect(addressProblem({ ...ok, countyName: '' })).toBe('请选择所在地区');
    expect(addressProblem({ ...ok, detailInfo: 'x'.repeat(121) })).toBe('详细地址最多 120 个字');
  });
});
