import { priceOrder, SHIPPING } from '../../cloudfunctions/core/modules/orders/pricing';
import type { Discount } from '../../typings/contract';

const d = (amountFen: number, source = 'c'): Discount => ({ source, label: source, amountFen });
const line = (unitPriceFen: number, quantity = 1) => ({ unitPriceFen, quantity });

describe('priceOrder: goods, discounts, shipping, payable — all in fen', () => {
  it.each([
    // [case, lines, discounts, goods, discount, shipping, payable]
    ['one line, below free shipping', [line(6900)], [], 6900, 0, 1000, 7900],
    ['quantities multiply', [line(3900, 3)], [], 11700, 0, 0, 11700],
    ['free shipping exactly at ¥99', [line(9900)], [], 9900, 0, 0, 9900],
    ['one fen below free shipping pays it', [line(9899)], [], 9899, 0, 1000, 10899],
    ['free shipping judged after discounts', [line(12900)], [d(5000)], 12900, 5000, 1000, 8900],
    ['discount bringing goods exactly to ¥99 keeps free shipping', [line(14900)], [d(5000)], 14900, 5000, 0, 9900],
    ['a discount never exceeds the goods', [line(3000)], [d(5000)], 3000, 3000, 1000, 1000],
    ['several discounts, capped at what is left', [line(6000)], [d(4000, 'a'), d(4000, 'b')], 6000, 6000, 1000, 1000],
    ['a discount that would take nothing more is dropped', [line(1000)], [d(1000, 'a'), d(500, 'b')], 1000, 1000, 1000, 1000],
    ['fractional fen in a discount round down', [line(10000)], [d(1234.9)], 10000, 1234, 1000, 9766],
    ['negative discounts take nothing', [line(10000)], [d(-500)], 10000, 0, 0, 10000],
    ['no goods, no shipping', [], [], 0, 0, 0, 0],
    ['zero-price goods (a prize) ship free', [line(0)], [], 0, 0, 0, 0],
    ['mixed lines sum', [line(12900), line(9900, 2), line(1900)], [], 34600, 0, 0, 34600],
  ])('%s', (_, lines, discounts, goodsFen, discountFen, shippingFen, payableFen) => {
    const price = priceOrder(lines, discounts);
    expect([price.goodsFen, price.discountFen, price.shippingFen, price.payableFen]).toEqual([goodsFen, discountFen, shippingFen, payableFen]);
    expect(price.payableFen).toBe(price.goodsFen - price.discountFen + price.shippingFen);
    expect(price.discounts.reduce((s, x) => s + x.amountFen, 0)).toBe(price.discountFen);
    for (const x of price.discounts) expect(Number.isInteger(x.amountFen) && x.amountFen > 0).toBe(true);
  });

  it('takes another shipping rule', () => {
    expect(priceOrder([line(5000)], [], { freeFromFen: 5000, feeFen: 800 }).shippingFen).toBe(0);
    expect(priceOrder([line(4999)], [], { freeFromFen: 5000, feeFen: 800 }).shippingFen).toBe(800);
    expect(SHIPPING).toEqual({ freeFromFen: 9900, feeFen: 1000 });
  });
});
