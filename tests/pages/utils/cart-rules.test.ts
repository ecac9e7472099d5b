import type { Cart, CartLine } from '../../../typings/contract';
import { checkoutSelection, lineView, nextSelection, problemText, totals } from '../../../miniprogram/pages/cart/utils';
import { displayPrice, landingCard, memberPriceText } from '../../../miniprogram/pages/product/utils';

const line = (skuId: string, over: Partial<CartLine> = {}): CartLine => ({
  skuId,
  productId: skuId.replace(/-\d+$/, ''),
  title: skuId,
  image: '',
  specs: { 色号: '01' },
  quantity: 1,
  unitPriceFen: 1000,
  listPriceFen: 1000,
  lineTotalFen: 1000,
  stock: 10,
  problem: null,
  priceChanged: false,
  ...over,
});
const cart = (lines: CartLine[]): Cart => ({ lines, goodsFen: 0, count: 0 });

describe('cart rules', () => {
  it('selects lines the first time they are seen when buyable, and keeps the choice after', () => {
    const first = nextSelection(cart([line('a-1'), line('b-1', { problem: 'unavailable' })]), new Set(), new Set());
    expect([...first.selected]).toEqual(['a-1']);
    const later = nextSelection(cart([line('a-1'), line('b-1'), line('c-1')]), new Set(), first.known);
    expect([...later.selected]).toEqual(['c-1']);
  });

  it('bounds the stepper by stock, and by the quantity held when stock fell below it', () => {
    expect(lineView(line('a-1', { stock: 5000 }), true, '').max).toBe(999);
    expect(lineView(line('a-1', { stock: 0, quantity: 1, problem: 'insufficient_stock' }), true, '')).toEqual(
      expect.objectContaining({ max: 1, buyable: false, selected: false, problemText: '已售罄' }),
    );
    expect(problemText({ problem: 'insufficient_stock', stock: 3 })).toBe('库存不足，仅剩 3 件');
    expect(lineView(line('a-1', { liveId: 'l', cardId: 'c', unitPriceFen: 800 }), true, '')).toEqual(
      expect.objectContaining({ fromLive: true, listPriceFen: 1000, unitPriceFen: 800 }),
    );
  });

  it('totals the selected buyable lines only', () => {
    const views = [lineView(line('a-1', { quantity: 2 }), true, ''), lineView(line('b-1'), false, ''), lineView(line('c-1', { problem: 'unavailable' }), true, '')];
    expect(totals(views)).toEqual({ selectedCount: 1, selectedQuantity: 2, totalFen: 2000, allSelected: false });
  });

  it('checks out the selected lines with the first live card among them', () => {
    const c = cart([line('a-1'), line('b-1', { liveId: 'l-1', cardId: 'card-2' }), line('c-1', { liveId: 'l-2', cardId: 'card-9' })]);
    const views = c.lines.map((l) => lineView(l, l.skuId !== 'a-1', ''));
    expect(checkoutSelection(c, views)).toEqual({
      items: [
        { skuId: 'b-1', quantity: 1 },
        { skuId: 'c-1', quantity: 1 },
      ],
      attribution: { source: 'live_card', liveId: 'l-1', cardId: 'card-2' },
    });
  });
});

describe('member price line', () => {
  const skus = [{ memberPriceFen: 19900 }, { memberPriceFen: 24900 }, {}] as Array<{ memberPriceFen?: number }>;
  const member = (eligible: boolean) => ({ memberPrice: { eligible, tierName: eligible ? '金卡会员' : '普通会员', fromTierName: '银卡会员' }, skus: skus as never });
  it('names the price and whether the shopper’s tier pays it', () => {
    expect(memberPriceText(member(true), skus[1])).toBe('会员价 ¥249.00 · 金卡会员下单自动享');
    expect(memberPriceText(member(false), null)).toBe('会员价 ¥199.00 起 · 银卡会员及以上可享');
    expect(memberPriceText(member(true), skus[2])).toBe('');
    expect(memberPriceText({ memberPrice: null, skus: skus as never }, skus[0])).toBe('');
  });
});

describe('product price line', () => {
  const product = { priceFen: 16900, originalPriceFen: 22900 };
  it('shows the live price over the regular one while the live is on, never above the SKU price', () => {
    const live = { livePriceFen: 12900, skuPrices: { s1: 12900, s2: 12900 } };
    expect(displayPrice(product, null, live)).toEqual({ priceFen: 12900, originalFen: 16900, livePriced: true });
    expect(displayPrice(product, { _id: 's1', priceFen: 12000 }, live)).toEqual({ priceFen: 12000, originalFen: 12000, livePriced: true });
    expect(displayPrice(product, { _id: 's1', priceFen: 17900 }, null)).toEqual({ priceFen: 17900, originalFen: 22900, livePriced: false });
  });

  it('prices each SKU on its own: a SKU the card does not list shows its regular price, not the card price', () => {
    const live = { livePriceFen: 11900, skuPrices: { 'cushion-1': 11900, 'cushion-6': 31900 } };
    expect(displayPrice(product, { _id: 'cushion-6', priceFen: 35900 }, live)).toEqual({ priceFen: 31900, originalFen: 35900, livePriced: true });
    expect(displayPrice(product, { _id: 'cushion-3', priceFen: 23900 }, live)).toEqual({ priceFen: 23900, originalFen: 22900, livePriced: false });
  });

  it('names a card only when the landing names both the live and the card', () => {
    expect(landingCard({ liveId: 'l', cardId: 'c' })).toEqual({ liveId: 'l', cardId: 'c' });
    expect(landingCard({ liveId: 'l' })).toBeNull();
  });
});
