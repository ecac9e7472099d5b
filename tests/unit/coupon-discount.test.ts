import {
  applyChosen,
  bestCombination,
  couponOptions,
  evaluateCoupon,
  joinApplied,
  percentOf,
  type DiscountContext,
  type DiscountLine,
  type Evaluation,
  type WalletCoupon,
} from '../../cloudfunctions/core/modules/coupons/discount';
import { priceOrder } from '../../cloudfunctions/core/modules/orders/pricing';

const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
const DAY = 24 * 3600_000;

let seq = 0;
const coupon = (over: Partial<WalletCoupon> = {}): WalletCoupon => {
  seq++;
  return {
    couponId: `c${seq}`,
    templateId: `t${seq}`,
    title: 'coupon',
    rule: { kind: 'no_threshold', valueFen: 5000 },
    scope: { productIds: [], categoryIds: [] },
    stackable: false,
    status: 'available',
    validFrom: NOW - DAY,
    validTo: NOW + DAY,
    ...over,
  };
};

const line = (productId: string, amountFen: number, categoryId = 'cat-makeup'): DiscountLine => ({ productId, categoryId, amountFen });
const ctx = (lines: DiscountLine[], bought: string[] = [], now = NOW): DiscountContext => ({ lines, boughtProductIds: new Set(bought), now });
const ok = (amountFen: number, eligibleFen: number): Evaluation => ({ applicable: true, amountFen, eligibleFen });
const no = (reason: string, shortFen: number | null = null): Evaluation => ({ applicable: false, reason, shortFen }) as Evaluation;

const threshold = (...tiers: Array<[number, number]>) => ({ kind: 'threshold' as const, tiers: tiers.map(([thresholdFen, valueFen]) => ({ thresholdFen, valueFen })) });
const percent = (percentOff: number, capFen: number | null = null, thresholdFen = 0) => ({ kind: 'discount' as const, percentOff, capFen, thresholdFen });
const related = (percentOff: number, boughtProductIds: string[]) => ({ kind: 'related' as const, percentOff, capFen: null, thresholdFen: 0, boughtProductIds });
const onlyProducts = (...productIds: string[]) => ({ productIds, categoryIds: [] });
const onlyCategories = (...categoryIds: string[]) => ({ productIds: [], categoryIds });

describe('one coupon against the lines', () => {
  const cases: Array<[string, Partial<WalletCoupon>, DiscountContext, Evaluation]> = [
    ['no threshold takes its value', {}, ctx([line('a', 19900)]), ok(5000, 19900)],
    ['no threshold never takes more than the goods', {}, ctx([line('a', 3000)]), ok(3000, 3000)],
    ['满199减30 one fen below the threshold does not apply, and says how far', { rule: threshold([19900, 3000]) }, ctx([line('a', 19899)]), no('below_threshold', 1)],
    ['满199减30 exactly at the threshold applies', { rule: threshold([19900, 3000]) }, ctx([line('a', 19900)]), ok(3000, 19900)],
    ['满199减30 one fen above the threshold applies', { rule: threshold([19900, 3000]) }, ctx([line('a', 19901)]), ok(3000, 19901)],
    ['threshold counts every line together', { rule: threshold([19900, 3000]) }, ctx([line('a', 9900), line('b', 10000)]), ok(3000, 19900)],
    ['tiers: just below the second tier takes the first', { rule: threshold([19900, 3000], [29900, 5000], [49900, 10000]) }, ctx([line('a', 29899)]), ok(3000, 29899)],
    ['tiers: exactly at the second tier takes the second', { rule: threshold([19900, 3000], [29900, 5000], [49900, 10000]) }, ctx([line('a', 29900)]), ok(5000, 29900)],
    ['tiers: far above the top tier takes the top', { rule: threshold([19900, 3000], [29900, 5000], [49900, 10000]) }, ctx([line('a', 100000)]), ok(10000, 100000)],
    ['tiers: below the lowest tier reports the lowest shortfall', { rule: threshold([19900, 3000], [29900, 5000]) }, ctx([line('a', 10000)]), no('below_threshold', 9900)],
    ['8折 rounds the discount down to the fen', { rule: percent(20) }, ctx([line('a', 9999)]), ok(1999, 9999)],
    ['8折 on a round amount is exact', { rule: percent(20) }, ctx([line('a', 10000)]), ok(2000, 10000)],
    ['8.8折 (12% off) rounds down', { rule: percent(12) }, ctx([line('a', 33333)]), ok(3999, 33333)],
    ['8折 capped at 30 yuan', { rule: percent(20, 3000) }, ctx([line('a', 20000)]), ok(3000, 20000)],
    ['8折 exactly reaching the cap', { rule: percent(20, 3000) }, ctx([line('a', 15000)]), ok(3000, 15000)],
    ['8折 one fen under the cap’s reach rounds down below it', { rule: percent(20, 3000) }, ctx([line('a', 14999)]), ok(2999, 14999)],
    ['a percentage that rounds to nothing saves nothing', { rule: percent(15) }, ctx([line('a', 6)]), no('no_saving')],
    ['a percentage coupon with a minimum spend, one fen short', { rule: percent(10, null, 10000) }, ctx([line('a', 9999)]), no('below_threshold', 1)],
    ['scope: only the scoped product counts toward the threshold', { rule: threshold([15000, 2000]), scope: onlyProducts('powder') }, ctx([line('foundation', 16900), line('powder', 12900)]), no('below_threshold', 2100)],
    ['scope: the scoped product reaches it on its own', { rule: threshold([10000, 2000]), scope: onlyProducts('powder') }, ctx([line('foundation', 16900), line('powder', 12900)]), ok(2000, 12900)],
    ['scope: a category counts its lines', { rule: percent(10), scope: onlyCategories('cat-skincare') }, ctx([line('serum', 29900, 'cat-skincare'), line('lipstick', 9900)]), ok(2990, 29900)],
    ['scope: no line in scope', { scope: onlyProducts('perfume') }, ctx([line('a', 50000)]), no('out_of_scope')],
    ['scope: no threshold takes at most the scoped amount', { scope: onlyProducts('puff') }, ctx([line('puff', 1900), line('serum', 29900)]), ok(1900, 1900)],
    ['scope: products and categories together are a union', { rule: percent(10), scope: { productIds: ['lipstick'], categoryIds: ['cat-skincare'] } }, ctx([line('serum', 10000, 'cat-skincare'), line('lipstick', 5000), line('brow', 4900)]), ok(1500, 15000)],
    ['related: bought foundation before, powder 20% off', { rule: related(20, ['foundation']), scope: onlyProducts('powder') }, ctx([line('powder', 12900)], ['foundation']), ok(2580, 12900)],
    ['related: never bought foundation', { rule: related(20, ['foundation']), scope: onlyProducts('powder') }, ctx([line('powder', 12900)], ['serum']), no('not_bought_before')],
    ['related: bought foundation but no powder in the order', { rule: related(20, ['foundation']), scope: onlyProducts('powder') }, ctx([line('foundation', 16900)], ['foundation']), no('out_of_scope')],
    ['related: any one of the listed products counts', { rule: related(20, ['foundation', 'cushion']), scope: onlyProducts('powder') }, ctx([line('powder', 10000)], ['cushion']), ok(2000, 10000)],
    ['validity: usable at the last millisecond', { validTo: NOW }, ctx([line('a', 10000)]), ok(5000, 10000)],
    ['validity: expired one millisecond later', { validTo: NOW - 1 }, ctx([line('a', 10000)]), no('expired')],
    ['validity: not yet started', { validFrom: NOW + 1 }, ctx([line('a', 10000)]), no('not_started')],
    ['a coupon held by another order', { status: 'locked' }, ctx([line('a', 10000)]), no('locked')],
    ['a used coupon', { status: 'used' }, ctx([line('a', 10000)]), no('used')],
  ];

  it.each(cases)('%s', (_name, over, context, expected) => {
    expect(evaluateCoupon(coupon(over), context)).toEqual(expected);
  });

  it('percentOf is the one rounding helper: always down to the fen', () => {
    expect([percentOf(9999, 20), percentOf(1, 99), percentOf(101, 50), percentOf(0, 50)]).toEqual([1999, 0, 50, 0]);
  });
});

describe('choosing the best combination', () => {
  it('of two coupons that do not stack, suggests the bigger and says why not the other', () => {
    const c199 = coupon({ rule: threshold([19900, 3000]) });
    const c50 = coupon();
    const best = bestCombination([c199, c50], ctx([line('a', 20000)]));
    expect(best.applied).toEqual([{ couponId: c50.couponId, amountFen: 5000 }]);
    expect(best.conflicts.get(c199.couponId)).toBe('not_stackable');
  });

  it('stacks a stackable coupon onto the best single one', () => {
    const c199 = coupon({ rule: threshold([19900, 3000]) });
    const c10 = coupon({ rule: { kind: 'no_threshold', valueFen: 1000 }, stackable: true });
    const best = bestCombination([c10, c199], ctx([line('a', 20000)]));
    expect(best.applied).toEqual([
      { couponId: c199.couponId, amountFen: 3000 },
      { couponId: c10.couponId, amountFen: 1000 },
    ]);
    expect(best.totalFen).toBe(4000);
  });

  it('takes at most three coupons, the biggest, and says the rest are too many', () => {
    const stack = [1000, 2000, 3000, 4000].map((valueFen) => coupon({ rule: { kind: 'no_threshold', valueFen }, stackable: true }));
    const best = bestCombination(stack, ctx([line('a', 50000)]));
    expect(best.applied.map((a) => a.amountFen)).toEqual([4000, 3000, 2000]);
    expect(best.conflicts.get(stack[0].couponId)).toBe('too_many');
  });

  it('prefers one non-stackable plus two stackables over three stackables when that saves more', () => {
    const single = coupon({ rule: { kind: 'no_threshold', valueFen: 9000 } });
    const stack = [1000, 2000, 3000].map((valueFen) => coupon({ rule: { kind: 'no_threshold', valueFen }, stackable: true }));
    const best = bestCombination([...stack, single], ctx([line('a', 50000)]));
    expect(best.applied.map((a) => a.couponId)).toEqual([single.couponId, stack[2].couponId, stack[1].couponId]);
    expect(best.totalFen).toBe(14000);
  });

  it('never takes off more than the goods: a coupon that would add nothing is left out as not needed', () => {
    const c50 = coupon();
    const c10 = coupon({ rule: { kind: 'no_threshold', valueFen: 1000 }, stackable: true });
    const best = bestCombination([c50, c10], ctx([line('a', 5000)]));
    expect(best.applied).toEqual([{ couponId: c50.couponId, amountFen: 5000 }]);
    expect(best.conflicts.get(c10.couponId)).toBe('not_needed');
  });

  it('caps the last coupon at what is still payable', () => {
    const c50 = coupon();
    const c20 = coupon({ rule: { kind: 'no_threshold', valueFen: 2000 }, stackable: true });
    const best = bestCombination([c50, c20], ctx([line('a', 6000)]));
    expect(best.applied).toEqual([
      { couponId: c50.couponId, amountFen: 5000 },
      { couponId: c20.couponId, amountFen: 1000 },
    ]);
  });

  it('with equal savings uses fewer coupons', () => {
    const single = coupon({ rule: { kind: 'no_threshold', valueFen: 5000 } });
    const stack = [3000, 2000].map((valueFen) => coupon({ rule: { kind: 'no_threshold', valueFen }, stackable: true }));
    const best = bestCombination([...stack, single], ctx([line('a', 5000)]));
    expect(best.applied).toEqual([{ couponId: single.couponId, amountFen: 5000 }]);
  });

  it('uses one coupon per template, the one expiring sooner when they save the same', () => {
    const later = coupon({ templateId: 'same', validTo: NOW + 5 * DAY, stackable: true });
    const sooner = coupon({ templateId: 'same', validTo: NOW + 2 * DAY, stackable: true });
    const best = bestCombination([later, sooner], ctx([line('a', 20000)]));
    expect(best.applied.map((a) => a.couponId)).toEqual([sooner.couponId]);
    expect(best.conflicts.get(later.couponId)).toBe('same_template');
  });

  it('suggests nothing when nothing applies, and gives each coupon its reason (soonest expiry first)', () => {
    const c199 = coupon({ rule: threshold([19900, 3000]) });
    const expired = coupon({ validTo: NOW - 1 });
    const panel = couponOptions([c199, expired], ctx([line('a', 10000)]));
    expect(panel.suggested).toEqual([]);
    expect(panel.suggestedFen).toBe(0);
    expect(panel.options.map((o) => [o.couponId, o.applicable, o.reason, o.shortFen, o.suggested, o.conflict])).toEqual([
      [expired.couponId, false, 'expired', null, false, null],
      [c199.couponId, false, 'below_threshold', 9900, false, null],
    ]);
  });
});

describe("the shopper's own choice", () => {
  const lines = [line('a', 20000)];

  it('applies coupons that may go together', () => {
    const c199 = coupon({ rule: threshold([19900, 3000]) });
    const c10 = coupon({ rule: { kind: 'no_threshold', valueFen: 1000 }, stackable: true });
    expect(applyChosen([c10.couponId, c199.couponId], [c199, c10], ctx(lines))).toEqual({
      ok: true,
      applied: [
        { couponId: c199.couponId, amountFen: 3000 },
        { couponId: c10.couponId, amountFen: 1000 },
      ],
      totalFen: 4000,
    });
  });

  it('refuses two coupons that do not stack', () => {
    const a = coupon();
    const b = coupon({ rule: threshold([19900, 3000]) });
    expect(applyChosen([a.couponId, b.couponId], [a, b], ctx(lines))).toEqual({ ok: false, couponId: b.couponId, reason: 'not_stackable' });
  });

  it('refuses a coupon that does not apply, with its reason', () => {
    const a = coupon({ rule: threshold([29900, 3000]) });
    expect(applyChosen([a.couponId], [a], ctx(lines))).toEqual({ ok: false, couponId: a.couponId, reason: 'below_threshold' });
  });

  it('refuses two coupons of one template', () => {
    const a = coupon({ templateId: 'x', stackable: true });
    const b = coupon({ templateId: 'x', stackable: true });
    expect(applyChosen([a.couponId, b.couponId], [a, b], ctx(lines))).toEqual({ ok: false, couponId: b.couponId, reason: 'same_template' });
  });

  it('refuses a coupon that would take nothing because the others already cover the goods', () => {
    const a = coupon({ rule: { kind: 'no_threshold', valueFen: 20000 } });
    const b = coupon({ rule: { kind: 'no_threshold', valueFen: 1000 }, stackable: true });
    expect(applyChosen([a.couponId, b.couponId], [a, b], ctx(lines))).toEqual({ ok: false, couponId: b.couponId, reason: 'not_needed' });
  });

  it('with no coupon chosen applies nothing', () => {
    expect(applyChosen([], [coupon()], ctx(lines))).toEqual({ ok: true, applied: [], totalFen: 0 });
  });
});

describe('discounts never exceed what is payable', () => {
  it('for 500 generated wallets and orders, the suggestion stays within the goods and priced payable is never below shipping', () => {
    let x = 7;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    for (let i = 0; i < 500; i++) {
      const lines = Array.from({ length: 1 + rand(3) }, (_, j) => line(`p${j}`, 1 + rand(40000), j % 2 ? 'cat-a' : 'cat-b'));
      const wallet = Array.from({ length: rand(6) }, () => {
        const k = rand(3);
        const rule = k === 0 ? { kind: 'no_threshold' as const, valueFen: 1 + rand(20000) } : k === 1 ? threshold([1 + rand(30000), 1 + rand(10000)]) : percent(1 + rand(99), rand(2) ? null : 1 + rand(5000));
        return coupon({ rule, stackable: rand(2) === 1, scope: rand(3) === 0 ? onlyCategories('cat-a') : { productIds: [], categoryIds: [] } });
      });
      const c = ctx(lines);
      const goods = lines.reduce((s, l) => s + l.amountFen, 0);
      const best = bestCombination(wallet, c);
      expect(best.totalFen).toBeLessThanOrEqual(goods);
      expect(best.applied.every((a) => a.amountFen > 0 && Number.isInteger(a.amountFen))).toBe(true);
      expect(best.applied.filter((a) => !wallet.find((w) => w.couponId === a.couponId)!.stackable).length).toBeLessThanOrEqual(1);
      const price = priceOrder(
        lines.map((l) => ({ unitPriceFen: l.amountFen, quantity: 1 })),
        best.applied.map((a) => ({ source: a.couponId, label: '', amountFen: a.amountFen })),
      );
      expect(price.discountFen).toBe(best.totalFen);
      expect(price.payableFen).toBeGreaterThanOrEqual(price.shippingFen);
    }
  });
});

describe('choosing one more coupon beside the applied ones', () => {
  const goods = ctx([line('a', 50000)]);
  const off = (valueFen: number, over: Partial<WalletCoupon> = {}) => coupon({ rule: { kind: 'no_threshold', valueFen }, ...over });

  it('a stackable one joins a non-stackable one as it is', () => {
    const single = off(3000);
    const extra = off(1000, { stackable: true });
    expect(joinApplied(extra.couponId, [single.couponId], [single, extra], goods)).toEqual({ conflict: null, replaces: [] });
  });

  it('a second non-stackable one replaces the applied non-stackable one and keeps the stackable ones', () => {
    const single = off(3000);
    const extra = off(1000, { stackable: true });
    const other = off(2000);
    expect(joinApplied(other.couponId, [single.couponId, extra.couponId], [single, extra, other], goods)).toEqual({ conflict: 'not_stackable', replaces: [single.couponId] });
  });

  it('one of an applied template replaces that one', () => {
    const first = off(1000, { stackable: true, templateId: 'same' });
    const second = off(1000, { stackable: true, templateId: 'same' });
    const single = off(3000);
    expect(joinApplied(second.couponId, [single.couponId, first.couponId], [single, first, second], goods)).toEqual({ conflict: 'same_template', replaces: [first.couponId] });
  });

  it('past the most an order takes, replaces the applied one saving least', () => {
    const stack = [3000, 1000, 2000].map((v) => off(v, { stackable: true }));
    const fourth = off(500, { stackable: true });
    const ids = stack.map((c) => c.couponId);
    expect(joinApplied(fourth.couponId, ids, [...stack, fourth], goods)).toEqual({ conflict: 'too_many', replaces: [stack[1].couponId] });
  });

  it('with the goods used up, one that would take nothing more is not needed and replaces nothing; a bigger one replaces the one it leaves with nothing', () => {
    const small = ctx([line('a', 5000)]);
    const whole = off(5000, { stackable: true });
    const more = off(1000, { stackable: true });
    expect(joinApplied(more.couponId, [whole.couponId], [whole, more], small)).toEqual({ conflict: 'not_needed', replaces: [] });
    const part = off(1000, { stackable: true });
    expect(joinApplied(whole.couponId, [part.couponId], [whole, part], small)).toEqual({ conflict: 'not_needed', replaces: [part.couponId] });
  });

  it('an applied one, or one that does not apply, has nothing to say', () => {
    const single = off(3000);
    const later = off(3000, { validFrom: NOW + DAY });
    expect(joinApplied(single.couponId, [single.couponId], [single, later], goods)).toEqual({ conflict: null, replaces: [] });
    expect(joinApplied(later.couponId, [single.couponId], [single, later], goods)).toEqual({ conflict: null, replaces: [] });
  });
});
